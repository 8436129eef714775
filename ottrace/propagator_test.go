package ottrace_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/ottrace"
)

func TestFields(t *testing.T) {
	want := []string{"ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled"}
	if d := cmp.Diff(want, ottrace.Propagator{}.Fields()); d != "" {
		t.Error(d)
	}
	f := ottrace.Propagator{}.Fields()
	f[0] = "mutated"
	if (ottrace.Propagator{}).Fields()[0] != want[0] {
		t.Error("Fields shares its slice")
	}
}

// TestTraceID128 compares the two widths for ids of each kind.
func TestTraceID128(t *testing.T) {
	for _, tc := range []struct {
		in            string
		narrow, whole string
	}{
		{tT32, tT32[16:], tT32},
		{tT, tT, tT},
		{"0000000000000000" + tT, tT, tT},
		{"ff", "00000000000000ff", "00000000000000ff"},
	} {
		sc, err := ottrace.ParseHeaders(tc.in, tS, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []ottrace.Propagator{{}, {TraceID128: true}} {
			out := carrier.Map{}
			p.InjectInto(out, sc)
			want := tc.narrow
			if p.TraceID128 {
				want = tc.whole
			}
			if got := out["ot-tracer-traceid"]; got != want {
				t.Errorf("%+v: %q went out as %q, want %q", p, tc.in, got, want)
			}
			if _, ok := out["ot-tracer-sampled"]; ok {
				t.Errorf("%+v: a deferred decision wrote ot-tracer-sampled", p)
			}
		}
	}
}

// TestCrossFormat: a W3C context goes out as its low 64 bits, and comes
// back as a 64-bit id that B3 and Jaeger send 16 digits wide.
func TestCrossFormat(t *testing.T) {
	tr, _ := tracewire.ParseTraceID(tT32)
	sp, _ := tracewire.ParseSpanID(tS)
	sc := tracewire.NewSpanContext(tr, sp, tracewire.FlagSampled|tracewire.FlagRandom)
	out := carrier.Map{}
	ottrace.Propagator{}.InjectInto(out, sc)
	want := carrier.Map{"ot-tracer-traceid": tT32[16:], "ot-tracer-spanid": tS, "ot-tracer-sampled": "true"}
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("InjectInto (-want +got):\n%s", d)
	}
	back, err := ottrace.Propagator{}.ExtractFrom(out)
	if err != nil || back.TraceID().String() != "0000000000000000"+tT32[16:] || !back.Is64BitTraceID() || back.IsRandom() || !back.IsSampled() {
		t.Errorf("extracted %v, %v", back, err)
	}
}

func TestExtractNothing(t *testing.T) {
	ctx := context.Background()
	for _, g := range []carrier.Map{{}, {"ot-tracer-traceid": " "}, {"ot-tracer-traceid": tT}, {"ot-tracer-sampled": "true"}} {
		if got := (ottrace.Propagator{}).Extract(ctx, g); got != ctx {
			t.Errorf("Extract(%v) changed the context", g)
		}
	}
	existing := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, 0)
	ctx = tracewire.ContextWithSpanContext(ctx, existing)
	if got := tracewire.SpanContextFromContext(ottrace.Propagator{}.Extract(ctx, carrier.Map{"ot-tracer-traceid": tT})); got != existing {
		t.Errorf("an invalid set replaced the context: %v", got)
	}
}

func TestDownstream(t *testing.T) {
	p := ottrace.Propagator{}
	ctx := p.Extract(context.Background(), carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS, "ot-tracer-sampled": "false"})
	ctx, child := tracewire.ContextWithChild(ctx)
	out := carrier.Map{}
	p.Inject(ctx, out)
	want := carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": child.SpanID().String(), "ot-tracer-sampled": "false"}
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("downstream (-want +got):\n%s", d)
	}
}
