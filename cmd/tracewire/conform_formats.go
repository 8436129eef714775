package main

import (
	"slices"
	"strings"

	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/xray"
)

// conformPropagator returns the propagator conform reads a callback's
// format name with: the registry's (propagator.ByName) where it has the
// name, and otherwise the format package's own, so that conform checks
// every format tracewire speaks whatever the registry names.
func conformPropagator(name string) (propagator.Propagator, bool) {
	if p, ok := propagator.ByName(name); ok {
		return p, true
	}
	switch name {
	case "xray":
		return xray.Propagator{}, true
	case "ottrace":
		return ottrace.Propagator{}, true
	case "cloudtrace":
		return cloudtrace.Propagator{}, true
	case "sentry":
		return sentry.Propagator{}, true
	case "datadog":
		return datadog.Propagator{}, true
	case "grpc-trace-bin":
		return grpctrace.Propagator{}, true
	}
	return nil, false
}

// conformComposite is the first-wins Composite of the named propagators,
// which every name must have (conformPropagator).
func conformComposite(names []string) propagator.Composite {
	var c propagator.Composite
	for _, n := range names {
		if p, ok := conformPropagator(n); ok {
			c.Members = append(c.Members, p)
		}
	}
	return c
}

// spanFormat reports whether the named format carries span contexts (all
// but baggage do).
func spanFormat(name string) bool { return name != "baggage" }

// baggageFormats are the formats whose propagator carries baggage: W3C
// baggage, and the formats with their own baggage headers.
var baggageFormats = []string{"baggage", "jaeger", "ottrace"}

// notApplicableFiles are the vector files no request to a service can
// express, and why.
var notApplicableFiles = map[string]string{
	"traceresponse": "a response header: the protocol carries the request's headers to the callback, never a response's",
	"otstate":       "the value of one tracestate member, read by samplers: a service forwards tracestate as it is (tracestate.json checks that)",
}

// formatNames returns the propagators conform asks the service to use for
// case c of the vector file format, or a reason why none can express it.
func formatNames(format string, c vectors.Case) (names []string, na string) {
	switch format {
	case "traceparent", "tracestate":
		return []string{"tracecontext"}, ""
	case "baggage":
		return []string{"baggage"}, ""
	case "b3":
		// Both read either form; the single header goes out when it came in.
		if len(c.Lines("b3")) > 0 {
			return []string{"b3"}, ""
		}
		return []string{"b3multi"}, ""
	case "jaeger", "xray", "ottrace", "sentry", "grpc-trace-bin":
		return []string{format}, ""
	case "cloudtrace":
		// One-way: the service reads X-Cloud-Trace-Context and its
		// callbacks carry traceparent, as Google recommends.
		if len(c.Lines("traceparent")) > 0 {
			return nil, "cloudtrace is read one way and the callback carries traceparent, so a case that sends a traceparent too cannot show which one the service continued"
		}
		return []string{"cloudtrace", "tracecontext"}, ""
	case "datadog":
		for _, h := range c.Headers {
			if strings.HasPrefix(strings.ToLower(h[0]), "x-datadog-") {
				return []string{"datadog"}, ""
			}
		}
		// The Datadog view of a W3C context: the two travel together.
		return []string{"tracecontext", "datadog"}, ""
	case "composite":
		if c.Propagators == nil {
			return nil, "OTEL_PROPAGATORS unset: a request can send an empty value (the case \"empty means the default\"), not an absent one"
		}
		return strings.Split(*c.Propagators, ","), ""
	}
	if why, ok := notApplicableFiles[format]; ok {
		return nil, why
	}
	return nil, "no propagator name for format " + format
}

// normalizeNames applies OTEL_PROPAGATORS's rules to names for a case
// that does not list its members: trimmed, lowercase, each once.
func normalizeNames(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
