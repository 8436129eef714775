package fuzz

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// What the vendor formats keep of a context, beside afterXRay:
//
//   - X-Ray, Google Cloud and Sentry carry the full ids and three sampling
//     states: sampled, not sampled and deferred (Sampled=?, no ";o=", no
//     flag); debug goes out as sampled. None has a parent, a 64-bit width,
//     a random flag or firehose.
//   - OT carries the same three states and a 64-bit trace id: its
//     propagator writes the low half, which reads back padded and marked
//     64-bit. With TraceID128 it writes an id whose high half is not zero
//     in full.
//   - Datadog carries the full ids (the high half in _dd.p.tid) and the
//     three states (no priority is deferred); debug goes out as priority
//     2, which reads back as sampled and so goes out again as 1: the
//     exact priority lives in datadog.Headers, which Extract and Inject
//     keep and a span context does not. An id whose high half is zero
//     goes out without _dd.p.tid and reads back marked 64-bit.
//   - grpc-trace-bin carries the full ids and one sampled bit: deferred
//     goes out as not sampled, debug as sampled.

// afterSampledIDs is what Google Cloud and Sentry keep.
func afterSampledIDs(in convView) convView {
	out := convView{Trace: in.Trace, Span: in.Span, Sampling: in.Sampling}
	if in.Sampling == tracewire.SamplingDebug.String() {
		out.Sampling = tracewire.SamplingAccept.String()
	}
	return out
}

// afterOT is what OT keeps: the trace id's low 64 bits, unless it is
// written whole: when wide and its high half is not zero, or when its low
// half is zero (the low half alone would be no id).
func afterOT(in convView, wide bool) convView {
	out := afterSampledIDs(in)
	zeros := "0000000000000000"
	if in.Trace[16:] == zeros || wide && in.Trace[:16] != zeros {
		return out
	}
	out.Trace = zeros + in.Trace[16:]
	out.Trace64 = true
	return out
}

// afterDatadog is what Datadog keeps.
func afterDatadog(in convView) convView {
	out := afterSampledIDs(in)
	out.Trace64 = in.Trace[:16] == "0000000000000000"
	return out
}

// afterGRPC is what grpc-trace-bin keeps.
func afterGRPC(in convView) convView {
	out := afterSampledIDs(in)
	if out.Sampling == tracewire.SamplingDeferred.String() {
		out.Sampling = tracewire.SamplingDeny.String()
	}
	return out
}

// hopProp writes sc with p into a fresh header, reads it back with p, and
// checks the result against want and that writing it again gives the same
// header (the canonical form is a fixed point).
func hopProp(t *testing.T, name string, p propagator.SpanContextPropagator, sc tracewire.SpanContext, want convView) tracewire.SpanContext {
	t.Helper()
	h := http.Header{}
	p.InjectInto(carrier.HTTPHeader(h), sc)
	got, err := p.ExtractFrom(carrier.HTTPHeader(h))
	if err != nil {
		t.Fatalf("%s: %q does not read back: %v", name, h, err)
	}
	if !got.IsRemote() {
		t.Fatalf("%s: extracted context is not marked remote", name)
	}
	if diff := cmp.Diff(want, viewOf(got)); diff != "" {
		t.Fatalf("%s: %q read back wrong (-want +got):\n%s", name, h, diff)
	}
	h2 := http.Header{}
	p.InjectInto(carrier.HTTPHeader(h2), got)
	if diff := cmp.Diff(h, h2); diff != "" {
		t.Fatalf("%s: canonical form is not a fixed point (-first +again):\n%s", name, diff)
	}
	return got.WithRemote(false)
}

var (
	cloudTwoWay = cloudtrace.Propagator{InjectHeader: true}
	ot64        = ottrace.Propagator{}
	ot128       = ottrace.Propagator{TraceID128: true}
)

// FuzzConvertVendors checks conversion through the vendor formats, each
// hop keeping exactly what its format carries:
//
//   - W3C → X-Ray → W3C keeps the ids and the sampled bit;
//   - from any context, X-Ray → Google Cloud → Sentry → OT (128-bit) → B3
//     keeps the ids and the decision, deferred included, debug read as
//     sampled: every one of these formats can say "deferred";
//   - W3C → OT keeps the low 64 bits of the trace id (all of it when they
//     are zero), the span id and the sampled bit, and OT → W3C gives that
//     64-bit id, padded;
//   - W3C → Datadog → grpc-trace-bin → W3C keeps the ids and the sampled
//     bit, and Datadog keeps a deferred decision too.
func FuzzConvertVendors(f *testing.F) {
	add := func(sc tracewire.SpanContext) {
		if sc.IsValid() {
			tid, sid, pid := sc.TraceID(), sc.SpanID(), sc.ParentSpanID()
			bits := byte(sc.Sampling())
			if sc.IsRandom() {
				bits |= convRandom
			}
			if sc.Is64BitTraceID() {
				bits |= conv64Bit
			}
			f.Add(tid[:], sid[:], pid[:], bits)
		}
	}
	for _, v := range seedValues(f) {
		for _, parse := range []func(string) (tracewire.SpanContext, error){
			traceparent.Parse, b3.Parse, xray.Parse, cloudtrace.Parse, sentry.Parse, grpctrace.Parse,
		} {
			if sc, err := parse(v); err == nil {
				add(sc)
			}
		}
	}
	for _, hs := range seedHeaders(f) {
		m := carrier.Map{}
		for _, h := range hs {
			m.Set(h[0], h[1])
		}
		for _, p := range []propagator.SpanContextPropagator{ot64, datadog.Propagator{}} {
			if sc, err := p.ExtractFrom(m); err == nil {
				add(sc)
			}
		}
	}
	f.Fuzz(func(t *testing.T, trace, span, parent []byte, bits byte) {
		sc, ok := buildSpanContext(trace, span, parent, bits)
		if !ok {
			// An invalid context goes out in none of them.
			for name, p := range map[string]propagator.SpanContextPropagator{
				"cloudtrace": cloudTwoWay, "sentry": sentry.Propagator{}, "ottrace": ot64,
				"datadog": datadog.Propagator{}, "grpc-trace-bin": grpctrace.Propagator{},
			} {
				h := http.Header{}
				p.InjectInto(carrier.HTTPHeader(h), sc)
				if len(h) != 0 {
					t.Fatalf("%s: invalid context %v written as %q", name, viewOf(sc), h)
				}
			}
			return
		}
		start := viewOf(sc)

		w := hop(t, "traceparent", sc, afterW3C(start, sc.IsSampled()))
		x := hopProp(t, "xray", xray.Propagator{}, w, afterXRay(viewOf(w)))
		w = hop(t, "traceparent", x, afterW3C(viewOf(x), x.IsSampled()))
		if w.TraceID() != sc.TraceID() || w.SpanID() != sc.SpanID() || w.IsSampled() != sc.IsSampled() {
			t.Fatalf("W3C→X-Ray→W3C lost the ids or the sampled bit: %v became %v", start, viewOf(w))
		}

		x = hopProp(t, "xray", xray.Propagator{}, sc, afterXRay(start))
		c := hopProp(t, "cloudtrace", cloudTwoWay, x, afterSampledIDs(viewOf(x)))
		s := hopProp(t, "sentry", sentry.Propagator{}, c, afterSampledIDs(viewOf(c)))
		o := hopProp(t, "ottrace", ot128, s, afterOT(viewOf(s), true))
		end := hop(t, "b3", o, afterB3(viewOf(o), false))
		if want := afterSampledIDs(start); end.TraceID() != sc.TraceID() || end.SpanID() != sc.SpanID() || end.Sampling().String() != want.Sampling {
			t.Fatalf("X-Ray→Google Cloud→Sentry→OT→B3 lost the ids or the decision: %v became %v", start, viewOf(end))
		}

		// A debug decision first becomes priority 2 and reads back as
		// sampled (see above); the fixed point starts from there.
		ddIn := sc
		if sc.IsDebug() {
			ddIn = sc.WithSampling(tracewire.SamplingAccept)
		}
		d := hopProp(t, "datadog", datadog.Propagator{}, ddIn, afterDatadog(start))
		if d.TraceID() != sc.TraceID() || d.SpanID() != sc.SpanID() || d.Sampling().String() != afterSampledIDs(start).Sampling {
			t.Fatalf("Datadog lost the ids or the decision: %v became %v", start, viewOf(d))
		}
		g := hopProp(t, "grpc-trace-bin", grpctrace.Propagator{}, d, afterGRPC(viewOf(d)))
		gb := hopProp(t, "grpc-trace-bin binary", grpctrace.Propagator{Binary: true}, g, afterGRPC(viewOf(g)))
		back := hop(t, "traceparent", gb, afterW3C(viewOf(gb), gb.IsSampled()))
		if back.TraceID() != sc.TraceID() || back.SpanID() != sc.SpanID() || back.IsSampled() != sc.IsSampled() {
			t.Fatalf("W3C→Datadog→grpc-trace-bin→W3C lost the ids or the sampled bit: %v became %v", start, viewOf(back))
		}

		o = hopProp(t, "ottrace", ot64, w, afterOT(viewOf(w), false))
		back = hop(t, "traceparent", o, afterW3C(viewOf(o), o.IsSampled()))
		tid := sc.TraceID()
		if [8]byte(tid[8:]) != [8]byte{} {
			clear(tid[:8])
		}
		if back.TraceID() != tid || back.SpanID() != sc.SpanID() || back.IsSampled() != sc.IsSampled() {
			t.Fatalf("W3C→OT→W3C lost the low 64 bits, the span id or the sampled bit: %v became %v", start, viewOf(back))
		}
	})
}

// TestConvertVendorsDeferred pins the seed behaviour of FuzzConvertVendors
// on a deferred context, which every vendor format here can carry.
func TestConvertVendorsDeferred(t *testing.T) {
	sc, err := sentry.Parse(hT + "-" + hP)
	if err != nil || !sc.IsDeferred() {
		t.Fatalf("Parse = %v, %v", sc, err)
	}
	for name, p := range map[string]propagator.SpanContextPropagator{
		"xray": xray.Propagator{}, "cloudtrace": cloudTwoWay, "sentry": sentry.Propagator{}, "ottrace": ot64,
	} {
		want := afterSampledIDs(viewOf(sc))
		if name == "ottrace" {
			want = afterOT(viewOf(sc), false)
		}
		if got := hopProp(t, name, p, sc, want); !got.IsDeferred() {
			t.Errorf("%s: deferred lost: %v", name, viewOf(got))
		}
	}
}
