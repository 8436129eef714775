package twgrpc_test

import (
	"context"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/propagator"
	health "google.golang.org/grpc/health/grpc_health_v1"
)

// call makes a unary (Check) or server-streaming (Watch) call.
type call struct {
	name string
	do   func(context.Context, health.HealthClient) error
}

var calls = []call{
	{"unary", func(ctx context.Context, c health.HealthClient) error {
		_, err := c.Check(ctx, &health.HealthCheckRequest{})
		return err
	}},
	{"streaming", func(ctx context.Context, c health.HealthClient) error {
		return watchOnce(ctx, c, &health.HealthCheckRequest{})
	}},
}

// Three services, each calling the next with its handler's context, keep
// one trace: each hop's parent is the previous hop's span, and the
// caller's baggage travels along. Over W3C Trace Context (the default),
// over grpc-trace-bin alone (which carries no baggage), and over both.
func TestThreeHops(t *testing.T) {
	bin := grpctrace.Propagator{Binary: true}
	configs := []struct {
		name    string
		server  twgrpc.Server
		client  twgrpc.Client
		baggage string
	}{
		{"default", twgrpc.Server{}, twgrpc.Client{}, "user=alice"},
		{"grpc-trace-bin", twgrpc.Server{Propagator: bin}, twgrpc.Client{Propagator: bin}, ""},
		{"traceparent and grpc-trace-bin", twgrpc.Server{TraceBin: true}, twgrpc.Client{TraceBin: true}, "user=alice"},
	}
	for _, cfg := range configs {
		for _, c := range calls {
			t.Run(cfg.name+"/"+c.name, func(t *testing.T) {
				hops, first := chain(t,
					service{"A", cfg.server, cfg.client},
					service{"B", cfg.server, cfg.client},
					service{"C", cfg.server, cfg.client})
				ctx, root := callerContext(t)
				if err := c.do(ctx, first); err != nil {
					t.Fatal(err)
				}
				want := []hopView{
					{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Baggage: cfg.baggage, Remote: true},
					{Policy: "continue", Parent: "A", Child: "A", Trace: "client", Baggage: cfg.baggage, Remote: true},
					{Policy: "continue", Parent: "B", Child: "B", Trace: "client", Baggage: cfg.baggage, Remote: true},
				}
				if diff := cmp.Diff(want, views(t, root, hops)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				for _, h := range hops {
					if s := h.last(t); s.span.IsRemote() || !s.span.IsSampled() {
						t.Errorf("%s: own span %v: want local and sampled", h.name, s.span)
					}
				}
			})
		}
	}
}

// Trust policies on the server side, picked per call: A trusts only
// 10.0.0.0/8 and restarts the trace of its loopback caller (a new trace,
// linked to the caller's span, without the caller's baggage); B trusts
// loopback and continues A's new trace; an ignoring A starts a trace with
// no link.
func TestPolicies(t *testing.T) {
	private := twgrpc.FromNetworks(netip.MustParsePrefix("10.0.0.0/8"))
	loopback := twgrpc.FromNetworks(netip.MustParsePrefix("127.0.0.0/8"))
	ignore := func(context.Context, string) propagator.TrustPolicy { return propagator.Ignore }
	tests := []struct {
		name string
		a    twgrpc.Server
		want []hopView
	}{
		{"restart", twgrpc.Server{Trust: twgrpc.TrustWhen(private, propagator.Restart)}, []hopView{
			{Policy: "restart", Trace: "A", Link: "client"},
			{Policy: "continue", Parent: "A", Child: "A", Trace: "A", Remote: true},
			{Policy: "continue", Parent: "B", Child: "B", Trace: "A", Remote: true},
		}},
		{"restart keeping baggage", twgrpc.Server{Trust: twgrpc.TrustWhen(private, propagator.Restart), RestartKeepsBaggage: true}, []hopView{
			{Policy: "restart", Trace: "A", Link: "client", Baggage: "user=alice"},
			{Policy: "continue", Parent: "A", Child: "A", Trace: "A", Baggage: "user=alice", Remote: true},
			{Policy: "continue", Parent: "B", Child: "B", Trace: "A", Baggage: "user=alice", Remote: true},
		}},
		{"ignore", twgrpc.Server{Trust: ignore}, []hopView{
			{Policy: "ignore", Trace: "A"},
			{Policy: "continue", Parent: "A", Child: "A", Trace: "A", Remote: true},
			{Policy: "continue", Parent: "B", Child: "B", Trace: "A", Remote: true},
		}},
	}
	for _, tc := range tests {
		for _, c := range calls {
			t.Run(tc.name+"/"+c.name, func(t *testing.T) {
				hops, first := chain(t,
					service{"A", tc.a, twgrpc.Client{}},
					service{"B", twgrpc.Server{Trust: twgrpc.TrustWhen(loopback, propagator.Restart)}, twgrpc.Client{}},
					service{"C", twgrpc.Server{}, twgrpc.Client{}})
				ctx, root := callerContext(t)
				if err := c.do(ctx, first); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, views(t, root, hops)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if d := hops[0].last(t).decision; d.Link.SpanContext.IsValid() && d.Link.SpanContext != root.WithRemote(true) {
					t.Errorf("link %v, want the caller's span %v", d.Link.SpanContext, root)
				}
			})
		}
	}
}
