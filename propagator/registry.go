package propagator

import (
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

// The registry returns the format packages' own propagators, not wrappers:
// each package handles everything its format carries, so a Composite of
// these and one of the packages' zero values are the same thing.

// TraceContext returns the W3C Trace Context propagator (traceparent and
// tracestate, Level 2): OTEL_PROPAGATORS "tracecontext".
func TraceContext() traceparent.Propagator { return traceparent.Propagator{} }

// Baggage returns the W3C Baggage propagator: OTEL_PROPAGATORS "baggage".
func Baggage() baggage.Propagator { return baggage.Propagator{} }

// B3 returns the B3 propagator that injects the single b3 header and
// extracts either form: OTEL_PROPAGATORS "b3".
func B3() b3.Propagator { return b3.Propagator{} }

// B3Multi returns the B3 propagator that injects the x-b3-* headers and
// extracts either form: OTEL_PROPAGATORS "b3multi".
func B3Multi() b3.Propagator { return b3.Propagator{Multi: true} }

// Jaeger returns the Jaeger propagator: uber-trace-id for the span
// context, uberctx-* (and, on extract, jaeger-baggage) for baggage, kept in
// the context as baggage.Baggage so that it merges with W3C baggage, and
// jaeger-debug-id: OTEL_PROPAGATORS "jaeger".
func Jaeger() jaeger.Propagator { return jaeger.Propagator{} }
