package datadog_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/traceparent"
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

// got is the comparable view of Headers that the vectors describe.
type got struct {
	TraceID, SpanID, ParentSpanID, Sampling string
	Random, TraceID64                       bool
	Priority, Origin, LastParent, DDMember  string
}

func view(h datadog.Headers, lastParent string) got {
	sc := h.SpanContext()
	g := got{
		TraceID:    sc.TraceID().String(),
		SpanID:     sc.SpanID().String(),
		Sampling:   sc.Sampling().String(),
		Random:     sc.IsRandom(),
		TraceID64:  sc.Is64BitTraceID(),
		Origin:     h.Origin(),
		LastParent: lastParent,
		DDMember:   string(h.AppendTraceStateMember(nil)),
	}
	if p, ok := h.Priority(); ok {
		g.Priority = p.String()
	}
	return g
}

// want renders the fields of e that are set, and the same fields of g:
// fields a vector leaves out are not compared.
func want(e *vectors.Expect, g got) (w, gg got) {
	pick := func(p *string, wf, gf *string, v string) {
		if p != nil {
			*wf, *gf = *p, v
		}
	}
	pickb := func(p *bool, wf, gf *bool, v bool) {
		if p != nil {
			*wf, *gf = *p, v
		}
	}
	pick(e.TraceID, &w.TraceID, &gg.TraceID, g.TraceID)
	pick(e.SpanID, &w.SpanID, &gg.SpanID, g.SpanID)
	pick(e.ParentSpanID, &w.ParentSpanID, &gg.ParentSpanID, g.ParentSpanID)
	pick(e.Sampling, &w.Sampling, &gg.Sampling, g.Sampling)
	pickb(e.Random, &w.Random, &gg.Random, g.Random)
	pickb(e.TraceID64, &w.TraceID64, &gg.TraceID64, g.TraceID64)
	pick(e.Priority, &w.Priority, &gg.Priority, g.Priority)
	pick(e.Origin, &w.Origin, &gg.Origin, g.Origin)
	pick(e.LastParent, &w.LastParent, &gg.LastParent, g.LastParent)
	pick(e.DDMember, &w.DDMember, &gg.DDMember, g.DDMember)
	return w, gg
}

func isDatadog(name string) bool { return strings.HasPrefix(strings.ToLower(name), "x-datadog-") }

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "datadog")
	if f.Format != "datadog" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 40 {
		t.Errorf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}
			g := headerOf(c.Headers)
			dd := false
			for _, l := range c.Headers {
				dd = dd || isDatadog(l[0])
			}
			w3c, _ := traceparent.Propagator{}.ExtractFrom(g)

			var h datadog.Headers
			var err error
			if dd || !w3c.IsValid() {
				h, err = datadog.ExtractHeaders(g)
				sc, err2 := datadog.Propagator{}.ExtractFrom(g)
				if sc != h.SpanContext() || err2 != err {
					t.Errorf("ExtractFrom = %v, %v; ExtractHeaders = %v, %v", sc, err2, h.SpanContext(), err)
				}
				// The same values through ParseHeaders, and through a map
				// carrier, which matches names case-insensitively.
				first := func(name string) string {
					if l := c.Lines(name); len(l) > 0 {
						return l[0]
					}
					return ""
				}
				tags := strings.Join(nonBlank(c.Lines("x-datadog-tags")), ",")
				h2, err2 := datadog.ParseHeaders(first("x-datadog-trace-id"), first("x-datadog-parent-id"),
					first("x-datadog-sampling-priority"), first("x-datadog-origin"), tags)
				if h2.SpanContext().TraceID().IsValid() {
					if h2.SpanContext().IsRemote() {
						t.Error("ParseHeaders marked the context remote")
					}
					h2 = withRemote(h2)
				}
				if h2 != h || err2 != err {
					t.Errorf("ParseHeaders = %v, %v; ExtractHeaders = %v, %v", h2, err2, h, err)
				}
			} else {
				h = datadog.NewHeaders(w3c)
				if v, ok := w3c.TraceState().Get("dd"); ok {
					_, err = datadog.ParseTraceStateMember(v)
				}
			}
			vectorcheck.Error(t, "extract", err, c.Error)
			sc := h.SpanContext()
			if sc.IsValid() != c.Valid {
				t.Errorf("IsValid = %v, want %v", sc.IsValid(), c.Valid)
			}
			if usable := sc.TraceID().IsValid(); usable != sc.IsRemote() && (dd || !w3c.IsValid()) {
				t.Errorf("IsRemote = %v for %v", sc.IsRemote(), sc)
			}
			if !sc.TraceID().IsValid() && h != (datadog.Headers{}) {
				t.Errorf("unusable result is not the zero value: %+v", h)
			}
			lp := ""
			if id, ok := datadog.LastParentID(w3c, sc); ok {
				lp = id.String()
			}
			if c.Expect != nil {
				w, gg := want(c.Expect, view(h, lp))
				if d := cmp.Diff(w, gg); d != "" {
					t.Errorf("mismatch (-want +got):\n%s", d)
				}
			}

			// Canonical: what Inject writes after Extract, or, for a W3C
			// context, what InjectInto writes for it.
			var out recorder
			if dd || !w3c.IsValid() {
				p := datadog.Propagator{}
				p.Inject(p.Extract(context.Background(), g), &out)
			} else {
				datadog.Propagator{}.InjectInto(&out, w3c)
			}
			if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			// The canonical headers read back as what they were made from.
			if len(out) > 0 {
				back, err := datadog.ExtractHeaders(headerOf(out))
				if err != nil {
					t.Fatalf("canonical headers do not parse: %v", err)
				}
				var again recorder
				datadog.InjectHeaders(&again, back)
				if d := cmp.Diff(out, again); d != "" {
					t.Errorf("canonical form is not a fixed point (-first +second):\n%s", d)
				}
			}
		})
	}
}

func nonBlank(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.Trim(l, " \t") != "" {
			out = append(out, l)
		}
	}
	return out
}

// withRemote returns h with its span context marked remote, as
// ExtractHeaders marks it, by way of the carrier round trip the package
// itself offers.
func withRemote(h datadog.Headers) datadog.Headers {
	return h.WithSpanContext(h.SpanContext().WithRemote(true))
}
