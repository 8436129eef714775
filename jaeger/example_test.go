package jaeger_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

func ExampleParse() {
	sc, err := jaeger.Parse("a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling(), sc.Is64BitTraceID(), err)

	// The URL-encoded form some stacks send.
	sc, _ = jaeger.Parse("a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A3")
	fmt.Println(sc.Sampling())

	// Errors say what is wrong and where.
	_, err = jaeger.Parse("a3ce929d0e0e4736:00f067aa0ba902b7:0:100")
	fmt.Println(err, errors.Is(err, tracewire.ErrLength))
	// Output:
	// 0000000000000000a3ce929d0e0e4736 00f067aa0ba902b7 accept true <nil>
	// debug
	// uber-trace-id: wrong length at offset 38 true
}

func ExampleParseBytes() {
	// A proxy holding the raw header bytes parses them in place.
	raw := []byte("4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0102030405060708:9")
	sc, err := jaeger.ParseBytes(raw)
	fmt.Println(sc.TraceID(), sc.ParentSpanID(), sc.Sampling(), sc.IsFirehose(), err)
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 0102030405060708 accept true <nil>
}

func ExampleAppend() {
	sc, _ := jaeger.Parse("a3ce929d0e0e4736:f067aa0ba902b7:0:03")
	buf := make([]byte, 0, 64)
	buf = jaeger.Append(buf, sc)
	fmt.Println(string(buf))
	// Output:
	// a3ce929d0e0e4736:00f067aa0ba902b7:0:3
}

func ExampleFormat() {
	var t tracewire.TraceID
	t[15] = 0x2a
	sc := tracewire.NewSpanContext(t, tracewire.SpanID{7: 1}, tracewire.FlagSampled)
	fmt.Println(jaeger.Format(sc))
	fmt.Println(jaeger.Format(sc.With64BitTraceID(true)))
	// Output:
	// 0000000000000000000000000000002a:0000000000000001:0:1
	// 000000000000002a:0000000000000001:0:1
}

func ExampleAppendEscaped() {
	fmt.Println(string(jaeger.AppendEscaped(nil, "alice smith/ops")))
	// Output:
	// alice%20smith%2Fops
}

func ExampleAppendUnescaped() {
	var buf [64]byte
	b, err := jaeger.AppendUnescaped(buf[:0], "alice+smith%2Fops")
	fmt.Printf("%q %v\n", b, err)

	_, err = jaeger.AppendUnescaped(buf[:0], "100%")
	fmt.Println(err)
	// Output:
	// "alice smith/ops" <nil>
	// uberctx-: malformed percent-escape at offset 3
}

func ExampleExtractBaggage() {
	// A server reading the baggage a Jaeger client and a curl user sent.
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("Uber-Trace-Id", "a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	req.Header.Set("Uberctx-User-Id", "alice%20smith")
	req.Header.Set("Uberctx-Tenant", "acme")
	req.Header.Set("Jaeger-Baggage", "session=s1, bad, env=prod")

	jaeger.ExtractBaggage(carrier.HTTPHeader(req.Header), func(key, value string) bool {
		fmt.Printf("%s=%q\n", key, value)
		return true
	})
	// Output:
	// tenant="acme"
	// user-id="alice smith"
	// session="s1"
	// env="prod"
}

func ExamplePropagator_InjectItem() {
	h := http.Header{}
	jaeger.Propagator{}.InjectItem(carrier.HTTPHeader(h), "user-id", "alice smith")
	fmt.Println(h)
	// Output:
	// map[Uberctx-User-Id:[alice%20smith]]
}

func ExampleDebugID() {
	h := http.Header{"Jaeger-Debug-Id": {" req-42 "}}
	fmt.Printf("%q\n", jaeger.DebugID(carrier.HTTPHeader(h)))
	// Output:
	// "req-42"
}

func ExamplePropagator_ExtractFrom() {
	// A proxy that never builds a context.Context.
	h := http.Header{"Uber-Trace-Id": {"a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}}
	sc, err := jaeger.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(sc.IsValid(), sc.IsRemote(), sc.Sampling(), err)

	h = http.Header{"Uber-Trace-Id": {"0:00f067aa0ba902b7:0:1"}}
	_, err = jaeger.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(err)
	// Output:
	// true true accept <nil>
	// uber-trace-id: all-zero trace id at offset 0
}

func ExamplePropagator_InjectInto() {
	sc, _ := jaeger.Parse("a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	h := http.Header{}
	jaeger.Propagator{}.InjectInto(carrier.HTTPHeader(h), sc.NewChild().WithSpanID(tracewire.SpanID{7: 0xff}))
	fmt.Println(h.Get("Uber-Trace-Id"))
	// Output:
	// a3ce929d0e0e4736:00000000000000ff:00f067aa0ba902b7:1
}

func ExamplePropagator_Extract() {
	// A server continuing its caller's trace, with the caller's baggage.
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("Uber-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	req.Header.Set("Uberctx-User", "alice%20smith")

	ctx := jaeger.Propagator{}.Extract(req.Context(), carrier.HTTPHeader(req.Header))
	ctx, span := tracewire.ContextWithChild(ctx)
	user, _ := baggage.FromContext(ctx).Get("user")
	fmt.Println(span.TraceID(), span.ParentSpanID(), span.IsSampled())
	fmt.Println(user.Value())
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true
	// alice smith
}

func ExamplePropagator_Extract_debugID() {
	// curl -H 'jaeger-debug-id: req-42' asks for a trace that is kept.
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("Jaeger-Debug-Id", "req-42")

	ctx := jaeger.Propagator{}.Extract(req.Context(), carrier.HTTPHeader(req.Header))
	_, root := tracewire.ContextWithChild(ctx)
	fmt.Println(root.IsValid(), root.Sampling(), jaeger.DebugIDFromContext(ctx))
	// Output:
	// true debug req-42
}

func ExamplePropagator_Inject() {
	// A client sending the current span's context and baggage downstream.
	sc, _ := jaeger.Parse("a3ce929d0e0e4736:00f067aa0ba902b7:0:3")
	bg, _ := baggage.Parse("tenant=acme")
	ctx := baggage.ContextWith(tracewire.ContextWithSpanContext(context.Background(), sc), bg)

	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com/", nil)
	jaeger.Propagator{}.Inject(req.Context(), carrier.HTTPHeader(req.Header))
	fmt.Println(req.Header.Get("Uber-Trace-Id"))
	fmt.Println(req.Header.Get("Uberctx-Tenant"))
	// Output:
	// a3ce929d0e0e4736:00f067aa0ba902b7:0:3
	// acme
}

// A reused carrier is cleared of Jaeger's headers, including uberctx-*
// items of an earlier request, before a composite injects into it.
func ExamplePropagator_ClearFields() {
	h := http.Header{"Uber-Trace-Id": {"1:2:0:1"}, "Uberctx-Old": {"x"}, "Accept": {"*/*"}}
	jaeger.Propagator{}.ClearFields(carrier.HTTPHeader(h))
	fmt.Println(h)
	// Output:
	// map[Accept:[*/*]]
}

func ExamplePropagator_Fields() {
	fmt.Println(jaeger.Propagator{}.Fields())
	// Output:
	// [uber-trace-id]
}

func ExampleDebugIDFromContext() {
	h := carrier.Map{"jaeger-debug-id": "req-7", "uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:0"}
	ctx := jaeger.Propagator{}.Extract(context.Background(), h)
	fmt.Println(jaeger.DebugIDFromContext(ctx), tracewire.SpanContextFromContext(ctx).Sampling())
	// Output:
	// req-7 deny
}

func ExampleContextWithDebugID() {
	// Code that read the debug id itself records it for the tracer.
	ctx := jaeger.ContextWithDebugID(context.Background(), "req-9")
	fmt.Println(jaeger.DebugIDFromContext(ctx))
	// Output:
	// req-9
}

func ExampleIsBaggageHeader() {
	fmt.Println(jaeger.IsBaggageHeader("Uberctx-User-Id"), jaeger.IsBaggageHeader("uberctx-"), jaeger.IsBaggageHeader("baggage"))
	// Output: true false false
}
