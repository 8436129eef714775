package propagator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// decisionView describes a Decision whose new ids are random: Span is
// "root" (a new trace, no parent), "child" (Parent's trace, Parent's span
// as its parent), "parent" (Parent itself) or "none".
type decisionView struct {
	Policy      string
	Parent      string // traceparent form of Parent, or its sampling when it has no ids
	Span        string
	SpanSampled tracewire.Sampling
	Link        string
	KeepBaggage bool
}

func viewDecision(d propagator.Decision) decisionView {
	v := decisionView{Policy: d.Policy.String(), SpanSampled: d.Span.Sampling(), KeepBaggage: d.KeepBaggage}
	switch {
	case d.Parent.IsValid():
		v.Parent = traceparent.Format(d.Parent)
	case d.Parent != tracewire.SpanContext{}:
		v.Parent = d.Parent.Sampling().String()
	}
	switch s := d.Span; {
	case s == d.Parent && s != tracewire.SpanContext{}:
		v.Span = "parent"
	case !s.IsValid():
		v.Span = "none"
		if s != (tracewire.SpanContext{}) {
			v.Span = "none but " + s.Sampling().String()
		}
	case d.Parent.IsValid() && s.TraceID() == d.Parent.TraceID() && s.ParentSpanID() == d.Parent.SpanID() && s.SpanID() != d.Parent.SpanID() && !s.IsRemote():
		v.Span = "child"
	case !s.ParentSpanID().IsValid() && s.IsRandom() && !s.IsRemote() && s.TraceID() != d.Link.SpanContext.TraceID():
		v.Span = "root"
	default:
		v.Span = "unexpected " + s.String()
	}
	if d.Link.Reason != 0 {
		v.Link = d.Link.String()
	}
	return v
}

func TestEdgeDecide(t *testing.T) {
	const (
		b3Deferred = "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"
		accept     = tracewire.SamplingAccept
		deny       = tracewire.SamplingDeny
	)
	p := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Baggage())
	tests := []struct {
		name    string
		edge    propagator.Edge
		headers []string
		want    decisionView
	}{
		{"continue, nothing sent: a sampled root", propagator.Edge{}, nil,
			decisionView{"continue", "", "root", accept, "", true}},
		{"continue, nothing sent, sampler says no", propagator.Edge{Sampler: deny}, nil,
			decisionView{"continue", "", "root", deny, "", true}},
		{"continue sampled", propagator.Edge{Sampler: deny}, []string{"Traceparent", tp},
			decisionView{"continue", tp, "child", accept, "", true}},
		{"continue not sampled: the trusted caller decides", propagator.Edge{}, []string{"Traceparent", tp0},
			decisionView{"continue", tp0, "child", deny, "", true}},
		{"continue, a decision without ids", propagator.Edge{}, []string{"B3", "0"},
			decisionView{"continue", "deny", "root", deny, "", true}},
		{"continue, ids without a decision: the sampler decides", propagator.Edge{Sampler: deny}, []string{"B3", b3Deferred},
			decisionView{"continue", "00-" + tT + "-" + tP + "-00", "child", deny, "", true}},
		{"continue, ids without a decision, default sampler", propagator.Edge{}, []string{"B3", b3Deferred},
			decisionView{"continue", "00-" + tT + "-" + tP + "-00", "child", accept, "", true}},
		{"continue, invalid header", propagator.Edge{}, []string{"Traceparent", tp + "-x"},
			decisionView{"continue", "", "root", accept, "", true}},
		{"restart", propagator.Edge{Trust: trustAll(propagator.Restart)}, []string{"Traceparent", tp},
			decisionView{"restart", "", "root", accept, "restarted " + tp, false}},
		{"restart keeping baggage", propagator.Edge{Trust: trustAll(propagator.Restart), RestartKeepsBaggage: true}, []string{"Traceparent", tp},
			decisionView{"restart", "", "root", accept, "restarted " + tp, true}},
		{"restart: the caller's sampled flag does not decide", propagator.Edge{Trust: trustAll(propagator.Restart), Sampler: deny}, []string{"Traceparent", tp},
			decisionView{"restart", "", "root", deny, "restarted " + tp, false}},
		{"restart: nor does its unsampled flag", propagator.Edge{Trust: trustAll(propagator.Restart)}, []string{"Traceparent", tp0},
			decisionView{"restart", "", "root", accept, "restarted " + tp0, false}},
		{"restart: nor a decision without ids, and there is nothing to link", propagator.Edge{Trust: trustAll(propagator.Restart), Sampler: deny}, []string{"B3", "1"},
			decisionView{"restart", "", "root", deny, "", false}},
		{"restart, nothing sent", propagator.Edge{Trust: trustAll(propagator.Restart)}, nil,
			decisionView{"restart", "", "root", accept, "", false}},
		{"ignore", propagator.Edge{Trust: trustAll(propagator.Ignore), RestartKeepsBaggage: true}, []string{"Traceparent", tp0},
			decisionView{"ignore", "", "root", accept, "", false}},
		{"an unknown policy restarts", propagator.Edge{Trust: trustAll(propagator.TrustPolicy(7))}, []string{"Traceparent", tp},
			decisionView{"restart", "", "root", accept, "restarted " + tp, false}},
		{"transparent continue", propagator.Edge{Transparent: true, Sampler: deny}, []string{"Traceparent", tp},
			decisionView{"continue", tp, "parent", accept, "", true}},
		{"transparent, nothing sent: no trace started", propagator.Edge{Transparent: true}, nil,
			decisionView{"continue", "", "none", tracewire.SamplingDeferred, "", true}},
		{"transparent, a decision without ids is passed on", propagator.Edge{Transparent: true}, []string{"B3", "d"},
			decisionView{"continue", "debug", "parent", tracewire.SamplingDebug, "", true}},
		{"transparent restart: nothing passed on, the link reported", propagator.Edge{Transparent: true, Trust: trustAll(propagator.Restart)}, []string{"Traceparent", tp},
			decisionView{"restart", "", "none", tracewire.SamplingDeferred, "restarted " + tp, false}},
		{"transparent ignore", propagator.Edge{Transparent: true, Trust: trustAll(propagator.Ignore)}, []string{"Traceparent", tp},
			decisionView{"ignore", "", "none", tracewire.SamplingDeferred, "", false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			for i := 0; i+1 < len(tc.headers); i += 2 {
				r.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			e := tc.edge
			e.Propagator = p
			got := e.Decide(r)
			if diff := cmp.Diff(tc.want, viewDecision(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// The middleware stores the same decision.
			var inCtx decisionView
			var own tracewire.SpanContext
			e.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				d, _ := propagator.DecisionFromContext(r.Context())
				inCtx, own = viewDecision(d), tracewire.SpanContextFromContext(r.Context())
				if d.Span != own {
					t.Errorf("context span %v, decision span %v", own, d.Span)
				}
			})).ServeHTTP(httptest.NewRecorder(), r)
			if diff := cmp.Diff(tc.want, inCtx); diff != "" {
				t.Errorf("in the handler's context (-want +got):\n%s", diff)
			}
			checkWithoutHTTP(t, e, r, tc.headers, tc.want)
		})
	}
}

// A ratio sampler writing the OpenTelemetry "ot" member decides a trace
// whose caller left the decision to it, and records its threshold.
func TestEdgeDecideDeferredOTel(t *testing.T) {
	e := propagator.Edge{Propagator: propagator.B3(), Sampler: tracewire.NewRatioSampler(1).WithOTelMember(true)}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("B3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")
	d := e.Decide(r)
	ot, _ := d.Span.TraceState().Get("ot")
	if !d.Span.IsSampled() || ot[:5] != "th:0;" || d.Span.TraceID().String() != tT {
		t.Errorf("span %v, ot=%q", d.Span, ot)
	}
}

func TestEdgeDecideAllocs(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", tp)
	r.Header.Set("Tracestate", "rojo=00f067aa0ba902b7")
	r.Header.Set("Baggage", "user=alice")
	r.RemoteAddr = "10.1.2.3:5555"
	// Drawing ids allocates nothing, except under the race detector, whose
	// instrumentation of crypto/rand moves the id buffers to the heap;
	// Decide must add nothing to that.
	child := testing.AllocsPerRun(100, func() { _ = tracewire.NewSpanID() })
	root := testing.AllocsPerRun(100, func() { _, _ = tracewire.NewTraceID(), tracewire.NewSpanID() })
	edges := []struct {
		name string
		edge propagator.Edge
		ids  float64
	}{
		{"zero", propagator.Edge{}, child},
		{"networks", propagator.Edge{
			Propagator: propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Baggage()),
			Trust:      propagator.TrustWhen(propagator.FromNetworks(netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("10.0.0.0/8")), propagator.Restart),
		}, child},
		{"restart-external", propagator.Edge{Trust: propagator.TrustWhen(propagator.HasTraceStateMember("es"), propagator.Restart)}, root},
		{"header", propagator.Edge{Trust: propagator.TrustWhen(propagator.HeaderEquals("X-Internal", "1"), propagator.Ignore)}, root},
	}
	for _, e := range edges {
		if n := testing.AllocsPerRun(100, func() { e.edge.Decide(r) }); n != e.ids {
			t.Errorf("%s: Decide allocates %v times, want %v", e.name, n, e.ids)
		}
	}
}

func TestContextWithPassThrough(t *testing.T) {
	p := propagator.PassThrough{Headers: []string{"X-Session-Id", "X-Tenant"}}
	base := p.Extract(context.Background(), carrier.Map{"x-tenant": "acme", "x-session-id": "old"})
	ctx := propagator.ContextWithPassThrough(base, "X-Session-Id", "s-1")
	ctx = propagator.ContextWithPassThrough(ctx, "x-other", "not injected")
	out := carrier.Map{}
	p.Inject(ctx, out)
	if diff := cmp.Diff(carrier.Map{"x-session-id": "s-1", "x-tenant": "acme"}, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := propagator.PassThroughValue(base, "x-session-id"); got != "old" {
		t.Errorf("the parent context changed: %q", got)
	}
	if got := propagator.PassThroughValue(propagator.ContextWithPassThrough(ctx, "X-Tenant", ""), "x-tenant"); got != "" {
		t.Errorf("an empty value should remove the header, got %q", got)
	}
}

// A proxy applies the policy without a context.Context.
func TestEdgeDecideForward(t *testing.T) {
	p := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Baggage())
	e := propagator.Edge{Propagator: p, Trust: trustAll(propagator.Restart)}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", tp)
	r.Header.Set("B3", b3.Format(mustParseTP(t, tp)))
	r.Header.Set("Baggage", "user=mallory")
	r.Header.Set("X-App", "1")
	d := e.Decide(r)
	out := r.Header.Clone()
	if !d.KeepBaggage {
		p.ClearFields(carrier.HTTPHeader(out))
	}
	p.InjectInto(carrier.HTTPHeader(out), d.Span)
	got, _ := traceparent.Parse(out.Get("Traceparent"))
	if got.TraceID() != d.Span.TraceID() || got.SpanID() != d.Span.SpanID() || out.Get("Baggage") != "" || out.Get("X-App") != "1" {
		t.Errorf("forwarded %v for decision %v", out, d.Span)
	}
	if b, _ := b3.Parse(out.Get("B3")); b.TraceID() != d.Span.TraceID() {
		t.Errorf("b3 %q not replaced", out.Get("B3"))
	}
}

func mustParseTP(t *testing.T, s string) tracewire.SpanContext {
	t.Helper()
	sc, err := traceparent.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}
