package fuzz

import (
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

// The exhaustive tests below put every byte value 0x00-0xff in every
// position of one valid value per format (256 × len parses) and compare
// the parser with a model of the format's documented rules: either the
// value stays valid and decodes to exactly the changed ids or flags, or
// it fails with the documented kind at the documented offset.

const (
	evT = "4bf92f3577b34da6a3ce929d0e0e4736"
	evS = "00f067aa0ba902b7"
	evP = "05e3ac9a4f6e3b90"
)

func isLowerHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }
func isHex(c byte) bool      { return isLowerHex(c) || 'A' <= c && c <= 'F' }
func isOWS(c byte) bool      { return c == ' ' || c == '\t' }

// want is a model's verdict: the canonical re-encoding of a valid value,
// or the error.
type want struct {
	canonical string
	err       errKey
}

func wantErr(header string, k tracewire.ErrorKind, off int) want {
	return want{err: errKey{Header: header, Kind: k, Offset: off}}
}

func everyByte(t *testing.T, valid string, model func(s string, i int, c byte) want, parse func(string) (tracewire.SpanContext, error), format func(tracewire.SpanContext) string) {
	t.Helper()
	if _, err := parse(valid); err != nil {
		t.Fatalf("base value %q: %v", valid, err)
	}
	buf := []byte(valid)
	fails := 0
	for i := range len(valid) {
		for c := range 256 {
			buf[i] = byte(c)
			s := string(buf)
			w := model(s, i, byte(c))
			sc, err := parse(s)
			got := want{err: keyOf(err)}
			if err == nil {
				got.canonical = format(sc)
			} else {
				got.err.Nil = false
			}
			if w.err == (errKey{}) {
				w.err.Nil = true
			}
			if got != w {
				fails++
				if fails <= 20 {
					t.Errorf("byte %#02x at %d of %q:\n got %+v\nwant %+v", c, i, s, got, w)
				}
			}
		}
		buf[i] = valid[i]
	}
	if fails > 0 {
		t.Errorf("%d of %d substitutions differ from the model", fails, 256*len(valid))
	}
}

// traceparentModel: version 00 has fixed offsets; see package traceparent.
func traceparentModel(s string, i int, c byte) want {
	const h = "traceparent"
	if c == s[i] && s == "00-"+evT+"-"+evP+"-01" {
		return want{canonical: s}
	}
	canonical := func() want {
		b := []byte(s)
		b[0], b[1] = '0', '0' // a higher version goes out as 00
		f := hexNibble(s[53])<<4 | hexNibble(s[54])
		b[53], b[54] = '0', "0123"[f&3] // only sampled and random survive
		return want{canonical: string(b)}
	}
	switch {
	case isOWS(c) && i == 0:
		// trimmed: "0-..." has a one-digit version; the "-" at 2 is where
		// its second digit belongs.
		return wantErr(h, tracewire.ErrVersion, 2)
	case isOWS(c) && i == len(s)-1:
		return wantErr(h, tracewire.ErrLength, i)
	case i < 2:
		if isLowerHex(c) {
			return canonical()
		}
		return wantErr(h, tracewire.ErrVersion, i)
	case i == 2 || i == 35 || i == 52:
		if isLowerHex(c) { // the field before runs on
			return wantErr(h, map[int]tracewire.ErrorKind{2: tracewire.ErrVersion, 35: tracewire.ErrTraceID, 52: tracewire.ErrSpanID}[i], i)
		}
		return wantErr(h, tracewire.ErrDelimiter, i)
	case i < 35:
		if isLowerHex(c) {
			return canonical()
		}
		return wantErr(h, tracewire.ErrTraceID, i)
	case i < 52:
		if isLowerHex(c) {
			return canonical()
		}
		return wantErr(h, tracewire.ErrSpanID, i)
	default:
		if isLowerHex(c) {
			return canonical()
		}
		return wantErr(h, tracewire.ErrFlags, i)
	}
}

func hexNibble(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

// b3Model: "T-S-1-P"; see package b3's Errors section.
func b3Model(s string, i int, c byte) want {
	const h = "b3"
	switch {
	case isOWS(c) && i == 0:
		// trimmed: a 31-digit trace id ends too soon at the "-" at 32.
		return wantErr(h, tracewire.ErrLength, 32)
	case isOWS(c) && i == len(s)-1:
		// trimmed: a 15-digit parent ends too soon at the end of the value.
		return wantErr(h, tracewire.ErrLength, i)
	case i == 32 || i == 49:
		if c == '-' {
			return want{canonical: s}
		}
		if isLowerHex(c) {
			return wantErr(h, tracewire.ErrLength, i)
		}
		return wantErr(h, tracewire.ErrDelimiter, i)
	case i == 50:
		if c == '0' || c == '1' || c == 'd' {
			return want{canonical: s}
		}
		return wantErr(h, tracewire.ErrSampling, i)
	case i == 51:
		if c == '-' {
			return want{canonical: s}
		}
		return wantErr(h, tracewire.ErrSampling, 50) // the state runs on
	}
	kind := tracewire.ErrTraceID
	switch {
	case i > 51:
		kind = tracewire.ErrParentSpanID
	case i > 32:
		kind = tracewire.ErrSpanID
	}
	switch {
	case isLowerHex(c):
		return want{canonical: s}
	case c == '-' && kind == tracewire.ErrParentSpanID:
		// The parent is the last field: no "-" may end it, so the byte is
		// a bad parent digit rather than the end of a short field.
		return wantErr(h, kind, i)
	case c == '-' && i == 16:
		// a 64-bit trace id, then a span id of 15 digits.
		return wantErr(h, tracewire.ErrLength, 32)
	case c == '-':
		return wantErr(h, tracewire.ErrLength, i)
	}
	return wantErr(h, kind, i)
}

// jaegerModel is a reference parser for uber-trace-id written from
// package jaeger's documentation: trim OWS; four fields of at most 32,
// 16, 16 and 2 hex digits of either case, separated by ":"; the first
// offending byte wins.
func jaegerModel(s string, _ int, _ byte) want {
	const h = "uber-trace-id"
	lo, hi := 0, len(s)
	for lo < hi && isOWS(s[lo]) {
		lo++
	}
	for hi > lo && isOWS(s[hi-1]) {
		hi--
	}
	if lo == hi {
		return wantErr(h, tracewire.ErrEmpty, 0)
	}
	widths := [4]int{32, 16, 16, 2}
	kinds := [4]tracewire.ErrorKind{tracewire.ErrTraceID, tracewire.ErrSpanID, tracewire.ErrParentSpanID, tracewire.ErrFlags}
	zero := [4]tracewire.ErrorKind{tracewire.ErrZeroTraceID, tracewire.ErrZeroSpanID}
	var fields [4]string
	p := lo
	for k := range 4 {
		start, n, nonzero := p, 0, false
		for p < hi && s[p] != ':' {
			if hi-p >= 3 && s[p] == '%' && s[p+1] == '3' && (s[p+2] == 'A' || s[p+2] == 'a') {
				// the URL-encoded form of ":" in a value using ":".
				return wantErr(h, tracewire.ErrDelimiter, p)
			}
			if !isHex(s[p]) {
				return wantErr(h, kinds[k], p)
			}
			if n++; n > widths[k] {
				return wantErr(h, tracewire.ErrLength, p)
			}
			nonzero = nonzero || s[p] != '0'
			p++
		}
		if n == 0 {
			return wantErr(h, kinds[k], p)
		}
		if !nonzero && zero[k] != 0 {
			return wantErr(h, zero[k], start)
		}
		fields[k] = s[start:p]
		if k < 3 {
			if p == hi {
				return wantErr(h, tracewire.ErrDelimiter, hi)
			}
			p++ // the ":"
		}
	}
	if p < hi {
		return wantErr(h, tracewire.ErrTrailingData, p)
	}
	pad := func(f string, w int) string {
		b := make([]byte, w)
		for i := range b {
			b[i] = '0'
		}
		for i := range len(f) {
			c := f[len(f)-1-i]
			if 'A' <= c && c <= 'F' {
				c += 'a' - 'A'
			}
			b[w-1-i] = c
		}
		return string(b)
	}
	trace := pad(fields[0], 32)
	if len(fields[0]) <= 16 {
		trace = trace[16:]
	}
	parent := pad(fields[2], 16)
	if parent == "0000000000000000" {
		parent = "0"
	}
	f := hexNibble(fields[3][len(fields[3])-1])
	if len(fields[3]) == 2 {
		f |= hexNibble(fields[3][0]) << 4
	}
	flags := "0"
	switch {
	case f&3 == 3:
		flags = "3"
	case f&1 == 1:
		flags = "1"
	}
	if f&8 != 0 {
		flags = string("0123456789abcdef"[hexNibble(flags[0])|8])
	}
	return want{canonical: trace + ":" + pad(fields[1], 16) + ":" + parent + ":" + flags}
}

func TestEveryByteTraceparent(t *testing.T) {
	everyByte(t, "00-"+evT+"-"+evP+"-01", traceparentModel, traceparent.Parse, traceparent.Format)
}

func TestEveryByteB3(t *testing.T) {
	everyByte(t, evT+"-"+evS+"-1-"+evP, b3Model, b3.Parse, b3.Format)
}

func TestEveryByteUberTraceID(t *testing.T) {
	everyByte(t, evT+":"+evS+":"+evP+":1", jaegerModel, jaeger.Parse, jaeger.Format)
}
