package ottrace_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParseHeaders() {
	sc, err := ottrace.ParseHeaders("a3ce929d0e0e4736", "00f067aa0ba902b7", "true")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.Is64BitTraceID())
	fmt.Println(sc.SpanID(), sc.Sampling())
	// Output:
	// 0000000000000000a3ce929d0e0e4736 true
	// 00f067aa0ba902b7 accept
}

func ExampleParseHeaders_padding() {
	// basictracer writes ids without leading zeros.
	sc, _ := ottrace.ParseHeaders("ff", "f067aa0ba902b7", "")
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling())
	// Output: 000000000000000000000000000000ff 00f067aa0ba902b7 deferred
}

func ExampleParseHeaders_error() {
	_, err := ottrace.ParseHeaders("a3ce929d0e0e4736", "", "true")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tracewire.ErrMissingField))
	// Output:
	// ot-tracer-spanid: missing required field at offset 0
	// true
}

func ExampleParseHeadersBytes() {
	sc, err := ottrace.ParseHeadersBytes([]byte("A3CE929D0E0E4736"), []byte("00F067AA0BA902B7"), []byte("0"))
	fmt.Println(sc.TraceID(), sc.Sampling(), err)
	// Output: 0000000000000000a3ce929d0e0e4736 deny <nil>
}

func ExampleAppendTraceID() {
	// The OT format is 64-bit: a W3C trace id goes out as its low half.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled)
	buf := make([]byte, 0, 32) // reused per request: no allocation
	buf = ottrace.AppendTraceID(buf, sc)
	fmt.Println(string(buf))
	// Output: a3ce929d0e0e4736
}

func ExampleAppendSpanID() {
	sc, _ := ottrace.ParseHeaders("1", "2", "")
	fmt.Println(string(ottrace.AppendSpanID(nil, sc)))
	// Output: 0000000000000002
}

func ExampleFormatHeaders() {
	sc, _ := ottrace.ParseHeaders("a3ce929d0e0e4736", "00f067aa0ba902b7", "1")
	fmt.Println(ottrace.FormatHeaders(sc))
	// Output: a3ce929d0e0e4736 00f067aa0ba902b7 true
}

// A service receives OT headers with baggage and W3C baggage together;
// the W3C member wins the key both carry.
func ExamplePropagator_Extract() {
	in := http.Header{}
	in.Set("Ot-Tracer-Traceid", "a3ce929d0e0e4736")
	in.Set("Ot-Tracer-Spanid", "00f067aa0ba902b7")
	in.Set("Ot-Tracer-Sampled", "true")
	in.Set("Ot-Baggage-Tenant", "acme")
	in.Set("Ot-Baggage-Userid", "alice")
	in.Set("Baggage", "UserId=alice%20smith")

	ctx := baggage.Propagator{}.Extract(context.Background(), carrier.HTTPHeader(in))
	ctx = ottrace.Propagator{}.Extract(ctx, carrier.HTTPHeader(in))
	fmt.Println(tracewire.SpanContextFromContext(ctx).TraceID())
	fmt.Println(baggage.FromContext(ctx))
	// Output:
	// 0000000000000000a3ce929d0e0e4736
	// UserId=alice%20smith,tenant=acme
}

func ExamplePropagator_Inject() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	b, _ := baggage.Parse("UserId=alice%20smith")
	ctx = baggage.ContextWith(ctx, b)

	out := carrier.Map{}
	ottrace.Propagator{}.Inject(ctx, out)
	for _, k := range []string{"ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled", "ot-baggage-userid"} {
		fmt.Printf("%s: %s\n", k, out[k])
	}
	// Output:
	// ot-tracer-traceid: a3ce929d0e0e4736
	// ot-tracer-spanid: 00f067aa0ba902b7
	// ot-tracer-sampled: true
	// ot-baggage-userid: alice smith
}

func ExamplePropagator_ExtractFrom() {
	h := carrier.HTTPHeader(http.Header{
		"Ot-Tracer-Traceid": {"a3ce929d0e0e4736"},
		"Ot-Tracer-Spanid":  {"00f067aa0ba902b7"},
		"Ot-Tracer-Sampled": {"yes"},
	})
	sc, err := ottrace.Propagator{}.ExtractFrom(h)
	fmt.Println(sc.IsValid(), err)
	// Output: false ot-tracer-sampled: invalid sampling state at offset 0
}

func ExamplePropagator_InjectInto() {
	// A proxy between OpenTelemetry SDKs keeps 128-bit ids whole.
	sc, _ := ottrace.ParseHeaders("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "")
	for _, p := range []ottrace.Propagator{{}, {TraceID128: true}} {
		out := carrier.Map{}
		p.InjectInto(out, sc)
		fmt.Println(out)
	}
	// Output:
	// map[ot-tracer-spanid:00f067aa0ba902b7 ot-tracer-traceid:a3ce929d0e0e4736]
	// map[ot-tracer-spanid:00f067aa0ba902b7 ot-tracer-traceid:4bf92f3577b34da6a3ce929d0e0e4736]
}

func ExamplePropagator_Fields() {
	fmt.Println(ottrace.Propagator{}.Fields())
	// Output: [ot-tracer-traceid ot-tracer-spanid ot-tracer-sampled]
}

func ExampleExtractBaggage() {
	h := carrier.HTTPHeader(http.Header{"Ot-Baggage-Note": {"50% off, today"}, "Ot-Baggage-A": {"1"}})
	b := ottrace.ExtractBaggage(h)
	for _, m := range b.All() {
		fmt.Printf("%s=%q\n", m.Key(), m.Value())
	}
	fmt.Println(b) // the W3C form encodes what a baggage header cannot hold
	// Output:
	// a="1"
	// note="50% off, today"
	// a=1,note=50%25%20off%2C%20today
}

func ExampleInjectBaggage() {
	b, _ := baggage.Parse("k=v1,Other=%E2%82%AC")
	out := carrier.Map{}
	ottrace.InjectBaggage(out, b)
	fmt.Println(out)
	// Output: map[ot-baggage-k:v1 ot-baggage-other:€]
}

func ExampleIsBaggageHeader() {
	fmt.Println(ottrace.IsBaggageHeader("Ot-Baggage-User"), ottrace.IsBaggageHeader("ot-baggage-"))
	// Output: true false
}

// A gateway turns OT from a legacy service into W3C for the rest of the
// system: the id is padded to 128 bits and the random flag stays clear.
func Example_gateway() {
	in := carrier.Map{"ot-tracer-traceid": "a3ce929d0e0e4736", "ot-tracer-spanid": "00f067aa0ba902b7", "ot-tracer-sampled": "true"}
	sc, err := ottrace.Propagator{}.ExtractFrom(in)
	if err != nil {
		fmt.Println("bad OT headers:", err)
		return
	}
	out := carrier.Map{}
	traceparent.Propagator{}.InjectInto(out, sc)
	fmt.Println(out["traceparent"])
	// Output: 00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01
}
