// Package onealloc makes the one-element value slice an http.Header (or
// gRPC metadata) stores for a header, and the string it holds, in one
// allocation (Slice); and, for a format writing several headers, the
// array their value slices are cut from and every value's bytes, in one
// allocation too (Strings).
//
// # Why unsafe
//
// A propagator formats a header value into a buffer of its own. Stored
// the usual way, that costs two allocations: the string (string(buf)) and
// the one-element []string the map holds. The second cannot be avoided by
// writing into the slice the map already holds, because that slice may be
// shared: a proxy that copied the incoming headers with out[k] = in[k]
// would see the incoming request change. Slice instead allocates one
// object holding both the slice's backing array and the value's bytes,
// and points the string at those bytes with unsafe.String.
//
// This is sound because the bytes are written once, before the string
// exists, and never again: nothing outside this package can reach them
// except through the string, which is immutable like any other. The
// object is one allocation, so the garbage collector keeps it whole while
// either the slice or the string (an interior pointer) is referenced. The
// slice has capacity 1, so an append to it reallocates rather than
// writing into the bytes behind it.
//
// Strings is sound for the same reasons: its block holds the strings'
// array first, which the garbage collector scans, and the bytes after
// it, which it does not; each value slice a carrier stores is capped at
// one element, so no append reaches the next value or the bytes.
//
// Values longer than the largest size class are stored as two
// allocations, the ordinary way.
package onealloc

import "unsafe"

// Max is the longest value Slice stores in one allocation.
const Max = 4080

// Slice returns a new []string of length and capacity 1 holding a copy of
// value: one allocation up to Max bytes, two beyond.
func Slice[V string | []byte](value V) []string {
	switch n := len(value); {
	case n == 0:
		return make([]string, 1)
	case n <= 16:
		return fill[[16]byte](value)
	case n <= 32:
		return fill[[32]byte](value)
	case n <= 48:
		return fill[[48]byte](value)
	case n <= 64:
		return fill[[64]byte](value)
	case n <= 80:
		return fill[[80]byte](value)
	case n <= 112:
		return fill[[112]byte](value)
	case n <= 144:
		return fill[[144]byte](value)
	case n <= 176:
		return fill[[176]byte](value)
	case n <= 240:
		return fill[[240]byte](value)
	case n <= 368:
		return fill[[368]byte](value)
	case n <= 496:
		return fill[[496]byte](value)
	case n <= 752:
		return fill[[752]byte](value)
	case n <= 1008:
		return fill[[1008]byte](value)
	case n <= 1520:
		return fill[[1520]byte](value)
	case n <= 2032:
		return fill[[2032]byte](value)
	case n <= 3056:
		return fill[[3056]byte](value)
	case n <= Max:
		return fill[[Max]byte](value)
	}
	return []string{string(value)}
}

// fill allocates one multi[[1]string, B], copies value into its bytes,
// points its string at the copy and returns it as a slice of capacity 1.
func fill[B any, V string | []byte](value V) []string {
	p := new(multi[[1]string, B])
	b := unsafe.Slice((*byte)(unsafe.Pointer(&p.b)), unsafe.Sizeof(p.b))
	n := copy(b, value)
	p.v[0] = unsafe.String(&b[0], n)
	return p.v[:]
}

// multi is a block: an array of value strings (S) followed by the bytes
// they point into (B, a byte array), sized so that each block fills one
// of the runtime's size classes exactly, no more than half again as large
// as the one below it, so a value wastes less than a third of its block.
// Slice uses one string: the values propagators write (a 55-byte
// traceparent, a 53-byte b3) fit the 80-byte class that their string and
// slice took apart. Strings uses four (traceparent with tracestate, B3's
// ids and decision, OT's three headers) or eight (Datadog's five, with
// room).
type multi[S, B any] struct {
	v S
	b B
}

// MaxStrings is the most values Strings stores in one allocation, and
// MaxBytes the most bytes of them all together.
const (
	MaxStrings = 8
	MaxBytes   = 1920
)

// Strings returns a new []string of length and capacity len(ends) whose
// element i is a copy of buf[ends[i-1]:ends[i]] (buf[:ends[0]] for the
// first): one allocation for up to MaxStrings values of up to MaxBytes
// bytes in all, at most two beyond (one string and one array, the
// ordinary way).
// The values share the block as Slice's value shares its slice's: a
// carrier storing s[i:i+1:i+1] keeps the whole block alive, and an append
// to that slice reallocates rather than reach the next value.
//
// ends must not decrease and must end within buf, or Strings panics as
// slicing buf would; bytes of buf past the last end are not copied.
func Strings(buf []byte, ends []int) []string {
	if len(ends) == 0 {
		return nil
	}
	buf = buf[:ends[len(ends)-1]]
	start := 0
	for _, e := range ends {
		_ = buf[start:e] // the bounds check, before any copy
		start = e
	}
	if len(ends) <= 4 {
		switch n := len(buf); {
		case n <= 32:
			return fillMulti[[4]string, [32]byte](buf, ends)
		case n <= 64:
			return fillMulti[[4]string, [64]byte](buf, ends)
		case n <= 112:
			return fillMulti[[4]string, [112]byte](buf, ends)
		case n <= 192:
			return fillMulti[[4]string, [192]byte](buf, ends)
		case n <= 320:
			return fillMulti[[4]string, [320]byte](buf, ends)
		case n <= 448:
			return fillMulti[[4]string, [448]byte](buf, ends)
		case n <= 640:
			return fillMulti[[4]string, [640]byte](buf, ends)
		case n <= 960:
			return fillMulti[[4]string, [960]byte](buf, ends)
		case n <= 1472:
			return fillMulti[[4]string, [1472]byte](buf, ends)
		case n <= MaxBytes:
			// 1984 bytes fill the 2048-byte class; the values stop at
			// MaxBytes as with eight strings, so that one bound holds.
			return fillMulti[[4]string, [1984]byte](buf, ends)
		}
	} else if len(ends) <= MaxStrings {
		switch n := len(buf); {
		case n <= 48:
			return fillMulti[[8]string, [48]byte](buf, ends)
		case n <= 128:
			return fillMulti[[8]string, [128]byte](buf, ends)
		case n <= 256:
			return fillMulti[[8]string, [256]byte](buf, ends)
		case n <= 384:
			return fillMulti[[8]string, [384]byte](buf, ends)
		case n <= 576:
			return fillMulti[[8]string, [576]byte](buf, ends)
		case n <= 896:
			return fillMulti[[8]string, [896]byte](buf, ends)
		case n <= 1408:
			return fillMulti[[8]string, [1408]byte](buf, ends)
		case n <= MaxBytes:
			return fillMulti[[8]string, [MaxBytes]byte](buf, ends)
		}
	}
	s := string(buf)
	vals := make([]string, len(ends))
	start = 0
	for i, e := range ends {
		vals[i], start = s[start:e], e
	}
	return vals
}

// fillMulti allocates one multi[S, B], copies buf into its bytes and
// points the first len(ends) of its strings at the values, returning them
// as a slice of that length and capacity.
func fillMulti[S, B any](buf []byte, ends []int) []string {
	p := new(multi[S, B])
	v := unsafe.Slice((*string)(unsafe.Pointer(&p.v)), unsafe.Sizeof(p.v)/unsafe.Sizeof(""))
	b := unsafe.Slice((*byte)(unsafe.Pointer(&p.b)), unsafe.Sizeof(p.b))
	copy(b, buf)
	start := 0
	for i, e := range ends {
		if e > start {
			v[i] = unsafe.String(&b[start], e-start)
		}
		start = e
	}
	return v[:len(ends):len(ends)]
}
