// Package onealloc makes the one-element value slice an http.Header (or
// gRPC metadata) stores for a header, and the string it holds, in one
// allocation.
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
// Values longer than the largest size class are stored as two
// allocations, the ordinary way.
package onealloc

import "unsafe"

// The blocks: a one-element string array followed by the bytes, sized so
// that each block (16 bytes of string header plus the bytes) fills one
// of the runtime's size classes exactly, no more than half again as large
// as the one below it: a value wastes less than a third of its block, and
// the values propagators write (a 55-byte traceparent, a 53-byte b3) fit
// the 80-byte class that their string and slice took apart.
type (
	block16 struct {
		v [1]string
		b [16]byte
	}
	block32 struct {
		v [1]string
		b [32]byte
	}
	block48 struct {
		v [1]string
		b [48]byte
	}
	block64 struct {
		v [1]string
		b [64]byte
	}
	block80 struct {
		v [1]string
		b [80]byte
	}
	block112 struct {
		v [1]string
		b [112]byte
	}
	block144 struct {
		v [1]string
		b [144]byte
	}
	block176 struct {
		v [1]string
		b [176]byte
	}
	block240 struct {
		v [1]string
		b [240]byte
	}
	block368 struct {
		v [1]string
		b [368]byte
	}
	block496 struct {
		v [1]string
		b [496]byte
	}
	block752 struct {
		v [1]string
		b [752]byte
	}
	block1008 struct {
		v [1]string
		b [1008]byte
	}
	block1520 struct {
		v [1]string
		b [1520]byte
	}
	block2032 struct {
		v [1]string
		b [2032]byte
	}
	block3056 struct {
		v [1]string
		b [3056]byte
	}
	block4080 struct {
		v [1]string
		b [4080]byte
	}
)

// Max is the longest value Slice stores in one allocation.
const Max = 4080

// Slice returns a new []string of length and capacity 1 holding a copy of
// value: one allocation up to Max bytes, two beyond.
func Slice[V string | []byte](value V) []string {
	switch n := len(value); {
	case n == 0:
		return make([]string, 1)
	case n <= 16:
		p := new(block16)
		return fill(&p.v, p.b[:], value)
	case n <= 32:
		p := new(block32)
		return fill(&p.v, p.b[:], value)
	case n <= 48:
		p := new(block48)
		return fill(&p.v, p.b[:], value)
	case n <= 64:
		p := new(block64)
		return fill(&p.v, p.b[:], value)
	case n <= 80:
		p := new(block80)
		return fill(&p.v, p.b[:], value)
	case n <= 112:
		p := new(block112)
		return fill(&p.v, p.b[:], value)
	case n <= 144:
		p := new(block144)
		return fill(&p.v, p.b[:], value)
	case n <= 176:
		p := new(block176)
		return fill(&p.v, p.b[:], value)
	case n <= 240:
		p := new(block240)
		return fill(&p.v, p.b[:], value)
	case n <= 368:
		p := new(block368)
		return fill(&p.v, p.b[:], value)
	case n <= 496:
		p := new(block496)
		return fill(&p.v, p.b[:], value)
	case n <= 752:
		p := new(block752)
		return fill(&p.v, p.b[:], value)
	case n <= 1008:
		p := new(block1008)
		return fill(&p.v, p.b[:], value)
	case n <= 1520:
		p := new(block1520)
		return fill(&p.v, p.b[:], value)
	case n <= 2032:
		p := new(block2032)
		return fill(&p.v, p.b[:], value)
	case n <= 3056:
		p := new(block3056)
		return fill(&p.v, p.b[:], value)
	case n <= Max:
		p := new(block4080)
		return fill(&p.v, p.b[:], value)
	}
	return []string{string(value)}
}

// fill copies value into buf, points v's string at the copy and returns v
// as a slice of capacity 1.
func fill[V string | []byte](v *[1]string, buf []byte, value V) []string {
	n := copy(buf, value)
	v[0] = unsafe.String(&buf[0], n)
	return v[:]
}
