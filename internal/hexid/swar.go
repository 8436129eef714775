package hexid

import "encoding/binary"

// The functions here handle eight hex digits at a time in a uint64 (SIMD
// within a register) instead of one table lookup per digit. They only say
// whether every digit was good; callers that must report the offset of a
// bad digit fall back to the table-driven functions for that.

const (
	ones = 0x0101010101010101 // 0x01 in every byte
	high = 0x8080808080808080 // the top bit of every byte
)

// Load8 reads s[off:off+8] with s[off] as the lowest byte. Slicing first
// lets the compiler drop the per-byte bounds checks and emit one load.
func Load8[S Bytes](s S, off int) uint64 {
	b := s[off : off+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Decode8 decodes the eight lowercase hex digits in x (first digit in the
// lowest byte) into four bytes, the first in the lowest byte of v. bad is
// non-zero if a digit is not lowercase hex; v is then meaningless.
func Decode8(x uint64) (v uint32, bad uint64) {
	// For bytes below 0x80, adding 0x80-c sets a byte's top bit exactly
	// when it is >= c, and never carries into the next byte; bytes from
	// 0x80 up are bad anyway.
	digit := (x + ones*(0x80-'0')) &^ (x + ones*(0x80-'9'-1))
	letter := (x + ones*(0x80-'a')) &^ (x + ones*(0x80-'f'-1)) & high
	bad = (^(digit | letter) | x) & high
	n := x&(ones*0x0f) + (letter>>7)*9 // 'a' is 0x61: 1 + 9 = 10
	// Pair the nibbles into bytes, then close the gaps between them.
	u := (n<<4 | n>>8) & 0x00ff00ff00ff00ff
	u = (u | u>>8) & 0x0000ffff0000ffff
	return uint32(u | u>>16), bad
}

// Decode16 decodes the sixteen lowercase hex digits s[off:off+16] into
// dst. It reports false if one of them is not lowercase hex, leaving dst
// unspecified.
func Decode16[S Bytes](dst *[8]byte, s S, off int) bool {
	a, bad1 := Decode8(Load8(s, off))
	b, bad2 := Decode8(Load8(s, off+8))
	binary.LittleEndian.PutUint32(dst[:4], a)
	binary.LittleEndian.PutUint32(dst[4:], b)
	return bad1|bad2 == 0
}

// Decode32 is Decode16 for the thirty-two digits of a 128-bit id.
func Decode32[S Bytes](dst *[16]byte, s S, off int) bool {
	a, bad1 := Decode8(Load8(s, off))
	b, bad2 := Decode8(Load8(s, off+8))
	c, bad3 := Decode8(Load8(s, off+16))
	d, bad4 := Decode8(Load8(s, off+24))
	binary.LittleEndian.PutUint32(dst[:4], a)
	binary.LittleEndian.PutUint32(dst[4:8], b)
	binary.LittleEndian.PutUint32(dst[8:12], c)
	binary.LittleEndian.PutUint32(dst[12:], d)
	return bad1|bad2|bad3|bad4 == 0
}

// Word16 decodes the sixteen lowercase hex digits s[off:off+16] into the
// eight bytes they spell, returned as a word whose lowest byte is the
// first (binary.LittleEndian.PutUint64 stores it in order). bad is
// non-zero if a digit is not lowercase hex; v is then meaningless. A
// caller tests the id for zero, and stores it, from the register: an id
// decoded into memory four bytes at a time and read back eight or
// sixteen at once stalls the read until the writes complete.
func Word16[S Bytes](s S, off int) (v, bad uint64) {
	a, b1 := Decode8(Load8(s, off))
	b, b2 := Decode8(Load8(s, off+8))
	return uint64(a) | uint64(b)<<32, b1 | b2
}

// TraceWords decodes a trace id of width 16 or 32 lowercase digits at
// s[off:], as Word16 does its halves: hi is the high half (zero for 16
// digits), lo the low one, bad non-zero if a digit is not lowercase hex.
// PutTraceWords stores them.
func TraceWords[S Bytes](s S, off, width int) (hi, lo, bad uint64) {
	if width == 32 {
		hi, bad = Word16(s, off)
		off += 16
	}
	lo, b := Word16(s, off)
	return hi, lo, bad | b
}

// PutTraceWords stores the halves TraceWords returns into a trace id.
func PutTraceWords(dst *[16]byte, hi, lo uint64) {
	binary.LittleEndian.PutUint64(dst[:8], hi)
	binary.LittleEndian.PutUint64(dst[8:], lo)
}
