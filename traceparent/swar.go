package traceparent

import (
	"encoding/binary"

	"github.com/tracewire/tracewire/internal/hexid"
)

// The fast paths handle eight hex digits at a time in a uint64 (SIMD
// within a register, see internal/hexid) instead of one table lookup per
// digit: a valid traceparent has 48 id digits, and doing them eight at a
// time cut the cost of Parse by a fifth and of Append by a third in our
// benchmarks. The slow path keeps the table, for its exact error offsets.

// decodeIDs decodes the trace id and span id of a 55-byte value whose
// delimiters have been checked. bad is non-zero if a digit is not
// lowercase hex.
func decodeIDs[S hexid.Bytes](s S, t *[16]byte, sp *[8]byte) (bad uint64) {
	_ = s[valueLen-1]
	// Constant offsets, not a loop: with them and the check above the
	// compiler proves every load in bounds and emits no further checks.
	t0, b0 := hexid.Decode8(hexid.Load8(s, offTrace))
	t1, b1 := hexid.Decode8(hexid.Load8(s, offTrace+8))
	t2, b2 := hexid.Decode8(hexid.Load8(s, offTrace+16))
	t3, b3 := hexid.Decode8(hexid.Load8(s, offTrace+24))
	s0, b4 := hexid.Decode8(hexid.Load8(s, offSpan))
	s1, b5 := hexid.Decode8(hexid.Load8(s, offSpan+8))
	// Eight bytes per store, so that SpanContextConfig.Build reads each
	// half back from one store.
	binary.LittleEndian.PutUint64(t[0:], uint64(t0)|uint64(t1)<<32)
	binary.LittleEndian.PutUint64(t[8:], uint64(t2)|uint64(t3)<<32)
	binary.LittleEndian.PutUint64(sp[0:], uint64(s0)|uint64(s1)<<32)
	return b0 | b1 | b2 | b3 | b4 | b5
}
