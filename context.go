package tracewire

import "context"

type spanContextKey struct{}

// ContextWithSpanContext returns a copy of ctx carrying sc. Extractors use
// it to hand the caller's context to the server's code.
func ContextWithSpanContext(ctx context.Context, sc SpanContext) context.Context {
	return context.WithValue(ctx, spanContextKey{}, sc)
}

// ContextWithRemoteSpanContext is ContextWithSpanContext with sc marked
// remote: the form a propagator stores after extracting.
func ContextWithRemoteSpanContext(ctx context.Context, sc SpanContext) context.Context {
	return ContextWithSpanContext(ctx, sc.WithRemote(true))
}

// SpanContextFromContext returns the span context stored in ctx, or the
// zero SpanContext if there is none.
func SpanContextFromContext(ctx context.Context) SpanContext {
	sc, _ := ctx.Value(spanContextKey{}).(SpanContext)
	return sc
}

// ContextWithChild returns ctx carrying a child of the span context in
// ctx (a new root if there is none), and that child. A server calls it on
// the context its propagator extracted to continue the caller's trace.
func ContextWithChild(ctx context.Context) (context.Context, SpanContext) {
	child := SpanContextFromContext(ctx).NewChild()
	return ContextWithSpanContext(ctx, child), child
}
