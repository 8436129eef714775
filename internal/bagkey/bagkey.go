// Package bagkey names where a context.Context holds baggage, for package
// baggage, which stores it there, and for the format packages that write
// baggage items of their own (Jaeger's uberctx-*, OT's ot-baggage-*):
// they ask In before baggage.FromContext, whose Baggage result, a few
// hundred bytes, costs more to return than the lookup does when a context
// carries none, as most do.
package bagkey

import "context"

// Key keys baggage in a context.Context (see internal/ctxnode).
type Key struct{}

// Name is what a context holding baggage prints as.
func (Key) Name() string { return "baggage.ContextWith" }

// In reports whether ctx holds baggage, possibly empty: when it is false,
// baggage.FromContext(ctx) is empty.
func In(ctx context.Context) bool { return ctx.Value(Key{}) != nil }
