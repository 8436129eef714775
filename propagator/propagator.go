// Package propagator combines the formats of this module: the Propagator
// interfaces every format's propagator satisfies, Composite propagation of
// any set of them under a conflict Policy, configuration from
// OTEL_PROPAGATORS, the edge of a service over net/http (Edge and
// Middleware on the server side, Transport on the client side), and
// pass-through of named application headers.
//
// # The edge
//
// Edge decides, per request, whether a service continues its caller's
// trace, restarts it (a new trace, linked to the caller's) or ignores it,
// by a TrustPolicy that a predicate on the request picks (TrustWhen with
// FromNetworks, HeaderEquals or HasTraceStateMember). Its Handler stores
// the service's own span in the request's context, so that r.Context()
// passed to a request sent through a Transport makes the next hop a child
// of this service; a trace the service starts is decided by its Sampler,
// never by an untrusted caller, and sampled by default. Transport sends
// the trace context only where Allow permits (AllowHosts). Both work as
// zero values, with W3C Trace Context and Baggage.
//
// Configuration comes from code, or from the environment when the program
// asks (EdgeFromEnv; nothing is read at start-up): EnvVar
// (OTEL_PROPAGATORS) for the formats, TrustEnvVar (TRACEWIRE_TRUST) for
// the policy, PassThroughEnvVar (TRACEWIRE_PASSTHROUGH) for application
// headers that travel with the trace.
//
// Propagator has the method set of OpenTelemetry-Go's TextMapPropagator
// with this module's carrier types, whose method sets in turn match
// OpenTelemetry's carriers.
//
// A format package owns everything its format carries and is complete on
// its own: jaeger.Propagator reads and writes uberctx-* baggage itself,
// and the registry (TraceContext, B3, Jaeger, ...) returns the packages'
// own propagators. Composite knows its members only through interfaces:
// SpanContextPropagator, and the optional ones in this package (Namer,
// IDProber, NameReader, FieldClearer, BaggageExtractor, ExtrasExtractor,
// TraceStateContributor), which the format packages implement by method
// set alone, without importing this package. A propagator of another module that implements them is treated
// exactly like this module's.
package propagator

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

// Propagator reads a trace concern (span context, baggage, pass-through
// headers) from a carrier into a context, and writes it back out.
type Propagator interface {
	// Extract returns ctx with what the carrier holds added to it. It
	// never fails: a missing or invalid header leaves ctx unchanged.
	Extract(ctx context.Context, g carrier.Getter) context.Context
	// Inject writes what ctx holds into the carrier.
	Inject(ctx context.Context, s carrier.Setter)
	// Fields returns the header names Inject may write, lowercase.
	Fields() []string
}

// SpanContextPropagator is a Propagator with the context-free pair that
// proxies use. Every span-context format here implements it; Composite
// uses it to decide which member's span context wins without building a
// context.Context per member.
//
// ExtractFrom has one contract in every format (traceparent, b3 and b3
// multi, jaeger, and the Composite itself), which a member of another
// module must follow too:
//
//   - the format's headers are absent (or empty, or only spaces and
//     tabs): the zero SpanContext and a nil error;
//   - present but invalid: the zero SpanContext and a
//     *tracewire.ParseError saying what is wrong and where;
//   - valid: the span context, marked remote, and a nil error;
//   - a sampling decision without ids, where the format can carry one (a
//     bare B3 "0", X-B3-Sampled alone, a jaeger-debug-id without
//     uber-trace-id): a span context with no ids and only that sampling
//     state, marked remote, and a nil error.
//
// So a non-nil error always comes with the zero context, and a valid
// context never with an error. A part of a header that the spec tells a
// receiver to discard (an invalid tracestate beside a valid traceparent)
// is discarded without an error; its parser reports it to those who ask.
type SpanContextPropagator interface {
	Propagator
	// ExtractFrom returns the span context in g, by the contract above.
	ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error)
	// InjectInto writes sc into s; it writes nothing for a context the
	// format cannot carry (an invalid one, for most formats).
	InjectInto(s carrier.Setter, sc tracewire.SpanContext)
}
