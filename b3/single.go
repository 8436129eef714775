package b3

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/idwords"
	"github.com/tracewire/tracewire/internal/ows"
)

// maxSingle is the longest valid b3 value: 32-digit trace id, span id,
// sampling state and parent span id.
const maxSingle = 68

// Parse parses the value of a b3 header in any of its forms:
// "{trace}-{span}" (decision deferred), "{trace}-{span}-{state}",
// "{trace}-{span}-{state}-{parent}", and the sampling state alone ("0",
// "1" or "d"), which yields an invalid span context that carries only the
// decision. Surrounding spaces and tabs are ignored.
//
// A 16-digit trace id is left-padded to 128 bits and the context marked
// With64BitTraceID, so that Append writes it 16 digits wide again.
// Uppercase hex is rejected, as the B3 grammar says (zipkin-go accepts it).
//
// On failure the error is a *tracewire.ParseError for header "b3" whose
// Offset() indexes s as passed, and the span context is the zero value.
func Parse(s string) (tracewire.SpanContext, error) { return parseSingle(s) }

// ParseBytes is Parse for a value held as bytes. It neither keeps nor
// modifies b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parseSingle(b) }

// parseSingle walks the value field by field rather than first checking
// its length, so that the error points at the first byte that cannot be
// part of any valid b3 value. Every index is bounded by the checks before
// it: a 128-bit trace id followed by a short span id is a length error,
// never an out-of-range read.
func parseSingle[S hexid.Bytes](s S) (sc tracewire.SpanContext, err error) {
	if parseSingleFast(s, false, &sc) {
		return sc, nil
	}
	return parseSingleWalk(s)
}

// parseSingleWalk is the complete parser behind parseSingle.
func parseSingleWalk[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	var sc tracewire.SpanContext
	lo, hi := ows.Trim(s)
	if lo == hi {
		return sc, errSingle.At(tracewire.ErrEmpty, 0)
	}
	v := s[lo:hi]
	n := len(v)
	if n == 1 {
		st, ok := samplingOf(v[0])
		if !ok {
			return sc, errSingle.At(tracewire.ErrSampling, lo)
		}
		return sc.WithSampling(st), nil
	}

	// Trace id: 16 or 32 digits. A non-digit before the 32nd is a bad
	// trace id character unless it is the "-" ending a 16-digit id.
	e := hexRun(v, 0, 32)
	if e < n && e < 32 && v[e] != '-' {
		return sc, errSingle.At(tracewire.ErrTraceID, lo+e)
	}
	if e != 16 && e != 32 {
		return sc, errSingle.At(tracewire.ErrLength, lo+e)
	}
	if e == n {
		return sc, errSingle.At(tracewire.ErrLength, lo+n)
	}
	if v[e] != '-' {
		return sc, fieldEnd(v[e], lo+e)
	}
	var t tracewire.TraceID
	hexid.DecodeLower(t[16-e/2:], v[:e])
	if !t.IsValid() {
		return sc, errSingle.At(tracewire.ErrZeroTraceID, lo)
	}

	// Span id: exactly 16 digits, then "-" or the end.
	i := e + 1
	e = hexRun(v, i, 16)
	if e < n && e-i < 16 && v[e] != '-' {
		return sc, errSingle.At(tracewire.ErrSpanID, lo+e)
	}
	if e-i != 16 {
		return sc, errSingle.At(tracewire.ErrLength, lo+e)
	}
	if e < n && v[e] != '-' {
		return sc, fieldEnd(v[e], lo+e)
	}
	var sp tracewire.SpanID
	hexid.DecodeLower(sp[:], v[i:e])
	if !sp.IsValid() {
		return sc, errSingle.At(tracewire.ErrZeroSpanID, lo+i)
	}
	sc = sc.WithTraceID(t).WithSpanID(sp).With64BitTraceID(i == 17)
	if e == n {
		return sc, nil
	}

	// Sampling state: one character. Anything else in this field (a
	// trailing "-", "true", a parent span id with no state before it) is
	// reported at the field's first byte.
	i = e + 1
	if i == n {
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrSampling, lo+i)
	}
	st, ok := samplingOf(v[i])
	if !ok || (i+1 < n && v[i+1] != '-') {
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrSampling, lo+i)
	}
	sc = sc.WithSampling(st)
	if i+1 == n {
		return sc, nil
	}

	// Parent span id: exactly 16 digits, and nothing after it.
	i += 2
	e = hexRun(v, i, 16)
	if e < n && e-i < 16 {
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrParentSpanID, lo+e)
	}
	if e-i != 16 {
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrLength, lo+e)
	}
	if e < n {
		if isLowerHex(v[e]) {
			return tracewire.SpanContext{}, errSingle.At(tracewire.ErrLength, lo+e)
		}
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrTrailingData, lo+e)
	}
	var p tracewire.SpanID
	hexid.DecodeLower(p[:], v[i:e])
	if !p.IsValid() {
		return tracewire.SpanContext{}, errSingle.At(tracewire.ErrParentSpanID, lo+i)
	}
	return sc.WithParentSpanID(p), nil
}

// parseSingleFast decodes the shapes senders write, "{trace}-{span}",
// "{trace}-{span}-{state}" and "{trace}-{span}-{state}-{parent}" with a
// 16- or 32-digit trace id and nothing around them, at fixed offsets and
// eight digits at a time. It accepts only values that parseSingle's full
// walk accepts, with the same result, and reports false for everything
// else (including every error), which the walk then handles, leaving *dst
// as it was. remote marks the result, stored in *dst, remote, for
// ExtractFrom, which then need not copy it again.
func parseSingleFast[S hexid.Bytes](s S, remote bool, dst *tracewire.SpanContext) bool {
	n := len(s)
	if n < 33 {
		return false
	}
	tw := 32 // trace id width; a 32-digit id has a digit at 16
	if s[16] == '-' {
		tw = 16
	}
	rest := n - tw - 17 // what follows "{trace}-{span}"
	if rest != 0 && rest != 2 && rest != 19 || s[tw] != '-' {
		return false
	}
	th, tl, bad := hexid.TraceWords(s, 0, tw)
	sp, b2 := hexid.Word16(s, tw+1)
	if bad|b2 != 0 || th|tl == 0 || sp == 0 {
		return false
	}
	var (
		st tracewire.Sampling // deferred: the zero value's own
		p  uint64
	)
	if rest > 0 {
		i := tw + 17
		var known bool
		st, known = samplingOf(s[i+1])
		if s[i] != '-' || !known {
			return false
		}
		if rest == 19 {
			var b3 uint64
			if p, b3 = hexid.Word16(s, i+3); s[i+2] != '-' || b3 != 0 || p == 0 {
				return false
			}
		}
	}
	// Built in one step at the end, each With would copy it.
	c := tracewire.SpanContextConfig{Sampling: st, TraceID64: tw == 16, Remote: remote}
	idwords.Build(dst, &c, th, tl, sp, p)
	return true
}

// fieldEnd reports the byte c found where a field of full width must end:
// another hex digit means the field is too long, anything else is a bad
// delimiter.
func fieldEnd(c byte, off int) error {
	if isLowerHex(c) {
		return errSingle.At(tracewire.ErrLength, off)
	}
	return errSingle.At(tracewire.ErrDelimiter, off)
}

// Append appends the b3 header value for sc to dst and returns the
// extended slice. It allocates nothing when dst has room for 68 bytes.
//
// The output reproduces what Parse read: a trace id that arrived 64
// bits wide (Is64BitTraceID) goes out as 16 digits, any other as 32; the
// sampling state is "0", "1" or "d", or left out when deferred; a parent
// span id follows the state. B3 cannot express a parent without a state,
// so a deferred context with a parent goes out without its parent.
//
// An invalid context (missing an id) goes out as its sampling state alone,
// and as nothing at all when the decision is deferred.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	c := stateChar(sc.Sampling())
	if !sc.IsValid() {
		if c != 0 {
			dst = append(dst, c)
		}
		return dst
	}
	dst = hexid.AppendTraceID(dst, sc.TraceID(), sc.Is64BitTraceID())
	dst = append(dst, '-')
	dst = hexid.AppendID(dst, sc.SpanID())
	if c == 0 {
		return dst
	}
	dst = append(dst, '-', c)
	if p := sc.ParentSpanID(); p.IsValid() {
		dst = append(dst, '-')
		dst = hexid.AppendID(dst, p)
	}
	return dst
}

// Format returns the b3 header value for sc, as Append writes it; ""
// when there is nothing to send.
func Format(sc tracewire.SpanContext) string {
	var b [maxSingle]byte
	return string(Append(b[:0], sc))
}
