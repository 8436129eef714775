package xray_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/xray"
)

func ExampleParse() {
	sc, err := xray.Parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling(), err)

	// Sampled=? asks this service to decide.
	sc, _ = xray.Parse("Sampled=?; Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793")
	fmt.Println(sc.Sampling())

	// Errors say what is wrong and where.
	_, err = xray.Parse("Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8")
	fmt.Println(err, errors.Is(err, tracewire.ErrLength))
	// Output:
	// 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 accept <nil>
	// deferred
	// x-amzn-trace-id: wrong length at offset 39 true
}

func ExampleParse_rootOnly() {
	// A load balancer sends the trace id without a parent: not a valid
	// span context, but the trace id and the decision are there.
	sc, err := xray.Parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
	fmt.Println(sc.IsValid(), sc.TraceID(), sc.Sampling(), err)

	// To join that trace rather than start a new one, give it a span.
	joined := sc.WithSpanID(tracewire.NewSpanID())
	fmt.Println(joined.IsValid(), joined.TraceID())
	// Output:
	// false 5759e988bd862e3fe1be46a994272793 accept <nil>
	// true 5759e988bd862e3fe1be46a994272793
}

func ExampleParseBytes() {
	// A proxy holding the raw header bytes parses them in place.
	raw := []byte("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=0")
	sc, err := xray.ParseBytes(raw)
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling(), err)
	// Output:
	// 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 deny <nil>
}

func ExampleAppend() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled)
	buf := make([]byte, 0, xray.MaxLen)
	buf = xray.Append(buf, sc)
	fmt.Println(string(buf))
	// Output:
	// Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=1
}

func ExampleFormat() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.SpanContextConfig{TraceID: t, SpanID: s}.SpanContext()
	fmt.Println(xray.Format(sc)) // an open decision is "?"
	fmt.Println(xray.Format(sc.WithSpanID(tracewire.SpanID{}).WithSampling(tracewire.SamplingDeny)))
	fmt.Printf("%q\n", xray.Format(tracewire.SpanContext{}))
	// Output:
	// Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=?
	// Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Sampled=0
	// ""
}

func ExampleParseHeader() {
	h, err := xray.ParseHeader("Self=1-67891234-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68;CalledFrom=app")
	fmt.Println(h.SpanContext().TraceID(), err)
	fmt.Println(h.Lineage(), h.Get("Self"), h.Get("CalledFrom"))
	// Output:
	// 67891233abcdef012345678912345678 <nil>
	// a87bd80c:1:68 1-67891234-12456789abcdef012345678 app
}

func ExampleHeader_Append() {
	h, _ := xray.ParseHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68;Foo=bar")

	// This service's span continues the trace: Lineage and Foo go on.
	child := h.SpanContext().NewChild().WithSpanID(tracewire.SpanID{7: 0x2a})
	fmt.Println(string(h.Append(nil, child)))

	// A context of another trace carries none of them.
	other := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 1}, 0)
	fmt.Println(string(h.Append(nil, other)))
	// Output:
	// Root=1-5759e988-bd862e3fe1be46a994272793;Parent=000000000000002a;Sampled=1;Lineage=a87bd80c:1:68;Foo=bar
	// Root=1-00000000-000000000000000000000001;Parent=0000000000000001;Sampled=0
}

func ExampleHeader_All() {
	h, _ := xray.ParseHeader("Root=1-5759e988-bd862e3fe1be46a994272793 ; Sampled=? ;Lineage=bad")
	for k, v := range h.All() {
		fmt.Printf("%s=%s\n", k, v)
	}
	fmt.Printf("valid lineage: %q\n", h.Lineage())
	// Output:
	// Root=1-5759e988-bd862e3fe1be46a994272793
	// Sampled=?
	// Lineage=bad
	// valid lineage: ""
}

func ExamplePropagator() {
	in := http.Header{}
	in.Set("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68")

	// A service extracts the caller's context and starts its own span.
	p := xray.Propagator{}
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	ctx, _ = tracewire.ContextWithChild(ctx)

	// The outgoing request carries the new span and the caller's Lineage.
	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	sc := tracewire.SpanContextFromContext(ctx)
	fmt.Println(out.Get("X-Amzn-Trace-Id") == xray.Format(sc)+";Lineage=a87bd80c:1:68")
	fmt.Println(p.Fields())
	// Output:
	// true
	// [x-amzn-trace-id]
}

func ExamplePropagator_ExtractFrom() {
	// A proxy reads the context without building a context.Context.
	h := carrier.HTTPHeader{"X-Amzn-Trace-Id": {"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"}}
	sc, err := xray.Propagator{}.ExtractFrom(h)
	fmt.Println(sc.IsValid(), sc.IsRemote(), sc.Sampling(), err)

	// Absent is not an error; invalid is.
	_, err = xray.Propagator{}.ExtractFrom(carrier.HTTPHeader{})
	fmt.Println(err)
	_, err = xray.Propagator{}.ExtractFrom(carrier.Map{"x-amzn-trace-id": "Parent=53995c3f42cd8ad8"})
	fmt.Println(err)
	// Output:
	// true true deny <nil>
	// <nil>
	// x-amzn-trace-id: missing required field at offset 23
}

func ExamplePropagator_lambda() {
	// OTEL_PROPAGATORS "xray-lambda": the carrier first, then the
	// _X_AMZN_TRACE_ID variable. In a function, pass the live environment,
	// carrier.EnvLookup(os.LookupEnv); here a fixed one.
	env := carrier.Env{"_X_AMZN_TRACE_ID=Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}
	p := xray.Propagator{Env: env}
	sc, err := p.ExtractFrom(carrier.HTTPHeader{})
	fmt.Println(sc.TraceID(), sc.SpanID(), err)
	// Output:
	// 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 <nil>
}

func ExampleContextWithHeader() {
	// A composite that extracted the span context itself still lets the
	// X-Ray propagator pass the header's fields on.
	h, _ := xray.ParseHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=bar")
	ctx := tracewire.ContextWithRemoteSpanContext(context.Background(), h.SpanContext())
	ctx = xray.ContextWithHeader(ctx, h)
	fmt.Println(xray.HeaderFromContext(ctx).Get("Foo"))
	m := carrier.Map{}
	xray.Propagator{}.Inject(ctx, m)
	fmt.Println(m["x-amzn-trace-id"])
	// Output:
	// bar
	// Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=bar
}
