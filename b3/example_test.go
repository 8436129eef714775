package b3_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParse_parent() {
	sc, err := b3.Parse("a3ce929d0e0e4736-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.Is64BitTraceID())
	fmt.Println(sc.SpanID(), sc.ParentSpanID(), sc.Sampling())
	// Output:
	// 0000000000000000a3ce929d0e0e4736 true
	// e457b5a2e4d86bd1 05e3ac9a4f6e3b90 accept
}

func ExampleParse_samplingOnly() {
	// "Don't trace this": a decision without ids.
	sc, err := b3.Parse("0")
	fmt.Println(sc.IsValid(), sc.Sampling(), err)
	// Output: false deny <nil>
}

func ExampleParse_error() {
	// A 128-bit trace id followed by a short span id: an error, not a panic.
	_, err := b3.Parse("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tracewire.ErrLength))
	// Output:
	// b3: wrong length at offset 41
	// true
}

func ExampleParseBytes_proxy() {
	// A proxy holding the raw header bytes parses them without a copy.
	raw := []byte("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d")
	sc, _ := b3.ParseBytes(raw)
	fmt.Println(sc.IsDebug(), sc.IsSampled())
	// Output: true true
}

func ExampleParse() {
	sc, _ := b3.Parse("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1")
	fmt.Println(sc.Sampling())
	// Output: deferred
}

func ExampleParseBytes() {
	_, err := b3.ParseBytes([]byte("80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1"))
	fmt.Println(err)
	// Output: b3: invalid trace id at offset 2
}

func ExampleAppend_reuse() {
	sc, _ := b3.Parse("a3ce929d0e0e4736-e457b5a2e4d86bd1-0-05e3ac9a4f6e3b90")
	buf := make([]byte, 0, 68) // reused per request: no allocation
	buf = b3.Append(buf, sc)
	fmt.Println(string(buf))
	// Output: a3ce929d0e0e4736-e457b5a2e4d86bd1-0-05e3ac9a4f6e3b90
}

func ExampleFormat_w3c() {
	// A context from W3C (128-bit trace id) goes out 32 digits wide.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(b3.Format(tracewire.NewSpanContext(t, s, tracewire.FlagSampled)))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1
}

func ExampleAppend() {
	sc := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
	fmt.Printf("%q\n", b3.Append(nil, sc))
	// Output: "d"
}

func ExampleFormat() {
	// No ids and no decision: nothing to send.
	fmt.Printf("%q\n", b3.Format(tracewire.SpanContext{}))
	// Output: ""
}

func ExampleExtractMulti() {
	h := http.Header{}
	h.Set("X-B3-TraceId", "a3ce929d0e0e4736")
	h.Set("X-B3-SpanId", "e457b5a2e4d86bd1")
	h.Set("X-B3-Sampled", "0")
	h.Set("X-B3-Flags", "1") // debug wins over Sampled
	sc, err := b3.ExtractMulti(carrier.HTTPHeader(h))
	fmt.Println(sc.TraceID(), sc.Sampling(), err)

	h.Del("X-B3-SpanId")
	_, err = b3.ExtractMulti(carrier.HTTPHeader(h))
	fmt.Println(err)
	// Output:
	// 0000000000000000a3ce929d0e0e4736 debug <nil>
	// x-b3-spanid: missing required field at offset 0
}

func ExampleInjectMulti() {
	sc, _ := b3.Parse("a3ce929d0e0e4736-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90")
	h := http.Header{}
	b3.InjectMulti(carrier.HTTPHeader(h), sc)
	for _, k := range []string{"X-B3-Traceid", "X-B3-Spanid", "X-B3-Parentspanid", "X-B3-Sampled", "X-B3-Flags"} {
		fmt.Printf("%s: %q\n", k, h.Get(k))
	}
	// Output:
	// X-B3-Traceid: "a3ce929d0e0e4736"
	// X-B3-Spanid: "e457b5a2e4d86bd1"
	// X-B3-Parentspanid: "05e3ac9a4f6e3b90"
	// X-B3-Sampled: ""
	// X-B3-Flags: "1"
}

func ExamplePropagator_ExtractFrom() {
	// An invalid b3 header falls back to the multi headers.
	h := http.Header{}
	h.Set("B3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-true")
	h.Set("X-B3-TraceId", "4bf92f3577b34da6a3ce929d0e0e4736")
	h.Set("X-B3-SpanId", "00f067aa0ba902b7")
	h.Set("X-B3-Sampled", "1")
	sc, err := b3.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(sc.TraceID(), sc.Sampling(), sc.IsRemote(), err)
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 accept true <nil>
}

func ExamplePropagator_InjectInto() {
	// A proxy passes B3 through unchanged, without a context.Context.
	in := http.Header{}
	in.Set("B3", "a3ce929d0e0e4736-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")
	p := b3.Propagator{}
	sc, _ := p.ExtractFrom(carrier.HTTPHeader(in))
	out := http.Header{}
	p.InjectInto(carrier.HTTPHeader(out), sc)
	fmt.Println(out.Get("B3") == in.Get("B3"))
	// Output: true
}

func ExamplePropagator_Extract() {
	// A server continues its caller's trace.
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("B3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
	ctx := b3.Propagator{}.Extract(req.Context(), carrier.HTTPHeader(req.Header))
	_, span := tracewire.ContextWithChild(ctx)
	fmt.Println(span.TraceID(), span.ParentSpanID(), span.Sampling())
	// Output: 80f198ee56343ba864fe8b2a57d3eff7 e457b5a2e4d86bd1 accept
}

func ExamplePropagator_Inject() {
	// A client writes the multi headers (OTEL_PROPAGATORS=b3multi).
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, 0))
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com/", nil)
	b3.Propagator{Multi: true}.Inject(req.Context(), carrier.HTTPHeader(req.Header))
	fmt.Println(req.Header.Get("X-B3-TraceId"), req.Header.Get("X-B3-SpanId"), req.Header.Get("X-B3-Sampled"))
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 0
}

func ExamplePropagator_Fields() {
	// Clear the fields before injecting into a reused carrier.
	fmt.Println(b3.Propagator{}.Fields())
	fmt.Println(b3.Propagator{Multi: true}.Fields())
	// Output:
	// [b3]
	// [x-b3-traceid x-b3-spanid x-b3-parentspanid x-b3-sampled x-b3-flags]
}

// A proxy that receives B3 and forwards both B3, byte for byte, and W3C
// traceparent to a backend that only speaks W3C. The 64-bit trace id is
// padded to 128 bits for W3C, debug becomes the sampled flag, and the
// random flag stays clear because B3 ids are not known to be random.
func Example_proxy() {
	in := http.Header{}
	in.Set("B3", "a3ce929d0e0e4736-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90")

	sc, err := b3.Propagator{}.ExtractFrom(carrier.HTTPHeader(in))
	if err != nil {
		fmt.Println("bad b3:", err)
		return
	}
	out := http.Header{}
	b3.Propagator{}.InjectInto(carrier.HTTPHeader(out), sc)
	traceparent.Propagator{}.InjectInto(carrier.HTTPHeader(out), sc)
	fmt.Println("b3:", out.Get("B3"))
	fmt.Println("traceparent:", out.Get("Traceparent"))
	// Output:
	// b3: a3ce929d0e0e4736-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90
	// traceparent: 00-0000000000000000a3ce929d0e0e4736-e457b5a2e4d86bd1-01
}

// A background job carries the trace in a queued message's header map and
// the consumer continues it. carrier.Map matches names in any case.
func Example_messageQueue() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	producer := tracewire.NewSpanContext(t, s, tracewire.FlagSampled)

	msg := map[string]string{}
	b3.Propagator{}.InjectInto(carrier.Map(msg), producer)
	fmt.Println(msg)

	ctx := b3.Propagator{}.Extract(context.Background(), carrier.Map(msg))
	_, consumer := tracewire.ContextWithChild(ctx)
	fmt.Println(consumer.TraceID() == producer.TraceID(), consumer.ParentSpanID() == producer.SpanID())
	// Output:
	// map[b3:4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1]
	// true true
}
