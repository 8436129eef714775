package fuzz

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
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

// afterSampledIDs is what Google Cloud and Sentry keep.
func afterSampledIDs(in convView) convView {
	out := convView{Trace: in.Trace, Span: in.Span, Sampling: in.Sampling}
	if in.Sampling == tracewire.SamplingDebug.String() {
		out.Sampling = tracewire.SamplingAccept.String()
	}
	return out
}

// afterOT is what OT keeps, with the trace id written whole when wide and
// its high half is not zero.
func afterOT(in convView, wide bool) convView {
	out := afterSampledIDs(in)
	if !wide || in.Trace[:16] == "0000000000000000" {
		out.Trace = "0000000000000000" + in.Trace[16:]
		out.Trace64 = true
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
//   - W3C → OT keeps the low 64 bits of the trace id, the span id and the
//     sampled bit, and OT → W3C gives that 64-bit id, padded.
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
			traceparent.Parse, b3.ParseSingle, xray.Parse, cloudtrace.Parse, sentry.Parse,
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
		if sc, err := ot64.ExtractFrom(m); err == nil {
			add(sc)
		}
	}
	f.Fuzz(func(t *testing.T, trace, span, parent []byte, bits byte) {
		sc, ok := buildSpanContext(trace, span, parent, bits)
		if !ok {
			// An invalid context goes out in none of them.
			for name, p := range map[string]propagator.SpanContextPropagator{
				"cloudtrace": cloudTwoWay, "sentry": sentry.Propagator{}, "ottrace": ot64,
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

		o = hopProp(t, "ottrace", ot64, w, afterOT(viewOf(w), false))
		back := hop(t, "traceparent", o, afterW3C(viewOf(o), o.IsSampled()))
		tid := sc.TraceID()
		clear(tid[:8])
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
