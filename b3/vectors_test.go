package b3_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// recorder is a carrier.Setter that keeps header lines in the order set.
type recorder [][2]string

func (r *recorder) Set(k, v string) {
	for i := range *r {
		if (*r)[i][0] == k {
			(*r)[i][1] = v
			return
		}
	}
	*r = append(*r, [2]string{k, v})
}

// headerOf builds an http.Header the way net/http would: Add canonicalizes
// each name and keeps repeated lines in order.
func headerOf(lines [][2]string) carrier.HTTPHeader {
	h := http.Header{}
	for _, l := range lines {
		h.Add(l[0], l[1])
	}
	return carrier.HTTPHeader(h)
}

// got is the comparable view of a span context the vectors describe.
type got struct {
	TraceID, SpanID, ParentSpanID, Sampling string
	Random, TraceID64                       bool
}

func view(sc tracewire.SpanContext) got {
	g := got{
		TraceID:   sc.TraceID().String(),
		SpanID:    sc.SpanID().String(),
		Sampling:  sc.Sampling().String(),
		Random:    sc.IsRandom(),
		TraceID64: sc.Is64BitTraceID(),
	}
	if p := sc.ParentSpanID(); p.IsValid() {
		g.ParentSpanID = p.String()
	}
	return g
}

func want(e *vectors.Expect) got {
	var g got
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	boolean := func(p *bool) bool { return p != nil && *p }
	g.TraceID, g.SpanID, g.ParentSpanID, g.Sampling = str(e.TraceID), str(e.SpanID), str(e.ParentSpanID), str(e.Sampling)
	g.Random, g.TraceID64 = boolean(e.Random), boolean(e.TraceID64)
	return g
}

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "b3")
	if f.Format != "b3" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 60 {
		t.Errorf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}
			usable := c.Valid || c.Expect != nil && c.Expect.Sampling != nil && *c.Expect.Sampling != "deferred"

			// The first b3 line, through both single-header entry points.
			if lines := c.Lines("b3"); len(lines) > 0 {
				var single *vectors.Error
				if c.Error != nil && c.Error.Header == "b3" {
					single = c.Error
				}
				sc, err := b3.Parse(lines[0])
				vectorcheck.Error(t, "Parse", err, single)
				sc2, err2 := b3.ParseBytes([]byte(lines[0]))
				if sc != sc2 || !vectorcheck.SameError(err, err2) {
					t.Errorf("ParseBytes = %v, %v; Parse = %v, %v", sc2, err2, sc, err)
				}
				if err != nil && sc != (tracewire.SpanContext{}) {
					t.Errorf("Parse returned %v with its error", view(sc))
				}
			}

			// The whole header set, through the propagator.
			h := headerOf(c.Headers)
			sc, err := b3.Propagator{}.ExtractFrom(h)
			var wantErr *vectors.Error
			if c.Error != nil && !usable && c.Error.Kind != "empty" {
				wantErr = c.Error
			}
			vectorcheck.Error(t, "ExtractFrom", err, wantErr)
			if sc.IsValid() != c.Valid {
				t.Errorf("IsValid = %v, want %v", sc.IsValid(), c.Valid)
			}
			if c.Expect != nil {
				if d := cmp.Diff(want(c.Expect), view(sc)); d != "" {
					t.Errorf("span context mismatch (-want +got):\n%s", d)
				}
			}
			if usable != sc.IsRemote() {
				t.Errorf("IsRemote = %v, want %v", sc.IsRemote(), usable)
			}
			if !usable && sc != (tracewire.SpanContext{}) {
				t.Errorf("unusable result is not the zero value: %v", view(sc))
			}

			var out recorder
			b3.Propagator{}.InjectInto(&out, sc)
			if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			for _, l := range c.Canonical {
				if l[0] != strings.ToLower(l[0]) {
					t.Errorf("canonical name %q is not lowercase", l[0])
				}
			}
		})
	}
}
