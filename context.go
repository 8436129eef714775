package tracewire

import (
	"context"

	"github.com/tracewire/tracewire/internal/ctxnode"
)

// spanContextKey keys the span context in a context.Context; see
// internal/ctxnode for why storing it costs one allocation.
type spanContextKey struct{}

func (spanContextKey) Name() string { return "tracewire.ContextWithSpanContext" }

// ContextWithSpanContext returns a copy of ctx carrying sc, in one
// allocation. Extractors use it to hand the caller's context to the
// server's code.
func ContextWithSpanContext(ctx context.Context, sc SpanContext) context.Context {
	return ctxnode.With[spanContextKey](ctx, sc)
}

// ContextWithRemoteSpanContext is ContextWithSpanContext with sc marked
// remote: the form a propagator stores after extracting.
func ContextWithRemoteSpanContext(ctx context.Context, sc SpanContext) context.Context {
	return ContextWithSpanContext(ctx, sc.WithRemote(true))
}

// SpanContextFromContext returns the span context stored in ctx, or the
// zero SpanContext if there is none.
func SpanContextFromContext(ctx context.Context) SpanContext {
	sc, _ := ctxnode.From[spanContextKey, SpanContext](ctx)
	return sc
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
	switch {
	case sc.IsValid():
	case sc.IsDeferred() || SpanContextFromContext(ctx).IsValid():
		return ctx
	}
	return ContextWithRemoteSpanContext(ctx, sc)
}
