// Package sckey names where a context.Context holds its span context, and
// the rule by which an extracted one is stored there, for the root
// package and for a format package that stores a value of its own in the
// same context node (internal/ctxnode.With2), so that its Extract costs
// one allocation, not two.
package sckey

import "context"

// Key keys the span context in a context.Context. The root package
// stores it in one of three forms (see its ContextWithSpanContext); a
// format package pairing it with its own value stores the whole
// tracewire.SpanContext, one of those forms.
type Key struct{}

// Name is what a context holding a span context prints as.
func (Key) Name() string { return "tracewire.ContextWithSpanContext" }

// spanContext is what Extracted needs of tracewire.SpanContext, which
// this package cannot name (the root package imports it).
type spanContext[SC any] interface {
	IsValid() bool
	IsDeferred() bool
	WithRemote(on bool) SC
}

// Extracted returns the span context tracewire.ContextWithExtracted
// stores in ctx for sc, and whether it stores one: a valid sc is stored;
// an sc that carries only a sampling decision is stored only when ctx
// holds no valid span context (read with held, which is
// tracewire.SpanContextFromContext), so that it steers the trace a child
// starts without ever replacing one that was found; anything else is not.
// What is stored is marked remote.
func Extracted[SC spanContext[SC]](ctx context.Context, sc SC, held func(context.Context) SC) (SC, bool) {
	switch {
	case sc.IsValid():
	case sc.IsDeferred() || held(ctx).IsValid():
		return sc, false
	}
	return sc.WithRemote(true), true
}
