package tracewire_test

import (
	"math"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/traceparent"
)

// hop sends sc from one service to the next over HTTP headers, as
// traceparent and tracestate, and returns what the next service extracts.
func hop(t *testing.T, sc tracewire.SpanContext) tracewire.SpanContext {
	t.Helper()
	h := http.Header{}
	traceparent.Propagator{}.InjectInto(carrier.HTTPHeader(h), sc)
	in, err := traceparent.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	if err != nil || !in.IsValid() {
		t.Fatalf("hop of %v: %v", sc.TraceID(), err)
	}
	return in
}

// TestRatioSamplerChain: three services each configured with the same
// ratio sampler (three separate values) see the same 10,000 traces. The
// first decides as the root and writes the "ot" member; the trace then
// travels over traceparent and tracestate headers to the second and third,
// which read the member and the randomness and must reach the same
// decision without changing the member. The fraction kept must be within
// five standard deviations of p (a fixed seed makes the count itself
// fixed; the bound says it is a fair one).
func TestRatioSamplerChain(t *testing.T) {
	const n, p = 10000, 0.25
	rng := rand.New(rand.NewPCG(20240601, 7))
	tests := []struct {
		name   string
		otel   bool
		random bool
		rv     bool
	}{
		{"random ids, ot member", true, true, false},
		{"random ids, no ot member", false, true, false},
		// The ids carry no randomness (their low 56 bits are zero), so
		// only the rv an upstream system put in the member can decide.
		{"ids without randomness, rv from upstream", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			services := [3]tracewire.RatioSampler{}
			for i := range services {
				services[i] = tracewire.NewRatioSampler(p).WithOTelMember(tt.otel)
			}
			kept := 0
			for range n {
				var id tracewire.TraceID
				hi, lo := rng.Uint64(), rng.Uint64()
				for j := range 8 {
					id[j], id[8+j] = byte(hi>>(56-8*j)), byte(lo>>(56-8*j))
				}
				var ts tracewire.TraceState
				if tt.rv {
					var o tracewire.OTelState
					o, _ = o.WithRandomness(lo >> 8)
					ts = ts.WithOTelState(o)
					clear(id[9:]) // nothing random left in the id
				}
				root := tracewire.SpanContextConfig{
					TraceID: id, SpanID: tracewire.SpanID{7: 1}, Random: tt.random, TraceState: ts,
				}.SpanContext()

				// Service 1 starts the trace.
				d, ts := services[0].SampleRoot(root)
				sc := root.WithSampling(d).WithTraceState(ts)
				if d == tracewire.SamplingAccept {
					kept++
				}
				wantTS := ts.String()
				r1, ok1 := sc.Randomness()

				// Services 2 and 3 receive it and decide again.
				for i := 1; i < 3; i++ {
					in := hop(t, sc)
					if in.IsSampled() != (d == tracewire.SamplingAccept) {
						t.Fatalf("service %d: sampled flag %v, root decided %v", i+1, in.IsSampled(), d)
					}
					if r, ok := in.Randomness(); r != r1 || ok != ok1 {
						t.Fatalf("service %d: randomness %#x %v, root had %#x %v", i+1, r, ok, r1, ok1)
					}
					if tt.otel {
						o, err := in.TraceState().OTelState()
						th, hasTh := o.Threshold()
						if err != nil || hasTh != in.IsSampled() || hasTh && (th != services[i].Threshold() || r1 < th) {
							t.Fatalf("service %d: ot member %q (%v) for decision %v", i+1, o.String(), err, d)
						}
						if c := o.ConsistentWith(in); c != o {
							t.Fatalf("service %d: a consistent threshold was erased: %q", i+1, c.String())
						}
					}
					d2, ts2 := services[i].SampleRoot(in)
					if d2 != d || ts2.String() != wantTS {
						t.Fatalf("service %d decided %v %q; root decided %v %q", i+1, d2, ts2.String(), d, wantTS)
					}
					sc = in.NewChild()
				}
			}
			mean, sd := n*p, math.Sqrt(n*p*(1-p))
			if math.Abs(float64(kept)-mean) > 5*sd {
				t.Fatalf("kept %d of %d, want %v ± %.0f", kept, n, mean, 5*sd)
			}
			t.Logf("kept %d of %d (expected %v, sd %.1f)", kept, n, mean, sd)
		})
	}
}

// TestRatioSamplerChainDrawnRandomness: ids without randomness and no rv;
// the root draws rv from crypto/rand and writes it, and the services after
// it agree. The fraction kept is not checked: the draws are not seeded.
func TestRatioSamplerChainDrawnRandomness(t *testing.T) {
	s := [3]tracewire.RatioSampler{}
	for i := range s {
		s[i] = tracewire.NewRatioSampler(0.25).WithOTelMember(true)
	}
	for i := range 500 {
		id := tracewire.TraceID{0: 1, 15: byte(i), 14: byte(i >> 8)}
		root := tracewire.NewSpanContext(id, tracewire.SpanID{7: 1}, 0)
		d, ts := s[0].SampleRoot(root)
		sc := root.WithSampling(d).WithTraceState(ts)
		if _, ok := sc.Randomness(); !ok || sc.IsRandom() {
			t.Fatalf("root %q: no rv, or a random flag on an id that is not random", ts.String())
		}
		for j := 1; j < 3; j++ {
			in := hop(t, sc)
			if d2, ts2 := s[j].SampleRoot(in); d2 != d || ts2.String() != ts.String() {
				t.Fatalf("service %d decided %v %q; root decided %v %q", j+1, d2, ts2.String(), d, ts.String())
			}
			sc = in.NewChild()
		}
	}
}
