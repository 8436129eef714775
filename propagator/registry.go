package propagator

import (
	"context"
	"strings"

	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

// TraceContext returns the W3C Trace Context propagator (traceparent and
// tracestate, Level 2): OTEL_PROPAGATORS "tracecontext".
func TraceContext() SpanContextPropagator { return traceparent.Propagator{} }

// Baggage returns the W3C Baggage propagator: OTEL_PROPAGATORS "baggage".
func Baggage() Propagator { return baggage.Propagator{} }

// B3 returns the B3 propagator that injects the single b3 header and
// extracts either form: OTEL_PROPAGATORS "b3".
func B3() SpanContextPropagator { return b3Propagator{b3.Propagator{}} }

// B3Multi returns the B3 propagator that injects the x-b3-* headers and
// extracts either form: OTEL_PROPAGATORS "b3multi".
func B3Multi() SpanContextPropagator { return b3Propagator{b3.Propagator{Multi: true}} }

// idProber is a member that can tell from one or two lookups whether a
// carrier holds its ids at all. Once a first-wins composite has a winner,
// a later member matters only if it carries ids (to refine the winner), so
// the composite skips the rest of its lookups when it does not.
type idProber interface {
	hasIDs(g carrier.Getter) bool
}

type b3Propagator struct{ b3.Propagator }

func (b3Propagator) hasIDs(g carrier.Getter) bool {
	return g.Get("b3") != "" || g.Get("x-b3-traceid") != ""
}

func (jaegerPropagator) hasIDs(g carrier.Getter) bool { return g.Get("uber-trace-id") != "" }

// Jaeger returns the Jaeger propagator: uber-trace-id for the span
// context, uberctx-* (and, on extract, jaeger-baggage) for baggage, kept in
// the context as baggage.Baggage so that it merges with W3C baggage, and
// jaeger-debug-id: OTEL_PROPAGATORS "jaeger".
func Jaeger() SpanContextPropagator { return jaegerPropagator{} }

// jaegerPropagator adds baggage to jaeger.Propagator, which leaves it out
// because package jaeger may not depend on package baggage.
type jaegerPropagator struct{ jaeger.Propagator }

// Extract stores the span context, the debug id and the baggage items,
// which join the baggage already in ctx without replacing its members
// (see mergeBaggage).
func (p jaegerPropagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	ctx = p.Propagator.Extract(ctx, g)
	if b, ok := jaegerBaggage(g); ok {
		ctx = baggage.ContextWith(ctx, mergeBaggage(baggage.FromContext(ctx), b))
	}
	return ctx
}

// Inject writes uber-trace-id and one uberctx-{key} header per baggage
// member in ctx.
func (p jaegerPropagator) Inject(ctx context.Context, s carrier.Setter) {
	p.Propagator.Inject(ctx, s)
	injectJaegerBaggage(s, baggage.FromContext(ctx))
}

func injectJaegerBaggage(s carrier.Setter, b baggage.Baggage) {
	if b.Len() == 0 {
		return
	}
	jaeger.InjectBaggage(s, func(yield func(string, string) bool) {
		for _, m := range b.All() {
			if !yield(m.Key(), m.Value()) {
				return
			}
		}
	})
}

// jaegerBaggage collects the uberctx-* and jaeger-baggage items of g.
func jaegerBaggage(g carrier.Getter) (baggage.Baggage, bool) {
	var bd baggage.Builder
	jaeger.ExtractBaggage(g, func(k, v string) bool {
		// A key that is no baggage token cannot travel as W3C baggage;
		// drop it rather than the whole set.
		_ = bd.Set(k, v)
		return true
	})
	if bd.Len() == 0 {
		return baggage.Baggage{}, false
	}
	return bd.Baggage(), true
}

// mergeBaggage returns w3c with the Jaeger items appended whose keys,
// compared case-insensitively, it lacks: a uberctx-* header is a lossy
// copy of a W3C member (HTTP lowercases its name, it has no properties),
// so the W3C member always wins. Either side alone is returned as is,
// without copying.
func mergeBaggage(w3c, jaegerItems baggage.Baggage) baggage.Baggage {
	switch {
	case jaegerItems.Len() == 0:
		return w3c
	case w3c.Len() == 0:
		return jaegerItems
	}
	bd := w3c.Builder()
	added := false
	for _, m := range jaegerItems.All() {
		if hasKeyFold(w3c, m.Key()) {
			continue
		}
		_ = bd.Set(m.Key(), m.Value())
		added = true
	}
	if !added {
		return w3c
	}
	return bd.Baggage()
}

func hasKeyFold(b baggage.Baggage, key string) bool {
	for _, m := range b.All() {
		if strings.EqualFold(m.Key(), key) {
			return true
		}
	}
	return false
}

// extractRest adds what the members other than span-context propagators
// carry: baggage merged across formats, the Jaeger debug id, and whatever
// foreign or pass-through members store.
func (c Composite) extractRest(ctx context.Context, g carrier.Getter) context.Context {
	// Baggage values are a few hundred bytes; copy them only when there is
	// something to store.
	var w3c, items baggage.Baggage
	for _, m := range c.Members {
		switch m := m.(type) {
		case baggage.Propagator:
			if b, _ := m.ExtractFrom(g); b.Len() > 0 {
				w3c = b
			}
		case jaegerPropagator:
			if id := jaeger.DebugID(g); id != "" {
				ctx = jaeger.ContextWithDebugID(ctx, id)
			}
			if b, ok := jaegerBaggage(g); ok {
				items = b
			}
		case SpanContextPropagator:
		default:
			ctx = m.Extract(ctx, g)
		}
	}
	if w3c.Len() == 0 && items.Len() == 0 {
		return ctx
	}
	if w3c.Len() == 0 {
		w3c = baggage.FromContext(ctx)
	}
	return baggage.ContextWith(ctx, mergeBaggage(w3c, items))
}
