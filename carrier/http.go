package carrier

import (
	"net/http"
	"net/textproto"
)

// HTTPHeader adapts an http.Header. Lookups of the trace headers this
// module knows use pre-canonicalized keys ("Traceparent"), because
// http.Header.Get re-cases its key and allocates on every call.
type HTTPHeader http.Header

// canonicalKey returns the MIME-canonical form of a lowercase header name
// without allocating for every header a propagator here uses.
func canonicalKey(key string) string {
	if k := knownCanonical(key); k != "" {
		return k
	}
	return textproto.CanonicalMIMEHeaderKey(key)
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

// Set replaces key's value, reusing the existing value slice when there is
// one so that re-injecting into a reused header allocates nothing but the
// value itself. Unlike http.Header.Set, it therefore writes into that
// slice: a header map whose slices are shared with another (filled by
// maps.Copy or by assigning h[k] = other[k]) changes the other map's
// value too. Give the outgoing request its own header with Clone, or
// Delete the key before setting it.
func (h HTTPHeader) Set(key, value string) {
	k := canonicalKey(key)
	if v := h[k]; cap(v) > 0 {
		v = v[:1]
		v[0] = value
		h[k] = v
		return
	}
	h[k] = []string{value}
}

// Delete removes key.
func (h HTTPHeader) Delete(key string) { delete(h, canonicalKey(key)) }
