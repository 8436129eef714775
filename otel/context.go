package twotel

import (
	"context"

	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/trace"
)

// ContextWithSpanContext returns ctx with sc as its OpenTelemetry span
// context (remote if sc is), and what OpenTelemetry's span context cannot
// hold of sc kept beside it, so that SpanContextFromContext, and every
// propagator of this package, give back all of sc while ctx's span is
// that span context. It is what Extract stores: a valid sc costs one
// allocation, plus OpenTelemetry's own for a trace state; a decision-only
// sc (a bare B3 "0") is kept beside only, and only when ctx has no valid
// span context; a context with neither ids nor a decision leaves ctx
// unchanged.
func ContextWithSpanContext(ctx context.Context, sc tracewire.SpanContext) context.Context {
	return withExtracted(ctx, sc, nil)
}

// SpanContextFromContext returns the tracewire span context of ctx's
// current OpenTelemetry span: what Inject writes.
//
// While the span is the one this package extracted (or stored with
// ContextWithSpanContext), that is the tracewire context in full: the
// parent span id, deferred and debug, the 64-bit width and the firehose
// bit included. A change made through OpenTelemetry since (another
// sampled flag, random flag or trace state on a span context with the
// same ids) wins over what was received.
//
// For a span started below it in the same trace (a server span that an
// SDK started as the child of the extracted one), the context is the
// span's own, converted, with what belongs to the whole trace carried
// over: the 64-bit width, the firehose bit, and debug while the span is
// sampled (B3 and Jaeger propagate debug to every descendant). Its parent
// span id is the span's parent when the span can tell it (the SDK's spans
// have a Parent method), so that B3 sends X-B3-ParentSpanId as the B3
// specification asks of a child span.
//
// With no valid span in ctx, it is the decision-only context extracted
// into ctx (a bare B3 "0", a Jaeger debug request) if there is one, so
// that a service that starts no span still passes the decision on; else
// the zero SpanContext.
func SpanContextFromContext(ctx context.Context) tracewire.SpanContext {
	sc, st := spanContextOf(ctx)
	return st.attach(sc)
}

// traceStateOf is where the trace state of SpanContextFromContext comes
// from: the tracewire one kept beside, when set, or OpenTelemetry's.
// Inject writes OpenTelemetry's straight from its members (see
// appendOTelTraceState), without the tracewire form SpanContextFromContext
// parses from its text.
type traceStateOf struct {
	ots trace.TraceState
	tw  *tracewire.TraceState
}

// attach returns sc with the trace state st says.
func (st traceStateOf) attach(sc tracewire.SpanContext) tracewire.SpanContext {
	switch {
	case st.tw != nil:
		return sc.WithTraceState(*st.tw)
	case st.ots.Len() > 0:
		return sc.WithTraceState(traceStateFromOTel(st.ots))
	}
	return sc
}

// spanContextOf is SpanContextFromContext with the trace state apart:
// sc has none, st says which it is.
func spanContextOf(ctx context.Context) (sc tracewire.SpanContext, st traceStateOf) {
	span := trace.SpanFromContext(ctx)
	osc := span.SpanContext()
	n := side(ctx)
	switch {
	case n == nil:
		return spanContextFromOTel(osc)
	case !osc.IsValid():
		if n.valid() {
			return tracewire.SpanContext{}, st // the span was replaced by an invalid one
		}
		return n.spanContextOf()
	case osc.TraceID() != trace.TraceID(n.traceID):
		return spanContextFromOTel(osc)
	case osc.SpanID() == trace.SpanID(n.spanID):
		return amend(n, osc)
	}
	sc, st = spanContextFromOTel(osc)
	if n.state != nil && sameTraceState(osc.TraceState(), n.ots) {
		// The span inherited the trace state whose OpenTelemetry form
		// lost members: send the one received.
		st = traceStateOf{tw: n.state}
	}
	if n.bits&bitTrace64 != 0 {
		sc = sc.With64BitTraceID(true)
	}
	if n.bits&bitFirehose != 0 {
		sc = sc.WithFirehose(true)
	}
	if n.sampling == tracewire.SamplingDebug && sc.IsSampled() {
		sc = sc.WithSampling(tracewire.SamplingDebug)
	}
	if p, ok := span.(interface{ Parent() trace.SpanContext }); ok {
		if psc := p.Parent(); psc.IsValid() && psc.TraceID() == osc.TraceID() {
			sc = sc.WithParentSpanID(tracewire.SpanID(psc.SpanID()))
		}
	}
	return sc, st
}

// amend returns the context kept in n, changed where OpenTelemetry's span
// context osc (with the same ids) now says otherwise, its trace state
// apart.
func amend(n *remote, osc trace.SpanContext) (tracewire.SpanContext, traceStateOf) {
	sc, st := n.spanContextOf()
	if osc.IsSampled() != sc.IsSampled() {
		f := tracewire.Flags(0)
		if osc.IsSampled() {
			f = tracewire.FlagSampled
		}
		sc = sc.WithFlags(f | sc.Flags()&tracewire.FlagRandom)
	}
	if osc.IsRandom() != sc.IsRandom() {
		sc = sc.WithRandom(osc.IsRandom())
	}
	if !sameTraceState(osc.TraceState(), n.ots) {
		st = traceStateOf{ots: osc.TraceState()}
	}
	return sc.WithRemote(osc.IsRemote()), st
}

// ContextWithBaggage returns ctx with b as its OpenTelemetry baggage (see
// BaggageToOTel). Empty b leaves ctx unchanged, as Extract does.
func ContextWithBaggage(ctx context.Context, b twbaggage.Baggage) context.Context {
	if b.Len() == 0 {
		return ctx
	}
	return baggage.ContextWithBaggage(ctx, BaggageToOTel(b))
}

// BaggageFromContext returns ctx's OpenTelemetry baggage in tracewire form
// (see BaggageFromOTel): what Inject writes.
func BaggageFromContext(ctx context.Context) twbaggage.Baggage {
	return BaggageFromOTel(baggage.FromContext(ctx))
}
