package traceparent

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Fixed offsets of a version-00 value (and of the prefix of every higher
// version): "vv-" 32 hex "-" 16 hex "-" 2 hex.
const (
	offTrace  = 3
	offDash2  = 35
	offSpan   = 36
	offDash3  = 52
	offFlags  = 53
	valueLen  = 55
	emptyForm = "00-00000000000000000000000000000000-0000000000000000-00"
)

var (
	errs     = tracewire.ErrorTable{Header: "traceparent"}
	respErrs = tracewire.ErrorTable{Header: "traceresponse"}
)

// Parse parses a traceparent header value as received: OWS around it is
// ignored, version 00 must be exactly the 55-byte canonical layout, and
// versions 01 to fe may continue after the flags with "-" and anything.
//
// The result carries the sampled flag and the Level 2 random flag; the
// reserved flag bits are accepted and dropped. It is not marked remote
// (Propagator.ExtractFrom does that). On failure the error is a
// *tracewire.ParseError for header "traceparent" whose Offset() indexes s.
func Parse(s string) (tracewire.SpanContext, error) { return parse(s, &errs, 0) }

// ParseBytes is Parse for a value held as bytes. It does not retain b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b, &errs, 0) }

// parse decodes the common case, a bare version-00 value with valid ids,
// with decodeFast, and hands everything else (whitespace, other versions,
// every error) to parseSlow, which walks the fields in order so that the
// first offending byte is the one reported. base is added to every error
// offset, for values embedded in another header (server-timing).
func parse[S hexid.Bytes](s S, et *tracewire.ErrorTable, base int) (tracewire.SpanContext, error) {
	var t tracewire.TraceID
	var sp tracewire.SpanID
	if f, ok := decodeFast(s, &t, &sp); ok {
		return tracewire.NewSpanContext(t, sp, f), nil
	}
	return parseSlow(s, et, base)
}

// parseFast is parse's common case for ExtractFrom: the context built
// straight into *dst (reporting false, and leaving *dst as it was, for
// anything else), marked remote, its random flag kept only if random.
// Built so in one step, in place (see SpanContextConfig.Build), rather
// than by Parse and then each With copying it, the extraction took a
// fifth less time.
func parseFast(s string, random bool, dst *tracewire.SpanContext) bool {
	c := tracewire.SpanContextConfig{Sampling: tracewire.SamplingDeny, Remote: true}
	f, ok := decodeFast(s, &c.TraceID, &c.SpanID)
	if !ok {
		return false
	}
	if f.IsSampled() {
		c.Sampling = tracewire.SamplingAccept
	}
	c.Random = random && f.IsRandom()
	c.Build(dst)
	return true
}

// decodeFast decodes a bare version-00 value with valid ids in one
// straight pass at fixed offsets (eight digits at a time, see decodeIDs),
// and reports false for anything else.
func decodeFast[S hexid.Bytes](s S, t *tracewire.TraceID, sp *tracewire.SpanID) (tracewire.Flags, bool) {
	if len(s) != valueLen || s[0] != '0' || s[1] != '0' || s[2] != '-' || s[offDash2] != '-' || s[offDash3] != '-' {
		return 0, false
	}
	bad := decodeIDs(s, (*[16]byte)(t), (*[8]byte)(sp))
	hi, lo := hexid.Lower(s[offFlags]), hexid.Lower(s[offFlags+1])
	// A valid flags nibble is at most 0x0f; a bad one is 0xff.
	return tracewire.Flags(hi<<4 | lo), bad == 0 && hi|lo < 0x10 && t.IsValid() && sp.IsValid()
}

// parseSlow is the complete parser. Its error rules, in field order:
//   - a value that ends early is ErrLength at the offset where it ends;
//   - a bad byte inside a field is reported with that field's kind;
//   - a hex digit where a "-" (or the end of a version-00 value) belongs
//     means the field before it is too long, and is reported with that
//     field's kind; any other wrong byte there is ErrDelimiter, or
//     ErrTrailingData past the end of a version-00 value.
func parseSlow[S hexid.Bytes](s S, et *tracewire.ErrorTable, base int) (tracewire.SpanContext, error) {
	i, j := ows.Trim(s)
	v := s[i:j]
	n := len(v)
	at := base + i // error offsets are relative to s as passed
	if n == 0 {
		return tracewire.SpanContext{}, et.At(tracewire.ErrEmpty, base)
	}
	if k := badHex(v, 0, 1); k >= 0 {
		return tracewire.SpanContext{}, lengthOr(et, tracewire.ErrVersion, at, k, n)
	}
	if v[0] == 'f' && v[1] == 'f' {
		return tracewire.SpanContext{}, et.At(tracewire.ErrVersion, at)
	}
	if err := delim(v, 2, tracewire.ErrVersion, et, at); err != nil {
		return tracewire.SpanContext{}, err
	}
	var t tracewire.TraceID
	if k := decodeAt(t[:], v, offTrace); k >= 0 {
		return tracewire.SpanContext{}, lengthOr(et, tracewire.ErrTraceID, at, k, n)
	}
	if !t.IsValid() {
		return tracewire.SpanContext{}, et.At(tracewire.ErrZeroTraceID, at+offTrace)
	}
	if err := delim(v, offDash2, tracewire.ErrTraceID, et, at); err != nil {
		return tracewire.SpanContext{}, err
	}
	var sp tracewire.SpanID
	if k := decodeAt(sp[:], v, offSpan); k >= 0 {
		return tracewire.SpanContext{}, lengthOr(et, tracewire.ErrSpanID, at, k, n)
	}
	if !sp.IsValid() {
		return tracewire.SpanContext{}, et.At(tracewire.ErrZeroSpanID, at+offSpan)
	}
	if err := delim(v, offDash3, tracewire.ErrSpanID, et, at); err != nil {
		return tracewire.SpanContext{}, err
	}
	var f [1]byte
	if k := decodeAt(f[:], v, offFlags); k >= 0 {
		return tracewire.SpanContext{}, lengthOr(et, tracewire.ErrFlags, at, k, n)
	}
	if n > valueLen {
		c := v[valueLen]
		switch {
		case hexid.Lower(c) != 0xff:
			return tracewire.SpanContext{}, et.At(tracewire.ErrFlags, at+valueLen)
		case v[0] == '0' && v[1] == '0':
			return tracewire.SpanContext{}, et.At(tracewire.ErrTrailingData, at+valueLen)
		case c != '-':
			return tracewire.SpanContext{}, et.At(tracewire.ErrDelimiter, at+valueLen)
		}
		// A higher version may carry more fields; they are not ours to read.
	}
	return tracewire.NewSpanContext(t, sp, tracewire.Flags(f[0])), nil
}

// badHex returns the index of the first byte in v[from:to+1] that is not a
// lowercase hex digit (len(v) if v ends first), or -1.
func badHex[S hexid.Bytes](v S, from, to int) int {
	for k := from; k <= to; k++ {
		if k >= len(v) || hexid.Lower(v[k]) == 0xff {
			return k
		}
	}
	return -1
}

// decodeAt decodes 2*len(dst) lowercase hex digits starting at v[off]. It
// returns the index of the first bad or missing digit, or -1.
func decodeAt[S hexid.Bytes](dst []byte, v S, off int) int {
	if k := badHex(v, off, off+2*len(dst)-1); k >= 0 {
		return k
	}
	for i := range dst {
		dst[i] = hexid.Lower(v[off+2*i])<<4 | hexid.Lower(v[off+2*i+1])
	}
	return -1
}

// lengthOr reports a missing byte at k as ErrLength and a bad one as kind.
func lengthOr(et *tracewire.ErrorTable, kind tracewire.ErrorKind, at, k, n int) error {
	if k >= n {
		return et.At(tracewire.ErrLength, at+n)
	}
	return et.At(kind, at+k)
}

// delim checks for the "-" at v[k]; a hex digit there means the field
// before it (of kind prev) is too long.
func delim[S hexid.Bytes](v S, k int, prev tracewire.ErrorKind, et *tracewire.ErrorTable, at int) error {
	switch {
	case k >= len(v):
		return et.At(tracewire.ErrLength, at+len(v))
	case v[k] == '-':
		return nil
	case hexid.Lower(v[k]) != 0xff:
		return et.At(prev, at+k)
	}
	return et.At(tracewire.ErrDelimiter, at+k)
}
