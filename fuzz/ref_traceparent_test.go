package fuzz

import (
	"strings"

	"github.com/tracewire/tracewire"
)

// The ref*.go walkers are slow references for the codecs' fast paths: each
// reads a header one byte at a time, straight from the grammar in
// SPEC.md and the error rules in the codec's package documentation, with
// no eight-byte loads, fixed-offset shortcuts or shared helpers of the
// codec. A fuzz target per format (reference_test.go) requires the codec
// and its reference to agree on everything they return.

// refOK is the errKey of a nil error.
var refOK = errKey{Nil: true}

// refTrim returns the bounds of s without the spaces and tabs (OWS) at
// either end.
func refTrim(s string) (lo, hi int) {
	lo, hi = 0, len(s)
	for lo < hi && isOWS(s[lo]) {
		lo++
	}
	for hi > lo && isOWS(s[hi-1]) {
		hi--
	}
	return lo, hi
}

// refHex decodes the hex digits of s (either case), right-aligned into
// dst: the id left-padded with zeros.
func refHex(dst []byte, s string) {
	clear(dst)
	for i := range len(s) {
		d := hexNibble(s[len(s)-1-i])
		dst[len(dst)-1-i/2] |= d << (4 * (i % 2))
	}
}

// refFailer returns the failure of a reference walker for header h: the
// zero context and the error of kind k at offset off.
func refFailer(h string) func(k tracewire.ErrorKind, off int) (tracewire.SpanContext, errKey) {
	return func(k tracewire.ErrorKind, off int) (tracewire.SpanContext, errKey) {
		return tracewire.SpanContext{}, errKey{Header: h, Kind: k, Offset: off}
	}
}

// allZeroDigits reports whether every byte of s is "0".
func allZeroDigits(s string) bool { return strings.Trim(s, "0") == "" }

// refTraceparent parses a traceparent value (SPEC.md §2; package
// traceparent, Rules and Choices): OWS trimmed; "vv-" 32 "-" 16 "-" 2
// lowercase hex at fixed offsets; version ff, zero ids and, for version
// 00, anything after the flags are invalid; a higher version may continue
// with "-" and anything. Errors follow field order: a value that ends is
// ErrLength where it ends, a bad byte in a field has the field's kind, a
// digit where a "-" belongs has the kind of the field it extends, a zero
// id is reported at the start of its field.
func refTraceparent(s string) (tracewire.SpanContext, errKey) {
	const h = "traceparent"
	fail := refFailer(h)
	lo, hi := refTrim(s)
	if lo == hi {
		return fail(tracewire.ErrEmpty, 0)
	}
	v := s[lo:hi]
	fields := [4]struct {
		start, end int
		kind       tracewire.ErrorKind
	}{
		{0, 2, tracewire.ErrVersion},
		{3, 35, tracewire.ErrTraceID},
		{36, 52, tracewire.ErrSpanID},
		{53, 55, tracewire.ErrFlags},
	}
	for f, fd := range fields {
		if f > 0 {
			d := fd.start - 1 // the "-" before the field
			switch {
			case d >= len(v):
				return fail(tracewire.ErrLength, lo+len(v))
			case v[d] == '-':
			case isLowerHex(v[d]):
				return fail(fields[f-1].kind, lo+d)
			default:
				return fail(tracewire.ErrDelimiter, lo+d)
			}
		}
		for k := fd.start; k < fd.end; k++ {
			if k >= len(v) {
				return fail(tracewire.ErrLength, lo+len(v))
			}
			if !isLowerHex(v[k]) {
				return fail(fd.kind, lo+k)
			}
		}
		switch digits := v[fd.start:fd.end]; {
		case f == 0 && digits == "ff":
			return fail(tracewire.ErrVersion, lo)
		case f == 1 && allZeroDigits(digits):
			return fail(tracewire.ErrZeroTraceID, lo+fd.start)
		case f == 2 && allZeroDigits(digits):
			return fail(tracewire.ErrZeroSpanID, lo+fd.start)
		}
	}
	if len(v) > 55 {
		switch c := v[55]; {
		case isLowerHex(c):
			return fail(tracewire.ErrFlags, lo+55)
		case v[:2] == "00":
			return fail(tracewire.ErrTrailingData, lo+55)
		case c != '-':
			return fail(tracewire.ErrDelimiter, lo+55)
		}
	}
	var c tracewire.SpanContextConfig
	refHex(c.TraceID[:], v[3:35])
	refHex(c.SpanID[:], v[36:52])
	flags := hexNibble(v[53])<<4 | hexNibble(v[54])
	c.Sampling = tracewire.SamplingDeny
	if flags&0x01 != 0 {
		c.Sampling = tracewire.SamplingAccept
	}
	c.Random = flags&0x02 != 0
	return c.SpanContext(), refOK
}
