package propagator

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
)

// Composite runs several propagators as one. It knows its members only
// through interfaces (see the package documentation), so a composite of
// the format packages' own propagators, in value or pointer form, behaves
// exactly like one built from the registry.
//
// Inject: every member writes its fields, in order, so all configured
// formats go out together; on a carrier.Deleter the members' stale fields
// are cleared first (FieldClearer), and beside the W3C member the
// tracestate carries what a TraceStateContributor states (Datadog's dd=).
//
// Extract: the span-context members' results are resolved into one span
// context under Policy (see FirstWins, LastWins and Reparent); a context
// that carries only a sampling decision (a bare B3 "0", a Jaeger debug
// request) is used only when no member found a valid one. The baggage of
// every BaggageExtractor is merged into one Baggage (a W3C member wins a
// key over its lossy uberctx-* copy, whatever the member order), and the
// other members add their own concerns. ExtractAll shows every member's
// result, and Links the contexts the winner did not continue.
//
// The zero value has no members and propagates nothing.
type Composite struct {
	Members []Propagator
	Policy  Policy
}

// Compose returns a first-wins Composite of ps.
func Compose(ps ...Propagator) Composite { return Composite{Members: ps} }

// Fields returns the union of the members' fields, each once, in the
// order the members first name them.
func (c Composite) Fields() []string {
	var out []string
	for _, m := range c.Members {
		for _, f := range m.Fields() {
			if !contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// clear deletes, if s can delete, the fields of the trace-context members:
// with spanOnly what InjectInto writes, the Fields of the span-context
// members; otherwise what each FieldClearer clears, and the Fields of the
// span-context and baggage members that are not FieldClearers.
// Pass-through and foreign members are left alone: their headers may be
// the application's own.
//
// With spanOnly, a span-context FieldClearer whose format carries no
// baggage is cleared with ClearFields too: it clears nothing but span
// fields (B3's both forms, so that a stale x-b3-* does not outlive a new
// b3), and unlike Fields, which returns a new slice, it allocates nothing.
func (c Composite) clear(s carrier.Setter, spanOnly bool) {
	d, ok := s.(carrier.Deleter)
	if !ok {
		return
	}
	for _, m := range c.Members {
		fc, clears := m.(FieldClearer)
		if clears && !spanOnly {
			// Inject: every FieldClearer clears itself, whatever it
			// carries; no need to ask what that is.
			fc.ClearFields(s)
			continue
		}
		_, span := m.(SpanContextPropagator)
		_, bag := m.(BaggageExtractor)
		if clears && span && !bag {
			fc.ClearFields(s)
			continue
		}
		if span || bag && !spanOnly {
			for _, f := range m.Fields() {
				d.Delete(f)
			}
		}
	}
}

// Inject writes every member's fields. If s is a carrier.Deleter, the
// fields of the trace-context members are cleared first, so a reused
// carrier keeps nothing stale from an earlier injection.
//
// Into a carrier that takes a carrier.Batch (the carrier package's map
// adapters, its message-header lists, Packed and Env: see NewBatch) the
// members write through one: into a map adapter every value in one string
// and, for the carriers of value slices, one array of slices, so that the
// four formats of OTEL_PROPAGATORS "tracecontext,baggage,b3,jaeger" cost
// two allocations in all, and the stale fields are cleared in at most one
// pass over the carrier; a list, a Packed or an Env is rebuilt once,
// rather than once per header. No value slice the carrier held is written
// into. A composite of one member
// (New("b3multi")) clears that member's fields and lets it write as it
// writes alone, in one allocation: a Batch would add its string's to the
// member's own.
func (c Composite) Inject(ctx context.Context, s carrier.Setter) {
	if len(c.Members) > 1 {
		if b := carrier.NewBatch(s); b != nil {
			c.inject(ctx, b)
			b.Flush()
			return
		}
	}
	c.inject(ctx, s)
}

// inject is Inject into s as it is.
func (c Composite) inject(ctx context.Context, s carrier.Setter) {
	c.clear(s, false)
	if sc := tracewire.SpanContextFromContext(ctx); sc.IsValid() {
		if with := c.withTraceState(ctx, sc); with != sc {
			ctx = tracewire.ContextWithSpanContext(ctx, with)
		}
	}
	for _, m := range c.Members {
		m.Inject(ctx, s)
	}
}

// InjectInto writes sc with every member that carries span contexts,
// after deleting their Fields if s is a carrier.Deleter. Headers that only
// Inject writes (baggage, uberctx-*) are left as they are. It writes
// through a carrier.Batch as Inject does, and with one member as that
// member alone does.
func (c Composite) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if len(c.Members) > 1 {
		if b := carrier.NewBatch(s); b != nil {
			c.injectInto(b, sc)
			b.Flush()
			return
		}
	}
	c.injectInto(s, sc)
}

// injectInto is InjectInto into s as it is.
func (c Composite) injectInto(s carrier.Setter, sc tracewire.SpanContext) {
	c.clear(s, true)
	if sc.IsValid() {
		sc = c.withTraceState(context.Background(), sc)
	}
	for _, m := range c.Members {
		if sp, ok := m.(SpanContextPropagator); ok {
			sp.InjectInto(s, sc)
		}
	}
}

// withTraceState returns sc with the tracestate members that c's
// TraceStateContributors state for it put first, when c has the W3C
// member that writes them; otherwise sc itself, without allocating.
func (c Composite) withTraceState(ctx context.Context, sc tracewire.SpanContext) tracewire.SpanContext {
	// Most composites have no contributor: look for one before asking
	// every member its name.
	contributes, w3c := false, false
	for _, m := range c.Members {
		if _, ok := m.(TraceStateContributor); ok {
			contributes = true
			break
		}
	}
	for _, m := range c.Members {
		w3c = w3c || contributes && nameOf(m) == w3cName
	}
	if !w3c {
		return sc
	}
	for _, m := range c.Members {
		tc, ok := m.(TraceStateContributor)
		if !ok {
			continue
		}
		if k, v, ok := tc.TraceStateMember(ctx, sc); ok {
			if ts, err := sc.TraceState().Insert(k, v); err == nil {
				sc = sc.WithTraceState(ts)
			}
		}
	}
	return sc
}

// ExtractFrom returns the span context the members' results resolve to
// under c.Policy, marked remote, by the contract of SpanContextPropagator:
// the winner and a nil error; else a decision without ids and a nil
// error; else the zero SpanContext and the first member's error (nil if
// no member found anything). Once there is a winner, a first-wins or
// reparenting composite skips the members whose IDProber says they hold
// no ids. It does not allocate when the members are this module's
// propagators.
func (c Composite) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	return c.extractFrom(g, survey{})
}

// extractFrom is ExtractFrom, answering the members' HasIDs from sv when
// it holds a survey of g.
func (c Composite) extractFrom(g carrier.Getter, sv survey) (tracewire.SpanContext, error) {
	r := resolver{policy: c.Policy}
	for _, m := range c.Members {
		sp, ok := m.(SpanContextPropagator)
		if !ok {
			continue
		}
		if r.skips() {
			if p, ok := m.(IDProber); ok && !sv.hasIDs(m, p, g) {
				continue
			}
		}
		sc, err := sp.ExtractFrom(g)
		name := ""
		if c.Policy == Reparent {
			name = nameOf(m)
		}
		r.add(name, sc, err)
	}
	sc, _, err := r.done()
	return sc, err
}

// nameOf returns m's Name, or "" if it has none.
func nameOf(m Propagator) string {
	if n, ok := m.(Namer); ok {
		return n.Name()
	}
	return ""
}

// Extract stores in ctx the span context ExtractFrom resolves (see
// tracewire.ContextWithExtracted), and what the other members carry (see
// ExtractExtras). When a member's HasMore walks the carrier's names
// anyway (Jaeger's, for uberctx-*), Extract makes that one pass itself
// over a map adapter first (carrier.Survey) and answers from it the
// probes of every member that names what they read (NameReader); the
// result is the same, without a lookup for each absent name.
func (c Composite) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sv := c.survey(g)
	sc, _ := c.extractFrom(g, sv)
	return c.extrasWith(tracewire.ContextWithExtracted(ctx, sc), g, sv)
}

// survey is what one pass over a map carrier's keys found (see
// carrier.Survey); ok is false when no pass was made, and then every
// probe is asked.
type survey struct {
	present carrier.Names
	ok      bool
}

// survey makes the pass over g when a member's HasMore would walk g's
// names anyway (NameReader's more holds a family): one pass then answers
// every member's probe, where a map carrier looks each absent name up
// under two or three spellings. Otherwise the lookups cost less than the
// pass, and it is not made.
func (c Composite) survey(g carrier.Getter) survey {
	if _, more := c.ReadNames(); !more.HasFamily() {
		return survey{}
	}
	present, ok := carrier.Survey(g)
	return survey{present, ok}
}

// surveyor is a member that reads its extras from the survey of the
// composite it is nested in: a Composite. An Edge nests its Propagator so.
type surveyor interface {
	extrasWith(ctx context.Context, g carrier.Getter, sv survey) context.Context
}

// ReadNames returns what c's members' probes read (see NameReader): the
// union of their names, with another name for a member that probes
// without naming what it reads, which no survey can then rule out. A
// composite nested in another so tells the outer one whether a member
// walks the carrier's names (more holds the uberctx-* family), and so can
// a server choosing how to read a call's headers.
func (c Composite) ReadNames() (ids, more carrier.Names) {
	for _, m := range c.Members {
		if nr, ok := m.(NameReader); ok {
			i, mo := nr.ReadNames()
			ids, more = ids|i, more|mo
			continue
		}
		if _, ok := m.(IDProber); ok {
			ids |= anotherName
		}
		if _, ok := m.(moreProber); ok {
			more |= anotherName
		}
	}
	return ids, more
}

// anotherName is the set holding a name outside carrier.Names' table.
var anotherName = carrier.NamesOf("")

// extrasWith is ExtractExtras reading the survey sv of g.
func (c Composite) extrasWith(ctx context.Context, g carrier.Getter, sv survey) context.Context {
	return extrasOf(ctx, g, c.Members, nil, sv)
}

// hasIDs is m's HasIDs (p), false without asking when the survey found
// none of the names m reads.
func (sv survey) hasIDs(m Propagator, p IDProber, g carrier.Getter) bool {
	if nr, ok := m.(NameReader); ok && sv.ok {
		if ids, _ := nr.ReadNames(); !sv.present.Intersects(ids) {
			return false
		}
	}
	return p.HasIDs(g)
}

// mayHoldMore reports whether ExtractExtras must ask member m for baggage
// and extras in g: false only when m has a HasMore that reports false, or
// that the survey shows would (it found none of the names m reads).
func (sv survey) mayHoldMore(m Propagator, g carrier.Getter) bool {
	p, ok := m.(moreProber)
	if !ok {
		return true
	}
	if nr, ok := m.(NameReader); ok && sv.ok {
		_, more := nr.ReadNames()
		return sv.present.Intersects(more)
	}
	return p.HasMore(g)
}

// ExtractExtras stores in ctx what the members carry beside span contexts:
//
//   - the baggage of every BaggageExtractor, merged into one Baggage as
//     BaggageExtractor describes, replacing the baggage in ctx when the
//     carrier holds a lossless copy and joining it otherwise;
//   - what each ExtrasExtractor adds (Jaeger's debug id);
//   - for every member that carries neither span contexts nor baggage
//     (pass-through, foreign propagators), its own Extract, in order.
//
// It makes a Composite an ExtrasExtractor itself, so that a composite
// nested in another (Compose(FromEnv's, PassThrough{...})) keeps its
// members' baggage and extras.
func (c Composite) ExtractExtras(ctx context.Context, g carrier.Getter) context.Context {
	return c.extrasWith(ctx, g, survey{})
}

// extrasOf is ExtractExtras over the members ms, merging their baggage
// into bm. Without bm it hands the members from the first that may hold
// baggage on to mergeExtras: the merged Baggage values are a few hundred
// bytes each, zeroed wherever they are declared, and most requests carry
// no baggage.
func extrasOf(ctx context.Context, g carrier.Getter, ms []Propagator, bm *bagMerge, sv survey) context.Context {
	for i, m := range ms {
		be, bag := m.(BaggageExtractor)
		ee, extras := m.(ExtrasExtractor)
		if !bag && !extras {
			// A span-context member, whose context ExtractFrom resolved, or
			// one the composite knows nothing about.
			if _, span := m.(SpanContextPropagator); !span {
				ctx = m.Extract(ctx, g)
			}
			continue
		}
		if !sv.mayHoldMore(m, g) && (bag || isSpanMember(m)) {
			// Nothing to merge or add: skip the Baggage the member would
			// return (a few hundred bytes, copied twice) and its extras'
			// lookups.
			continue
		}
		if bag {
			if bm == nil {
				return mergeExtras(ctx, g, ms[i:], sv)
			}
			bm.add(be.BaggageFrom(g))
		}
		if extras {
			ctx = memberExtras(ctx, g, m, ee, sv)
		}
	}
	return ctx
}

// memberExtras is member m's ExtractExtras (ee), reading the survey sv
// when m is a nested composite.
func memberExtras(ctx context.Context, g carrier.Getter, m Propagator, ee ExtrasExtractor, sv survey) context.Context {
	if s, ok := m.(surveyor); ok && sv.ok {
		return s.extrasWith(ctx, g, sv)
	}
	return ee.ExtractExtras(ctx, g)
}

// mergeExtras is extrasOf from ms[0], a baggage member that may hold
// baggage, on: it merges the members' baggage and stores it in ctx.
func mergeExtras(ctx context.Context, g carrier.Getter, ms []Propagator, sv survey) context.Context {
	var bm bagMerge
	bm.add(ms[0].(BaggageExtractor).BaggageFrom(g))
	if ee, ok := ms[0].(ExtrasExtractor); ok {
		ctx = memberExtras(ctx, g, ms[0], ee, sv)
	}
	ctx = extrasOf(ctx, g, ms[1:], &bm, sv)
	if bm.lossless.Len() == 0 && bm.lossy.Len() == 0 {
		return ctx
	}
	if bm.lossless.Len() == 0 {
		bm.lossless = baggage.FromContext(ctx)
	}
	return baggage.ContextWith(ctx, baggage.Merge(bm.lossless, bm.lossy))
}

// bagMerge gathers the members' baggage in ExtractExtras: the lossless
// copies (W3C baggage) and the lossy ones (Jaeger's uberctx-* items), each
// merged in member order. A Baggage is a few hundred bytes; an empty one
// is not merged, which would only copy them.
type bagMerge struct{ lossless, lossy baggage.Baggage }

func (bm *bagMerge) add(b baggage.Baggage, lossy bool) {
	switch {
	case b.Len() == 0:
	case lossy:
		bm.lossy = baggage.Merge(bm.lossy, b)
	default:
		bm.lossless = baggage.Merge(bm.lossless, b)
	}
}

// isSpanMember reports whether m carries span contexts.
func isSpanMember(m Propagator) bool {
	_, ok := m.(SpanContextPropagator)
	return ok
}

// moreProber is a member that can tell cheaply whether a carrier may hold
// anything its BaggageFrom or ExtractExtras would find: the W3C baggage
// member whether there is a non-empty baggage line, Jaeger's one walk
// over the names for uberctx-*, jaeger-baggage and jaeger-debug-id. When
// HasMore reports false, the member's Extract stores nothing beside the
// span context.
type moreProber interface {
	HasMore(g carrier.Getter) bool
}

// ClearFields clears what Inject is about to write, as Inject does first
// (see FieldClearer), so that a composite nested in another is cleared
// like its members.
func (c Composite) ClearFields(s carrier.Setter) { c.clear(s, false) }
