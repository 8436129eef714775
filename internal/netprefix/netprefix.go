// Package netprefix matches a peer's IP address against a list of
// networks, for the edges' FromNetworks conditions (HTTP in propagator,
// gRPC in the grpc module), so that both read addresses by one rule.
package netprefix

import "net/netip"

// List is a set of networks to match; build it with New.
type List []netip.Prefix

// New returns the valid prefixes, masked (10.1.2.3/8 is 10.0.0.0/8); an
// invalid prefix matches nothing, so it is dropped.
func New(prefixes ...netip.Prefix) List {
	l := make(List, 0, len(prefixes))
	for _, p := range prefixes {
		if p.IsValid() {
			l = append(l, p.Masked())
		}
	}
	return l
}

// Contains reports whether addr lies in one of l's networks. An IPv4
// address written as IPv4-mapped IPv6 is compared as IPv4, because a
// dual-stack listener reports IPv4 peers that way, and an IPv6 zone is
// ignored, because prefixes have none. It allocates nothing.
func (l List) Contains(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	for _, p := range l {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
