package twotel_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	twotel "github.com/tracewire/tracewire/otel"
	"github.com/tracewire/tracewire/xray"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// A service instrumented with otelhttp takes the adapter with one line:
// every propagator otelhttp uses is then tracewire's, chosen by
// OTEL_PROPAGATORS (here unset: tracecontext and baggage). The service
// continues its caller's trace, and the next hop sees this service's
// client span as its parent.
func Example_otelhttp() {
	defer otel.SetTextMapPropagator(otel.GetTextMapPropagator())
	defer otel.SetTracerProvider(otel.GetTracerProvider())

	otel.SetTextMapPropagator(twotel.NewTextMapPropagator()) // the one line

	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	otel.SetTracerProvider(tp)

	next := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sc := twotel.SpanContextFromContext(otel.GetTextMapPropagator().Extract(r.Context(), propagation.HeaderCarrier(r.Header)))
		fmt.Println("next hop: trace", sc.TraceID(), "sampled", sc.IsSampled())
		fmt.Println("next hop: baggage", r.Header.Get("baggage"))
	}))
	defer next.Close()

	client := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
	service := httptest.NewServer(otelhttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		span := trace.SpanFromContext(r.Context()).SpanContext()
		fmt.Println("service: trace", span.TraceID(), "remote parent", span.SpanID() != trace.SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7})
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, next.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}), "service"))
	defer service.Close()

	req, _ := http.NewRequest(http.MethodGet, service.URL, nil)
	req.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	req.Header.Set("baggage", "userId=alice,serverNode=DF%2028")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	// Output:
	// service: trace 4bf92f3577b34da6a3ce929d0e0e4736 remote parent true
	// next hop: trace 4bf92f3577b34da6a3ce929d0e0e4736 sampled true
	// next hop: baggage serverNode=DF%2028,userId=alice
}

// What OpenTelemetry's span context cannot hold stays beside it: a B3
// header extracted and injected again comes out as it came in.
func ExampleTextMapPropagator() {
	p, err := twotel.TextMapPropagator("b3")
	if err != nil {
		fmt.Println(err)
		return
	}
	in := http.Header{"B3": {"a3ce929d0e0e4736-00f067aa0ba902b7-d-05e3ac9a4f6e3b90"}}
	ctx := p.Extract(context.Background(), propagation.HeaderCarrier(in))

	fmt.Println("OpenTelemetry:", trace.SpanContextFromContext(ctx).TraceID(), trace.SpanContextFromContext(ctx).TraceFlags())
	sc := twotel.SpanContextFromContext(ctx)
	fmt.Println("tracewire:", sc.Sampling(), sc.ParentSpanID(), sc.Is64BitTraceID())

	out := http.Header{}
	p.Inject(ctx, propagation.HeaderCarrier(out))
	fmt.Println("b3:", out.Get("b3"))
	// Output:
	// OpenTelemetry: 0000000000000000a3ce929d0e0e4736 01
	// tracewire: debug 05e3ac9a4f6e3b90 true
	// b3: a3ce929d0e0e4736-00f067aa0ba902b7-d-05e3ac9a4f6e3b90
}

// Any tracewire propagator works through the OpenTelemetry API: here
// X-Ray, whose fields beyond the ids go out again with a child's ids.
func ExampleNew() {
	p := twotel.New(xray.Propagator{})
	in := propagation.MapCarrier{"X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-67891233-abcdef012345678912345678"}
	ctx := p.Extract(context.Background(), in)

	tp := sdktrace.NewTracerProvider(sdktrace.WithIDGenerator(fixedIDs{}))
	defer tp.Shutdown(context.Background())
	ctx, span := tp.Tracer("example").Start(ctx, "call")
	defer span.End()

	out := propagation.MapCarrier{}
	p.Inject(ctx, out)
	fmt.Println(out.Get("X-Amzn-Trace-Id")) // spelled as OpenTelemetry's X-Ray propagator spells it
	// Output:
	// Root=1-5759e988-bd862e3fe1be46a994272793;Parent=1111111111111111;Sampled=1;Self=1-67891233-abcdef012345678912345678
}

// fixedIDs makes the SDK's span ids predictable for the examples.
type fixedIDs struct{}

func (fixedIDs) NewIDs(context.Context) (trace.TraceID, trace.SpanID) {
	return trace.TraceID{1}, trace.SpanID{0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11}
}

func (fixedIDs) NewSpanID(context.Context, trace.TraceID) trace.SpanID {
	return trace.SpanID{0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11}
}

// A tracewire span context goes into an OpenTelemetry context with
// everything it says, and comes back out whole.
func ExampleContextWithSpanContext() {
	sc, _ := tracewire.SpanContextConfig{
		TraceID:      tracewire.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36},
		SpanID:       tracewire.SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7},
		ParentSpanID: tracewire.SpanID{0x05, 0xe3, 0xac, 0x9a, 0x4f, 0x6e, 0x3b, 0x90},
		Sampling:     tracewire.SamplingDeferred,
		Remote:       true,
	}.SpanContext(), error(nil)
	ctx := twotel.ContextWithSpanContext(context.Background(), sc)
	fmt.Println(trace.SpanContextFromContext(ctx).IsValid(), trace.SpanContextFromContext(ctx).IsSampled())
	back := twotel.SpanContextFromContext(ctx)
	fmt.Println(back == sc, back.Sampling(), back.ParentSpanID())
	// Output:
	// true false
	// true deferred 05e3ac9a4f6e3b90
}

// Baggage converts both ways with its properties.
func ExampleBaggageToOTel() {
	b, _ := twbaggage.Parse("userId=alice,tenant=acme;ttl=60,node=DF%2028")
	ob := twotel.BaggageToOTel(b)
	m := ob.Member("tenant")
	fmt.Println(ob.Member("node").Value(), m.Value(), m.Properties()[0].Key())
	fmt.Println(twbaggage.Format(twotel.BaggageFromOTel(ob)))
	ctx := baggage.ContextWithBaggage(context.Background(), ob)
	fmt.Println(twotel.BaggageFromContext(ctx).Len())
	// Output:
	// DF 28 acme ttl
	// node=DF%2028,tenant=acme;ttl=60,userId=alice
	// 3
}

// Getter gives an OpenTelemetry carrier to a tracewire codec without
// allocating; a propagation.HeaderCarrier is read with pre-computed
// canonical names.
func ExampleGetter() {
	h := http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}
	g := twotel.Getter(propagation.HeaderCarrier(h))
	fmt.Println(g.Get("traceparent"))
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}
