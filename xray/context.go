package xray

import (
	"context"

	"github.com/tracewire/tracewire/internal/ctxnode"
)

type headerKey struct{}

func (headerKey) Name() string { return "xray.ContextWithHeader" }

// ContextWithHeader returns a copy of ctx carrying h, for
// HeaderFromContext, in one allocation. Propagator.Extract stores the
// header it extracted; a composite propagator that extracts the span
// context by other means uses this so that Inject still passes h's other
// fields on.
func ContextWithHeader(ctx context.Context, h Header) context.Context {
	return ctxnode.With[headerKey](ctx, h)
}

// HeaderFromContext returns the Header stored in ctx, or the zero Header.
// Propagator.Extract stores one only when it carries more than the span
// context it stores (see there): for the common header of Root, Parent
// and Sampled alone, read tracewire.SpanContextFromContext.
func HeaderFromContext(ctx context.Context) Header {
	h, _ := ctxnode.From[headerKey, Header](ctx)
	return h
}
