package tracewire_test

import (
	"errors"
	"fmt"

	"github.com/tracewire/tracewire"
)

func ExampleParseOTelState() {
	o, err := tracewire.ParseOTelState("rv:9b8233f7e3a151;th:c")
	th, _ := o.Threshold()
	rv, _ := o.Randomness()
	fmt.Printf("T=%014x R=%014x kept=%v %v\n", th, rv, rv >= th, err)

	// A malformed threshold is erased; the rest of the member stays.
	o, err = tracewire.ParseOTelState("th:G;foo:bar")
	_, hasTh := o.Threshold()
	fmt.Println(o, hasTh, errors.Is(err, tracewire.ErrValue))
	// Output:
	// T=c0000000000000 R=9b8233f7e3a151 kept=false <nil>
	// foo:bar false true
}

func ExampleOTelState_WithThreshold() {
	o, _ := tracewire.ParseOTelState("foo:bar")
	o, err := o.WithThreshold(0x80000000000000) // 50%
	fmt.Println(o, err)

	o, _ = o.WithRandomness(0x9b8233f7e3a151)
	fmt.Println(o)
	fmt.Println(o.WithoutThreshold())
	// Output:
	// th:8;foo:bar <nil>
	// th:8;rv:9b8233f7e3a151;foo:bar
	// rv:9b8233f7e3a151;foo:bar
}

func ExampleTraceState_OTelState() {
	ts, _ := tracewire.ParseTraceState("congo=t61rcWkgMzE,ot=th:c;rv:9b8233f7e3a151")
	o, err := ts.OTelState()
	fmt.Println(o, err)

	// The caller says "sampled with threshold c", but its randomness is
	// below c: something else kept the trace, so the threshold is erased
	// before the member is passed on.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled|tracewire.FlagRandom).WithTraceState(ts)
	fmt.Println(ts.WithOTelState(o.ConsistentWith(sc)))
	// Output:
	// th:c;rv:9b8233f7e3a151 <nil>
	// ot=rv:9b8233f7e3a151,congo=t61rcWkgMzE
}

func ExampleSpanContext_Randomness() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")

	// The low 56 bits of a random trace id...
	r, ok := tracewire.NewSpanContext(t, s, tracewire.FlagRandom).Randomness()
	fmt.Printf("%014x %v\n", r, ok)

	// ...unless an explicit rv says otherwise; and nothing for an id that
	// is not known to be random.
	ts, _ := tracewire.ParseTraceState("ot=rv:00000000000001")
	r, ok = tracewire.NewSpanContext(t, s, tracewire.FlagRandom).WithTraceState(ts).Randomness()
	fmt.Printf("%014x %v\n", r, ok)
	_, ok = tracewire.NewSpanContext(t, s, 0).Randomness()
	fmt.Println(ok)
	// Output:
	// ce929d0e0e4736 true
	// 00000000000001 true
	// false
}
