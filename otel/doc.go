// Package twotel adapts tracewire to OpenTelemetry-Go: its Propagator is
// a propagation.TextMapPropagator whose headers tracewire parses and
// writes, so a service instrumented with OpenTelemetry (otelhttp,
// otelgrpc, its own spans) gets tracewire's codecs with one line:
//
//	otel.SetTextMapPropagator(twotel.NewTextMapPropagator())
//
// The import path is github.com/tracewire/tracewire/otel; the package is
// named twotel so that it sits beside go.opentelemetry.io/otel without a
// rename.
//
// # What it provides
//
//   - A Propagator per format (TraceContext, Baggage, B3, B3Multi, Jaeger,
//     XRay), New for any tracewire propagator, and TextMapPropagator,
//     FromEnv and NewTextMapPropagator, the drop-in for contrib's autoprop,
//     which compose the OTEL_PROPAGATORS names into one
//     propagator.Composite.
//   - Getter and Setter, which give OpenTelemetry's carriers to tracewire
//     codecs (the method sets already match; these swap the two concrete
//     carriers for faster ones).
//   - Conversions between tracewire.SpanContext and trace.SpanContext, and
//     between tracewire's and OpenTelemetry's baggage, properties included.
//
// # What OpenTelemetry cannot hold
//
// OpenTelemetry's span context has ids, a sampled flag, a random flag and
// a trace state. What a format says beyond that (a B3 or Jaeger parent
// span id, the deferred and debug decisions, a trace id that travelled 64
// bits wide, Jaeger's firehose bit, trace state members that
// OpenTelemetry-Go's stricter key grammar refuses, X-Ray's fields beside
// the ids, a bare sampling decision with no ids) is kept in the context
// beside OpenTelemetry's span context, and SpanContextFromContext gives it
// back while the current span is the extracted one, or, for what belongs
// to the whole trace (width, firehose, debug), a span below it in the same
// trace. So a service that receives B3 or Jaeger headers and sends them on
// sends what it received, and its own spans keep the trace's extras.
// Baggage is converted both ways; OpenTelemetry's keeps no order, so it
// goes out in key order, deterministically.
//
// # Cost
//
// An extracted span context costs one allocation: the context node is at
// once OpenTelemetry's remote span and the holder of what it cannot hold,
// where OpenTelemetry-Go's own propagators spend two on the span alone
// (and, on an http.Header, one more per header looked up). To answer
// OpenTelemetry's context key, which is of an unexported type, the package
// learns the key once by watching which key trace.SpanFromContext asks
// for, and checks it; should that ever fail, it falls back to
// trace.ContextWithSpan. A trace state or baggage costs what building
// OpenTelemetry's own types costs, which OpenTelemetry's propagators
// spend too: only its parsers build them, so a line that OpenTelemetry's
// parser takes whole, and that tracewire's grammar reads the same way, is
// parsed by OpenTelemetry alone; any other line is tracewire's to judge
// (FuzzFastPaths checks that both ways agree). README.md has the
// benchmarks.
//
// # Differences from OpenTelemetry-Go
//
// The facts of OpenTelemetry-Go's own propagator tests run against this
// package (facts_test.go), and against OpenTelemetry's propagators too;
// README.md tables every difference and why.
package twotel
