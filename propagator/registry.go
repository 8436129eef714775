package propagator

import (
	"os"

	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
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

// XRay returns the AWS X-Ray propagator (X-Amzn-Trace-Id, its Lineage,
// Self and other fields passed on): OTEL_PROPAGATORS "xray".
func XRay() xray.Propagator { return xray.Propagator{} }

// XRayLambda returns the X-Ray propagator for AWS Lambda, which falls back
// to the _X_AMZN_TRACE_ID environment variable when the carrier holds no
// valid X-Amzn-Trace-Id: OTEL_PROPAGATORS "xray-lambda". It reads the live
// environment through carrier.EnvLookup(os.LookupEnv) at every
// extraction, since Lambda sets the variable anew for every invocation.
func XRayLambda() xray.Propagator {
	return xray.Propagator{Env: carrier.EnvLookup(os.LookupEnv)}
}

// OTTrace returns the OpenTracing basic tracer propagator
// (ot-tracer-traceid, -spanid, -sampled, and ot-baggage-* for baggage),
// writing 64-bit trace ids as OpenTelemetry does: OTEL_PROPAGATORS
// "ottrace".
func OTTrace() ottrace.Propagator { return ottrace.Propagator{} }

// CloudTrace returns Google Cloud's one-way X-Cloud-Trace-Context
// propagator, which extracts and never injects, as Google recommends:
// "cloudtrace", an extension of this module (Google's own autoconfigure
// modules call it "oneway-gcp"). For the two-way form, use
// cloudtrace.Propagator{InjectHeader: true} directly.
func CloudTrace() cloudtrace.Propagator { return cloudtrace.Propagator{} }

// Sentry returns the sentry-trace propagator: "sentry", an extension of
// this module. Sentry's dynamic sampling context travels in W3C baggage,
// so list "baggage" beside it.
func Sentry() sentry.Propagator { return sentry.Propagator{} }

// Datadog returns the Datadog propagator (x-datadog-* headers, their
// exact priority, origin and tags kept): "datadog", an extension of this
// module. Beside "tracecontext" in a Composite it also writes the dd=
// tracestate member, and reads it when only W3C headers arrive; see
// Reparent for Datadog's rule when the two disagree on the parent span.
func Datadog() datadog.Propagator { return datadog.Propagator{} }

// GRPCTraceBin returns the grpc-trace-bin propagator, which reads the
// OpenCensus binary context raw or in base64 and writes base64:
// "grpc-trace-bin", an extension of this module. For gRPC metadata whose
// library encodes -bin values itself, use grpctrace.Propagator{Binary:
// true}.
func GRPCTraceBin() grpctrace.Propagator { return grpctrace.Propagator{} }
