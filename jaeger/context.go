package jaeger

import "context"

// ContextWithDebugID returns a copy of ctx carrying the jaeger-debug-id
// id, for DebugIDFromContext. Extract and ExtractExtras store it
// themselves; code that reads the debug id by other means (DebugID) uses
// this.
func ContextWithDebugID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, debugIDKey{}, id)
}
