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
	n, size := 0, 0
	for i := range int(b.n) {
		if n >= maxMembers {
			break
		}
		m := memberAt(b.at(i))
		if maxBytes != math.MaxInt {
			sz := m.size()
			if n > 0 {
				sz++
			}
			if size+sz > maxBytes {
				continue
			}
			size += sz
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = m.appendTo(dst)
		n++
	}
	return dst
}
