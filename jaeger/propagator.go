package jaeger

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/bagkey"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator moves everything Jaeger's headers carry between carriers and
// contexts: the span context in uber-trace-id, the baggage items in
// uberctx-{key} (and, on extract, jaeger-baggage), kept in the context as
// baggage.Baggage so that they join W3C baggage, and the jaeger-debug-id.
// The zero value is ready to use; it is OTEL_PROPAGATORS "jaeger".
type Propagator struct{}

// ExtractFrom returns the span context in g's uber-trace-id header, marked
// remote, by the contract every format here follows:
//
//   - no uber-trace-id (or one of only spaces and tabs) and no
//     jaeger-debug-id: the zero SpanContext and a nil error;
//   - an invalid uber-trace-id: the zero SpanContext and its
//     *tracewire.ParseError, whatever else g holds;
//   - a valid one: the span context and a nil error;
//   - no uber-trace-id but a jaeger-debug-id, which asks for a new trace
//     forced to debug: a span context without ids whose sampling is
//     tracewire.SamplingDebug, so that NewChild starts a debug trace, and a
//     nil error.
//
// A debug id beside an invalid uber-trace-id does not make a decision:
// the caller meant to continue a trace that cannot be read, and the error
// says so (jaeger-client-go rejects the whole request then too).
func (Propagator) ExtractFrom(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	if v := g.Get(headerTraceID); !ows.Blank(v) {
		err = parseRemote(v, &sc)
		return sc, err
	}
	if DebugID(g) != "" {
		return debugOnly(), nil
	}
	return tracewire.SpanContext{}, nil
}

// debugOnly is the span context a jaeger-debug-id without an
// uber-trace-id asks for: no ids, a debug decision, remote.
func debugOnly() tracewire.SpanContext {
	return tracewire.SpanContextConfig{Sampling: tracewire.SamplingDebug, Remote: true}.SpanContext()
}

// InjectInto writes sc to s as an uber-trace-id header in canonical form
// (see Append). It writes nothing if sc is not valid; jaeger-debug-id is
// never written, as it only ever comes from outside the tracing system.
func (Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	var b [maxLen]byte
	carrier.Set(s, headerTraceID, Append(b[:0], sc))
}

type debugIDKey struct{}

// Extract returns ctx carrying what g's Jaeger headers hold:
//
//   - the span context ExtractFrom finds (a valid one, or the debug-only
//     one, which never replaces a valid context already in ctx; see
//     tracewire.ContextWithExtracted);
//   - the jaeger-debug-id, if any, for DebugIDFromContext (ExtractExtras);
//   - the baggage items (BaggageFrom), merged into the baggage already in
//     ctx with baggage.Merge: a member already there wins a key, compared
//     case-insensitively, because a uberctx-* header is a lossy copy of a
//     W3C member.
//
// If g holds none of these, ctx is returned unchanged.
//
// It walks g's names once, for the uberctx-* headers and for whether a
// name may be jaeger-debug-id or jaeger-baggage; those two are looked up
// only when it saw one (always, for a Getter that is none of the carrier
// package's adapters), and without baggage headers no baggage is built.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	var ks keyScan
	ks.walk(g)
	var id string
	if ks.debug {
		id = DebugID(g)
	}
	// What ExtractFrom finds, without its second look for a debug id.
	v, ok := ks.traceID, ks.hasTraceID
	if !ok {
		v = g.Get(headerTraceID)
	}
	var sc tracewire.SpanContext
	if !ows.Blank(v) {
		_ = parseRemote(v, &sc) // Extract drops errors
	} else if id != "" {
		sc = debugOnly()
	}
	ctx = tracewire.ContextWithExtracted(ctx, sc)
	if id != "" {
		ctx = ContextWithDebugID(ctx, id)
	}
	if len(ks.items) > 0 || ks.baggage {
		if b := ks.baggageOf(g); b.Len() > 0 {
			ctx = baggage.ContextWith(ctx, baggage.Merge(baggage.FromContext(ctx), b))
		}
	}
	return ctx
}

// ExtractExtras returns ctx carrying g's jaeger-debug-id, if any, for
// DebugIDFromContext: what Extract stores beside the span context and the
// baggage. A composite that resolves span contexts and baggage across
// formats itself calls it for the rest.
func (Propagator) ExtractExtras(ctx context.Context, g carrier.Getter) context.Context {
	if id := DebugID(g); id != "" {
		ctx = ContextWithDebugID(ctx, id)
	}
	return ctx
}

// BaggageFrom returns the uberctx-* and jaeger-baggage items of g (see
// ExtractBaggage) as baggage, in that order; an item whose key is not a
// baggage token is dropped, since it could not travel as W3C baggage.
// Such items are a lossy copy of baggage (HTTP lowercases the header
// names, and there are no properties), so lossy is always true: a W3C
// member wins a key both carry (see baggage.Merge). It allocates only
// when g holds items.
func (Propagator) BaggageFrom(g carrier.Getter) (b baggage.Baggage, lossy bool) {
	var ks keyScan
	ks.walk(g)
	return ks.baggageOf(g), true
}

// Inject writes the span context in ctx to s, as InjectInto does, and one
// uberctx-{key} header per baggage member in ctx (see InjectItem).
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	sc := tracewire.SpanContextFromContext(ctx)
	if bagkey.In(ctx) {
		if b := baggage.FromContext(ctx); b.Len() > 0 {
			p.injectItems(s, sc, b)
			return
		}
	}
	p.InjectInto(s, sc)
}

// injectItems is Inject of sc with the items of b, which is not empty.
// Several headers: into a carrier that takes a carrier.Batch they go
// through one, two allocations into an http.Header and one into a map,
// whatever the number of items, and a list, a Packed or an Env is rebuilt
// once rather than once per item.
func (p Propagator) injectItems(s carrier.Setter, sc tracewire.SpanContext, b baggage.Baggage) {
	w := s
	bt := carrier.NewBatch(s)
	if bt != nil {
		w = bt
	}
	p.InjectInto(w, sc)
	for _, m := range b.All() {
		p.InjectItem(w, m.Key(), m.Value())
	}
	if bt != nil {
		bt.Flush()
	}
}

// Fields returns the header InjectInto writes: uber-trace-id. The
// uberctx-* headers Inject adds are left out because their names vary;
// ClearFields finds them.
func (Propagator) Fields() []string { return []string{headerTraceID} }

// Name returns "jaeger", the propagator's OTEL_PROPAGATORS name.
func (Propagator) Name() string { return "jaeger" }

// ReadsTraceState reports false: uber-trace-id has no trace state, so
// InjectInto writes the same header whatever trace state sc carries, and
// a caller holding one in a form of its own need not convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty uber-trace-id: the one header
// without which ExtractFrom cannot return a valid span context. It is the
// cheap probe a composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(headerTraceID) != "" }

// HasMore reports whether g may hold what Extract stores beside the span
// context: a jaeger-debug-id (ExtractExtras), a uberctx-* header or a
// jaeger-baggage header (BaggageFrom). When it reports false, Extract
// stores the span context ExtractFrom finds and nothing else. It is the
// probe an adapter makes before taking that cheaper way: one walk over
// g's names that stops at the first uberctx-* header, and a lookup of
// jaeger-debug-id or jaeger-baggage only where the walk saw a name that
// may be one, without allocating, for the carrier package's adapters; any
// other Getter is listed with Keys and both names are looked up. It may
// report true for headers that yield nothing, such as a jaeger-baggage
// without a valid pair.
func (Propagator) HasMore(g carrier.Getter) bool { return hasMore(g) }

// ProbeSpan is HasMore (more) together with the span context, from the
// same walk over g's names. When more is false and the walk met the
// uber-trace-id under the name g's Get reads first (found: g is a
// carrier.Map holding "uber-trace-id", or a carrier.HTTPHeader holding
// "Uber-Trace-Id"), sc is what ExtractFrom(g) returns, errors dropped,
// and no name is looked up again. Otherwise sc is the zero SpanContext
// and found is false, and a caller that wants the span context calls
// ExtractFrom.
//
// It serves an adapter whose carrier reads a name in fewer spellings
// than the carrier package's: one that reads a map by exact name walks
// it as a carrier.Map and, when found is false, calls ExtractFrom with
// its own carrier. Both read the lowercase name first, so found gives
// the value either would.
func (Propagator) ProbeSpan(g carrier.Getter) (sc tracewire.SpanContext, more, found bool) {
	var ks keyScan
	if ks.probeMore(g) {
		return sc, true, false
	}
	if !ks.hasTraceID {
		return sc, false, false
	}
	// A blank value: no debug id either (more would be true), so the
	// zero context, as ExtractFrom returns it.
	if !ows.Blank(ks.traceID) {
		_ = parseRemote(ks.traceID, &sc)
	}
	return sc, false, true
}

// ReadNames returns the names HasIDs looks up, uber-trace-id, and those
// HasMore looks for: the uberctx-* family, jaeger-debug-id and
// jaeger-baggage. A composite whose survey of a map carrier found none of
// the latter skips the walk HasMore makes.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, readMore }

// readIDs and readMore are the sets ReadNames returns.
var (
	readIDs  = carrier.NamesOf(headerTraceID)
	readMore = carrier.NamesOf(baggagePrefix+"*", headerDebugID, headerBaggage)
)

// ClearFields deletes from s, if it is a carrier.Deleter, every header
// Inject writes, so that a reused carrier keeps nothing stale: the
// uber-trace-id, every uberctx-* header (found by listing s's names once,
// if s is also a carrier.Getter; see carrier.DeleteFunc), and
// jaeger-baggage, whose items Inject sends as uberctx-* headers instead
// and which would otherwise bring back a member the service removed.
func (Propagator) ClearFields(s carrier.Setter) {
	d, ok := s.(carrier.Deleter)
	if !ok {
		return
	}
	d.Delete(headerTraceID)
	d.Delete(headerBaggage)
	carrier.DeleteFunc(s, IsBaggageHeader)
}

// DebugIDFromContext returns the jaeger-debug-id stored by Extract, or "".
// A tracer tags the root span of the debug trace with it, which makes the
// trace searchable by that id.
func DebugIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(debugIDKey{}).(string)
	return id
}
