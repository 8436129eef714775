package fuzz

import (
	"strings"

	"github.com/tracewire/tracewire"
)

// refB3State maps a b3 sampling state, "0", "1" or "d", to its decision.
func refB3State(c byte) (tracewire.Sampling, bool) {
	i := strings.IndexByte("01d", c)
	if i < 0 {
		return tracewire.SamplingDeferred, false
	}
	return [...]tracewire.Sampling{tracewire.SamplingDeny, tracewire.SamplingAccept, tracewire.SamplingDebug}[i], true
}

// lowerHexRun returns the end of the run of lowercase hex digits in v
// from i, reading at most max of them.
func lowerHexRun(v string, i, max int) int {
	j := i
	for j < len(v) && j-i < max && isLowerHex(v[j]) {
		j++
	}
	return j
}

// refB3Single parses a b3 header value (SPEC.md §6; package b3, Errors):
// OWS trimmed; a lone sampling state; or a 16- or 32-digit trace id, "-",
// a 16-digit span id, then optionally "-" and a state, then optionally "-"
// and a 16-digit parent, all lowercase hex and no id all zeros. A field
// that ends too soon or runs on is ErrLength where it ended or overran;
// in the parent, the last field, any byte but a digit is
// ErrParentSpanID; in the other ids a byte that is neither a digit nor "-"
// is the id's error; a wrong separator after a full-width id is
// ErrDelimiter; a bad state field is ErrSampling at its first byte; bytes
// after the parent are ErrTrailingData.
func refB3Single(s string) (tracewire.SpanContext, errKey) {
	fail := refFailer("b3")
	lo, hi := refTrim(s)
	if lo == hi {
		return fail(tracewire.ErrEmpty, 0)
	}
	v := s[lo:hi]
	n := len(v)
	if n == 1 {
		st, ok := refB3State(v[0])
		if !ok {
			return fail(tracewire.ErrSampling, lo)
		}
		return tracewire.SpanContextConfig{Sampling: st}.SpanContext(), refOK
	}

	tw := lowerHexRun(v, 0, 32)
	switch {
	case tw == n:
		return fail(tracewire.ErrLength, lo+n) // nothing after the trace id
	case tw < 32 && v[tw] != '-':
		return fail(tracewire.ErrTraceID, lo+tw)
	case tw < 32 && tw != 16:
		return fail(tracewire.ErrLength, lo+tw)
	case tw == 32 && v[32] != '-' && isLowerHex(v[32]):
		return fail(tracewire.ErrLength, lo+32)
	case tw == 32 && v[32] != '-':
		return fail(tracewire.ErrDelimiter, lo+32)
	case allZeroDigits(v[:tw]):
		return fail(tracewire.ErrZeroTraceID, lo)
	}

	sp := tw + 1
	se := lowerHexRun(v, sp, 16)
	switch {
	case se-sp < 16 && se == n:
		return fail(tracewire.ErrLength, lo+n)
	case se-sp < 16 && v[se] == '-':
		return fail(tracewire.ErrLength, lo+se)
	case se-sp < 16:
		return fail(tracewire.ErrSpanID, lo+se)
	case se < n && v[se] != '-' && isLowerHex(v[se]):
		return fail(tracewire.ErrLength, lo+se)
	case se < n && v[se] != '-':
		return fail(tracewire.ErrDelimiter, lo+se)
	case allZeroDigits(v[sp:se]):
		return fail(tracewire.ErrZeroSpanID, lo+sp)
	}
	c := tracewire.SpanContextConfig{TraceID64: tw == 16}
	refHex(c.TraceID[:], v[:tw])
	refHex(c.SpanID[:], v[sp:se])
	if se == n {
		return c.SpanContext(), refOK
	}

	st := se + 1 // the state field runs to the next "-" or the end
	stEnd := st
	for stEnd < n && v[stEnd] != '-' {
		stEnd++
	}
	state, ok := tracewire.SamplingDeferred, false
	if stEnd-st == 1 {
		state, ok = refB3State(v[st])
	}
	if !ok {
		return fail(tracewire.ErrSampling, lo+st)
	}
	c.Sampling = state
	if stEnd == n {
		return c.SpanContext(), refOK
	}

	pp := stEnd + 1
	pe := lowerHexRun(v, pp, 16)
	switch {
	case pe-pp < 16 && pe == n:
		return fail(tracewire.ErrLength, lo+n)
	case pe-pp < 16:
		return fail(tracewire.ErrParentSpanID, lo+pe)
	case pe < n && isLowerHex(v[pe]):
		return fail(tracewire.ErrLength, lo+pe)
	case pe < n:
		return fail(tracewire.ErrTrailingData, lo+pe)
	case allZeroDigits(v[pp:pe]):
		return fail(tracewire.ErrParentSpanID, lo+pp)
	}
	refHex(c.ParentSpanID[:], v[pp:pe])
	return c.SpanContext(), refOK
}

// refB3Multi reads the x-b3-* headers (SPEC.md §6; b3.ExtractMulti), each
// value OWS-trimmed and an empty one absent: X-B3-TraceId of exactly 16
// or 32 lowercase hex digits, X-B3-SpanId and X-B3-ParentSpanId of 16, no
// id all zeros, trace and span id together or not at all and a parent only
// with them; X-B3-Sampled "1", "0", "true" or "false" (any case);
// X-B3-Flags "1" for debug, which wins, and anything else ignored. Errors
// name the offending header, in the order trace id, span id, a missing
// companion, parent, sampled; inside an id, a byte that is not a digit
// before its full width is the id's error, a value that ends early is
// ErrLength at its end, and a byte after the full width is ErrLength if it
// is a digit and ErrTrailingData if not.
func refB3Multi(traceID, spanID, parentID, sampled, flags string) (tracewire.SpanContext, errKey) {
	// id checks one id header's value against its widths.
	id := func(raw string, widths []int, kind, zero tracewire.ErrorKind) (string, tracewire.ErrorKind, int) {
		lo, hi := refTrim(raw)
		v := raw[lo:hi]
		full := widths[len(widths)-1]
		e := lowerHexRun(v, 0, full)
		switch {
		case e < len(v) && e < full:
			return "", kind, lo + e
		case e != widths[0] && e != full:
			return "", tracewire.ErrLength, lo + e
		case e < len(v) && isLowerHex(v[e]):
			return "", tracewire.ErrLength, lo + e
		case e < len(v):
			return "", tracewire.ErrTrailingData, lo + e
		case allZeroDigits(v):
			return "", zero, lo
		}
		return v, 0, 0
	}
	present := func(raw string) bool { lo, hi := refTrim(raw); return lo < hi }
	hasT, hasS, hasP := present(traceID), present(spanID), present(parentID)

	var c tracewire.SpanContextConfig
	if hasT {
		v, k, at := id(traceID, []int{16, 32}, tracewire.ErrTraceID, tracewire.ErrZeroTraceID)
		if k != 0 {
			return refFailer("x-b3-traceid")(k, at)
		}
		refHex(c.TraceID[:], v)
		c.TraceID64 = len(v) == 16
	}
	if hasS {
		v, k, at := id(spanID, []int{16}, tracewire.ErrSpanID, tracewire.ErrZeroSpanID)
		if k != 0 {
			return refFailer("x-b3-spanid")(k, at)
		}
		refHex(c.SpanID[:], v)
	}
	switch {
	case hasT && !hasS:
		return refFailer("x-b3-spanid")(tracewire.ErrMissingField, 0)
	case !hasT && (hasS || hasP):
		return refFailer("x-b3-traceid")(tracewire.ErrMissingField, 0)
	}
	if hasP {
		v, k, at := id(parentID, []int{16}, tracewire.ErrParentSpanID, tracewire.ErrParentSpanID)
		if k != 0 {
			return refFailer("x-b3-parentspanid")(k, at)
		}
		refHex(c.ParentSpanID[:], v)
	}
	lo, hi := refTrim(sampled)
	switch asciiLower(sampled[lo:hi]) {
	case "":
	case "1", "true":
		c.Sampling = tracewire.SamplingAccept
	case "0", "false":
		c.Sampling = tracewire.SamplingDeny
	default:
		return refFailer("x-b3-sampled")(tracewire.ErrSampling, lo)
	}
	if lo, hi := refTrim(flags); flags[lo:hi] == "1" {
		c.Sampling = tracewire.SamplingDebug
	}
	return c.SpanContext(), refOK
}

// asciiLower lowers the ASCII letters of s and nothing else.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
