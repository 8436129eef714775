package propagator_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

// checkWithoutHTTP checks that DecideFrom and Receive, given the headers
// as gRPC-style metadata and the policy e.Trust picks for r, decide what
// Decide and Handler decide for r.
func checkWithoutHTTP(t *testing.T, e propagator.Edge, r *http.Request, headers []string, want decisionView) {
	t.Helper()
	md := carrier.Metadata{}
	for i := 0; i+1 < len(headers); i += 2 {
		md.Set(headers[i], headers[i+1])
	}
	policy := propagator.Continue
	if e.Trust != nil {
		policy = e.Trust(r)
	}
	if diff := cmp.Diff(want, viewDecision(e.DecideFrom(md, policy))); diff != "" {
		t.Errorf("DecideFrom (-want +got):\n%s", diff)
	}
	ctx := e.Receive(context.Background(), md, policy)
	d, ok := propagator.DecisionFromContext(ctx)
	if !ok {
		t.Fatal("Receive stored no Decision")
	}
	if diff := cmp.Diff(want, viewDecision(d)); diff != "" {
		t.Errorf("Receive (-want +got):\n%s", diff)
	}
	if own := tracewire.SpanContextFromContext(ctx); own != d.Span {
		t.Errorf("Receive: context span %v, decision span %v", own, d.Span)
	}
}

// Receive keeps the caller's baggage exactly when the decision does, for
// a composite and for a single propagator that carries its own baggage
// (Jaeger's uberctx-*), which Receive wraps.
func TestEdgeReceiveBaggage(t *testing.T) {
	md := carrier.Metadata{
		"traceparent":   {tp},
		"baggage":       {"user=alice"},
		"uber-trace-id": {tT + ":" + tP + ":0:1"},
		"uberctx-user":  {"bob"},
	}
	tests := []struct {
		name   string
		edge   propagator.Edge
		policy propagator.TrustPolicy
		want   string
	}{
		{"default propagators, continue", propagator.Edge{}, propagator.Continue, "user=alice"},
		{"default propagators, restart", propagator.Edge{}, propagator.Restart, ""},
		{"default propagators, restart keeping baggage", propagator.Edge{RestartKeepsBaggage: true}, propagator.Restart, "user=alice"},
		{"default propagators, ignore", propagator.Edge{RestartKeepsBaggage: true}, propagator.Ignore, ""},
		{"jaeger alone, continue", propagator.Edge{Propagator: jaeger.Propagator{}}, propagator.Continue, "user=bob"},
		{"jaeger alone, restart", propagator.Edge{Propagator: jaeger.Propagator{}}, propagator.Restart, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := md["baggage"][0]
			ctx := tc.edge.Receive(context.Background(), md, tc.policy)
			if got := baggage.FromContext(ctx).String(); got != tc.want {
				t.Errorf("baggage %q, want %q", got, tc.want)
			}
			if md["baggage"][0] != before || len(md) != 4 {
				t.Errorf("Receive changed the metadata: %v", md)
			}
		})
	}
}

// DecideFrom over gRPC-style metadata allocates no more than Decide over
// an HTTP request: only what drawing the new span id costs.
func TestEdgeDecideFromAllocs(t *testing.T) {
	md := carrier.Metadata{"traceparent": {tp}, "tracestate": {"rojo=00f067aa0ba902b7"}, "baggage": {"user=alice"}}
	child := testing.AllocsPerRun(100, func() { _ = tracewire.NewSpanID() })
	for _, e := range []propagator.Edge{{}, {Propagator: propagator.Compose(propagator.B3(), propagator.TraceContext())}} {
		if n := testing.AllocsPerRun(100, func() { e.DecideFrom(md, propagator.Continue) }); n != child {
			t.Errorf("DecideFrom allocates %v times, want %v", n, child)
		}
	}
}

// A server over another transport than HTTP (here gRPC-style metadata)
// picks the policy itself and hands its carrier to Receive; the handler's
// context then holds what an HTTP Handler's would.
func ExampleEdge_Receive() {
	md := carrier.Metadata{"traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}
	ctx := propagator.Edge{}.Receive(context.Background(), md, propagator.Restart)

	d, _ := propagator.DecisionFromContext(ctx)
	own := tracewire.SpanContextFromContext(ctx)
	fmt.Println(d.Policy, d.Link)
	fmt.Println("new trace:", own.TraceID() != d.Link.SpanContext.TraceID(), own.IsSampled())
	// Output:
	// restart restarted 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// new trace: true true
}
