package twotel

import (
	"context"
	"sync"

	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"go.opentelemetry.io/otel/baggage"
)

// OpenTelemetry-Go's baggage.Baggage is a map that only its own
// constructors fill, and every one of them formats each member once more
// to count bytes: building one costs about as much as OpenTelemetry's
// whole propagator, whatever has parsed the header before. So Extract
// decides eagerly what the header holds (tracewire reads it without
// allocating) and builds OpenTelemetry's form the first time a reader
// asks for it, as OpenTelemetry's own Baggage keeps a member's properties
// as text until asked. A service that never reads baggage never pays for
// it; one that does pays about what OpenTelemetry's propagator costs, and
// one allocation more (BenchmarkExtractRead). The node answers
// OpenTelemetry's baggage key, which bagKey learns as spanKey is learnt;
// should a later OpenTelemetry-Go keep baggage otherwise, bagKey stays nil
// and Extract builds the baggage at once.
var bagKey = findBaggageKey()

func findBaggageKey() any {
	p := &keyProbe{Context: context.Background()}
	baggage.FromContext(p)
	if p.key == nil {
		return nil
	}
	m, err := baggage.NewMemberRaw("k", "v")
	if err != nil {
		return nil
	}
	ob, err := baggage.New(m)
	if err != nil {
		return nil
	}
	v := baggage.ContextWithBaggage(context.Background(), ob).Value(p.key)
	if v == nil {
		return nil
	}
	check := context.WithValue(context.Background(), p.key, v)
	if baggage.FromContext(check).Member("k").Value() != "v" {
		return nil
	}
	return p.key
}

// lazyBaggage is the context node of an extracted baggage header that
// OpenTelemetry's form is built from when first asked for. It holds the
// header's one line, a string, so nothing the caller changes in the
// carrier afterwards reaches it.
type lazyBaggage struct {
	context.Context
	line  string
	once  sync.Once
	state any // what OpenTelemetry-Go keeps under bagKey
}

func (n *lazyBaggage) Value(key any) any {
	if key == bagKey {
		n.once.Do(n.build)
		return n.state
	}
	return n.Context.Value(key)
}

// build stores what baggage.ContextWithBaggage stores for the line's
// baggage on a context without baggage (extractBaggageLazy makes sure
// the parent has none, so there is no hook of an OpenTracing bridge to
// carry over or call).
func (n *lazyBaggage) build() {
	n.state = baggage.ContextWithBaggage(context.Background(), otelBaggageOf(n.line)).Value(bagKey)
}

// String names the node as the standard library's contexts name theirs.
func (n *lazyBaggage) String() string { return "twotel.Baggage" }

// extractBaggageLazy stores a one-line baggage header under default
// limits, on a context without baggage, as a lazyBaggage node; it leaves
// ctx as it is when tracewire finds no valid member. It reports false
// for anything else, which extractBaggage then builds at once.
func (p Propagator) extractBaggageLazy(ctx context.Context, g carrier.Getter) (context.Context, bool) {
	if bagKey == nil || p.bag.Limits != (twbaggage.Limits{}) {
		return ctx, false
	}
	line, n := baggageLine(g)
	if n != 1 {
		return ctx, n == 0
	}
	if ctx.Value(bagKey) != nil {
		return ctx, false
	}
	if b, _ := p.bag.Limits.Parse(line); b.Len() == 0 {
		return ctx, true
	}
	return &lazyBaggage{Context: ctx, line: line}, true
}

// otelBaggageOf returns OpenTelemetry's form of a baggage line under
// default limits: OpenTelemetry's own parse where it takes the line whole
// (see extractBaggageOTel), tracewire's converted otherwise.
func otelBaggageOf(line string) baggage.Baggage {
	if otelBaggageSafe(line) {
		if ob, err := baggage.Parse(line); err == nil && ob.Len() > 0 {
			return ob
		}
	}
	b, _ := twbaggage.Limits{}.Parse(line)
	return BaggageToOTel(b)
}
