package tracewire_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/tracewire/tracewire"
)

func ExampleParseTraceID() {
	id, err := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	fmt.Println(id, err)

	_, err = tracewire.ParseTraceID("4BF92F3577B34DA6A3CE929D0E0E4736")
	fmt.Println(err)
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 <nil>
	// trace-id: invalid trace id at offset 1
}

func ExampleParseSpanID() {
	id, err := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(id, id.IsValid(), err)
	// Output: 00f067aa0ba902b7 true <nil>
}

func ExampleTraceID_AppendText() {
	id, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	buf := make([]byte, 0, 64)
	buf = append(buf, "trace="...)
	buf, _ = id.AppendText(buf)
	fmt.Println(string(buf))
	// Output: trace=4bf92f3577b34da6a3ce929d0e0e4736
}

func ExampleNewSpanContext() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled)
	fmt.Println(sc.IsValid(), sc.Sampling(), sc.Flags())
	// Output: true accept 1
}

func ExampleSpanContext_NewChild() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	caller := tracewire.NewSpanContext(t, s, tracewire.FlagSampled|tracewire.FlagRandom)

	child := caller.NewChild()
	fmt.Println(child.TraceID() == caller.TraceID(), child.ParentSpanID(), child.SpanID() != s, child.IsRandom())
	// Output: true 00f067aa0ba902b7 true true
}

func ExampleNewRoot() {
	sc := tracewire.NewRoot(tracewire.SamplingAccept)
	fmt.Println(sc.IsValid(), sc.IsSampled(), sc.IsRandom(), sc.ParentSpanID().IsValid())
	// Output: true true true false
}

func ExampleSpanContext_Sampling() {
	// A B3 "d" (debug) decision reads as sampled in W3C terms.
	sc := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
	fmt.Println(sc.Sampling(), sc.IsSampled(), sc.Flags().IsSampled(), sc.IsValid())
	// Output: debug true true false
}

func ExampleContextWithChild() {
	// A server stores the caller's context (as a propagator's Extract does)
	// and continues the trace.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithRemoteSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))

	ctx, span := tracewire.ContextWithChild(ctx)
	fmt.Println(span.TraceID(), span.ParentSpanID(), tracewire.SpanContextFromContext(ctx) == span)
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true
}

func ExampleParseError() {
	_, err := tracewire.ParseSpanID("00f067aa0ba9O2b7")
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Header, pe.Kind.String(), pe.Offset, errors.Is(err, tracewire.ErrSpanID))
	}
	// Output: span-id span-id 12 true
}

func ExampleErrorTable() {
	// A codec declares one table per header and returns its errors, which
	// costs no allocation.
	var errs = tracewire.ErrorTable{Header: "x-my-trace"}
	err := errs.At(tracewire.ErrDelimiter, 16)
	fmt.Println(err)
	// Output: x-my-trace: missing or misplaced delimiter at offset 16
}

func ExampleSpanContextConfig() {
	t, _ := tracewire.ParseTraceID("0000000000000000a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.SpanContextConfig{TraceID: t, SpanID: s, Sampling: tracewire.SamplingDebug, TraceID64: true}.SpanContext()
	fmt.Println(sc.IsValid(), sc.IsDebug(), sc.Is64BitTraceID())
	// Output: true true true
}
