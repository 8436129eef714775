package twotel

import (
	"context"

	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
)

// A span-context format can carry more than a span context, and says so
// with the optional methods of package propagator's interfaces (which
// the adapter names by their methods, not their types): BaggageFrom for
// baggage of its own (Jaeger's uberctx-*, OT's ot-baggage-*),
// ExtractExtras for the rest (Jaeger's debug id, X-Ray's other fields).
type (
	baggageFrom interface {
		BaggageFrom(g carrier.Getter) (twbaggage.Baggage, bool)
	}
	extrasExtractor interface {
		ExtractExtras(ctx context.Context, g carrier.Getter) context.Context
	}
	// moreProber is a format that can tell cheaply that a carrier holds
	// nothing for its BaggageFrom and ExtractExtras (Jaeger's HasMore):
	// one walk over the names that stops early, where BaggageFrom walks
	// them all and returns a baggage.Baggage of some hundreds of bytes.
	moreProber interface {
		HasMore(g carrier.Getter) bool
	}
	// spanProber is a moreProber whose walk also reads the span
	// context (Jaeger's ProbeSpan), so that a carrier holding nothing
	// more costs no second lookup of its header.
	spanProber interface {
		ProbeSpan(g carrier.Getter) (sc tracewire.SpanContext, more, found bool)
	}
)

// extra is what a span-context member may carry beside its span context:
// either method may be missing.
type extra struct {
	bag    baggageFrom
	extras extrasExtractor
	probe  moreProber
}

// extraOf returns what p says it may carry, and whether it says anything.
func extraOf(p any) (extra, bool) {
	var e extra
	e.bag, _ = p.(baggageFrom)
	e.extras, _ = p.(extrasExtractor)
	e.probe, _ = p.(moreProber)
	return e, e.bag != nil || e.extras != nil
}

// firstMore returns the index of the first member of p.more that may
// find something in g (one without a probe, or whose probe says so), or
// -1. Most carriers hold nothing beside the span context: the probes
// settle that without the 392-byte Baggage findMore fills.
func (p *Propagator) firstMore(g carrier.Getter) int {
	if len(p.more) == 0 {
		return -1
	}
	scan := keyScanner(g)
	for i, m := range p.more {
		if m.probe == nil || m.probe.HasMore(scan) {
			return i
		}
	}
	return -1
}

// extractProbed is Extract for a single format that is a spanProber
// (p.probed): its probe's walk also reads the span context, so a carrier
// holding nothing more costs one walk and no lookup.
//
// The walk runs over keyScanner(g), a carrier.Map for a MapCarrier, which
// would read "Uber-Trace-Id" where the adapter's mapCarrier reads only
// "uber-trace-id". The probe reports found only when the walk met the
// name both read first; otherwise ExtractFrom(g) reads as OpenTelemetry
// does.
func (p Propagator) extractProbed(ctx context.Context, g carrier.Getter) context.Context {
	sc, more, found := p.probed.ProbeSpan(keyScanner(g))
	if more {
		var b twbaggage.Baggage
		if p.findMore(g, 0, &b) {
			return p.extractRest(ctx, g, &b)
		}
	}
	if !found {
		sc, _ = p.span.ExtractFrom(g)
	}
	return withExtracted(ctx, sc, nil)
}

// findMore reports whether, for g, any of p.more from index start (which
// firstMore returned, so its probe is not asked again) finds baggage or
// extras, and puts in b the baggage the first of them finds. Only then
// must more than the span context be extracted; otherwise the span
// context (and the W3C baggage) are all there is, and the context-free
// pair finds them. It allocates only when a member finds something.
func (p *Propagator) findMore(g carrier.Getter, start int, b *twbaggage.Baggage) (found bool) {
	scan := keyScanner(g)
	for i, m := range p.more[start:] {
		if i > 0 && m.probe != nil && !m.probe.HasMore(scan) {
			continue
		}
		if m.bag != nil && b.Len() == 0 {
			if *b, _ = m.bag.BaggageFrom(scan); b.Len() > 0 {
				found = true
				if !p.direct {
					return true
				}
			}
		}
		if !found && m.extras != nil && m.extras.ExtractExtras(context.Background(), g) != context.Background() {
			found = true
		}
	}
	return found
}

// extractMore is the format's own Extract for a single format (p.direct)
// whose carrier findMore found more in, given the baggage it found: the
// span context, the extras and that baggage, which Extract would find
// again with a second walk over the carrier's names. It returns the
// context Extract would, on context.Background().
func (p Propagator) extractMore(g carrier.Getter, b twbaggage.Baggage) context.Context {
	sc, _ := p.span.ExtractFrom(g)
	rest := tracewire.ContextWithExtracted(context.Background(), sc)
	if e := p.more[0].extras; e != nil {
		rest = e.ExtractExtras(rest, g)
	}
	if b.Len() > 0 {
		rest = twbaggage.ContextWith(rest, b)
	}
	return rest
}

// keyScanner returns g as a Getter whose names carrier.AllKeys walks
// without building a slice: the carrier package's own adapters.
func keyScanner(g carrier.Getter) carrier.Getter {
	switch g := g.(type) {
	case headerCarrier:
		return carrier.HTTPHeader(g)
	case mapCarrier:
		return carrier.Map(g)
	}
	return g
}
