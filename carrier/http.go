package carrier

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
)

// HTTPHeader adapts an http.Header, whose keys are in MIME-canonical form
// ("Traceparent", "X-B3-Traceid"). It is declared as the map type
// http.Header is rather than as http.Header itself, so that
// carrier.HTTPHeader(r.Header) converts as before while this package, and
// every codec built on it, does not link net/http into a program that
// only parses headers.
//
// Lookups of the trace headers this module knows use pre-computed
// canonical spellings and allocate nothing; any other name is
// canonicalized as net/textproto.CanonicalMIMEHeaderKey does, which
// allocates when the name is not canonical already.
type HTTPHeader map[string][]string

// canonicalKey returns the MIME-canonical form of a header name, without
// allocating for every header a propagator here uses.
func canonicalKey(key string) string {
	if k := knownCanonical(key); k != "" {
		return k
	}
	return canonicalMIME(key)
}

// canonicalMIME returns key in MIME-canonical form: the first letter and
// every letter after a "-" upper case, every other letter lower case. As
// in net/textproto, a key holding a byte that cannot be in a header name
// (not an RFC 9110 token character) is returned unchanged, and so is a
// key that is canonical already, without allocating.
func canonicalMIME(key string) string {
	upper := true // the next letter starts a word
	first := -1   // index of the first letter to re-case
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !ascii.IsTokenChar(c) {
			return key
		}
		if first < 0 && (upper && ascii.IsLower(c) || !upper && ascii.IsUpper(c)) {
			first = i
		}
		upper = c == '-'
	}
	if first < 0 {
		return key
	}
	var b strings.Builder
	b.Grow(len(key))
	b.WriteString(key[:first])
	upper = first == 0 || key[first-1] == '-'
	for i := first; i < len(key); i++ {
		c := key[i]
		switch {
		case upper && ascii.IsLower(c):
			c -= 'a' - 'A'
		case !upper && ascii.IsUpper(c):
			c += 'a' - 'A'
		}
		b.WriteByte(c)
		upper = c == '-'
	}
	return b.String()
}

// knownCanonical returns the MIME-canonical form of the lowercase name of
// a header some propagator here uses, or "" for any other name.
func knownCanonical(key string) string {
	switch key {
	case "traceparent":
		return "Traceparent"
	case "tracestate":
		return "Tracestate"
	case "traceresponse":
		return "Traceresponse"
	case "baggage":
		return "Baggage"
	case "b3":
		return "B3"
	case "x-b3-traceid":
		return "X-B3-Traceid"
	case "x-b3-spanid":
		return "X-B3-Spanid"
	case "x-b3-parentspanid":
		return "X-B3-Parentspanid"
	case "x-b3-sampled":
		return "X-B3-Sampled"
	case "x-b3-flags":
		return "X-B3-Flags"
	case "uber-trace-id":
		return "Uber-Trace-Id"
	case "jaeger-debug-id":
		return "Jaeger-Debug-Id"
	case "jaeger-baggage":
		return "Jaeger-Baggage"
	case "server-timing":
		return "Server-Timing"
	case "ot-tracer-traceid":
		return "Ot-Tracer-Traceid"
	case "ot-tracer-spanid":
		return "Ot-Tracer-Spanid"
	case "ot-tracer-sampled":
		return "Ot-Tracer-Sampled"
	case "sentry-trace":
		return "Sentry-Trace"
	case "x-cloud-trace-context":
		return "X-Cloud-Trace-Context"
	case "x-datadog-trace-id":
		return "X-Datadog-Trace-Id"
	case "x-datadog-parent-id":
		return "X-Datadog-Parent-Id"
	case "x-datadog-sampling-priority":
		return "X-Datadog-Sampling-Priority"
	case "x-datadog-origin":
		return "X-Datadog-Origin"
	case "x-datadog-tags":
		return "X-Datadog-Tags"
	case "grpc-trace-bin":
		return "Grpc-Trace-Bin"
	case "x-amzn-trace-id":
		return "X-Amzn-Trace-Id"
	}
	return ""
}

// Get returns the first value of key.
func (h HTTPHeader) Get(key string) string {
	if v := h[canonicalKey(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of key, in order. The slice is the header's
// own: do not modify it.
func (h HTTPHeader) Values(key string) []string { return h[canonicalKey(key)] }

// Keys returns the header names, in canonical form.
func (h HTTPHeader) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}

// Set replaces key's values with value, as http.Header.Set does: it
// stores a new one-element slice (one allocation) and never writes into
// the slice the header held, because that slice may be shared with
// another map. A proxy that copied the incoming request's headers with
// out[k] = in[k] or maps.Copy would otherwise see the incoming request
// change when it injects into the outgoing one.
func (h HTTPHeader) Set(key, value string) { h[canonicalKey(key)] = []string{value} }

// Delete removes key.
func (h HTTPHeader) Delete(key string) { delete(h, canonicalKey(key)) }
