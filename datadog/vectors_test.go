package datadog_test

import (
	"context"
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

// headerOf builds a carrier over lines as net/http would hold them.
func headerOf(lines [][2]string) carrier.HTTPHeader {
	return carrier.HTTPHeader(vectors.Case{Headers: lines}.HTTPHeader())
}

// extras is the Datadog view of Headers that the vectors describe
// beside the span context.
type extras struct{ Priority, Origin, LastParent, DDMember string }

// checkExtras compares the fields of e that are set with h's.
func checkExtras(t *testing.T, h datadog.Headers, lastParent string, e *vectors.Expect) {
	t.Helper()
	if e == nil {
		return
	}
	g := extras{Origin: h.Origin(), LastParent: lastParent, DDMember: string(h.AppendTraceStateMember(nil))}
	if p, ok := h.Priority(); ok {
		g.Priority = p.String()
	}
	var w, gg extras
	for _, f := range []struct {
		want     *string
		wf, gf   *string
		observed string
	}{
		{e.Priority, &w.Priority, &gg.Priority, g.Priority},
		{e.Origin, &w.Origin, &gg.Origin, g.Origin},
		{e.LastParent, &w.LastParent, &gg.LastParent, g.LastParent},
		{e.DDMember, &w.DDMember, &gg.DDMember, g.DDMember},
	} {
		if f.want != nil {
			*f.wf, *f.gf = *f.want, f.observed
		}
	}
	if d := cmp.Diff(w, gg); d != "" {
		t.Errorf("Datadog fields mismatch (-want +got):\n%s", d)
	}
}

func isDatadog(name string) bool { return strings.HasPrefix(strings.ToLower(name), "x-datadog-") }

func TestVectors(t *testing.T) {
	vectors.Run(t, "datadog", 40, func(t *testing.T, c vectors.Case) {
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
			// ExtractFrom keeps the one contract: a context with a trace
			// id comes without the error of a dropped origin or tags.
			sc, err2 := datadog.Propagator{}.ExtractFrom(g)
			wantErr := err
			if h.SpanContext().TraceID().IsValid() {
				wantErr = nil
			}
			if sc != h.SpanContext() || !vectorcheck.SameError(err2, wantErr) {
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
			if h2 != h || !vectorcheck.SameError(err2, err) {
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
		vectorcheck.SpanContext(t, "extract", sc, c.Expect)
		checkExtras(t, h, lp, c.Expect)

		// Canonical: what Inject writes after Extract, or, for a W3C
		// context, what InjectInto writes for it.
		var out vectors.Recorder
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
			var again vectors.Recorder
			datadog.InjectHeaders(&again, back)
			if d := cmp.Diff(out, again); d != "" {
				t.Errorf("canonical form is not a fixed point (-first +second):\n%s", d)
			}
		}
	})
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
