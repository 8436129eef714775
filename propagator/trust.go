package propagator

import (
	"errors"
	"net/http"
	"net/netip"
	"net/textproto"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/netprefix"
)

// TrustWhen returns an Edge.Trust function: Continue for the requests cond
// accepts, otherwise for the rest.
//
//	Trust: propagator.TrustWhen(propagator.FromNetworks(internal...), propagator.Restart)
func TrustWhen(cond func(*http.Request) bool, otherwise TrustPolicy) func(*http.Request) TrustPolicy {
	return func(r *http.Request) TrustPolicy {
		if cond(r) {
			return Continue
		}
		return otherwise
	}
}

// FromNetworks returns a condition that accepts a request whose remote
// address (http.Request.RemoteAddr, the peer of the connection) lies in one
// of prefixes. An IPv4 address written as IPv4-mapped IPv6 is compared as
// IPv4, and an IPv6 zone is ignored; an address that does not parse, and an
// invalid prefix, match nothing. Behind a load balancer or proxy the peer
// is that proxy: trusting its network trusts whatever it forwards, which is
// what a trusted proxy is for. The condition allocates nothing.
func FromNetworks(prefixes ...netip.Prefix) func(*http.Request) bool {
	l := netprefix.New(prefixes...)
	return func(r *http.Request) bool {
		addr, ok := remoteAddr(r.RemoteAddr)
		return ok && l.Contains(addr)
	}
}

// remoteAddr parses a RemoteAddr, "ip:port" or a bare ip.
func remoteAddr(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a, true
	}
	return netip.Addr{}, false
}

// HeaderEquals returns a condition that accepts a request carrying the
// header name exactly once, with exactly value: the mark a trusted gateway
// in front of the service sets on what it forwards. A caller can send any
// header itself, so the mark proves something only if that gateway removes
// or overwrites the header on every request it forwards; a header sent
// twice is refused, in case the gateway appends rather than replaces. The
// condition allocates nothing.
func HeaderEquals(name, value string) func(*http.Request) bool {
	key := textproto.CanonicalMIMEHeaderKey(name)
	return func(r *http.Request) bool {
		vs := r.Header[key]
		return len(vs) == 1 && vs[0] == value
	}
}

// HasTraceStateMember returns a condition that accepts a request whose
// tracestate (every line, parsed as one list by tracewire.ParseTraceState)
// is valid and has a member with key: Elastic's restart_external, where a
// service continues only the traces its own agents started or passed on
// (they write their member, "es" for Elastic) and restarts the rest.
// Combine it as TrustWhen(HasTraceStateMember("es"), Restart). It is a
// convention between cooperating services, not a proof: anyone can write
// the member. The condition allocates nothing for a single tracestate line.
func HasTraceStateMember(key string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return hasTraceStateMember(carrier.HTTPHeader(r.Header), key)
	}
}

// hasTraceStateMember reports whether g's tracestate is valid and has a
// member with key. It gathers the lines as carrier.Values does, but here,
// so that the one-line slice stays on the stack: returned from Values, it
// is an allocation per call.
func hasTraceStateMember(g carrier.Getter, key string) bool {
	var lines []string
	if vg, ok := g.(carrier.ValuesGetter); ok {
		lines = vg.Values("tracestate")
	} else if v := g.Get("tracestate"); v != "" {
		lines = []string{v}
	}
	ts, err := tracewire.ParseTraceState(lines...)
	if err != nil {
		return false
	}
	_, ok := ts.Get(key)
	return ok
}

// ParseTrust returns the Edge.Trust function a TrustEnvVar value names,
// compared case-insensitively after trimming spaces:
//
//	"" or "continue"         Continue for every request (the default)
//	"restart"                Restart for every request
//	"ignore"                 Ignore for every request
//	"restart-external:KEY"   Continue when the tracestate has member KEY, else
//	                         Restart (Elastic's restart_external; KEY as written)
//
// An unknown value returns an error together with a function that restarts
// every request: a setting that was meant to withhold trust should not
// grant it by a typo, and a restart still links to the caller's trace.
func ParseTrust(value string) (func(*http.Request) TrustPolicy, error) {
	trust, err := ParseCarrierTrust(value)
	return func(r *http.Request) TrustPolicy { return trust(carrier.HTTPHeader(r.Header)) }, err
}

// ParseCarrierTrust is ParseTrust for any transport: the function it
// returns picks the policy from the headers of a call (gRPC metadata,
// message headers) for Edge.DecideFrom and Edge.Receive, by the same
// rules and with the same errors. It allocates nothing per call for a
// single tracestate line.
func ParseCarrierTrust(value string) (func(carrier.Getter) TrustPolicy, error) {
	v := strings.TrimSpace(value)
	name, key, hasKey := strings.Cut(v, ":")
	name = strings.TrimSpace(name)
	for _, p := range [...]TrustPolicy{Continue, Restart, Ignore} {
		if !hasKey && (strings.EqualFold(name, p.String()) || p == Continue && name == "") {
			return fixedTrust(p), nil
		}
	}
	if hasKey && strings.EqualFold(name, "restart-external") {
		key = strings.TrimSpace(key)
		if !validTraceStateKey(key) {
			return fixedTrust(Restart), errors.New(`propagator: ` + TrustEnvVar + `: "` + key + `" is not a tracestate key`)
		}
		return func(g carrier.Getter) TrustPolicy {
			if hasTraceStateMember(g, key) {
				return Continue
			}
			return Restart
		}, nil
	}
	return fixedTrust(Restart), errors.New(`propagator: ` + TrustEnvVar + `: unknown value "` + v + `" (continue, restart, ignore or restart-external:KEY); restarting every trace`)
}

// fixedTrust returns a trust function that always answers p.
func fixedTrust(p TrustPolicy) func(carrier.Getter) TrustPolicy {
	return func(carrier.Getter) TrustPolicy { return p }
}

// validTraceStateKey reports whether key is a valid tracestate key.
func validTraceStateKey(key string) bool {
	if key == "" || strings.ContainsAny(key, "=, \t") {
		return false
	}
	ts, err := tracewire.ParseTraceState(key + "=x")
	if err != nil {
		return false
	}
	_, ok := ts.Get(key)
	return ok
}
