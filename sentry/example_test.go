package sentry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParse() {
	sc, err := sentry.Parse("771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling())
	// Output: 771a43a4192642f0b136d5159a501700 b0e6f15b45c36b12 accept
}

func ExampleParse_deferred() {
	// No flag: the caller left the decision to this service.
	sc, _ := sentry.Parse("771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12")
	fmt.Println(sc.IsValid(), sc.Sampling())
	// Output: true deferred
}

func ExampleParse_error() {
	_, err := sentry.Parse("771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-x")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tracewire.ErrSampling))
	// Output:
	// sentry-trace: invalid sampling state at offset 50
	// true
}

func ExampleParseBytes() {
	// sentry-go accepts uppercase hex; so does this package.
	sc, _ := sentry.ParseBytes([]byte("771A43A4192642F0B136D5159A501700-B0E6F15B45C36B12-0"))
	fmt.Println(sentry.Format(sc))
	// Output: 771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-0
}

func ExampleAppend() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	buf := make([]byte, 0, 64) // reused per request: no allocation
	buf = sentry.Append(buf, tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	fmt.Println(string(buf))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1
}

func ExampleFormat() {
	// A deferred decision goes out without a flag.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(sentry.Format(tracewire.SpanContext{}.WithTraceID(t).WithSpanID(s)))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7
}

// A gateway between a Sentry-instrumented frontend and W3C backends:
// sentry-trace in, traceparent and sentry-trace out, with the Sentry
// baggage members passed on as they came.
func ExamplePropagator() {
	in := http.Header{}
	in.Set("Sentry-Trace", "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1")
	in.Set("Baggage", "sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-sample_rate=0.25")

	ctx := sentry.Propagator{}.Extract(context.Background(), carrier.HTTPHeader(in))
	ctx = baggage.Propagator{}.Extract(ctx, carrier.HTTPHeader(in))
	ctx, _ = tracewire.ContextWithChild(ctx)

	out := http.Header{}
	for _, p := range []interface {
		Inject(context.Context, carrier.Setter)
	}{sentry.Propagator{}, traceparent.Propagator{}, baggage.Propagator{}} {
		p.Inject(ctx, carrier.HTTPHeader(out))
	}
	fmt.Println(out.Get("Sentry-Trace")[:33], out.Get("Sentry-Trace")[49:])
	fmt.Println(out.Get("Traceparent")[:36], out.Get("Traceparent")[52:])
	fmt.Println(out.Get("Baggage"))
	// Output:
	// 771a43a4192642f0b136d5159a501700- -1
	// 00-771a43a4192642f0b136d5159a501700- -01
	// sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-sample_rate=0.25
}

func ExamplePropagator_ExtractFrom() {
	h := carrier.HTTPHeader(http.Header{"Sentry-Trace": {"771a43a4192642f0b136d5159a501700"}})
	sc, err := sentry.Propagator{}.ExtractFrom(h)
	fmt.Println(sc.IsValid(), err)
	// Output: false sentry-trace: missing required field at offset 32
}

func ExamplePropagator_InjectInto() {
	sc, _ := sentry.Parse("771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-0")
	out := carrier.Map{}
	sentry.Propagator{}.InjectInto(out, sc)
	fmt.Println(out)
	// Output: map[sentry-trace:771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-0]
}

func ExamplePropagator_Fields() {
	fmt.Println(sentry.Propagator{}.Fields())
	// Output: [sentry-trace]
}

// A service of organization 1 refuses to continue traces that another
// Sentry organization started, and with strict continuation also those
// that name none.
func ExampleContinueTrace() {
	for _, v := range []string{"sentry-org_id=1", "sentry-org_id=2", "sentry-sample_rate=1"} {
		b, _ := baggage.Parse(v)
		fmt.Println(v, sentry.ContinueTrace(b, "1", false), sentry.ContinueTrace(b, "1", true))
	}
	// Output:
	// sentry-org_id=1 true true
	// sentry-org_id=2 false false
	// sentry-sample_rate=1 true false
}
