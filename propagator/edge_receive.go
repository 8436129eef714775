package propagator

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ctxnode"
)

// The edge without net/http: what Handler and Decide do for an HTTP
// request, DecideFrom and Receive do for any carrier and a policy the
// caller has already picked, so that a server over another transport
// (gRPC metadata, message headers) applies the same rules as the HTTP
// edge rather than a copy of them. e.Trust and e.ServerTiming, which are
// about HTTP requests and responses, are not used.

// DecideFrom applies e, under policy, to the trace context in g and
// returns the decision, as Decide does for an HTTP request whose Trust
// picked policy. A policy other than Continue, Restart and Ignore is taken
// as Restart. With this module's propagators it allocates nothing beyond
// the sampler's own work and what g's lookups cost.
func (e Edge) DecideFrom(g carrier.Getter, policy TrustPolicy) Decision {
	if e.Propagator == nil {
		return e.decide(g, policy, &w3cDefault, survey{})
	}
	return e.decide(g, policy, e.Propagator, survey{})
}

// Receive returns ctx as Handler gives it to its handler, for a call that
// arrived with g's headers and that policy applies to: it carries the
// Decision (see DecisionFromContext), this service's span context (see
// Decision.Span) and, when the decision keeps them, the caller's baggage
// and the other members' concerns. g is only read.
//
// A Propagator that is not a Composite is wrapped in one per call; a
// server that receives many calls sets a Composite once (Compose(p)).
// When the decision keeps the caller's baggage and a member walks g's
// names for its own (Jaeger's uberctx-*), Receive makes that one pass
// first and answers every member's probe from it, as Composite.Extract
// does.
func (e Edge) Receive(ctx context.Context, g carrier.Getter, policy TrustPolicy) context.Context {
	p := e.Propagator
	if p == nil {
		p = &w3cDefault
	}
	ctx, _ = e.receive(ctx, g, policy, p, asComposite(e.Propagator))
	return ctx
}

// receive is Receive with the propagator resolved: p decides (never nil)
// and c, the same members as a Composite, extracts the rest.
func (e Edge) receive(ctx context.Context, g carrier.Getter, policy TrustPolicy, p Propagator, c Composite) (context.Context, Decision) {
	// The members' extras are read when the decision keeps the caller's
	// baggage; then a member that walks g's names for them (Jaeger's
	// uberctx-*) would walk anyway, and one pass answers every probe of
	// the decision and the extras (see Composite.Extract).
	var sv survey
	if e.keepsBaggage(policy) {
		sv = c.survey(g)
	}
	d := e.decide(g, policy, p, sv)
	if d.KeepBaggage {
		ctx = c.extrasWith(ctx, g, sv)
	}
	ctx = ctxnode.With[decisionKey](ctx, d)
	return tracewire.ContextWithSpanContext(ctx, d.Span), d
}
