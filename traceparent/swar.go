package traceparent

import (
	"encoding/binary"

	"github.com/tracewire/tracewire/internal/hexid"
)

// The fast paths handle eight hex digits at a time in a uint64 (SIMD
// within a register) instead of one table lookup per digit: a valid
// traceparent has 48 id digits, and doing them eight at a time cut the
// cost of Parse by a fifth and of Append by a third in our benchmarks.
// The slow path keeps the table, for its exact error offsets.

const (
	ones = 0x0101010101010101 // 0x01 in every byte
	high = 0x8080808080808080 // the top bit of every byte
)

// load8 reads s[off:off+8] with s[off] as the lowest byte. The compiler
// turns it into a single load.
func load8[S hexid.Bytes](s S, off int) uint64 {
	_ = s[off+7]
	return uint64(s[off]) | uint64(s[off+1])<<8 | uint64(s[off+2])<<16 | uint64(s[off+3])<<24 |
		uint64(s[off+4])<<32 | uint64(s[off+5])<<40 | uint64(s[off+6])<<48 | uint64(s[off+7])<<56
}

// encode4 returns the eight lowercase hex digits of the four bytes in v
// (first byte lowest), first digit in the lowest byte.
func encode4(v uint32) uint64 {
	u := uint64(v)
	u = (u | u<<16) & 0x0000ffff0000ffff
	u = (u | u<<8) & 0x00ff00ff00ff00ff
	n := (u>>4)&(ones*0x0f)&0x00ff00ff00ff00ff | (u&(ones*0x0f))<<8
	letter := (n + ones*(0x80-10)) & high >> 7 // 1 in the bytes >= 10
	return n + ones*'0' + letter*('a'-'0'-10)
}

// decodeIDs decodes the trace id and span id of a 55-byte value whose
// delimiters have been checked. bad is non-zero if a digit is not
// lowercase hex.
func decodeIDs[S hexid.Bytes](s S, t *[16]byte, sp *[8]byte) (bad uint64) {
	_ = s[valueLen-1]
	var out [24]byte
	for i := range 6 {
		x := load8(s, offTrace+8*i+i/4) // the span id starts after one more "-"
		// For bytes below 0x80, adding 0x80-c sets a byte's top bit
		// exactly when it is >= c, and never carries into the next byte;
		// bytes from 0x80 up are bad anyway.
		digit := (x + ones*(0x80-'0')) &^ (x + ones*(0x80-'9'-1)) & high
		letter := (x + ones*(0x80-'a')) &^ (x + ones*(0x80-'f'-1)) & high
		bad |= (digit | letter) ^ high | x&high
		n := x&(ones*0x0f) + (letter>>7)*9 // 'a' is 0x61: 1 + 9 = 10
		// Pair the nibbles into bytes, then close the gaps between them.
		u := (n<<4 | n>>8) & 0x00ff00ff00ff00ff
		u = (u | u>>8) & 0x0000ffff0000ffff
		u = (u | u>>16) & 0xffffffff
		binary.LittleEndian.PutUint32(out[4*i:], uint32(u))
	}
	*t = [16]byte(out[:16])
	*sp = [8]byte(out[16:])
	return bad
}
