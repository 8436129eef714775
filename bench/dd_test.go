package bench

import (
	"net/http"
	"sync"
	"testing"

	ddtracer "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
)

// ddStyle returns the propagation style dd-trace-go v2 names a case's
// format by, or "" when it does not take part: its tracecontext, b3multi
// and datadog propagators, the ones the other hand-optimised Go
// implementation ships.
func ddStyle(name string) string {
	switch name {
	case "traceparent", "tracestate3", "tracestate32":
		return "tracecontext"
	case "b3multi":
		return "b3multi"
	case "datadog":
		return "datadog"
	}
	return ""
}

// ddFor returns dd-trace-go's propagator for a case, built with its
// tracer package's constructor and the style set for both directions, so
// that no environment variable changes what is measured.
func ddFor(tb testing.TB, name string) ddtracer.Propagator {
	style := ddStyle(name)
	if style == "" {
		tb.Fatalf("dd-trace-go has no propagator for %q", name)
	}
	ddQuiet()
	first := true
	return ddtracer.NewPropagator(&ddtracer.PropagatorConfig{
		// What tracer.Start would give it: tags (the high trace-id bits
		// among them) propagated up to 512 bytes. Zero would drop them.
		MaxTagsHeaderLen: 512,
		InjectStyle:      style,
		ExtractStyle:     style,
		BehaviorExtract:  "continue",
		ExtractFirst:     &first,
	})
}

// ddQuiet silences dd-trace-go's logger, once: no tracer is started and
// nothing contacts an agent, and its warnings would fill the output.
var ddQuiet = sync.OnceFunc(func() {
	ddtracer.UseLogger(ddtracer.AdaptLogger(func(ddtracer.LogLevel, string, ...any) {}))
})

// ddCarrier returns dd-trace-go's carrier over a case's container.
func ddCarrier(h http.Header, m map[string]string) any {
	if h != nil {
		return ddtracer.HTTPHeadersCarrier(h)
	}
	return ddtracer.TextMapCarrier(m)
}

var sinkDD *ddtracer.SpanContext
