package fuzz

import "github.com/tracewire/tracewire"

// refUberTraceID parses an uber-trace-id value (SPEC.md §7; package
// jaeger, uber-trace-id and Errors): OWS trimmed; four fields of 1 to 32,
// 16, 16 and 2 hex digits of either case, separated by ":", or all by
// "%3A" (either case) when the value is URL-encoded as a whole. A zero
// trace or span id is invalid; a parent of zero means none. The first
// offending byte is reported: a byte that is neither a digit nor a
// delimiter, or an empty field, with the field's kind; a digit beyond the
// width as ErrLength; a zero id at the start of its field; too few fields
// as ErrDelimiter at the end, a delimiter of the other form as
// ErrDelimiter where it stands; a fifth field as ErrTrailingData at the
// delimiter that starts it.
func refUberTraceID(s string) (tracewire.SpanContext, errKey) {
	fail := refFailer("uber-trace-id")
	lo, hi := refTrim(s)
	if lo == hi {
		return fail(tracewire.ErrEmpty, 0)
	}
	// delim returns the width of the delimiter at s[i]: 1 for ":", 3 for
	// "%3A" or "%3a" inside the trimmed value, 0 if there is none.
	delim := func(i int) int {
		switch {
		case s[i] == ':':
			return 1
		case s[i] == '%' && i+2 < hi && s[i+1] == '3' && (s[i+2] == 'A' || s[i+2] == 'a'):
			return 3
		}
		return 0
	}
	widths := [4]int{32, 16, 16, 2}
	kinds := [4]tracewire.ErrorKind{tracewire.ErrTraceID, tracewire.ErrSpanID, tracewire.ErrParentSpanID, tracewire.ErrFlags}
	var fields [4]string
	form := 0 // the width of the first delimiter
	i := lo
	for f := range 4 {
		start := i
		for i < hi && delim(i) == 0 {
			switch {
			case !isHex(s[i]):
				return fail(kinds[f], i)
			case i-start == widths[f]:
				return fail(tracewire.ErrLength, i)
			}
			i++
		}
		fields[f] = s[start:i]
		switch {
		case i == start:
			return fail(kinds[f], i)
		case f == 0 && allZeroDigits(fields[f]):
			return fail(tracewire.ErrZeroTraceID, start)
		case f == 1 && allZeroDigits(fields[f]):
			return fail(tracewire.ErrZeroSpanID, start)
		case f == 3 && i < hi:
			return fail(tracewire.ErrTrailingData, i)
		case f < 3 && i == hi:
			return fail(tracewire.ErrDelimiter, hi)
		case f < 3 && form != 0 && delim(i) != form:
			return fail(tracewire.ErrDelimiter, i)
		case f < 3:
			form = delim(i)
			i += form
		}
	}
	var c tracewire.SpanContextConfig
	refHex(c.TraceID[:], fields[0])
	refHex(c.SpanID[:], fields[1])
	refHex(c.ParentSpanID[:], fields[2])
	c.TraceID64 = len(fields[0]) <= 16
	var fl [1]byte
	refHex(fl[:], fields[3])
	switch {
	case fl[0]&0x01 == 0:
		c.Sampling = tracewire.SamplingDeny
	case fl[0]&0x02 != 0:
		c.Sampling = tracewire.SamplingDebug
	default:
		c.Sampling = tracewire.SamplingAccept
	}
	c.Firehose = fl[0]&0x08 != 0
	return c.SpanContext(), refOK
}
