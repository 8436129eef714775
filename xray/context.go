package xray

import "context"

type headerKey struct{}

// headerCtx is a context carrying a Header: one allocation, where
// context.WithValue would box the Header in a second one.
type headerCtx struct {
	context.Context
	h Header
}

func (c *headerCtx) Value(key any) any {
	if key == (headerKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// String names the context as the standard library's contexts do.
func (c *headerCtx) String() string { return "xray.ContextWithHeader" }

// ContextWithHeader returns a copy of ctx carrying h, for
// HeaderFromContext. Propagator.Extract stores the header it extracted; a
// composite propagator that extracts the span context by other means uses
// this so that Inject still passes h's other fields on.
func ContextWithHeader(ctx context.Context, h Header) context.Context {
	return &headerCtx{Context: ctx, h: h}
}

// HeaderFromContext returns the Header stored in ctx, or the zero Header.
func HeaderFromContext(ctx context.Context) Header {
	if c, ok := ctx.Value(headerKey{}).(*headerCtx); ok {
		return c.h
	}
	return Header{}
}
