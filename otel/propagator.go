package twotel

import (
	"context"
	"sync"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Propagator is an OpenTelemetry propagation.TextMapPropagator backed by a
// tracewire propagator: tracewire parses and writes the headers,
// OpenTelemetry sees the span context and baggage it expects, and what
// OpenTelemetry cannot hold is kept beside them in the context (see
// SpanContextFromContext and BaggageFromContext) for Inject to write
// again. It is a small value, one pointer; copy it freely. The zero
// Propagator propagates nothing.
type Propagator struct {
	// One pointer rather than the fields: OpenTelemetry calls Extract
	// and Inject through an interface, and a method of a larger value
	// copies the whole of it at every call.
	*adapter
}

// adapter is what a Propagator is built of.
type adapter struct {
	tw   propagator.Propagator
	span propagator.SpanContextPropagator // for a span-only format
	bag  *twbaggage.Propagator            // for the baggage format
	w3c  bool                             // span is W3C Trace Context (see extractTraceContext)
	more []extra                          // what span's formats may carry beside (see findMore)
	// probed: span, a single format carrying more, whose probe also
	// reads the span context (see extractProbed).
	probed spanProber
	// direct: span is tw itself, a single format, whose Extract of a
	// carrier with more is its own (see extractMore).
	direct bool
	// spelled: tw writes a header OpenTelemetry spells other than in
	// lowercase (X-Amzn-Trace-Id), so a MapCarrier is written through
	// the adapter's mapCarrier (see injectSetter).
	spelled bool
	// composite: tw is the propagator.Composite of span and baggage
	// (see compose), whose Inject clears stale fields and writes every
	// header through one carrier.Batch.
	composite bool
	// items: the members that write the baggage as items of their own
	// (propagator.ItemInjector: Jaeger's uberctx-*), which Inject writes
	// from OpenTelemetry's baggage; none when a member of more is not
	// one, which makes Inject of a context with baggage take the general
	// way.
	items []propagator.ItemInjector
	// clearers: what the composite's Inject clears of its span members
	// (each one's ClearFields, or its Fields), before they write.
	clearers []propagator.FieldClearer
	// writers: the span formats Inject writes, in order: the format
	// itself, or a composite's span members (InjectInto of a composite
	// would clear its members' Fields again, with a slice each).
	writers []spanWriter
	// general: Inject always takes the tracewire propagator's Inject (a
	// member contributes to the tracestate from the context it reads).
	general bool
}

// New returns the Propagator backed by p, any tracewire propagator: a
// format package's own, a propagator.Composite, or one written elsewhere.
// Extract runs p.Extract on a context of its own, stores the span context
// and baggage found there as OpenTelemetry's, and keeps that context
// beside them, so that everything p stored (the X-Ray header's other
// fields, say) is there for p.Inject.
func New(p propagator.Propagator) Propagator {
	return Propagator{&adapter{tw: p, spelled: p != nil && writesSpelled(p)}}
}

// writesSpelled reports whether p may write a header whose name
// OpenTelemetry's propagators spell other than in lowercase.
func writesSpelled(p propagator.Propagator) bool {
	for _, f := range p.Fields() {
		if otelSpelling(f) != f {
			return true
		}
	}
	return false
}

// spanOnly returns the Propagator for a span-context format: Extract
// calls the context-free ExtractFrom and saves the tracewire context node,
// and Inject calls InjectInto. A format that says it may carry more (see
// extra: Jaeger's uberctx-* baggage and debug id) takes that way only for
// a carrier where it finds nothing more; its Inject writes, beside
// InjectInto, the items of the context's baggage when the format is a
// propagator.ItemInjector (Jaeger's uberctx-*), and goes through the
// format's own Inject for a context that holds what such an Extract
// stored, or baggage for a format that is not one. TestSpanOnly checks
// that a format without those methods stores nothing beside its span
// context that its Inject or OpenTelemetry reads.
func spanOnly(p propagator.SpanContextPropagator) Propagator {
	sp := Propagator{&adapter{tw: p, span: p, direct: true, spelled: writesSpelled(p), writers: []spanWriter{writerOf(p)}}}
	if e, ok := extraOf(p); ok {
		sp.more = []extra{e}
		// A format with more whose Inject writes the baggage as its
		// InjectItem does, and nothing else, has its items written
		// from OpenTelemetry's baggage.
		if ii, ok := p.(propagator.ItemInjector); ok {
			sp.items = []propagator.ItemInjector{ii}
		}
		sp.probed, _ = p.(spanProber)
	}
	return sp
}

// TraceContext returns the W3C Trace Context propagator (traceparent and
// tracestate, Level 2), "tracecontext" in OTEL_PROPAGATORS, in place of
// propagation.TraceContext.
func TraceContext() Propagator {
	p := spanOnly(traceparent.Propagator{})
	p.w3c = p.span != nil
	return p
}

// Baggage returns the W3C Baggage propagator, "baggage", in place of
// propagation.Baggage.
func Baggage() Propagator {
	return Propagator{&adapter{tw: twbaggage.Propagator{}, bag: &twbaggage.Propagator{}}}
}

// B3 returns the B3 propagator that writes the single b3 header and reads
// either form, "b3", in place of contrib's b3.New().
func B3() Propagator { return spanOnly(b3.Propagator{}) }

// B3Multi returns the B3 propagator that writes the X-B3-* headers and
// reads either form, "b3multi", in place of contrib's
// b3.New(b3.WithInjectEncoding(b3.B3MultipleHeader)).
func B3Multi() Propagator { return spanOnly(b3.Propagator{Multi: true}) }

// Jaeger returns the Jaeger propagator (uber-trace-id, and the
// jaeger-debug-id request, which becomes a debug decision), "jaeger", in
// place of contrib's jaeger.Jaeger, with whatever else package jaeger's
// propagator carries (its uberctx-* baggage, where it has it).
func Jaeger() Propagator { return spanOnly(jaeger.Propagator{}) }

// XRay returns the AWS X-Ray propagator (X-Amzn-Trace-Id, its other
// fields kept for Inject), "xray", in place of contrib's xray.Propagator.
func XRay() Propagator { return New(xray.Propagator{}) }

// formats lists this package's per-format propagators by their
// OTEL_PROPAGATORS name, for TextMapPropagator, the tests and the
// benchmarks. A new format package is one line here (New of its
// Propagator), and one in the core registry for its name to reach
// propagator.Parse.
var formats = []struct {
	name string
	new  func() Propagator
}{
	{"tracecontext", TraceContext},
	{"baggage", Baggage},
	{"b3", B3},
	{"b3multi", B3Multi},
	{"jaeger", Jaeger},
	{"xray", XRay},
}

// Fields returns the header names Inject may write.
func (p Propagator) Fields() []string {
	if p.adapter == nil || p.tw == nil {
		return nil
	}
	return p.tw.Fields()
}

// Extract returns ctx with what the carrier holds: a valid span context
// as OpenTelemetry's remote span context, baggage as OpenTelemetry's
// baggage (replacing what ctx had, as propagation.Baggage does), and what
// OpenTelemetry cannot hold beside them. A missing or invalid header
// leaves ctx as it is. The tracewire propagator's own rules decide what
// is valid, and, for a composite, which format's span context wins (the
// first valid one, refined by later formats with the same ids, where
// propagation's composite lets the last one win).
func (p Propagator) Extract(ctx context.Context, c propagation.TextMapCarrier) context.Context {
	if p.adapter == nil {
		return ctx
	}
	g := Getter(c)
	if p.span == nil && p.bag == nil {
		return p.extractRest(ctx, g, nil)
	}
	if p.probed != nil {
		return p.extractProbed(ctx, g)
	}
	if i := p.firstMore(g); i >= 0 {
		var more twbaggage.Baggage
		if p.findMore(g, i, &more) {
			return p.extractRest(ctx, g, &more)
		}
	}
	if p.bag != nil {
		ctx = p.extractBaggage(ctx, g)
	}
	if p.span != nil {
		if p.w3c {
			if out, ok := p.extractTraceContext(ctx, g); ok {
				return out
			}
		}
		sc, _ := p.span.ExtractFrom(g)
		ctx = withExtracted(ctx, sc, nil)
	}
	return ctx
}

// extractRest is Extract through the tracewire propagator's own Extract,
// or, for a single format in whose carrier findMore found more (more, the
// baggage it found), through extractMore, which does not look again.
func (p *Propagator) extractRest(ctx context.Context, g carrier.Getter, more *twbaggage.Baggage) context.Context {
	if p.tw == nil {
		return ctx
	}
	var rest context.Context
	if p.direct && more != nil {
		rest = p.extractMore(g, *more)
	} else {
		rest = p.tw.Extract(context.Background(), g)
	}
	if rest == context.Background() {
		return ctx
	}
	ctx = ContextWithBaggage(ctx, twbaggage.FromContext(rest))
	return withExtracted(ctx, tracewire.SpanContextFromContext(rest), rest)
}

// extractBaggage stores the W3C baggage of g in ctx.
func (p Propagator) extractBaggage(ctx context.Context, g carrier.Getter) context.Context {
	if out, ok := p.extractBaggageLazy(ctx, g); ok {
		return out
	}
	if out, ok := p.extractBaggageOTel(ctx, g); ok {
		return out
	}
	b, _ := p.bag.ExtractFrom(g)
	return ContextWithBaggage(ctx, b)
}

// Inject writes the span context and baggage of ctx (see
// SpanContextFromContext and BaggageFromContext) with the tracewire
// propagator.
//
// A format package's propagator and a composite of them write what the
// tracewire propagator's Inject writes, but without the context it
// reads: the span formats through InjectInto, the baggage (the W3C line,
// and Jaeger's uberctx-* items) straight from OpenTelemetry's members,
// and a composite's headers through one carrier.Batch. Only a context
// that holds what a general propagator stored at Extract (X-Ray's other
// fields, Jaeger's debug id), or baggage for a format whose own Inject
// writes it in a way of its own, goes through the tracewire propagator's
// Inject. TestFastInjectEqualsGeneral checks that both ways write the
// same.
func (p Propagator) Inject(ctx context.Context, c propagation.TextMapCarrier) {
	if p.adapter == nil {
		return
	}
	s := p.injectSetter(c)
	if p.span == nil && p.bag == nil || p.general {
		if p.tw != nil {
			p.injectGeneral(ctx, s)
		}
		return
	}
	var ob baggage.Baggage
	if p.bag != nil || len(p.more) > 0 {
		ob = baggage.FromContext(ctx)
	}
	if len(p.more) > 0 && (sideRest(ctx) != nil || ob.Len() > 0 && len(p.items) == 0) {
		p.injectGeneral(ctx, s)
		return
	}
	var (
		w   = s
		bt  *carrier.Batch
		bag otelBaggageOut
	)
	if ob.Len() > 0 {
		// Declared here, so that it is zeroed only when there is baggage.
		var buf [512]byte
		bag.line = appendOTelBaggage(buf[:0], ob, &bag)
		if len(p.items) > 0 && !bag.withinDefaults() {
			// The general way's tracewire Baggage leaves members out
			// under the default limits, and with them their items.
			p.injectGeneral(ctx, s)
			return
		}
	}
	if p.composite || len(p.items) > 0 && bag.n > 0 {
		// Several headers: one Batch, as the composite's and Jaeger's
		// own Inject write them.
		if bt = carrier.NewBatch(s); bt != nil {
			w = bt
		}
	}
	if p.composite {
		// The composite's Inject clears its members' stale fields first.
		for _, fc := range p.clearers {
			fc.ClearFields(w)
		}
	}
	if len(p.writers) > 0 {
		sc, st := spanContextOf(ctx)
		p.injectSpan(w, sc, st)
	}
	if p.bag != nil {
		p.injectBaggage(w, ob, &bag)
	}
	if bag.n > 0 {
		for _, ii := range p.items {
			for i := range bag.ms {
				m := bag.at(i)
				ii.InjectItem(w, m.Key(), m.Value())
			}
		}
	}
	if bt != nil {
		bt.Flush()
	}
}

// spanWriter is a span format Inject writes, and what it needs of the
// trace state, as the format's optional methods say.
type spanWriter struct {
	p propagator.SpanContextPropagator
	// text: p takes the trace state as text (W3C Trace Context), which
	// Inject writes from OpenTelemetry's members (see injectStateText).
	text propagator.TraceStateTextInjector
	// ignores: p's InjectInto does not read the trace state (B3,
	// Jaeger), so it gets sc without one, unconverted.
	ignores bool
}

// writerOf returns the spanWriter of p. A format with neither method
// gets sc with the tracewire form of its trace state.
func writerOf(p propagator.SpanContextPropagator) spanWriter {
	sw := spanWriter{p: p}
	if t, ok := p.(propagator.TraceStateTextInjector); ok {
		sw.text = t
	} else if r, ok := p.(propagator.TraceStateReader); ok {
		sw.ignores = !r.ReadsTraceState()
	}
	return sw
}

// injectSpan writes sc, whose trace state st says, with every writer: the
// trace state converted to its tracewire form only for a writer that
// needs it.
func (p Propagator) injectSpan(w carrier.Setter, sc tracewire.SpanContext, st traceStateOf) {
	var (
		full      tracewire.SpanContext
		converted bool
	)
	for _, sw := range p.writers {
		switch {
		case sw.ignores:
			sw.p.InjectInto(w, sc)
			continue
		case sw.text != nil && injectStateText(w, sw.text, sc, st):
			continue
		}
		if !converted {
			full, converted = st.attach(sc), true
		}
		sw.p.InjectInto(w, full)
	}
}

// injectStateText writes, where it can, what t's InjectInto writes of sc
// with the tracewire form of OpenTelemetry's trace state, giving t the
// state's text instead. It reports false where InjectInto must write: for
// members OpenTelemetry could not hold (st.tw), a text longer than the
// buffer, or one t would not write whole.
func injectStateText(w carrier.Setter, t propagator.TraceStateTextInjector, sc tracewire.SpanContext, st traceStateOf) bool {
	if st.tw != nil {
		return false
	}
	if st.ots.Len() == 0 {
		return t.InjectWithTraceState(w, sc, nil)
	}
	// From a pool: a buffer on the stack would move to the heap, handed
	// to a method of an interface.
	buf := stateTexts.Get().(*[stateTextLen]byte)
	text, ok := appendOTelTraceState(buf[:0], st.ots)
	ok = ok && t.InjectWithTraceState(w, sc, text)
	stateTexts.Put(buf)
	return ok
}

// stateTextLen is the size of the buffer injectStateText writes a trace
// state's text into: the 512 bytes W3C asks every participant to
// propagate, which is what traceparent's InjectWithTraceState writes
// whole. Only the buffer's size follows it; the propagator decides what
// it writes, and a longer text takes the tracewire way, as one the
// propagator refuses does.
const stateTextLen = 512

// stateTexts holds the buffers injectStateText writes into.
var stateTexts = sync.Pool{New: func() any { return new([stateTextLen]byte) }}

// appendOTelTraceState appends the W3C text of ots, and reports whether
// it fits within dst's capacity (it appends nothing past it).
// OpenTelemetry-Go's trace state grammar is within tracewire's, so the
// text is the canonical form the tracewire trace state parsed from it
// writes (FuzzFastPaths checks it).
func appendOTelTraceState(dst []byte, ots trace.TraceState) ([]byte, bool) {
	start, ok := len(dst), true
	ots.Walk(func(k, v string) bool {
		comma := 0
		if len(dst) > start {
			comma = 1
		}
		if len(dst)+comma+len(k)+1+len(v) > cap(dst) {
			ok = false
			return false
		}
		if comma > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, k...)
		dst = append(dst, '=')
		dst = append(dst, v...)
		return true
	})
	return dst, ok
}

// injectGeneral is Inject through the tracewire propagator's own Inject,
// on the context injectContext builds.
func (p Propagator) injectGeneral(ctx context.Context, s carrier.Setter) {
	p.tw.Inject(injectContext(ctx), s)
}

// injectSetter returns c as Inject writes into it: OpenTelemetry's two
// carriers as the carrier package's own map adapters, HTTPHeader and Map,
// into which a composite writes through one carrier.Batch (all values in
// one string, stale fields cleared in one pass) rather than a Set and a
// Delete at a time, with an allocation per value and a list of the names
// to find the uberctx-* ones. HTTPHeader writes as the Setter of a
// HeaderCarrier does. Map writes the lowercase names OpenTelemetry's
// propagators write, and also deletes the other spellings of a name it
// writes ("Traceparent"), which no propagator reads in a MapCarrier but a
// copy of the map into an http.Header would merge with the new value; a
// propagator that writes X-Amzn-Trace-Id, which OpenTelemetry spells so,
// writes through Setter's adapter instead.
func (p Propagator) injectSetter(c propagation.TextMapCarrier) carrier.Setter {
	switch c := c.(type) {
	case propagation.HeaderCarrier:
		return carrier.HTTPHeader(c)
	case propagation.MapCarrier:
		if !p.spelled {
			return carrier.Map(c)
		}
	}
	return Setter(c)
}

// injectBaggage writes the W3C baggage line of ob, which bag holds as
// appendOTelBaggage wrote it, under p.bag's limits.
func (p Propagator) injectBaggage(s carrier.Setter, ob baggage.Baggage, bag *otelBaggageOut) {
	out := bag.line
	if bag.n > 0 && (p.bag.Limits != (twbaggage.Limits{}) || !bag.withinDefaults()) {
		// Over a limit: leave out whole members as the Builder does.
		var buf [512]byte
		bd := builderFromOTel(ob)
		bd.Limits = p.bag.Limits
		out = bd.Append(buf[:0])
	}
	if len(out) > 0 {
		carrier.Set(s, "baggage", out)
		return
	}
	if d, ok := s.(carrier.Deleter); ok && p.span != nil {
		// A composite clears what it would not write, as
		// propagator.Composite does.
		d.Delete("baggage")
	}
}

// injectContext returns the context a general tracewire propagator's
// Inject reads: what it stored when it extracted (X-Ray's other fields,
// say), with ctx's span context and baggage as they are now.
func injectContext(ctx context.Context) context.Context {
	base := sideRest(ctx)
	if base == nil {
		base = context.Background()
	}
	tctx := base
	if sc := SpanContextFromContext(ctx); sc != (tracewire.SpanContext{}) || base != context.Background() {
		tctx = tracewire.ContextWithSpanContext(tctx, sc)
	}
	if b := BaggageFromContext(ctx); b.Len() > 0 || base != context.Background() {
		tctx = twbaggage.ContextWith(tctx, b)
	}
	return tctx
}
