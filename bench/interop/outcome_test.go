package interop

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// twContextOutcome runs a tracewire propagator as a service does, Extract
// then Inject of the same context, and returns the outcome and the
// context, for the fields a format adds.
func twContextOutcome(p propagator.Propagator, in input) (outcome, context.Context) {
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in.httpHeader()))
	sc := tracewire.SpanContextFromContext(ctx)
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o, ctx
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	o.Sampling = twSampling(sc)
	m := mapCarrier{}
	p.Inject(ctx, m)
	o.Inject = m.String()
	return o, ctx
}

// otelContextOutcome is twContextOutcome for an OpenTelemetry propagator,
// which knows sampled and not sampled only.
func otelContextOutcome(p propagation.TextMapPropagator, in input) (outcome, context.Context) {
	ctx := p.Extract(context.Background(), propagationHeader(in))
	sc := trace.SpanContextFromContext(ctx)
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o, ctx
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	o.Sampling = "deny"
	if sc.IsSampled() {
		o.Sampling = "accept"
	}
	m := mapCarrier{}
	p.Inject(ctx, m)
	o.Inject = m.String()
	return o, ctx
}
