package ottrace

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/bagkey"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator reads and writes the OT headers, ot-tracer-traceid,
// ot-tracer-spanid and ot-tracer-sampled, and with Extract and Inject the
// ot-baggage-* headers. The zero value writes trace ids 64 bits wide, as
// OpenTelemetry's "ottrace" propagator does.
type Propagator struct {
	// TraceID128 makes InjectInto write a trace id whose high 64 bits are
	// not zero in full, 32 digits, instead of its low 64 bits. The
	// OpenTelemetry SDKs read such ids; 64-bit OT tracers (Lightstep,
	// basictracer) do not. Without it, a 128-bit trace id arrives
	// downstream as its low half, padded, which is a different trace.
	TraceID128 bool
}

// ExtractFrom reads the three OT headers of g (the first line of each)
// with ParseHeaders and returns the span context, marked remote. With
// none of them present (or only spaces and tabs in each) the result is the
// zero SpanContext and a nil error; an invalid set yields the zero
// SpanContext and ParseHeaders' error. OT has no decision-only form and
// no random flag. Baggage is left to Extract and ExtractBaggage.
func (Propagator) ExtractFrom(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	t, s, p := g.Get(hTraceID), g.Get(hSpanID), g.Get(hSampled)
	if parseFast(t, s, p, true, &sc) {
		return sc, nil // what senders write, built once, already remote
	}
	if ows.Blank(t) && ows.Blank(s) && ows.Blank(p) {
		return tracewire.SpanContext{}, nil
	}
	sc, err = parseWalk(t, s, p) // what ParseHeaders returns once its fast path has refused them
	if err != nil {
		return sc, err
	}
	return sc.WithRemote(true), nil
}

// InjectInto writes the ids of sc and its decision: ot-tracer-sampled
// "true" or "false", or no such header when the decision is deferred. It
// writes nothing if sc is not valid. The headers cost one allocation
// together, whatever the carrier: their values are formatted into one
// buffer and stored with carrier.SetAll, which makes their bytes and the
// array of their value slices in one object (carrier.HTTPHeader,
// Metadata) or one string (carrier.Map).
//
// Set replaces values but cannot remove them: on a reused carrier, delete
// the Fields first, or an old ot-tracer-sampled survives beside a
// deferred context.
func (p Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	p.injectInto(s, sc)
}

// injectInto is InjectInto of a valid sc.
func (p Propagator) injectInto(s carrier.Setter, sc tracewire.SpanContext) {
	var buf [56]byte
	t := sc.TraceID()
	b := hexid.AppendTraceID(buf[:0], t, narrowID(t, p.TraceID128 || lowZero(t)))
	keys := [3]string{hTraceID, hSpanID, hSampled}
	ends := [3]int{len(b)}
	b = hexid.AppendID(b, sc.SpanID())
	ends[1] = len(b)
	n := 2
	if v := sampledValue(sc.Sampling()); v != "" {
		b = append(b, v...)
		ends[2] = len(b)
		n = 3
	}
	carrier.SetAll(s, keys[:n], b, ends[:n])
}

// Extract returns ctx carrying the span context ExtractFrom finds in g,
// marked remote, and, with it, the ot-baggage-* items (ExtractBaggage)
// merged into the baggage ctx already holds: an item is added unless a
// member of that baggage has the same key in any case, because a W3C
// member carries the key's case and properties that the OT header lost.
// Without a valid span context it returns ctx unchanged and reads no
// baggage, as OpenTelemetry does.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	if !sc.IsValid() {
		return ctx
	}
	// Valid and already remote: stored as ContextWithExtracted would,
	// without its copy to mark it so.
	ctx = tracewire.ContextWithSpanContext(ctx, sc)
	if items := ExtractBaggage(g); items.Len() > 0 {
		ctx = baggage.ContextWith(ctx, baggage.Merge(baggage.FromContext(ctx), items))
	}
	return ctx
}

// BaggageFrom returns the ot-baggage-* items of g (ExtractBaggage) when g
// holds a valid OT span context, as Extract reads them, and no baggage
// otherwise. The items are a lossy copy of baggage (HTTP lowercases the
// header names, and there are no properties), so lossy is always true: a
// composite lets a W3C member win a key both carry (see baggage.Merge).
func (p Propagator) BaggageFrom(g carrier.Getter) (b baggage.Baggage, lossy bool) {
	if sc, _ := p.ExtractFrom(g); !sc.IsValid() {
		return baggage.Baggage{}, true
	}
	return ExtractBaggage(g), true
}

// Inject writes the span context held by ctx into s, as InjectInto does,
// and, if it is valid, the baggage ctx holds as ot-baggage-* headers
// (InjectBaggage), all through one carrier.Batch as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	sc := tracewire.SpanContextFromContext(ctx)
	if !sc.IsValid() {
		return
	}
	if bagkey.In(ctx) {
		if b := baggage.FromContext(ctx); b.Len() > 0 {
			p.injectItems(s, sc, b)
			return
		}
	}
	p.injectInto(s, sc)
}

// injectItems is Inject of sc with the items of b, which is not empty:
// into a carrier that takes a carrier.Batch (see carrier.NewBatch) they
// all go through one, whatever their number.
func (p Propagator) injectItems(s carrier.Setter, sc tracewire.SpanContext, b baggage.Baggage) {
	if bt := carrier.NewBatch(s); bt != nil {
		p.injectInto(bt, sc)
		InjectBaggage(bt, b)
		bt.Flush()
		return
	}
	p.injectInto(s, sc)
	InjectBaggage(s, b)
}

// Fields returns the headers InjectInto writes: ot-tracer-traceid,
// ot-tracer-spanid and ot-tracer-sampled. The ot-baggage-* headers are
// left out because their names vary; see IsBaggageHeader.
func (Propagator) Fields() []string { return []string{hTraceID, hSpanID, hSampled} }

// Name returns "ottrace", the propagator's OTEL_PROPAGATORS name.
func (Propagator) Name() string { return "ottrace" }

// ReadsTraceState reports false: the ot-tracer-* headers have no trace
// state, so InjectInto writes the same headers whatever trace state sc
// carries, and a caller holding one in a form of its own need not
// convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty ot-tracer-traceid: without it,
// ExtractFrom cannot return a valid span context. It is the cheap probe a
// composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(hTraceID) != "" }

// ReadNames returns the one name HasIDs looks up, ot-tracer-traceid, and
// no names for more: the survey a composite makes of a map carrier answers
// HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(hTraceID)

// ClearFields deletes from s, if it is a carrier.Deleter, every header
// Inject writes, so that a reused carrier keeps nothing stale: the three
// ot-tracer-* headers (an old ot-tracer-sampled would otherwise survive
// beside a deferred context) and every ot-baggage-* header, found by
// listing s's names once, if s is also a carrier.Getter (see
// carrier.DeleteFunc).
func (Propagator) ClearFields(s carrier.Setter) {
	d, ok := s.(carrier.Deleter)
	if !ok {
		return
	}
	d.Delete(hTraceID)
	d.Delete(hSpanID)
	d.Delete(hSampled)
	carrier.DeleteFunc(s, IsBaggageHeader)
}
