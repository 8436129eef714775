package traceparent_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParse() {
	sc, err := traceparent.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), sc.IsRandom())

	// Errors say what is wrong and where, and match their kind with errors.Is.
	_, err = traceparent.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")
	fmt.Println(err, errors.Is(err, tracewire.ErrTrailingData))
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true true
	// traceparent: unexpected trailing data at offset 55 true
}

func ExampleParseBytes() {
	// A proxy holding the raw header bytes parses them without a copy.
	raw := []byte(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t")
	sc, err := traceparent.ParseBytes(raw)
	fmt.Println(sc.SpanID(), err)
	// Output: 00f067aa0ba902b7 <nil>
}

func ExampleAppend() {
	sc, _ := traceparent.Parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-future")
	buf := make([]byte, 0, 64) // reuse it across requests: Append allocates nothing
	buf = traceparent.Append(buf, sc)
	fmt.Println(string(buf))
	// Output: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}

func ExampleFormat() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(traceparent.Format(tracewire.NewSpanContext(t, s, tracewire.FlagSampled)))
	fmt.Printf("%q\n", traceparent.Format(tracewire.SpanContext{}))
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// ""
}

// The tracestate companion is the root package's TraceState.
func Example_tracestate() {
	ts, err := tracewire.ParseTraceState("rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE")
	if err != nil {
		panic(err)
	}
	v, _ := ts.Get("congo")
	fmt.Println(ts.Len(), v, ts)
	// Output: 2 t61rcWkgMzE rojo=00f067aa0ba902b7,congo=t61rcWkgMzE
}

func ExampleParseResponse() {
	// The callee answered with its own span as child-id.
	sc, err := traceparent.ParseResponse("00-4bf92f3577b34da6a3ce929d0e0e4736-cab70b47728a8a99-01")
	fmt.Println(sc.SpanID(), sc.IsSampled(), err)
	// Output: cab70b47728a8a99 true <nil>
}

func ExampleParseResponseBytes() {
	_, err := traceparent.ParseResponseBytes([]byte("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
	fmt.Println(err)
	// Output: traceresponse: all-zero span id at offset 36
}

func ExampleAppendResponse() {
	// A server answers with the span it started for the request; the
	// random flag of the caller's trace id carries over to the child.
	caller, _ := traceparent.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")
	child := caller.NewChild()
	out := traceparent.AppendResponse(nil, child)
	fmt.Println(string(out[:36]), string(out[52:]), string(out[36:52]) != caller.SpanID().String())
	// Output: 00-4bf92f3577b34da6a3ce929d0e0e4736- -03 true
}

func ExampleFormatResponse() {
	sc, _ := traceparent.ParseResponse("\t00-4bf92f3577b34da6a3ce929d0e0e4736-cab70b47728a8a99-00 ")
	h := http.Header{}
	h.Set("traceresponse", traceparent.FormatResponse(sc))
	fmt.Println(h.Get("Traceresponse"))
	// Output: 00-4bf92f3577b34da6a3ce929d0e0e4736-cab70b47728a8a99-00
}

func ExampleParseServerTiming() {
	h := `cache;desc="hit, warm";dur=0.2, trace;desc="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", app;dur=47`
	sc, err := traceparent.ParseServerTiming(h)
	fmt.Println(sc.TraceID(), sc.SpanID(), err)

	_, err = traceparent.ParseServerTiming("db;dur=53")
	fmt.Println(err)
	// Output:
	// 0af7651916cd43dd8448eb211c80319c b7ad6b7169203331 <nil>
	// server-timing: missing required field at offset 9
}

func ExampleAppendServerTiming() {
	sc, _ := traceparent.Parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
	b := []byte("app;dur=47, ") // add the metric to an existing list
	b = traceparent.AppendServerTiming(b, sc)
	fmt.Println(string(b))
	// Output: app;dur=47, trace;desc=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
}

func ExamplePropagator_ExtractFrom() {
	h := http.Header{}
	h.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h.Set("Tracestate", "rojo=1,Bad=2")

	// A tracestate failure never costs the traceparent: the context is
	// valid, without its trace state, and there is no error, because the
	// spec has a receiver discard such a tracestate and carry on.
	sc, err := traceparent.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(sc.IsValid(), sc.IsRemote(), sc.TraceState().Len(), err)

	// Lenient parsing keeps the members that are valid.
	sc, err = traceparent.Propagator{LenientTraceState: true}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(sc.TraceState(), err)

	// The tracestate parser says why the list was discarded.
	_, err = tracewire.ParseTraceState(h.Values("Tracestate")...)
	fmt.Println(err)
	// Output:
	// true true 0 <nil>
	// rojo=1 <nil>
	// tracestate: invalid key at offset 7
}

func ExamplePropagator_InjectInto() {
	// A proxy forwards the caller's context under a new span id.
	in := carrier.Map{
		"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03",
		"tracestate":  "congo=t61rcWkgMzE",
	}
	var p traceparent.Propagator
	sc, _ := p.ExtractFrom(in)
	s, _ := tracewire.ParseSpanID("b7ad6b7169203331")

	out := carrier.Map{}
	p.InjectInto(out, sc.WithSpanID(s))
	fmt.Println(out["traceparent"])
	fmt.Println(out["tracestate"])

	// Level 1 knows no random flag and sends it as zero.
	traceparent.Propagator{Level1: true}.InjectInto(out, sc)
	fmt.Println(out["traceparent"])
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-03
	// congo=t61rcWkgMzE
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}

func ExamplePropagator_Extract() {
	// A server continues its caller's trace.
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")

	var p traceparent.Propagator
	ctx := p.Extract(req.Context(), carrier.HTTPHeader(req.Header))
	caller := tracewire.SpanContextFromContext(ctx)
	span := caller.NewChild() // the server's own span
	fmt.Println(caller.IsRemote(), span.TraceID(), span.ParentSpanID(), span.IsSampled())

	// Without a valid traceparent the context is returned unchanged.
	fmt.Println(p.Extract(ctx, carrier.Map{"traceparent": "garbage"}) == ctx)
	// Output:
	// true 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true
	// true
}

func ExamplePropagator_Inject() {
	// A client sends its current span downstream.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ts, _ := tracewire.ParseTraceState("rojo=00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled).WithTraceState(ts)
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)

	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com/", nil)
	traceparent.Propagator{}.Inject(req.Context(), carrier.HTTPHeader(req.Header))
	fmt.Println(req.Header.Get("Traceparent"))
	fmt.Println(req.Header.Get("Tracestate"))
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// rojo=00f067aa0ba902b7
}

func ExamplePropagator_Fields() {
	// Clear the fields from a reused carrier before injecting again.
	h := http.Header{"Tracestate": {"stale=1"}}
	for _, f := range (traceparent.Propagator{}).Fields() {
		carrier.HTTPHeader(h).Delete(f)
	}
	fmt.Println(traceparent.Propagator{}.Fields(), len(h))
	// Output: [traceparent tracestate] 0
}
