package twgrpc_test

import (
	"context"
	"net"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
)

// Trust functions see, at a real server, the call's metadata and method.
func TestTrustAtServer(t *testing.T) {
	gateway := twgrpc.TrustWhen(twgrpc.MetadataEquals("X-Gateway", "1"), propagator.Restart)
	notWatch := twgrpc.TrustWhen(func(_ context.Context, method string) bool {
		return method != "/grpc.health.v1.Health/Watch"
	}, propagator.Ignore)
	tests := []struct {
		name  string
		trust func(context.Context, string) propagator.TrustPolicy
		md    []string // outgoing metadata pairs
		call  int      // index into calls
		want  string
	}{
		{"the gateway's mark", gateway, []string{"x-gateway", "1"}, 0, "continue"},
		{"another value", gateway, []string{"x-gateway", "2"}, 0, "restart"},
		{"the mark twice", gateway, []string{"x-gateway", "1", "x-gateway", "1"}, 0, "restart"},
		{"no mark", gateway, nil, 0, "restart"},
		{"by method: Check", notWatch, nil, 0, "continue"},
		{"by method: Watch", notWatch, nil, 1, "ignore"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hops, first := chain(t, service{"A", twgrpc.Server{Trust: tc.trust}, twgrpc.Client{}})
			ctx, _ := callerContext(t)
			ctx = metadata.AppendToOutgoingContext(ctx, tc.md...)
			if err := calls[tc.call].do(ctx, first); err != nil {
				t.Fatal(err)
			}
			if got := hops[0].last(t).decision.Policy.String(); got != tc.want {
				t.Errorf("policy %s, want %s", got, tc.want)
			}
		})
	}
}

// namedAddr is a net.Addr of a network this package does not know.
type namedAddr string

func (namedAddr) Network() string  { return "custom" }
func (a namedAddr) String() string { return string(a) }

func TestFromNetworks(t *testing.T) {
	cond := twgrpc.FromNetworks(netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fe80::/10"), netip.Prefix{})
	tests := []struct {
		name string
		addr net.Addr // nil: no peer in the context
		want bool
	}{
		{"IPv4 inside", &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 5555}, true},
		{"IPv4 outside", &net.TCPAddr{IP: net.IPv4(192, 168, 1, 1), Port: 5555}, false},
		{"IPv4-mapped IPv6", &net.TCPAddr{IP: net.ParseIP("::ffff:10.1.2.3"), Port: 5555}, true},
		{"IPv6 with a zone", &net.TCPAddr{IP: net.ParseIP("fe80::1"), Zone: "eth0", Port: 5555}, true},
		{"IPv6 outside", &net.TCPAddr{IP: net.ParseIP("2001:db8::1"), Port: 5555}, false},
		{"a TCP address without an IP", &net.TCPAddr{Port: 5555}, false},
		{"another network written ip:port", namedAddr("10.9.9.9:80"), true},
		{"another network, no ip", namedAddr("somewhere"), false},
		{"a Unix socket", &net.UnixAddr{Name: "/tmp/s", Net: "unix"}, false},
		{"no peer", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.addr != nil {
				ctx = peer.NewContext(ctx, &peer.Peer{Addr: tc.addr})
			}
			if got := cond(ctx, "/s/m"); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if twgrpc.FromNetworks()(peer.NewContext(context.Background(), &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 1)}}), "") {
		t.Error("no prefixes matched an address")
	}
	if cond(peer.NewContext(context.Background(), &peer.Peer{}), "") {
		t.Error("a peer without an address matched")
	}
}

// ServerFromEnv at a real server: TRACEWIRE_TRUST picks each call's
// policy from its metadata, OTEL_TRACES_SAMPLER decides the traces the
// server starts, and a continued caller's decision is kept.
func TestServerFromEnv(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		esMember bool // the caller's tracestate has an "es" member
		want     hopView
		sampled  bool // the server's own span
		errs     int
		fields   []string
	}{
		{"defaults", nil, false,
			hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Baggage: "user=alice", Remote: true}, true, 0,
			[]string{"traceparent", "tracestate", "baggage"}},
		{"restart-external with the member", map[string]string{"TRACEWIRE_TRUST": "restart-external:es"}, true,
			hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Baggage: "user=alice", Remote: true}, true, 0, nil},
		{"restart-external without it", map[string]string{"TRACEWIRE_TRUST": "restart-external:es"}, false,
			hopView{Policy: "restart", Trace: "A", Link: "client"}, true, 0, nil},
		{"restart, sampling nothing it starts", map[string]string{"TRACEWIRE_TRUST": "Restart", "OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0"}, false,
			hopView{Policy: "restart", Trace: "A", Link: "client"}, false, 0, nil},
		{"ignore, always_off", map[string]string{"TRACEWIRE_TRUST": "ignore", "OTEL_TRACES_SAMPLER": "always_off"}, false,
			hopView{Policy: "ignore", Trace: "A"}, false, 0, nil},
		{"continue follows the caller whatever the sampler", map[string]string{"OTEL_TRACES_SAMPLER": "always_off"}, false,
			hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Baggage: "user=alice", Remote: true}, true, 0, nil},
		{"an unknown trust restarts", map[string]string{"TRACEWIRE_TRUST": "sometimes", "OTEL_TRACES_SAMPLER": "xray"}, true,
			hopView{Policy: "restart", Trace: "A", Link: "client"}, true, 2, nil},
		{"formats and pass-through", map[string]string{"OTEL_PROPAGATORS": "b3,tracecontext", "TRACEWIRE_PASSTHROUGH": "x-session-id"}, false,
			hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}, true, 0,
			[]string{"b3", "traceparent", "tracestate", "x-session-id"}},
	}
	for _, tc := range tests {
		for _, c := range calls {
			t.Run(tc.name+"/"+c.name, func(t *testing.T) {
				for _, k := range []string{"OTEL_PROPAGATORS", "TRACEWIRE_PASSTHROUGH", "TRACEWIRE_TRUST", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG"} {
					t.Setenv(k, tc.env[k])
				}
				s, err := twgrpc.ServerFromEnv()
				n := 0
				if err != nil {
					n = len(err.(interface{ Unwrap() []error }).Unwrap())
				}
				if n != tc.errs {
					t.Errorf("%d errors, want %d: %v", n, tc.errs, err)
				}
				if tc.fields != nil {
					if diff := cmp.Diff(tc.fields, s.Propagator.Fields()); diff != "" {
						t.Errorf("fields (-want +got):\n%s", diff)
					}
				}
				// The client sends the formats the server reads.
				hops, first := chain(t, service{"A", s, twgrpc.Client{Propagator: s.Propagator}})
				ctx, root := callerContext(t)
				if tc.esMember {
					ts, err := tracewire.ParseTraceState("es=s:1")
					if err != nil {
						t.Fatal(err)
					}
					root = root.WithTraceState(ts)
					ctx = tracewire.ContextWithSpanContext(ctx, root)
				}
				if err := c.do(ctx, first); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff([]hopView{tc.want}, views(t, root, hops)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if got := hops[0].last(t).span.IsSampled(); got != tc.sampled {
					t.Errorf("own span sampled: %v, want %v", got, tc.sampled)
				}
			})
		}
	}
}
