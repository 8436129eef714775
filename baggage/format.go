package baggage

import "math"

// Append appends the canonical form of b to dst: members in wire order
// joined by ",", each "key=value" followed by ";p" or ";p=v" properties,
// with no whitespace. Values are written as received (they are valid
// baggage-octets with well-formed escapes), so a header that was already
// canonical passes through byte for byte. Empty baggage appends nothing.
func Append(dst []byte, b Baggage) []byte {
	return appendWithin(dst, &b, math.MaxInt, math.MaxInt)
}

// Format returns the canonical form of b, as Append writes it; "" for
// empty baggage. It costs one allocation.
func Format(b Baggage) string {
	var buf [256]byte
	return string(appendWithin(buf[:0], &b, math.MaxInt, math.MaxInt))
}

// appendWithin appends the members of b that fit the limits, chosen as
// Limits describes, so that a parse of the result under the same limits
// drops nothing.
func appendWithin(dst []byte, b *Baggage, maxMembers, maxBytes int) []byte {
	if b.whole(maxMembers, maxBytes) {
		for i := range int(b.nlines) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, b.lines[i]...)
		}
		return dst
	}
	f := fitter{maxMembers: maxMembers, maxBytes: maxBytes}
	for i := range int(b.n) {
		if f.full() {
			break
		}
		m := memberAt(b.at(i))
		sz := 0
		if maxBytes != math.MaxInt { // sizing costs a pass over the member
			sz = m.size()
		}
		if !f.admit(sz) {
			continue
		}
		if f.n > 1 {
			dst = append(dst, ',')
		}
		dst = m.appendTo(dst)
	}
	return dst
}

// fitter admits members, in order, while they fit a member and a byte
// limit; a member that is too big is skipped and a later, smaller one may
// still fit, but no member is ever cut.
type fitter struct {
	n, size              int // members admitted and their bytes, commas included
	maxMembers, maxBytes int
}

func (f *fitter) full() bool { return f.n >= f.maxMembers }

// admit counts a member of sz bytes if it fits, and reports whether it did.
func (f *fitter) admit(sz int) bool {
	if f.n > 0 {
		sz++ // the comma before it
	}
	if f.size+sz > f.maxBytes {
		return false
	}
	f.size += sz
	f.n++
	return true
}

// whole reports whether the lines b was parsed from, joined by ",", are
// what appendWithin writes under the limits: they are canonical, and
// every member fits, so the fitter would admit each in turn.
func (b *Baggage) whole(maxMembers, maxBytes int) bool {
	return b.canon && int(b.n) <= maxMembers && b.size <= maxBytes
}
