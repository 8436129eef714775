package tracewire

import (
	"context"

	"github.com/tracewire/tracewire/internal/ctxnode"
	"github.com/tracewire/tracewire/internal/sckey"
)

// spanContextKey keys the span context in a context.Context; see
// internal/ctxnode for why storing it costs one allocation. It lives in
// internal/sckey so that a format package can store its own value in the
// same node (datadog's Headers, xray's Header), in one allocation.
type spanContextKey = sckey.Key

// ContextWithSpanContext returns a copy of ctx carrying sc, in one
// allocation. Extractors use it to hand the caller's context to the
// server's code.
func ContextWithSpanContext(ctx context.Context, sc SpanContext) context.Context {
	if sc.state != (TraceState{}) {
		return ctxnode.With[spanContextKey](ctx, sc)
	}
	if sc.parentID == (SpanID{}) {
		return ctxnode.With[spanContextKey](ctx, spanIDs{sc.traceID, sc.spanID, sc.sampling, sc.bits})
	}
	return ctxnode.With[spanContextKey](ctx, spanIDsParent{sc.traceID, sc.spanID, sc.parentID, sc.sampling, sc.bits})
}

// The context stores a span context in the smallest of three forms that
// holds it: the ids and sampling alone (a 48-byte allocation, as for
// every traceparent without a tracestate), with a parent span id too (64
// bytes, B3 and Jaeger), or the whole SpanContext with its trace state
// (80 bytes). An allocation's size is most of its cost, and of the
// garbage a request leaves: 48 bytes cost about four fifths of 80.
type (
	spanIDs struct {
		traceID  TraceID
		spanID   SpanID
		sampling Sampling
		bits     uint8
	}
	spanIDsParent struct {
		traceID  TraceID
		spanID   SpanID
		parentID SpanID
		sampling Sampling
		bits     uint8
	}
)

// SpanContextFromContext returns the span context stored in ctx, or the
// zero SpanContext if there is none: one context lookup, whichever form
// holds it.
func SpanContextFromContext(ctx context.Context) SpanContext {
	found := ctxnode.Find[spanContextKey](ctx)
	if p, ok := ctxnode.As[spanContextKey, spanIDs](found); ok {
		return SpanContext{traceID: p.traceID, spanID: p.spanID, sampling: p.sampling, bits: p.bits}
	}
	if p, ok := ctxnode.As[spanContextKey, spanIDsParent](found); ok {
		return SpanContext{traceID: p.traceID, spanID: p.spanID, parentID: p.parentID, sampling: p.sampling, bits: p.bits}
	}
	if p, ok := ctxnode.As[spanContextKey, SpanContext](found); ok {
		return *p
	}
	return SpanContext{}
}

// ContextWithRemoteSpanContext is ContextWithSpanContext with sc marked
// remote: the form a propagator stores after extracting.
func ContextWithRemoteSpanContext(ctx context.Context, sc SpanContext) context.Context {
	return ContextWithSpanContext(ctx, sc.WithRemote(true))
}

// ContextWithChild returns ctx carrying a child of the span context in
// ctx (a new root if there is none), and that child. A server calls it on
// the context its propagator extracted to continue the caller's trace.
func ContextWithChild(ctx context.Context) (context.Context, SpanContext) {
	child := SpanContextFromContext(ctx).NewChild()
	return ContextWithSpanContext(ctx, child), child
}

// ContextWithExtracted returns ctx carrying sc, marked remote, by the rule
// every propagator's Extract follows: a valid sc is stored; an sc that
// carries only a sampling decision (a bare B3 "0", a Jaeger debug request)
// is stored only when ctx holds no valid span context, so that it steers
// the trace ContextWithChild starts without ever replacing one that was
// found; anything else leaves ctx unchanged.
func ContextWithExtracted(ctx context.Context, sc SpanContext) context.Context {
	if sc.IsValid() && sc.IsRemote() {
		// What every ExtractFrom returns: stored as it is, without the
		// copy that would mark it remote.
		return ContextWithSpanContext(ctx, sc)
	}
	if sc, ok := sckey.Extracted(ctx, sc, SpanContextFromContext); ok {
		return ContextWithSpanContext(ctx, sc)
	}
	return ctx
}
