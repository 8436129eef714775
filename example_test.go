package tracewire_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
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
	// Output: true accept 01 (sampled)
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
		fmt.Println(pe.Header(), pe.Kind().String(), pe.Offset(), errors.Is(err, tracewire.ErrSpanID))
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

// A parser builds the context it returns in its caller's variable.
func ExampleSpanContextConfig_Build() {
	parse := func(hi, lo uint64, dst *tracewire.SpanContext) {
		c := tracewire.SpanContextConfig{Sampling: tracewire.SamplingAccept, Remote: true}
		binary.BigEndian.PutUint64(c.TraceID[:8], hi)
		binary.BigEndian.PutUint64(c.TraceID[8:], lo)
		binary.BigEndian.PutUint64(c.SpanID[:], lo)
		c.Build(dst)
	}
	var sc tracewire.SpanContext
	parse(0x4bf92f3577b34da6, 0xa3ce929d0e0e4736, &sc)
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), sc.IsRemote())
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 a3ce929d0e0e4736 true true
}

func ExampleNewTraceID() {
	id := tracewire.NewTraceID()
	fmt.Println(id.IsValid(), len(id.String()))
	// Output: true 32
}

func ExampleNewSpanID() {
	id := tracewire.NewSpanID()
	fmt.Println(id.IsValid(), len(id.String()))
	// Output: true 16
}

func ExampleTraceID_String() {
	id := tracewire.TraceID{15: 0x2a}
	fmt.Println(id.String(), id.Is64Bit())
	// Output: 0000000000000000000000000000002a true
}

func ExampleTraceID_MarshalText() {
	// TraceID and SpanID are encoding.TextMarshalers, so they read and
	// write as hex strings in JSON.
	type record struct {
		Trace tracewire.TraceID `json:"trace"`
		Span  tracewire.SpanID  `json:"span"`
	}
	var r record
	err := json.Unmarshal([]byte(`{"trace":"4bf92f3577b34da6a3ce929d0e0e4736","span":"00f067aa0ba902b7"}`), &r)
	out, _ := json.Marshal(r)
	fmt.Println(string(out), err)
	// Output: {"trace":"4bf92f3577b34da6a3ce929d0e0e4736","span":"00f067aa0ba902b7"} <nil>
}

func ExampleTraceID_MarshalText_zero() {
	// As with netip.Addr, an unset id is empty text, and empty text an
	// unset id, so a record without ids survives a round trip.
	type record struct {
		Trace tracewire.TraceID `json:"trace"`
		Span  tracewire.SpanID  `json:"span"`
	}
	out, _ := json.Marshal(record{})
	var back record
	err := json.Unmarshal(out, &back)
	fmt.Println(string(out), err, back == record{})
	// Output: {"trace":"","span":""} <nil> true
}

func ExampleTraceID_UnmarshalText() {
	var id tracewire.TraceID
	err := id.UnmarshalText([]byte("00000000000000000000000000000000"))
	fmt.Println(err)
	// Output: trace-id: all-zero trace id at offset 0
}

func ExampleSpanID_UnmarshalText() {
	var id tracewire.SpanID
	fmt.Println(id.UnmarshalText([]byte("00f067aa0ba902b7")), id)
	// Output: <nil> 00f067aa0ba902b7
}

func ExampleSpanContext() {
	t, _ := tracewire.ParseTraceID("0000000000000000a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("e457b5a2e4d86bd1")
	p, _ := tracewire.ParseSpanID("05e3ac9a4f6e3b90")
	// What a B3 header "a3ce929d0e0e4736-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90" carries.
	sc := tracewire.SpanContext{}.WithTraceID(t).WithSpanID(s).WithParentSpanID(p).
		WithSampling(tracewire.SamplingDebug).With64BitTraceID(true).WithRemote(true)
	fmt.Println(sc.IsValid(), sc.TraceID(), sc.SpanID(), sc.ParentSpanID())
	fmt.Println(sc.Sampling(), sc.IsSampled(), sc.IsDebug(), sc.IsDeferred(), sc.Flags())
	fmt.Println(sc.Is64BitTraceID(), sc.IsRemote(), sc.IsRandom(), sc.IsFirehose(), sc.TraceState().Len())
	// Output:
	// true 0000000000000000a3ce929d0e0e4736 e457b5a2e4d86bd1 05e3ac9a4f6e3b90
	// debug true true false 01 (sampled)
	// true true false false 0
}

func ExampleSpanContext_WithFlags() {
	sc := tracewire.SpanContext{}.WithFlags(tracewire.FlagSampled | tracewire.FlagRandom)
	fmt.Println(sc.Sampling(), sc.IsRandom(), sc.WithRandom(false).Flags())
	// Output: accept true 01 (sampled)
}

func ExampleFlags() {
	f := tracewire.Flags(0x03)
	fmt.Println(f.IsSampled(), f.IsRandom())
	// Output: true true
}

func ExampleFlags_String() {
	for _, f := range []tracewire.Flags{0, tracewire.FlagSampled, tracewire.FlagSampled | tracewire.FlagRandom} {
		fmt.Println(f)
	}
	// Output:
	// 00
	// 01 (sampled)
	// 03 (sampled, random)
}

func ExampleSpanContext_String() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	fmt.Println(tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny)) // a decision, no ids
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// invalid SpanContext
}

func ExampleSampling_String() {
	sc := tracewire.SpanContext{}.WithFlags(tracewire.FlagSampled)
	fmt.Println(sc.Sampling().String(), sc.WithSampling(tracewire.SamplingDebug).Sampling())
	// Output: accept debug
}

func ExampleSampling() {
	for s := tracewire.SamplingDeferred; s <= tracewire.SamplingDebug; s++ {
		fmt.Println(s, s.IsSampled())
	}
	// Output:
	// deferred false
	// deny false
	// accept true
	// debug true
}

func ExampleContextWithSpanContext() {
	sc := tracewire.NewRoot(tracewire.SamplingAccept)
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)
	fmt.Println(tracewire.SpanContextFromContext(ctx) == sc)
	// Output: true
}

func ExampleSpanContextFromContext() {
	// A context without one gives the zero SpanContext, which is invalid.
	sc := tracewire.SpanContextFromContext(context.Background())
	fmt.Println(sc.IsValid(), sc.Sampling())
	// Output: false deferred
}

func ExampleContextWithRemoteSpanContext() {
	ctx := tracewire.ContextWithRemoteSpanContext(context.Background(), tracewire.NewRoot(tracewire.SamplingDeny))
	fmt.Println(tracewire.SpanContextFromContext(ctx).IsRemote())
	// Output: true
}

func ExampleErrorKind() {
	_, err := tracewire.ParseSpanID("00f067aa0ba902b")
	var pe *tracewire.ParseError
	errors.As(err, &pe)
	fmt.Println(pe.Kind().String(), "-", pe.Kind().Error())
	// Output: length - wrong length
}

func ExampleParseErrorKind() {
	// The vectors in testdata/ name kinds by their String form.
	k := tracewire.ParseErrorKind("zero-span-id")
	fmt.Println(k == tracewire.ErrZeroSpanID, k.Error())
	// Output: true all-zero span id
}

func ExampleContextWithExtracted() {
	// A bare B3 "0" arrives after a valid traceparent was already extracted:
	// the decision alone never replaces the context found.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithExtracted(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	ctx = tracewire.ContextWithExtracted(ctx, tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny))
	sc := tracewire.SpanContextFromContext(ctx)
	fmt.Println(sc.TraceID(), sc.IsSampled(), sc.IsRemote())
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 true true
}

// A service that joined one trace records the context of another format
// that named a different trace as a link, so the caller's trace stays
// reachable.
func ExampleLink() {
	t, _ := tracewire.ParseTraceID("80f198ee56343ba864fe8b2a57d3eff7")
	s, _ := tracewire.ParseSpanID("e457b5a2e4d86bd1")
	l := tracewire.Link{SpanContext: tracewire.NewSpanContext(t, s, tracewire.FlagSampled), Reason: tracewire.LinkConflict}
	fmt.Println(l)
	fmt.Println(l.Reason)
	// Output:
	// conflict 00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01
	// conflict
}
