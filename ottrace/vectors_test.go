package ottrace_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/ottrace"
)

// first returns the first line of header name in c, or "".
func first(c vectors.Case, name string) string {
	if l := c.Lines(name); len(l) > 0 {
		return l[0]
	}
	return ""
}

// members lists b as the vectors write baggage.
func members(b baggage.Baggage) []vectors.BaggageMem {
	out := []vectors.BaggageMem{}
	for _, m := range b.All() {
		out = append(out, vectors.BaggageMem{Key: m.Key(), Value: m.Value()})
	}
	return out
}

// TestVectors runs testdata/ottrace.json: ParseHeaders on the first line
// of each header, ExtractFrom and Extract over an http.Header (and a map),
// and Inject of what Extract stored, which must write the canonical lines
// and be a fixed point.
func TestVectors(t *testing.T) {
	f := vectors.Load(t, "ottrace")
	if f.Format != "ottrace" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 40 {
		t.Errorf("only %d cases, want at least 40", len(f.Cases))
	}
	var p ottrace.Propagator
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}
			tv, sv, pv := first(c, "ot-tracer-traceid"), first(c, "ot-tracer-spanid"), first(c, "ot-tracer-sampled")
			present := len(c.Lines("ot-tracer-traceid"))+len(c.Lines("ot-tracer-spanid"))+len(c.Lines("ot-tracer-sampled")) > 0
			if present {
				sc, err := ottrace.ParseHeaders(tv, sv, pv)
				scb, errb := ottrace.ParseHeadersBytes([]byte(tv), []byte(sv), []byte(pv))
				if sc != scb || !vectorcheck.SameError(err, errb) {
					t.Errorf("ParseHeaders = %v, %v; ParseHeadersBytes = %v, %v", sc, err, scb, errb)
				}
				vectorcheck.Error(t, "ParseHeaders", err, c.Error)
				if err != nil && sc != (tracewire.SpanContext{}) || err == nil && sc.IsRemote() {
					t.Errorf("ParseHeaders returned %v with error %v", sc, err)
				}
			}

			wantErr := c.Error
			if wantErr != nil && wantErr.Kind == "empty" {
				wantErr = nil
			}
			h := vectorcheck.HTTPHeader(c.Headers)
			sc, err := p.ExtractFrom(h)
			vectorcheck.Error(t, "ExtractFrom", err, wantErr)
			if sc.IsValid() != c.Valid || sc.IsRemote() != c.Valid {
				t.Errorf("ExtractFrom: valid %v remote %v, want %v", sc.IsValid(), sc.IsRemote(), c.Valid)
			}
			if !c.Valid && sc != (tracewire.SpanContext{}) {
				t.Errorf("ExtractFrom returned %v, want the zero value", sc)
			}
			if c.Expect != nil {
				vectorcheck.SpanContext(t, "ExtractFrom", sc, c.Expect)
			}
			single := true
			m := carrier.Map{}
			for _, l := range c.Headers {
				if _, dup := m[l[0]]; dup {
					single = false
				}
				m[l[0]] = l[1]
			}
			if single {
				// Vectors spell names in any case; a Map reads the common
				// spellings, NewMap any case.
				if msc, merr := p.ExtractFrom(carrier.NewMap(m)); msc != sc || !vectorcheck.SameError(merr, err) {
					t.Errorf("ExtractFrom(Map) = %v, %v; from http.Header %v, %v", msc, merr, sc, err)
				}
			}

			ctx := p.Extract(context.Background(), h)
			if got := tracewire.SpanContextFromContext(ctx); got != sc && c.Valid {
				t.Errorf("Extract stored %v, ExtractFrom returned %v", got, sc)
			}
			if c.Expect != nil && c.Expect.Baggage != nil {
				if d := cmp.Diff(c.Expect.Baggage, members(baggage.FromContext(ctx)), cmpopts.EquateEmpty()); d != "" {
					t.Errorf("baggage mismatch (-want +got):\n%s", d)
				}
			}

			var out vectors.Recorder
			p.Inject(ctx, &out)
			if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			var again vectors.Recorder
			p.Inject(p.Extract(context.Background(), vectorcheck.HTTPHeader(out)), &again)
			if d := cmp.Diff(out, again, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical form is not a fixed point (-first +second):\n%s", d)
			}
		})
	}
}
