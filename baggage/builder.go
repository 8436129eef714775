package baggage

import "github.com/tracewire/tracewire"

// Builder assembles baggage to send. Its output is deterministic: members
// go out in the order they were received or first set, and setting a key
// that is present replaces it where it stands. It writes only bytes of the
// baggage grammar, whatever the values hold: every value byte outside
// baggage-octet, and '%', is percent-encoded, and keys must be tokens.
//
// The zero Builder is empty and uses the default limits. A Builder must not
// be copied after first use if the copies are then changed independently.
type Builder struct {
	// Limits bound what Append writes; members past them are left out
	// whole, chosen as Limits describes.
	Limits Limits

	ms []entry
	// index maps each key to the position of its first occurrence, so
	// that Set on a large Builder costs no scan of every member: without
	// it, filling a Builder from tens of thousands of received items
	// (uberctx-* headers, say) is quadratic. It is built once ms holds
	// indexFrom members, and kept from then on: a member removed is
	// marked gone rather than moved over, and next links each member to
	// the next of the same key, so that removing a key's duplicates costs
	// a step per duplicate. Removing them by moving the rest cost a pass
	// over the members each time: quadratic in a received baggage that
	// repeats many keys, under raised limits.
	index map[string]int
	next  []int32 // with index: the position of the next member of the same key, or -1
	gone  int     // members marked gone
}

// indexFrom is the size from which a Builder looks keys up in an index
// rather than scanning its members.
const indexFrom = 32

// entry is one member of a Builder.
type entry struct {
	key   string
	value string     // wire form, or plain text if plain
	props string     // wire form of a received member's properties
	set   []Property // properties given to Set
	plain bool
	gone  bool // removed, in a Builder with an index
}

// Builder returns a Builder holding every member of b, in order, with b's
// limits. It allocates the member list once.
func (b Baggage) Builder() Builder {
	bd := Builder{Limits: b.lim, ms: make([]entry, 0, b.n+1)}
	for i := range int(b.n) {
		m := memberAt(b.at(i))
		bd.ms = append(bd.ms, entry{key: m.key, value: m.value, props: m.props})
	}
	return bd
}

// Len returns the number of members held, before limits apply.
func (bd *Builder) Len() int { return len(bd.ms) - bd.gone }

// Set sets key to the plain-text value (percent-encoded when written) with
// the given properties, replacing any properties it had. If key is present,
// its first occurrence is replaced in place and later duplicates removed;
// otherwise the member is added at the end. The key and property keys must
// be RFC 9110 tokens: otherwise Set changes nothing and returns a
// *tracewire.ParseError (kind ErrKey or ErrProperty, offset into the
// offending key).
func (bd *Builder) Set(key, value string, props ...Property) error {
	if i := badToken(key); i >= 0 {
		return errs.At(tracewire.ErrKey, i)
	}
	for _, p := range props {
		if i := badToken(p.key); i >= 0 {
			return errs.At(tracewire.ErrProperty, i)
		}
	}
	e := entry{key: key, value: value, plain: true}
	if len(props) > 0 {
		e.set = append([]Property(nil), props...)
	}
	if i := bd.find(key); i >= 0 {
		bd.ms[i] = e
		if bd.index == nil {
			bd.deleteFrom(key, i+1)
			return nil
		}
		bd.drop(bd.next[i])
		bd.next[i] = -1
		return nil
	}
	bd.ms = append(bd.ms, e)
	if bd.index != nil {
		bd.index[key] = len(bd.ms) - 1
		bd.next = append(bd.next, -1)
	}
	return nil
}

// drop marks gone the member at i and every later member of its key.
func (bd *Builder) drop(i int32) {
	for ; i >= 0; i = bd.next[i] {
		bd.ms[i] = entry{gone: true}
		bd.gone++
	}
}

// find returns the position of the first member named key, or -1.
func (bd *Builder) find(key string) int {
	if bd.index == nil && len(bd.ms) >= indexFrom {
		// Built from the back, so that each member links to the next
		// of its key and the index ends at the first.
		bd.index = make(map[string]int, len(bd.ms))
		bd.next = make([]int32, len(bd.ms))
		for i := len(bd.ms) - 1; i >= 0; i-- {
			bd.next[i] = -1
			if j, ok := bd.index[bd.ms[i].key]; ok {
				bd.next[i] = int32(j)
			}
			bd.index[bd.ms[i].key] = i
		}
	}
	if bd.index != nil {
		if i, ok := bd.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range bd.ms {
		if bd.ms[i].key == key {
			return i
		}
	}
	return -1
}

// Delete removes every member named key.
func (bd *Builder) Delete(key string) {
	if bd.index != nil {
		if i, ok := bd.index[key]; ok {
			bd.drop(int32(i))
			delete(bd.index, key)
		}
		return
	}
	bd.deleteFrom(key, 0)
}

// deleteFrom removes the members named key from position from on, moving
// the rest over: for a Builder without an index, which holds fewer than
// indexFrom members.
func (bd *Builder) deleteFrom(key string, from int) {
	out := bd.ms[:from]
	for _, e := range bd.ms[from:] {
		if e.key != key {
			out = append(out, e)
		}
	}
	clear(bd.ms[len(out):])
	bd.ms = out
}

// Append appends the canonical form of the members that fit the limits,
// allocating nothing when dst has room.
func (bd *Builder) Append(dst []byte) []byte {
	f := fitter{maxMembers: bd.Limits.members(), maxBytes: bd.Limits.bytes()}
	for i := range bd.ms {
		if f.full() {
			break
		}
		e := &bd.ms[i]
		if e.gone || !f.admit(e.size()) {
			continue
		}
		if f.n > 1 {
			dst = append(dst, ',')
		}
		dst = e.appendTo(dst)
	}
	return dst
}

// String returns the canonical form, as Append writes it.
func (bd *Builder) String() string {
	var buf [256]byte
	return string(bd.Append(buf[:0]))
}

// Baggage returns what the Builder writes, as a Baggage under the same
// limits (for ContextWith and Propagator.Inject). It formats once and
// parses its own output, which never drops a member.
func (bd *Builder) Baggage() Baggage {
	b, _ := bd.Limits.Parse(bd.String())
	return b
}

func (e *entry) member() Member { return Member{key: e.key, value: e.value, props: e.props} }

func (e *entry) size() int {
	if !e.plain {
		return e.member().size()
	}
	n := len(e.key) + 1 + encodedLen(e.value)
	for _, p := range e.set {
		n += p.size()
	}
	return n
}

func (e *entry) appendTo(dst []byte) []byte {
	if !e.plain {
		return e.member().appendTo(dst)
	}
	dst = append(dst, e.key...)
	dst = append(dst, '=')
	dst = AppendValue(dst, e.value)
	for _, p := range e.set {
		dst = p.appendTo(dst)
	}
	return dst
}
