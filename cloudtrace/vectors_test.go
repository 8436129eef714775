package cloudtrace_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// header builds an http.Header as net/http would on receipt: Add
// canonicalizes each name and keeps repeated lines in order.
func header(lines [][2]string) carrier.HTTPHeader {
	h := http.Header{}
	for _, l := range lines {
		h.Add(l[0], l[1])
	}
	return carrier.HTTPHeader(h)
}

// view is the comparable form of a span context the vectors describe.
type view struct {
	TraceID, SpanID, ParentSpanID, Sampling string
	Random, TraceID64                       bool
}

func viewOf(sc tracewire.SpanContext) view {
	v := view{
		TraceID:   sc.TraceID().String(),
		SpanID:    sc.SpanID().String(),
		Sampling:  sc.Sampling().String(),
		Random:    sc.IsRandom(),
		TraceID64: sc.Is64BitTraceID(),
	}
	if p := sc.ParentSpanID(); p.IsValid() {
		v.ParentSpanID = p.String()
	}
	return v
}

func wantOf(e *vectors.Expect) view {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	boolean := func(p *bool) bool { return p != nil && *p }
	return view{
		TraceID: str(e.TraceID), SpanID: str(e.SpanID), ParentSpanID: str(e.ParentSpanID),
		Sampling: str(e.Sampling), Random: boolean(e.Random), TraceID64: boolean(e.TraceID64),
	}
}

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "cloudtrace")
	if f.Format != "cloudtrace" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 40 {
		t.Errorf("only %d cases, want at least 40", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}

			// Parse and ParseBytes on the first line.
			if lines := c.Lines("x-cloud-trace-context"); len(lines) > 0 {
				sc, err := cloudtrace.Parse(lines[0])
				scb, errb := cloudtrace.ParseBytes([]byte(lines[0]))
				if sc != scb || err != errb {
					t.Errorf("Parse = %v, %v; ParseBytes = %v, %v", viewOf(sc), err, viewOf(scb), errb)
				}
				vectorcheck.Error(t, "Parse", err, c.Error)
				if err != nil && sc != (tracewire.SpanContext{}) {
					t.Errorf("Parse returned %v with its error", viewOf(sc))
				}
				if err == nil && sc.IsRemote() {
					t.Error("Parse marked the context remote")
				}
			}

			// The propagator over an http.Header and over a map.
			wantErr := c.Error
			if wantErr != nil && wantErr.Kind == "empty" {
				wantErr = nil // an empty header is absent, not an error
			}
			p := cloudtrace.Propagator{InjectHeader: true}
			sc, err := p.ExtractFrom(header(c.Headers))
			vectorcheck.Error(t, "ExtractFrom", err, wantErr)
			if sc.IsValid() != c.Valid || sc.IsRemote() != c.Valid {
				t.Errorf("ExtractFrom: valid %v remote %v, want %v", sc.IsValid(), sc.IsRemote(), c.Valid)
			}
			if !c.Valid && sc != (tracewire.SpanContext{}) {
				t.Errorf("ExtractFrom returned %v, want the zero value", viewOf(sc))
			}
			if c.Expect != nil {
				if d := cmp.Diff(wantOf(c.Expect), viewOf(sc)); d != "" {
					t.Errorf("ExtractFrom mismatch (-want +got):\n%s", d)
				}
			}
			if len(c.Lines("x-cloud-trace-context")) <= 1 {
				m := carrier.Map{}
				for _, h := range c.Headers {
					m[h[0]] = h[1]
				}
				msc, merr := p.ExtractFrom(m)
				if msc != sc || merr != err {
					t.Errorf("ExtractFrom(Map) = %v, %v; from http.Header %v, %v", viewOf(msc), merr, viewOf(sc), err)
				}
			}

			// The canonical form is what the two-way propagator writes, and
			// it parses back to the same context.
			var out recorder
			p.InjectInto(&out, sc)
			if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			if len(out) == 1 {
				back, err := cloudtrace.Parse(out[0][1])
				if err != nil || back != sc.WithRemote(false) {
					t.Errorf("Parse(canonical) = %v, %v; want %v", viewOf(back), err, viewOf(sc))
				}
			}
			var oneWay recorder
			cloudtrace.Propagator{}.InjectInto(&oneWay, sc)
			if len(oneWay) != 0 {
				t.Errorf("the one-way propagator wrote %v", oneWay)
			}
		})
	}
}

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
