// Package propagator combines the formats of this module: the Propagator
// interface every format's propagator satisfies, Composite propagation of
// any set of them, configuration from OTEL_PROPAGATORS, net/http
// integration (a server middleware and a client RoundTripper), and
// pass-through of named application headers.
//
// Propagator has the method set of OpenTelemetry-Go's TextMapPropagator
// with this module's carrier types, whose method sets in turn match
// OpenTelemetry's carriers.
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
type SpanContextPropagator interface {
	Propagator
	ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error)
	InjectInto(s carrier.Setter, sc tracewire.SpanContext)
}
