// Package loopback holds the one test of "does this go to this machine"
// that the W3C harness services (tracewire testservice, the otel module's
// and the conformance OpenTelemetry-Go service) and tracewire conform use
// to refuse callbacks anywhere else: a caller of a test service must not
// be able to make it send requests into the network.
package loopback

import (
	"net/netip"
	"strings"
)

// Host reports whether host, a URL's host name, names this machine:
// "localhost" in any case (RFC 6761 reserves it for loopback; a dialer
// guarded by Address still checks where it really resolves), or a
// loopback IP address, IPv4-mapped ones included.
func Host(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// Address reports whether address, an "ip:port" as a net.Dialer's Control
// hook receives it after name resolution, is a loopback address.
func Address(address string) bool {
	ap, err := netip.ParseAddrPort(address)
	return err == nil && ap.Addr().Unmap().IsLoopback()
}
