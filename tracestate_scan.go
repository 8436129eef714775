package tracewire

import (
	"math/bits"

	"github.com/tracewire/tracewire/internal/hexid"
)

// The fast path of parseTraceState. A list as senders write it, "k=v,k=v"
// with no OWS, blank or invalid members, is checked one byte at a time
// against a class table instead of finding "," and "=" first and then
// testing each byte with a chain of comparisons; and repeated keys are
// found by comparing 64-bit fingerprints, so that the key strings of two
// members are compared only when their fingerprints agree. Anything the
// fast path does not accept is handed to the general code, member by
// member, so errors and offsets stay exactly as they were.

// Bits of tsClass.
const (
	clKeyFirst = 1 << iota // may start a key: a-z 0-9
	clKey                  // may follow in a key: a-z 0-9 _ - * / @
	clValue                // may be in a value, space excepted: 0x21-0x7e but "," and "="
)

// tsClass maps a byte to its clXxx bits.
var tsClass = [256]uint8{
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6, 4, 0, 6, 4, 6,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 4, 4, 0, 4, 4,
	6, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6,
	4, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 4, 4, 4, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
}

// scanMember accepts a plain Level 2 member "key=value" starting at s[i]
// and ending at a "," or the end of s: no OWS around it, a value without
// spaces, both parts within their length limits. It returns the index of
// the "=", the end of the member and the keyPrint of its key, or ok false
// for anything else (which may still be valid), leaving that member to
// the general code.
func scanMember(s string, i int) (eq, end int, print uint64, ok bool) {
	if i >= len(s) || tsClass[s[i]]&clKeyFirst == 0 {
		return 0, 0, 0, false
	}
	j := i + 1
	if i+8 <= len(s) {
		// Most keys are shorter than 8 bytes: one load finds their end
		// and is their print.
		x := hexid.Load8(s, i)
		if bad := badKey8(x); bad != 0 {
			n := bits.TrailingZeros64(bad) >> 3 // >= 1: s[i] is a key byte
			j = i + n
			print = x&(1<<(8*n)-1) | uint64(n)<<59
		} else {
			j = i + 8
			for j < len(s) && tsClass[s[j]]&clKey != 0 {
				j++
			}
			print = keyPrint(s, i, j)
		}
	} else {
		for j < len(s) && tsClass[s[j]]&clKey != 0 {
			j++
		}
		print = keyPrint(s, i, j)
	}
	if j >= len(s) || s[j] != '=' || j-i > tsMaxKey {
		return 0, 0, 0, false
	}
	eq = j
	j++
	for {
		if j+8 > len(s) {
			for j < len(s) && tsClass[s[j]]&clValue != 0 {
				j++
			}
			break
		}
		if bad := badValue8(hexid.Load8(s, j)); bad != 0 {
			j += bits.TrailingZeros64(bad) >> 3
			break
		}
		j += 8
	}
	if j == eq+1 || j-eq-1 > tsMaxValue || j < len(s) && s[j] != ',' {
		return 0, 0, 0, false
	}
	return eq, j, print, true
}

const (
	ones8 = 0x0101010101010101 // 0x01 in every byte
	high8 = 0x8080808080808080 // the top bit of every byte
)

// badValue8 returns x, eight bytes of text, with the top bit set in the
// bytes that cannot be in a value without spaces (clValue). Bytes from
// 0x80 up are flagged by their own top bit; for the others, adding 0x80-c
// sets the top bit exactly when the byte is >= c and carries nothing into
// the next byte. A byte from 0x80 up may carry into the bytes above it,
// so only the lowest flagged byte is exact, which is all callers use.
func badValue8(x uint64) uint64 {
	ge21 := x + ones8*(0x80-0x21)
	ge7f := x + ones8*(0x80-0x7f)
	ne2c := (x ^ ones8*',') + ones8*0x7f
	ne3d := (x ^ ones8*'=') + ones8*0x7f
	return (^(ge21 & ne2c & ne3d) | ge7f | x) & high8
}

// badKey8 is badValue8 for the bytes that may follow the first of a key
// (clKey).
func badKey8(x uint64) uint64 {
	lower := (x + ones8*(0x80-'a')) &^ (x + ones8*(0x80-'z'-1))
	digit := (x + ones8*(0x80-'0')) &^ (x + ones8*(0x80-'9'-1))
	// A byte of x^c + 0x7f lacks the top bit exactly when it equals c.
	other := (x ^ ones8*'_' + ones8*0x7f) & (x ^ ones8*'-' + ones8*0x7f) &
		(x ^ ones8*'*' + ones8*0x7f) & (x ^ ones8*'/' + ones8*0x7f) & (x ^ ones8*'@' + ones8*0x7f)
	return (^(lower | digit | ^other) | x) & high8
}

// keyPrint is a fingerprint of the key s[ks:ke]: equal keys have equal
// prints. Keys of up to 8 bytes are their own print (with the length
// above them); longer ones mix their first and last 8 bytes.
func keyPrint(s string, ks, ke int) uint64 {
	n := ke - ks
	switch {
	case n >= 8:
		return hexid.Load8(s, ks)*0x9e3779b97f4a7c15 ^ hexid.Load8(s, ke-8) ^ uint64(n)
	case ks+8 <= len(s):
		return hexid.Load8(s, ks)&(1<<(8*n)-1) | uint64(n)<<59
	}
	var x uint64
	for i := range n {
		x |= uint64(s[ks+i]) << (8 * i)
	}
	return x | uint64(n)<<59
}

// tsKeySet finds repeated keys among up to 32 members. A 256-bit filter
// on the fingerprints answers "new" for most keys without a loop; only on
// a hit are the earlier fingerprints, and then keys, compared.
type tsKeySet struct {
	filter [4]uint64
	prints [tsMaxMembers]uint64
	keys   [tsMaxMembers]string
}

// bit returns the filter word and bit of print p.
func (ks *tsKeySet) bit(p uint64) (*uint64, uint64) {
	h := p * 0x9e3779b97f4a7c15 >> 56
	return &ks.filter[h>>6], 1 << (h & 63)
}

// seen reports whether one of the first idx members has print p and key.
func (ks *tsKeySet) seen(idx int, p uint64, key string) bool {
	for t := range idx {
		if ks.prints[t] == p && ks.keys[t] == key {
			return true
		}
	}
	return false
}
