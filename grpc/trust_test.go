package twgrpc_test

import (
	"context"
	"net"
	"net/netip"
	"testing"

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
