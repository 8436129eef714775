package fuzz

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

// Bits of FuzzConvert's last argument, the span context's properties
// beyond its ids. The low two bits are the tracewire.Sampling value.
const (
	convRandom   = 1 << 2
	conv64Bit    = 1 << 3 // also zeroes the high half of the trace id
	convFirehose = 1 << 4
)

// buildSpanContext turns fuzzed bytes into a span context: the first 16
// bytes of trace and 8 of span and parent (zero-padded on the right), the
// sampling state, the W3C random flag, the 64-bit mark and the firehose
// flag. It reports false when the ids make no valid context.
func buildSpanContext(trace, span, parent []byte, bits byte) (tracewire.SpanContext, bool) {
	var (
		tid tracewire.TraceID
		sid tracewire.SpanID
		pid tracewire.SpanID
	)
	copy(tid[:], trace)
	copy(sid[:], span)
	copy(pid[:], parent)
	if bits&conv64Bit != 0 {
		clear(tid[:8])
	}
	sc := tracewire.SpanContext{}.
		WithTraceID(tid).
		WithSpanID(sid).
		WithParentSpanID(pid).
		WithSampling(tracewire.Sampling(bits & 3)).
		WithRandom(bits&convRandom != 0).
		With64BitTraceID(bits&conv64Bit != 0).
		WithFirehose(bits&convFirehose != 0)
	return sc, sc.IsValid()
}

// convView is what a conversion may keep or change, for cmp.Diff.
type convView struct {
	Trace, Span, Parent, Sampling string
	Random, Trace64, Firehose     bool
}

func viewOf(sc tracewire.SpanContext) convView {
	v := convView{
		Trace:    sc.TraceID().String(),
		Span:     sc.SpanID().String(),
		Sampling: sc.Sampling().String(),
		Random:   sc.IsRandom(),
		Trace64:  sc.Is64BitTraceID(),
		Firehose: sc.IsFirehose(),
	}
	if p := sc.ParentSpanID(); p.IsValid() {
		v.Parent = p.String()
	}
	return v
}

// The expected result of writing a context in one format and reading it
// back. Ids always survive: every format carries a full 128-bit trace id
// and a 64-bit span id. What else survives depends on the format:
//
//   - W3C has no parent, no 64-bit width, no firehose and only two
//     sampling states: deferred goes out as not sampled and debug as
//     sampled. It alone carries the Level 2 random flag.
//   - B3 has all four sampling states and the 64-bit width, but no random
//     flag (an id from a B3 tracer is not known to be random, so Level 2
//     forbids claiming it) and no firehose. The single header can carry a
//     parent only after a sampling state, so a deferred context loses it;
//     the multi headers keep it.
//   - Jaeger has the parent, the width, debug and firehose, but cannot say
//     "deferred" (flags 0 read as not sampled) and has no random flag.
//
// So across all of them exactly the trace id, the span id and the
// sampled/not-sampled bit must survive, which FuzzConvert checks at the end.

func afterW3C(in convView, sampled bool) convView {
	s := tracewire.SamplingDeny
	if sampled {
		s = tracewire.SamplingAccept
	}
	return convView{Trace: in.Trace, Span: in.Span, Sampling: s.String(), Random: in.Random}
}

func afterB3(in convView, multi bool) convView {
	out := convView{Trace: in.Trace, Span: in.Span, Parent: in.Parent, Sampling: in.Sampling, Trace64: in.Trace64}
	if !multi && in.Sampling == tracewire.SamplingDeferred.String() {
		out.Parent = ""
	}
	return out
}

func afterJaeger(in convView) convView {
	out := convView{Trace: in.Trace, Span: in.Span, Parent: in.Parent, Sampling: in.Sampling, Trace64: in.Trace64, Firehose: in.Firehose}
	if in.Sampling == tracewire.SamplingDeferred.String() {
		out.Sampling = tracewire.SamplingDeny.String()
	}
	return out
}

// hop writes sc with format, reads it back, and checks the value read
// against want and the rewritten value against the first (a canonical
// form is a fixed point).
func hop(t *testing.T, format string, sc tracewire.SpanContext, want convView) tracewire.SpanContext {
	t.Helper()
	var (
		got          tracewire.SpanContext
		err          error
		first, again []byte
	)
	switch format {
	case "traceparent":
		first = traceparent.Append(nil, sc)
		got, err = traceparent.ParseBytes(first)
		again = traceparent.Append(nil, got)
	case "b3":
		first = b3.Append(nil, sc)
		got, err = b3.ParseBytes(first)
		again = b3.Append(nil, got)
	case "b3multi":
		h := http.Header{}
		b3.InjectMulti(carrier.HTTPHeader(h), sc)
		got, err = b3.ExtractMulti(carrier.HTTPHeader(h))
		h2 := http.Header{}
		b3.InjectMulti(carrier.HTTPHeader(h2), got)
		if diff := cmp.Diff(h, h2); diff != "" {
			t.Fatalf("b3multi: re-injection differs (-first +again):\n%s", diff)
		}
	case "uber-trace-id":
		first = jaeger.Append(nil, sc)
		got, err = jaeger.ParseBytes(first)
		again = jaeger.Append(nil, got)
	}
	if err != nil {
		t.Fatalf("%s: %q does not parse back: %v", format, first, err)
	}
	if diff := cmp.Diff(want, viewOf(got)); diff != "" {
		t.Fatalf("%s: %q read back wrong (-want +got):\n%s", format, first, diff)
	}
	if !bytes.Equal(first, again) {
		t.Fatalf("%s: canonical form is not a fixed point: %q then %q", format, first, again)
	}
	return got
}

// FuzzConvert checks that a valid span context survives
// W3C → B3 single → B3 multi → Jaeger → W3C: each hop keeps exactly what
// the format can carry (see afterW3C and its siblings), and at the end the
// trace id, span id and sampled bit are the ones we started with.
func FuzzConvert(f *testing.F) {
	for _, v := range seedValues(f) {
		for _, parse := range []func(string) (tracewire.SpanContext, error){traceparent.Parse, b3.Parse, jaeger.Parse} {
			sc, err := parse(v)
			if err != nil || !sc.IsValid() {
				continue
			}
			tid, sid, pid := sc.TraceID(), sc.SpanID(), sc.ParentSpanID()
			bits := byte(sc.Sampling())
			if sc.IsRandom() {
				bits |= convRandom
			}
			if sc.Is64BitTraceID() {
				bits |= conv64Bit
			}
			if sc.IsFirehose() {
				bits |= convFirehose
			}
			f.Add(tid[:], sid[:], pid[:], bits)
		}
	}
	f.Fuzz(func(t *testing.T, trace, span, parent []byte, bits byte) {
		sc, ok := buildSpanContext(trace, span, parent, bits)
		if !ok {
			// An invalid context must not propagate in any format.
			if traceparent.Format(sc) != "" || jaeger.Format(sc) != "" {
				t.Fatalf("invalid context %v was formatted", viewOf(sc))
			}
			return
		}
		start := viewOf(sc)
		w := hop(t, "traceparent", sc, afterW3C(start, sc.IsSampled()))
		s := hop(t, "b3", w, afterB3(viewOf(w), false))
		m := hop(t, "b3multi", s, afterB3(viewOf(s), true))
		j := hop(t, "uber-trace-id", m, afterJaeger(viewOf(m)))
		end := hop(t, "traceparent", j, afterW3C(viewOf(j), j.IsSampled()))

		if end.TraceID() != sc.TraceID() || end.SpanID() != sc.SpanID() || end.IsSampled() != sc.IsSampled() {
			t.Fatalf("W3C→B3→B3 multi→Jaeger→W3C lost what every format carries:\nstart %+v\nend   %+v", start, viewOf(end))
		}
	})
}
