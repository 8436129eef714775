package cloudtrace_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParse() {
	sc, err := cloudtrace.Parse("4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling())
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 accept
}

func ExampleParse_error() {
	// One more than the largest uint64: the last digit overflows.
	_, err := cloudtrace.Parse("4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551616")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tracewire.ErrSpanID))
	// Output:
	// x-cloud-trace-context: invalid span id at offset 52
	// true
}

func ExampleParseBytes() {
	// Without ";o=" the decision is left to this service.
	sc, _ := cloudtrace.ParseBytes([]byte("4bf92f3577b34da6a3ce929d0e0e4736/1"))
	fmt.Println(sc.SpanID(), sc.Sampling())
	// Output: 0000000000000001 deferred
}

func ExampleAppend() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	buf := make([]byte, 0, 64) // reused per request: no allocation
	buf = cloudtrace.Append(buf, tracewire.NewSpanContext(t, s, 0))
	fmt.Println(string(buf))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=0
}

func ExampleFormat() {
	// Leading zeros are dropped; any traced option goes out as o=1.
	sc, _ := cloudtrace.Parse("4bf92f3577b34da6a3ce929d0e0e4736/00067667974448284343;o=7")
	fmt.Println(cloudtrace.Format(sc))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1
}

// A Cloud Run service joins the trace the Google front end started, and
// tells its own backends about it in W3C traceparent only, as Google
// recommends.
func ExamplePropagator() {
	in := http.Header{}
	in.Set("X-Cloud-Trace-Context", "4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1")

	ctx := cloudtrace.Propagator{}.Extract(context.Background(), carrier.HTTPHeader(in))
	ctx, span := tracewire.ContextWithChild(ctx)

	out := http.Header{}
	cloudtrace.Propagator{}.Inject(ctx, carrier.HTTPHeader(out)) // one way: writes nothing
	traceparent.Propagator{}.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(len(out), span.ParentSpanID(), out.Get("Traceparent")[:35])
	// Output: 1 00f067aa0ba902b7 00-4bf92f3577b34da6a3ce929d0e0e4736
}

func ExamplePropagator_ExtractFrom() {
	h := carrier.HTTPHeader(http.Header{"X-Cloud-Trace-Context": {"4bf92f3577b34da6a3ce929d0e0e4736"}})
	sc, err := cloudtrace.Propagator{}.ExtractFrom(h)
	fmt.Println(sc.IsValid(), err)
	// Output: false x-cloud-trace-context: missing required field at offset 32
}

func ExamplePropagator_InjectInto() {
	// The two-way propagator, for services that read nothing else.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("ffffffffffffffff")
	out := carrier.Map{}
	cloudtrace.Propagator{InjectHeader: true}.InjectInto(out, tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	fmt.Println(out["x-cloud-trace-context"])
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551615;o=1
}

func ExamplePropagator_Fields() {
	fmt.Println(cloudtrace.Propagator{}.Fields(), cloudtrace.Propagator{InjectHeader: true}.Fields())
	// Output: [] [x-cloud-trace-context]
}
