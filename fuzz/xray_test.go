package fuzz

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// hXRoot and hX are hT and hP as an X-Ray Root and header, sampled.
const (
	hXRoot = "1-4bf92f35-77b34da6a3ce929d0e0e4736"
	hX     = "Root=" + hXRoot + ";Parent=" + hP + ";Sampled=1"
)

// afterXRay is what X-Ray keeps of a context: the ids and the decision,
// with debug read back as accept; no parent, random flag, 64-bit width or
// firehose.
func afterXRay(in convView) convView {
	out := convView{Trace: in.Trace, Span: in.Span, Sampling: in.Sampling}
	if in.Sampling == tracewire.SamplingDebug.String() {
		out.Sampling = tracewire.SamplingAccept.String()
	}
	return out
}

// hopXRay is hop for X-Ray, which hop does not know.
func hopXRay(t *testing.T, sc tracewire.SpanContext, want convView) tracewire.SpanContext {
	t.Helper()
	first := xray.Append(nil, sc)
	got, err := xray.ParseBytes(first)
	if err != nil {
		t.Fatalf("x-amzn-trace-id: %q does not parse back: %v", first, err)
	}
	if diff := cmp.Diff(want, viewOf(got)); diff != "" {
		t.Fatalf("x-amzn-trace-id: %q read back wrong (-want +got):\n%s", first, diff)
	}
	if again := xray.Append(nil, got); !bytes.Equal(first, again) {
		t.Fatalf("x-amzn-trace-id: canonical form is not a fixed point: %q then %q", first, again)
	}
	return got
}

// FuzzConvertXRay checks that a valid span context survives
// X-Ray → B3 → X-Ray → Jaeger → W3C → X-Ray, each hop keeping what its
// format can carry, X-Ray keeping the deferred decision that W3C and
// Jaeger cannot, and that the ids and the sampled bit come out as they
// went in.
func FuzzConvertXRay(f *testing.F) {
	for _, v := range seedValues(f) {
		for _, parse := range []func(string) (tracewire.SpanContext, error){xray.Parse, traceparent.Parse, b3.Parse} {
			if sc, err := parse(v); err == nil && sc.IsValid() {
				tid, sid := sc.TraceID(), sc.SpanID()
				f.Add(tid[:], sid[:], []byte{}, byte(sc.Sampling()))
			}
		}
	}
	f.Fuzz(func(t *testing.T, trace, span, parent []byte, bits byte) {
		sc, ok := buildSpanContext(trace, span, parent, bits)
		if !ok {
			if sc.TraceID().IsValid() != (xray.Format(sc) != "") {
				t.Fatalf("context %v formatted as %q", viewOf(sc), xray.Format(sc))
			}
			return
		}
		x := hopXRay(t, sc, afterXRay(viewOf(sc)))
		s := hop(t, "b3", x, afterB3(viewOf(x), false))
		x = hopXRay(t, s, afterXRay(viewOf(s)))
		j := hop(t, "uber-trace-id", x, afterJaeger(viewOf(x)))
		w := hop(t, "traceparent", j, afterW3C(viewOf(j), j.IsSampled()))
		end := hopXRay(t, w, afterXRay(viewOf(w)))
		if end.TraceID() != sc.TraceID() || end.SpanID() != sc.SpanID() || end.IsSampled() != sc.IsSampled() {
			t.Fatalf("lost the ids or the sampled bit: %v became %v", viewOf(sc), viewOf(end))
		}
	})
}

// TestHostileXRay: megabyte X-Amzn-Trace-Id values are rejected at the
// first byte that cannot belong to a valid value, or read in one pass, and
// re-injected within 256 characters, without allocating.
func TestHostileXRay(t *testing.T) {
	x := strings.Repeat("x", mib)
	var (
		bigField   = hX + ";Foo=" + x
		semicolons = strings.Repeat(";", mib)
		spaces     = strings.Repeat(" ", mib)
		letters    = strings.Repeat("a", mib)
		manyFields = strings.Repeat("Foo=1;", mib/6) + hX
		manyRoots  = strings.Repeat("Root="+hXRoot+";", mib/41)
		bigLineage = hX + ";Lineage=" + x
		longRoot   = "Root=1-" + strings.Repeat("a", mib)
		buf        = make([]byte, 0, xray.MaxLen)
	)
	runHostile(t, []hostileCase{
		{"x-amzn-trace-id/big-field", func() (outcome, error) { return scOut(xray.Parse(bigField)) },
			sampledT, noErr, 0},
		{"x-amzn-trace-id/semicolons", func() (outcome, error) { return scOut(xray.Parse(semicolons)) },
			invalid, ek("x-amzn-trace-id", tracewire.ErrMissingField, mib), 1},
		{"x-amzn-trace-id/spaces", func() (outcome, error) { return scOut(xray.Parse(spaces)) },
			invalid, ek("x-amzn-trace-id", tracewire.ErrEmpty, 0), 0},
		{"x-amzn-trace-id/letters", func() (outcome, error) { return scOut(xray.Parse(letters)) },
			invalid, ek("x-amzn-trace-id", tracewire.ErrMember, 0), 0},
		{"x-amzn-trace-id/many-fields", func() (outcome, error) { return scOut(xray.Parse(manyFields)) },
			sampledT, noErr, 0},
		{"x-amzn-trace-id/many-roots", func() (outcome, error) { return scOut(xray.Parse(manyRoots)) },
			invalid, ek("x-amzn-trace-id", tracewire.ErrKey, 41), 0},
		{"x-amzn-trace-id/big-lineage", func() (outcome, error) { return scOut(xray.Parse(bigLineage)) },
			sampledT, noErr, 0},
		{"x-amzn-trace-id/long-root", func() (outcome, error) { return scOut(xray.Parse(longRoot)) },
			invalid, ek("x-amzn-trace-id", tracewire.ErrLength, 15), 0},
		{"x-amzn-trace-id/reinject-many-fields", func() (outcome, error) {
			h, err := xray.ParseHeader(manyFields)
			buf = h.Append(buf[:0], h.SpanContext())
			o, _ := scOut(xray.ParseBytes(buf))
			o.Kept = len(buf)
			return o, err
		}, outcome{Valid: true, Trace: "T", Sampling: tracewire.SamplingAccept, Kept: 74 + 30*len(";Foo=1")}, noErr, 0},
	})
}

// TestConvertXRayRoundTrip pins the seed behaviour of FuzzConvertXRay on
// a deferred context, the state only B3 and X-Ray carry.
func TestConvertXRayRoundTrip(t *testing.T) {
	sc, err := xray.Parse("Root=" + hXRoot + ";Parent=" + hP + ";Sampled=?")
	if err != nil || !sc.IsDeferred() {
		t.Fatalf("Parse = %v, %v", sc, err)
	}
	s := hop(t, "b3", sc, afterB3(viewOf(sc), false))
	if got := hopXRay(t, s, afterXRay(viewOf(s))); !got.IsDeferred() || jaeger.Format(got) == "" {
		t.Errorf("deferred lost: %v", viewOf(got))
	}
}
