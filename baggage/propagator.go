package baggage

import (
	"context"
	"sync"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/bagkey"
	"github.com/tracewire/tracewire/internal/ctxnode"
)

const headerName = "baggage"

// contextKey keys baggage in a context.Context; see internal/ctxnode for
// why storing it costs one allocation.
type contextKey = bagkey.Key

// ContextWith returns a copy of ctx carrying b, in one allocation: of
// about 150 bytes for up to eight members, else about 400.
func ContextWith(ctx context.Context, b Baggage) context.Context {
	if b.n <= smallMembers {
		return ctxnode.With[contextKey](ctx, b.small())
	}
	return ctxnode.With[contextKey](ctx, b)
}

// FromContext returns the baggage in ctx, or empty baggage if there is
// none. It allocates nothing.
//
// It is not inlined (it tells the two forms ContextWith stores apart); a
// caller that reads baggage often holds the Baggage rather than calling
// it again.
func FromContext(ctx context.Context) Baggage {
	found := ctxnode.Find[contextKey](ctx)
	if s, ok := ctxnode.As[contextKey, smallBaggage](found); ok {
		return s.baggage()
	}
	if b, ok := ctxnode.As[contextKey, Baggage](found); ok {
		return *b
	}
	return Baggage{}
}

// smallMembers is the most members a smallBaggage holds.
const smallMembers = 8

// smallBaggage is a Baggage of up to smallMembers members as a context
// stores it: the same fields with room for 8 member offsets rather than
// 64, so that the allocation a request's baggage costs (and the garbage
// it leaves) is a third of the size.
type smallBaggage struct {
	lines   [maxLines]string
	nlines  uint8
	canon   bool
	n       int32
	dropped int32
	lim     Limits
	size    int
	idx     [smallMembers]uint32
}

// small returns b as a smallBaggage; b has at most smallMembers members,
// and so no offsets in b.more.
func (b *Baggage) small() smallBaggage {
	return smallBaggage{
		lines: b.lines, nlines: b.nlines, canon: b.canon, n: b.n, dropped: b.dropped, lim: b.lim, size: b.size,
		idx: [smallMembers]uint32(b.idx[:smallMembers]),
	}
}

// baggage returns the Baggage s was made from.
func (s *smallBaggage) baggage() Baggage {
	b := Baggage{lines: s.lines, nlines: s.nlines, canon: s.canon, n: s.n, dropped: s.dropped, lim: s.lim, size: s.size}
	copy(b.idx[:], s.idx[:])
	return b
}

// Propagator reads and writes the W3C "baggage" header.
type Propagator struct {
	// Limits bound what Extract keeps and what Inject writes.
	Limits Limits
}

// ExtractFrom parses every "baggage" line of g, in order: all of them if g
// is a carrier.ValuesGetter, else the one Get returns. No header gives empty
// baggage and a nil error; the error is Parse's. It allocates nothing for a
// carrier.HTTPHeader with up to four lines.
func (p Propagator) ExtractFrom(g carrier.Getter) (b Baggage, err error) {
	// Parsed in place into the result: a Baggage is some 400 bytes, and
	// each copy of it would cost a quarter of a short header's parse.
	if vg, ok := g.(carrier.ValuesGetter); ok {
		err = b.parse(p.Limits, vg.Values(headerName))
		return b, err
	}
	if v := g.Get(headerName); v != "" {
		err = b.parse(p.Limits, []string{v})
	}
	return b, err
}

// InjectInto writes b as one "baggage" line in canonical form, keeping the
// members that fit p.Limits; it writes nothing when no member remains. It
// costs one allocation, however long the line (one longer than a stack
// buffer is formed in a pooled one): the line's string, which carrier.Set
// makes in one object with the new value slice a carrier.HTTPHeader needs
// (it never writes into one the header may share), up to 4,080 bytes.
// Baggage parsed from one line that was canonical already and within
// p.Limits (what a tracer sends, or what a Builder made) costs no string:
// that line is written as it is (into an http.Header, only the new value
// slice).
func (p Propagator) InjectInto(s carrier.Setter, b Baggage) {
	if b.n == 0 {
		return
	}
	members, bytes := p.Limits.members(), p.Limits.bytes()
	if b.nlines == 1 && b.whole(members, bytes) {
		// The line as received is the canonical form: it goes out as
		// it is, a string already, costing nothing to form.
		s.Set(headerName, b.lines[0])
		return
	}
	var buf [512]byte
	if b.rawLen() <= len(buf) {
		if out := appendWithin(buf[:0], &b, members, bytes); len(out) > 0 {
			carrier.Set(s, headerName, out)
		}
		return
	}
	// Kept apart from buf: a pooled buffer that could hold buf's bytes
	// would move buf to the heap.
	pooled := linePool.Get().(*[]byte)
	out := appendWithin((*pooled)[:0], &b, members, bytes)
	if len(out) > 0 {
		carrier.Set(s, headerName, out) // copies out: nothing keeps it
	}
	if cap(out) <= maxPooledLine {
		*pooled = out[:0]
	}
	linePool.Put(pooled)
}

// linePool holds the buffers InjectInto forms long lines in.
var linePool = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// maxPooledLine is the largest buffer linePool keeps: a line that grew
// past it, under raised limits, gives its buffer back to the collector.
const maxPooledLine = 16 << 10

// rawLen returns the length of the lines b was parsed from, joined: about
// the length of its canonical form, which drops only whitespace and
// members that did not fit.
func (b *Baggage) rawLen() int {
	n := 0
	for i := range int(b.nlines) {
		n += len(b.lines[i]) + 1
	}
	return n
}

// Extract returns ctx carrying the baggage in g. Invalid members are
// dropped; if nothing remains, ctx is returned unchanged, so that baggage
// already in ctx survives a header that carries none.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	b, _ := p.ExtractFrom(g)
	if b.n == 0 {
		return ctx
	}
	return ContextWith(ctx, b)
}

// Inject writes the baggage in ctx into s.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	if bagkey.In(ctx) {
		p.InjectInto(s, FromContext(ctx))
	}
}

// Fields returns the one header the propagator reads and writes.
func (p Propagator) Fields() []string { return []string{headerName} }

// Name returns "baggage", the propagator's OTEL_PROPAGATORS name.
func (Propagator) Name() string { return headerName }

// BaggageFrom returns the baggage in g, as Extract keeps it: invalid
// members dropped, the error left out. The W3C header is the lossless
// copy of baggage, so lossy is always false: a composite merging several
// formats' baggage lets its members win a key over a lossy copy's (see
// Merge).
func (p Propagator) BaggageFrom(g carrier.Getter) (b Baggage, lossy bool) {
	b, _ = p.ExtractFrom(g)
	return b, false
}

// HasMore reports whether g holds a non-empty baggage line, without
// allocating: without one, Extract stores nothing and BaggageFrom finds
// nothing. It is the probe a composite makes before asking for the
// baggage, which is a few hundred bytes to copy.
func (Propagator) HasMore(g carrier.Getter) bool {
	if vg, ok := g.(carrier.ValuesGetter); ok {
		for _, v := range vg.Values(headerName) {
			if v != "" {
				return true
			}
		}
		return false
	}
	return g.Get(headerName) != ""
}

// ReadNames returns no names for ids (baggage carries no span context)
// and, for more, the one name HasMore looks up, baggage: the survey a
// composite makes of a map carrier answers HasMore from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return 0, readMore }

// readMore is the set ReadNames returns.
var readMore = carrier.NamesOf(headerName)

// ClearFields deletes the baggage header from s if s is a
// carrier.Deleter, so that a reused carrier keeps no stale baggage when
// the context to inject has none.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete(headerName)
	}
}
