package propagator_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// The conflicting contexts the edge's Composite saw reach the Decision:
// a request whose traceparent and b3 name different traces, as a proxy
// that rewrote one of them sends.
func TestEdgeDecisionLinks(t *testing.T) {
	const (
		tpA  = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
		b3B  = "a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-1"
		b3A2 = "4bf92f3577b34da6a3ce929d0e0e4736-2222222222222222-1" // A's trace, another span
	)
	tcB3 := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Baggage())
	reparent := propagator.Composite{Members: []propagator.Propagator{propagator.B3(), propagator.TraceContext()}, Policy: propagator.Reparent}
	restart := func(*http.Request) propagator.TrustPolicy { return propagator.Restart }
	ignore := func(*http.Request) propagator.TrustPolicy { return propagator.Ignore }
	tests := []struct {
		name    string
		edge    propagator.Edge
		headers map[string]string
		want    []string // the links, as Link.String writes them
	}{
		{"continue: traceparent wins, b3's trace linked", propagator.Edge{Propagator: tcB3},
			map[string]string{"Traceparent": tpA, "B3": b3B},
			[]string{"conflict 00-a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-01"}},
		{"b3 first: traceparent's trace linked", propagator.Edge{Propagator: propagator.Compose(propagator.B3(), propagator.TraceContext())},
			map[string]string{"Traceparent": tpA, "B3": b3B},
			[]string{"conflict 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
		{"by pointer, nested in a one-member composite", propagator.Edge{Propagator: propagator.Compose(&tcB3)},
			map[string]string{"Traceparent": tpA, "B3": b3B},
			[]string{"conflict 00-a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-01"}},
		{"nested beside a pass-through member", propagator.Edge{Propagator: propagator.Compose(tcB3, propagator.PassThrough{Headers: []string{"x-request-id"}})},
			map[string]string{"Traceparent": tpA, "B3": b3B},
			[]string{"conflict 00-a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-01"}},
		{"restart: the link to the winner, the conflict beside it", propagator.Edge{Propagator: tcB3, Trust: restart},
			map[string]string{"Traceparent": tpA, "B3": b3B},
			[]string{"conflict 00-a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-01"}},
		{"ignore: nothing read", propagator.Edge{Propagator: tcB3, Trust: ignore},
			map[string]string{"Traceparent": tpA, "B3": b3B}, nil},
		{"same trace, another span: no conflict", propagator.Edge{Propagator: tcB3},
			map[string]string{"Traceparent": tpA, "B3": b3A2}, nil},
		{"agreeing", propagator.Edge{Propagator: tcB3},
			map[string]string{"Traceparent": tpA, "B3": "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"}, nil},
		{"reparent: the replaced b3 span", propagator.Edge{Propagator: reparent},
			map[string]string{"Traceparent": tpA, "B3": b3A2},
			[]string{"reparented 00-4bf92f3577b34da6a3ce929d0e0e4736-2222222222222222-01"}},
		{"a single format has nothing to disagree with", propagator.Edge{Propagator: propagator.TraceContext()},
			map[string]string{"Traceparent": tpA, "B3": b3B}, nil},
		{"the zero Edge reads only W3C", propagator.Edge{},
			map[string]string{"Traceparent": tpA, "B3": b3B}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			var inHandler propagator.Decision
			tc.edge.Handler(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				inHandler, _ = propagator.DecisionFromContext(r.Context())
			})).ServeHTTP(httptest.NewRecorder(), r)
			// The parent is what the composite alone extracts: looking for
			// links changes nothing else.
			var want tracewire.SpanContext
			if tc.edge.Propagator != nil && tc.edge.Trust == nil {
				want, _ = propagator.Compose(tc.edge.Propagator).ExtractFrom(carrier.HTTPHeader(r.Header))
			}
			for _, d := range []propagator.Decision{tc.edge.Decide(r), inHandler} {
				if tc.edge.Propagator != nil && tc.edge.Trust == nil && d.Parent != want {
					t.Errorf("parent %v, the composite extracts %v", d.Parent, want)
				}
				var got []string
				for _, l := range d.Links {
					got = append(got, l.String())
					if !l.SpanContext.IsRemote() {
						t.Errorf("link %v is not marked remote", l)
					}
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if d.Policy == propagator.Restart && d.Link.String() != "restarted "+tpA {
					t.Errorf("restart link %v", d.Link)
				}
				for _, l := range d.Links {
					if d.Parent.IsValid() && l.SpanContext.TraceID() == d.Parent.TraceID() && l.SpanContext.SpanID() == d.Parent.SpanID() {
						t.Errorf("the parent %v is among the links", d.Parent)
					}
				}
			}
		})
	}
}

// Links cost an allocation only when there are some.
func TestEdgeDecisionLinksAllocs(t *testing.T) {
	edge := propagator.Edge{Propagator: propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Baggage())}
	ids := testing.AllocsPerRun(100, func() { _ = tracewire.NewSpanID() })
	for _, tc := range []struct {
		b3   string
		want float64
	}{
		{"4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", ids},
		{"a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-1", ids + 1},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
		r.Header.Set("B3", tc.b3)
		if n := testing.AllocsPerRun(100, func() { edge.Decide(r) }); n != tc.want {
			t.Errorf("b3 %s: Decide allocates %v times, want %v", tc.b3, n, tc.want)
		}
	}
}
