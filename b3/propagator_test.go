package b3_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
)

type ctxKey struct{}

func TestExtractContext(t *testing.T) {
	base := context.WithValue(context.Background(), ctxKey{}, "kept")
	tests := []struct {
		name     string
		lines    [][2]string
		stored   bool
		sampling tracewire.Sampling
	}{
		{"valid", [][2]string{{"b3", tT + "-" + tS + "-1"}}, true, tracewire.SamplingAccept},
		{"sampling-only", [][2]string{{"b3", "0"}}, true, tracewire.SamplingDeny},
		{"multi sampling-only", [][2]string{{"X-B3-Flags", "1"}}, true, tracewire.SamplingDebug},
		{"invalid", [][2]string{{"b3", tT}}, false, 0},
		{"absent", nil, false, 0},
		{"deferred ids", [][2]string{{"b3", tT + "-" + tS}}, true, tracewire.SamplingDeferred},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := b3.Propagator{}.Extract(base, headerOf(tc.lines))
			if ctx.Value(ctxKey{}) != "kept" {
				t.Fatal("Extract lost the parent context")
			}
			if !tc.stored {
				if ctx != base {
					t.Errorf("Extract changed the context for %v", tc.lines)
				}
				return
			}
			sc := tracewire.SpanContextFromContext(ctx)
			if !sc.IsRemote() || sc.Sampling() != tc.sampling {
				t.Errorf("stored %+v remote=%v, want sampling %v", view(sc), sc.IsRemote(), tc.sampling)
			}
			// A server continues the trace, or starts one with the decision.
			_, child := tracewire.ContextWithChild(ctx)
			if !child.IsValid() || child.Sampling() != tc.sampling || child.IsRemote() {
				t.Errorf("child %+v", view(child))
			}
			if sc.IsValid() && (child.TraceID() != sc.TraceID() || child.ParentSpanID() != sc.SpanID()) {
				t.Errorf("child %+v does not continue %+v", view(child), view(sc))
			}
		})
	}
}

// TestServerFlow extracts a 64-bit B3 header, starts the server span and
// injects it downstream: same trace id width, the caller's span as parent.
func TestServerFlow(t *testing.T) {
	p := b3.Propagator{}
	ctx := p.Extract(context.Background(), headerOf([][2]string{{"b3", tT64 + "-" + tS + "-1"}}))
	ctx, child := tracewire.ContextWithChild(ctx)
	var r recorder
	p.Inject(ctx, &r)
	want := [][2]string{{"b3", tT64 + "-" + child.SpanID().String() + "-1-" + tS}}
	if d := cmp.Diff(want, [][2]string(r)); d != "" {
		t.Errorf("downstream header (-want +got):\n%s", d)
	}
}

func TestInjectEmptyContext(t *testing.T) {
	for _, p := range []b3.Propagator{{}, {Multi: true}} {
		var r recorder
		p.Inject(context.Background(), &r)
		p.InjectInto(&r, tracewire.SpanContext{}.WithSpanID(mustSpan(t, tS)))
		if len(r) != 0 {
			t.Errorf("%+v wrote %v for an empty context", p, r)
		}
	}
}

// TestCrossFormat: a context that came from W3C goes out 128 bits wide and
// keeps its decision; B3 has no random flag, so extraction clears it.
func TestCrossFormat(t *testing.T) {
	sc := tracewire.NewSpanContext(mustTrace(t, "0000000000000000"+tT64), mustSpan(t, tS), tracewire.FlagSampled|tracewire.FlagRandom)
	h := carrier.HTTPHeader{}
	b3.Propagator{}.InjectInto(h, sc)
	if got, want := h.Get("b3"), "0000000000000000"+tT64+"-"+tS+"-1"; got != want {
		t.Errorf("b3 = %q, want %q", got, want)
	}
	back, err := b3.Propagator{}.ExtractFrom(h)
	if err != nil || back.IsRandom() || back.TraceID() != sc.TraceID() || back.Is64BitTraceID() || !back.IsSampled() {
		t.Errorf("extracted %+v, %v", view(back), err)
	}
}

func TestExtractFromErrors(t *testing.T) {
	tests := []struct {
		name   string
		lines  [][2]string
		header string
		kind   tracewire.ErrorKind
	}{
		{"invalid b3, invalid multi: b3 error", [][2]string{{"b3", tT + "-" + tS + "-x"}, {"X-B3-SpanId", tS}}, "b3", tracewire.ErrSampling},
		{"empty b3, invalid multi: multi error", [][2]string{{"b3", ""}, {"X-B3-SpanId", tS}}, "x-b3-traceid", tracewire.ErrMissingField},
		{"whitespace b3, invalid multi", [][2]string{{"b3", " "}, {"X-B3-Sampled", "no"}}, "x-b3-sampled", tracewire.ErrSampling},
		{"invalid b3, multi flags ignored", [][2]string{{"b3", "x"}, {"X-B3-Flags", "true"}}, "b3", tracewire.ErrSampling},
	}
	for _, tc := range tests {
		sc, err := b3.Propagator{}.ExtractFrom(headerOf(tc.lines))
		var pe *tracewire.ParseError
		if !errors.As(err, &pe) || pe.Header() != tc.header || pe.Kind() != tc.kind {
			t.Errorf("%s: err = %v, want %s %v", tc.name, err, tc.header, tc.kind)
		}
		if sc != (tracewire.SpanContext{}) {
			t.Errorf("%s: span context returned with error", tc.name)
		}
	}
}

func TestFields(t *testing.T) {
	if d := cmp.Diff([]string{"b3"}, b3.Propagator{}.Fields()); d != "" {
		t.Error(d)
	}
	want := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags"}
	if d := cmp.Diff(want, b3.Propagator{Multi: true}.Fields()); d != "" {
		t.Error(d)
	}
	f := b3.Propagator{}.Fields()
	f[0] = "mutated"
	if (b3.Propagator{}).Fields()[0] != "b3" {
		t.Error("Fields shares its slice")
	}
}

func TestExtractSamplingOnlyKeepsExistingContext(t *testing.T) {
	existing := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, tracewire.FlagSampled)
	ctx := tracewire.ContextWithSpanContext(context.Background(), existing)
	got := tracewire.SpanContextFromContext(b3.Propagator{}.Extract(ctx, carrier.Map{"b3": "0"}))
	if got != existing {
		t.Errorf("a bare b3: 0 replaced the valid context: got sampling %v, valid %v", got.Sampling(), got.IsValid())
	}
	got = tracewire.SpanContextFromContext(b3.Propagator{}.Extract(context.Background(), carrier.Map{"b3": "0"}))
	if got.IsValid() || got.Sampling() != tracewire.SamplingDeny || !got.IsRemote() {
		t.Errorf("a bare b3: 0 into an empty context gave %v/%v/%v", got.IsValid(), got.Sampling(), got.IsRemote())
	}
}
