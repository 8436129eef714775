package tracewire

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestNewRatioSamplerThreshold(t *testing.T) {
	// The expected thresholds are 2^56 - round(p * 2^56), computed with
	// exact rational arithmetic from the float64 value of p.
	tests := []struct {
		p    float64
		want uint64
	}{
		{1, 0},
		{1.5, 0},
		{math.Inf(1), 0},
		{0.75, 0x40000000000000},
		{0.5, 0x80000000000000},
		{0.25, 0xc0000000000000},
		{0.125, 0xe0000000000000},
		{0.1, 0xe6666666666666},
		{1.0 / 3, 0xaaaaaaaaaaaaac},
		{0.01, 0xfd70a3d70a3d71},
		{0.001, 0xffbe76c8b43958},
		{1e-6, 0xffffef39085f4a},
		{0.9999999999999999, 0x8},     // the largest float64 below 1
		{0x1p-56, 0xffffffffffffff},   // OpenTelemetry's smallest probability
		{0x1.8p-57, 0xffffffffffffff}, // 0.75 rounds to 1
		{0x1p-57, 0xffffffffffffff},   // 0.5 rounds away from zero, to 1
		{0x1p-58, 1 << 56},            // rounds to 0: nothing sampled
		{0, 1 << 56},
		{-0.5, 1 << 56},
		{math.NaN(), 1 << 56},
	}
	for _, tt := range tests {
		if got := NewRatioSampler(tt.p).Threshold(); got != tt.want {
			t.Errorf("NewRatioSampler(%v).Threshold() = %#x, want %#x", tt.p, got, tt.want)
		}
	}
	if (RatioSampler{}).Threshold() != 0 {
		t.Error("the zero RatioSampler does not sample everything")
	}
}

// rootWith returns a root with trace id t (random flag as given) and the
// tracestate header ts.
func rootWith(t *testing.T, id TraceID, random bool, header string) SpanContext {
	t.Helper()
	ts, err := ParseTraceState(header)
	if err != nil {
		t.Fatal(err)
	}
	return SpanContextConfig{TraceID: id, SpanID: tS, Random: random, TraceState: ts}.SpanContext()
}

// Trace ids whose low 56 bits are just above and just below 0xc0000000000000.
var (
	idHigh = TraceID{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xc0, 0, 0, 0, 0, 0, 0} // R = 0xc0000000000000
	idLow  = TraceID{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
)

func TestRatioSamplerSampleRoot(t *testing.T) {
	quarter := NewRatioSampler(0.25)
	otel := quarter.WithOTelMember(true)
	tests := []struct {
		name   string
		s      Sampler
		root   SpanContext
		want   Sampling
		wantTS string
	}{
		// Without the member: R is the trace id's low 56 bits, random flag or not.
		{"R = T is kept", quarter, rootWith(t, idHigh, true, ""), SamplingAccept, ""},
		{"R < T is dropped", quarter, rootWith(t, idLow, true, ""), SamplingDeny, ""},
		{"no random flag: the trace id still decides", quarter, rootWith(t, idHigh, false, ""), SamplingAccept, ""},
		{"tracestate left alone", quarter, rootWith(t, idLow, true, "ot=rv:ffffffffffffff;th:0,a=1"), SamplingDeny, "ot=rv:ffffffffffffff;th:0,a=1"},
		{"everything", NewRatioSampler(1), rootWith(t, TraceID{15: 1}, true, ""), SamplingAccept, ""},
		{"nothing", NewRatioSampler(0), rootWith(t, TraceID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, true, ""), SamplingDeny, ""},

		// With the member.
		{"kept: th written", otel, rootWith(t, idHigh, true, ""), SamplingAccept, "ot=th:c"},
		{"dropped: nothing written", otel, rootWith(t, idLow, true, ""), SamplingDeny, ""},
		{"added in front of other members", otel, rootWith(t, idHigh, true, "rojo=1,congo=2"), SamplingAccept, "ot=th:c,rojo=1,congo=2"},
		{"spec case: rv below th is dropped", otel, rootWith(t, idHigh, true, "a=1,ot=rv:9b8233f7e3a151"), SamplingDeny, "a=1,ot=rv:9b8233f7e3a151"},
		{"rv wins over the trace id", otel, rootWith(t, idLow, true, "ot=rv:ffffffffffffff;th:0"), SamplingAccept, "ot=th:c;rv:ffffffffffffff"},
		{"an upstream th is replaced", otel, rootWith(t, idHigh, true, "ot=th:8;foo:bar,a=1"), SamplingAccept, "ot=th:c;foo:bar,a=1"},
		{"an upstream th is erased when dropped", otel, rootWith(t, idLow, true, "a=1,ot=th:8;foo:bar"), SamplingDeny, "ot=foo:bar,a=1"},
		{"a malformed th is erased", otel, rootWith(t, idHigh, true, "ot=th:G;foo:bar"), SamplingAccept, "ot=th:c;foo:bar"},
		{"an unreadable member is replaced", otel, rootWith(t, idHigh, true, "ot=th:8;;,a=1"), SamplingAccept, "ot=th:c,a=1"},
		{"an unreadable member is removed when dropped", otel, rootWith(t, idLow, true, "ot=th:8;;,a=1"), SamplingDeny, "a=1"},
		{"everything writes th:0", NewRatioSampler(1).WithOTelMember(true), rootWith(t, idLow, true, ""), SamplingAccept, "ot=th:0"},
		{"nothing writes nothing", NewRatioSampler(0).WithOTelMember(true), rootWith(t, idHigh, true, "ot=th:0"), SamplingDeny, ""},

		// Fixed decisions.
		{"SamplingAccept", SamplingAccept, rootWith(t, idLow, true, "a=1"), SamplingAccept, "a=1"},
		{"SamplingDeny", SamplingDeny, rootWith(t, idHigh, true, "a=1"), SamplingDeny, "a=1"},
		{"SamplingDeferred", SamplingDeferred, rootWith(t, idHigh, true, ""), SamplingDeferred, ""},
		{"SamplingDebug", SamplingDebug, rootWith(t, idHigh, true, ""), SamplingDebug, ""},
	}
	for _, tt := range tests {
		d, ts := tt.s.SampleRoot(tt.root)
		if d != tt.want || ts.String() != tt.wantTS {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, d, ts.String(), tt.want, tt.wantTS)
		}
	}
}

// TestRatioSamplerDrawsRandomness covers a root whose trace id is not known
// to be random and that carries no rv: the sampler draws R and writes it,
// so the decision is the one every later reader of the member reaches.
func TestRatioSamplerDrawsRandomness(t *testing.T) {
	s := NewRatioSampler(0.5).WithOTelMember(true)
	kept := 0
	for range 200 {
		root := rootWith(t, idHigh, false, "a=1")
		d, ts := s.SampleRoot(root)
		o, err := ts.OTelState()
		if err != nil {
			t.Fatal(err)
		}
		r, ok := o.Randomness()
		if !ok {
			t.Fatalf("no rv written: %q", ts.String())
		}
		sc := root.WithSampling(d).WithTraceState(ts)
		if got, _ := sc.Randomness(); got != r {
			t.Fatalf("Randomness %#x, rv %#x", got, r)
		}
		th, hasTh := o.Threshold()
		if want := r >= 0x80000000000000; (d == SamplingAccept) != want || hasTh != want || hasTh && th != 0x80000000000000 {
			t.Fatalf("R %#x: decision %v, tracestate %q", r, d, ts.String())
		}
		if v, _ := ts.Get("a"); v != "1" {
			t.Fatalf("member a lost: %q", ts.String())
		}
		if d == SamplingAccept {
			kept++
		}
		// A second sampler reads the rv and agrees.
		if d2, ts2 := s.SampleRoot(sc); d2 != d || ts2 != ts {
			t.Fatalf("second sampler: %v %q, first: %v %q", d2, ts2.String(), d, ts.String())
		}
	}
	// Both outcomes occur: the odds of 200 equal draws are 2^-199.
	if kept == 0 || kept == 200 {
		t.Fatalf("kept %d of 200: rv is not random", kept)
	}
}

// TestRatioSamplerFullMember: when rv does not fit in the member, the trace
// id decides and no threshold is written.
func TestRatioSamplerFullMember(t *testing.T) {
	long := "ot=a:" + strings.Repeat("x", 240)
	root := rootWith(t, idHigh, false, long)
	d, ts := NewRatioSampler(0.25).WithOTelMember(true).SampleRoot(root)
	if d != SamplingAccept || ts.String() != long {
		t.Fatalf("got %v %q", d, ts.String())
	}
}

func TestNewRoot(t *testing.T) {
	type rootView struct {
		Valid, Random, HasParent bool
		Sampling                 string
		TraceState               string
	}
	tests := []struct {
		name string
		s    Sampler
		want rootView
	}{
		{"nil samples", nil, rootView{true, true, false, "accept", ""}},
		{"accept", SamplingAccept, rootView{true, true, false, "accept", ""}},
		{"deny", SamplingDeny, rootView{true, true, false, "deny", ""}},
		{"deferred stays deferred", SamplingDeferred, rootView{true, true, false, "deferred", ""}},
		{"out-of-range decision reads as deferred", Sampling(9), rootView{true, true, false, "deferred", ""}},
		{"ratio 1 with the member", NewRatioSampler(1).WithOTelMember(true), rootView{true, true, false, "accept", "ot=th:0"}},
		{"ratio 0", NewRatioSampler(0), rootView{true, true, false, "deny", ""}},
	}
	for _, tt := range tests {
		r := NewRoot(tt.s)
		got := rootView{r.IsValid(), r.IsRandom(), r.ParentSpanID().IsValid(), r.Sampling().String(), r.TraceState().String()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestNewChildOfInvalid: a context with no ids starts a new trace that
// keeps any decision it carries and is sampled when it carries none.
func TestNewChildOfInvalid(t *testing.T) {
	tests := []struct {
		name string
		sc   SpanContext
		want Sampling
	}{
		{"zero context", SpanContext{}, SamplingAccept},
		{"deferred B3 with a span id only", SpanContext{}.WithSpanID(tS), SamplingAccept},
		{"bare b3: 0", SpanContext{}.WithSampling(SamplingDeny), SamplingDeny},
		{"bare b3: 1", SpanContext{}.WithSampling(SamplingAccept), SamplingAccept},
		{"bare b3: d", SpanContext{}.WithSampling(SamplingDebug), SamplingDebug},
	}
	for _, tt := range tests {
		c := tt.sc.NewChild()
		if !c.IsValid() || !c.IsRandom() || c.ParentSpanID().IsValid() || c.Sampling() != tt.want {
			t.Errorf("%s: got %+v, want a new random root with %v", tt.name, viewOf(c), tt.want)
		}
	}
	if _, c := ContextWithChild(t.Context()); !c.IsSampled() {
		t.Errorf("ContextWithChild of an empty context: %+v, want sampled", viewOf(c))
	}
}

// TestRatioSamplerMonotonic: a trace kept at a smaller fraction is kept at
// every larger one (consistent probability sampling).
func TestRatioSamplerMonotonic(t *testing.T) {
	ps := []float64{0.001, 0.01, 0.1, 0.25, 0.5, 0.9, 1}
	var id TraceID
	for i := range 5000 {
		// A simple deterministic sequence of ids (splitmix64).
		x := uint64(i)*0x9e3779b97f4a7c15 + 1
		x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
		x = (x ^ x>>27) * 0x94d049bb133111eb
		x ^= x >> 31
		for j := range 8 {
			id[8+j] = byte(x >> (8 * j))
		}
		root := rootWith(t, id, true, "")
		was := false
		for _, p := range ps {
			d, _ := NewRatioSampler(p).SampleRoot(root)
			kept := d == SamplingAccept
			if was && !kept {
				t.Fatalf("id %v kept at a smaller fraction but not at %v", id, p)
			}
			was = kept
		}
	}
}

func TestSamplerAllocs(t *testing.T) {
	root := rootWith(t, idHigh, true, "rojo=1")
	quarter := NewRatioSampler(0.25)
	var s Sampler = quarter
	otelKeep := quarter.WithOTelMember(true)
	lowRoot := rootWith(t, idLow, true, "rojo=1")
	already := root.WithTraceState(func() TraceState { _, ts := otelKeep.SampleRoot(root); return ts }())
	// Drawing the ids allocates nothing, except under the race detector,
	// whose instrumentation of crypto/rand moves the id buffers to the
	// heap; NewRoot must add nothing to that.
	ids := testing.AllocsPerRun(100, func() { _, _ = NewTraceID(), NewSpanID() })
	tests := []struct {
		name string
		f    func()
		want float64
	}{
		{"NewRoot(nil)", func() { _ = NewRoot(nil) }, ids},
		{"NewRoot(SamplingAccept)", func() { _ = NewRoot(SamplingAccept) }, ids},
		{"NewRoot(Sampler) holding a RatioSampler", func() { _ = NewRoot(s) }, ids},
		{"RatioSampler.SampleRoot", func() { _, _ = quarter.SampleRoot(root) }, 0},
		{"RatioSampler.SampleRoot with the member, dropped", func() { _, _ = otelKeep.SampleRoot(lowRoot) }, 0},
		{"RatioSampler.SampleRoot with the member, already written", func() { _, _ = otelKeep.SampleRoot(already) }, 0},
		{"RatioSampler.SampleRoot with the member, written", func() { _, _ = otelKeep.SampleRoot(root) }, 2},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != tt.want {
			t.Errorf("%s: %v allocations, want %v", tt.name, n, tt.want)
		}
	}
}

// TestSamplerInlining keeps the accessors the samplers call per root
// inlinable. (A separate list from TestInlining's, so that the two files
// can change independently.)
func TestSamplerInlining(t *testing.T) {
	inlinetest.Check(t,
		"Sampling.SampleRoot", "RatioSampler.Threshold", "RatioSampler.WithOTelMember", "RatioSampler.decide",
		"OTelState.Threshold", "OTelState.Randomness", "OTelState.IsZero", "traceRandomness",
	)
}
