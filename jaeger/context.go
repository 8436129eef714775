package jaeger

import "context"

// ContextWithDebugID returns a copy of ctx carrying the jaeger-debug-id
// id, for DebugIDFromContext. Extract stores it itself; a composite
// propagator that extracts the span context by other means uses this.
func ContextWithDebugID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, debugIDKey{}, id)
}
