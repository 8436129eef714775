package propagator

import (
	"net/http"
	"strings"
)

// AllowHosts returns a Transport.Allow function that accepts requests to
// the named hosts, so that the trace context goes to one's own services and
// not to third parties (Sentry's TracePropagationTargets). A pattern is a
// host name or IP address, compared with the request URL's host
// case-insensitively and without its port, brackets or a trailing dot; a
// pattern "*.example.com" accepts every name under example.com, at any
// depth, but not example.com itself (list both for both). Anything else in
// a pattern is compared literally, so "*" alone accepts nothing. The
// function allocates nothing.
func AllowHosts(patterns ...string) func(*http.Request) bool {
	exact := make([]string, 0, len(patterns))
	var suffixes []string // ".example.com" for "*.example.com"
	for _, p := range patterns {
		p = normalizeHost(strings.TrimSpace(p))
		if s, ok := strings.CutPrefix(p, "*"); ok && strings.HasPrefix(s, ".") && len(s) > 1 {
			suffixes = append(suffixes, s)
			continue
		}
		exact = append(exact, p)
	}
	return func(r *http.Request) bool {
		if r.URL == nil {
			return false
		}
		host := normalizeHost(r.URL.Hostname())
		if host == "" {
			return false
		}
		for _, e := range exact {
			if strings.EqualFold(host, e) {
				return true
			}
		}
		for _, s := range suffixes {
			if len(host) > len(s) && strings.EqualFold(host[len(host)-len(s):], s) {
				return true
			}
		}
		return false
	}
}

// normalizeHost strips an IPv6 literal's brackets and a trailing dot.
func normalizeHost(h string) string {
	if len(h) > 1 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	return strings.TrimSuffix(h, ".")
}
