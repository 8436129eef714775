package twgrpc

import (
	"context"
	"net"
	"net/netip"
	"strings"

	"github.com/tracewire/tracewire/internal/netprefix"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
)

// TrustWhen returns a Server.Trust function: Continue for the calls cond
// accepts, otherwise for the rest.
//
//	Trust: twgrpc.TrustWhen(twgrpc.FromNetworks(internal...), propagator.Restart)
func TrustWhen(cond func(ctx context.Context, method string) bool, otherwise propagator.TrustPolicy) func(ctx context.Context, method string) propagator.TrustPolicy {
	return func(ctx context.Context, method string) propagator.TrustPolicy {
		if cond(ctx, method) {
			return propagator.Continue
		}
		return otherwise
	}
}

// FromNetworks returns a condition that accepts a call whose peer
// (peer.FromContext, the other end of the connection) has an IP address in
// one of prefixes. An IPv4 address written as IPv4-mapped IPv6 is compared
// as IPv4, and an IPv6 zone is ignored; a peer without an IP address (a
// Unix socket, an in-memory listener) and an invalid prefix match nothing.
// Behind a proxy the peer is the proxy, as propagator.FromNetworks
// explains.
func FromNetworks(prefixes ...netip.Prefix) func(ctx context.Context, method string) bool {
	l := netprefix.New(prefixes...)
	return func(ctx context.Context, _ string) bool {
		p, ok := peer.FromContext(ctx)
		if !ok {
			return false
		}
		addr, ok := ipOf(p.Addr)
		return ok && l.Contains(addr)
	}
}

// ipOf returns the IP address of a: a TCP peer's, read without
// formatting it, or that of any other address written "ip:port".
func ipOf(a net.Addr) (netip.Addr, bool) {
	switch a := a.(type) {
	case nil:
		return netip.Addr{}, false
	case *net.TCPAddr:
		return netip.AddrFromSlice(a.IP)
	}
	ap, err := netip.ParseAddrPort(a.String())
	return ap.Addr(), err == nil
}

// MetadataEquals returns a condition that accepts a call whose incoming
// metadata holds key (compared case-insensitively, as gRPC keys are
// lowercase) exactly once, with exactly value: the mark a trusted gateway
// sets. As with propagator.HeaderEquals, it proves something only if the
// gateway removes or overwrites the key on every call it forwards; a key
// sent twice is refused. For a key ending in "-bin", value is the raw
// bytes.
func MetadataEquals(key, value string) func(ctx context.Context, method string) bool {
	key = strings.ToLower(key)
	return func(ctx context.Context, _ string) bool {
		vs := metadata.ValueFromIncomingContext(ctx, key)
		return len(vs) == 1 && vs[0] == value
	}
}
