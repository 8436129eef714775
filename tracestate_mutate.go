package tracewire

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ows"
)

// Insert returns the list with key set to value, as the W3C mutation rules
// say a vendor updates its entry: the member goes to the front, any older
// member with that key is removed, and if that makes 33 members the
// right-most one is dropped. The key is checked against the Level 2
// grammar and the value against the value grammar (1 to 256 printable
// ASCII characters other than "," and "=", not ending in a space); if
// either is invalid, Insert returns ts unchanged and a *ParseError whose
// Offset() indexes the text key + "=" + value.
//
// The new list is built in one new string, in canonical form.
func (ts TraceState) Insert(key, value string) (TraceState, error) {
	if k := checkKey(key, false); k >= 0 {
		return ts, errTraceState.At(ErrKey, k)
	}
	if k := checkValue(value); k >= 0 {
		return ts, errTraceState.At(ErrValue, len(key)+1+k)
	}
	size, kept := len(key)+1+len(value), 1
	c := ts.cursor()
	for m, more := c.next(); more && kept < tsMaxMembers; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 && m.key != key {
			size += 1 + m.end - m.start
			kept++
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	sb.WriteString(key)
	sb.WriteByte('=')
	sb.WriteString(value)
	kept = 1
	c = ts.cursor()
	for m, more := c.next(); more && kept < tsMaxMembers; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 && m.key != key {
			sb.WriteByte(',')
			sb.WriteString(ts.s[m.start:m.end])
			kept++
		}
	}
	return TraceState{s: sb.String(), n: uint8(kept), flags: tsClean}, nil
}

// Delete returns the list without key (ts itself if it has no such key).
// It allocates nothing: the result still refers to the same text.
func (ts TraceState) Delete(key string) TraceState {
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 && m.key == key {
			ts.skip |= 1 << m.idx
			ts.n--
			return ts.compact()
		}
	}
	return ts
}

// compact narrows ts.s to the text from the first to the last member still
// in the list and recomputes the flags, so that a list that lost members
// at either end is canonical again without being copied, and two lists
// left with the same text compare equal.
func (ts TraceState) compact() TraceState {
	if ts.n == 0 {
		return TraceState{}
	}
	var first, last tsMember
	found := false
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 != 0 {
			continue
		}
		if !found {
			first, found = m, true
		}
		last = m
	}
	if !found {
		return TraceState{}
	}
	width := uint(last.idx - first.idx + 1)
	out := TraceState{
		s:    ts.s[first.start:last.end],
		skip: uint32(uint64(ts.skip) >> uint(first.idx) & (1<<width - 1)),
		n:    ts.n,
	}
	out.flags = textFlags(out.s, ts.flags&tsDirty != 0, ts.flags&tsLevel1 != 0)
	return out
}

// textFlags works out the tsClean and tsDirty flags of the text s, whose
// members are all valid unless check is set.
func textFlags(s string, check, level1 bool) uint8 {
	clean := true
	for i := 0; i <= len(s); {
		ps, pe := i, len(s)
		if j := strings.IndexByte(s[ps:], ','); j >= 0 {
			pe = ps + j
		}
		i = pe + 1
		ms, me := ows.TrimSpan(s, ps, pe)
		if ms != ps || me != pe || ms == me {
			clean = false
			if !check {
				return 0
			}
		}
		if check && ms < me {
			if _, kind, _ := checkMember(s, ms, me, level1); kind != 0 {
				if level1 {
					return tsDirty | tsLevel1
				}
				return tsDirty
			}
		}
	}
	if clean {
		return tsClean
	}
	return 0
}
