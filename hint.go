package tracewire

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Hint returns one line that says why a header value is invalid and,
// where it can, how to put it right, such as "uppercase hex; W3C requires
// lowercase" or "64-bit trace id: traceparent needs 32 hex digits; pad
// with 16 leading zeros".
//
// value is the value e's offset indexes, exactly as it was passed to the
// parser: for list headers given as several lines, the lines joined by
// ","; for errors in a tracestate member's value (Datadog's dd=,
// OpenTelemetry's ot=), that value. Hint reads the offending byte and the
// field around it there, and names a character by its code point where it
// is not ASCII, since a dash pasted from a document looks like "-". Given
// a value the offset does not fit, such as "", it says what it can from
// the header and the kind alone.
//
// Hints are for people: their wording may change between versions, so
// programs should test errors with errors.Is and the kinds, never by their
// hint. Hint costs time linear in the value and allocates; the parse that
// returned e did neither.
func (e *ParseError) Hint(value string) string {
	return hintFor(e.Header(), e.kind, e.Offset(), value)
}

// Hint returns a one-line explanation of the kind for when the value and
// the header are not at hand; ParseError.Hint says more.
func (k ErrorKind) Hint() string {
	switch k {
	case ErrEmpty:
		return "the value is empty or only spaces; send a value or leave the header out"
	case ErrLength:
		return "a field, or the whole value, is shorter or longer than the format allows"
	case ErrVersion:
		return "the version field is not one the format accepts"
	case ErrDelimiter:
		return "a separator is missing, or another character stands where it belongs"
	case ErrTraceID:
		return "the trace id holds a character the format does not allow, or is empty"
	case ErrZeroTraceID:
		return "trace id is all zeros, which no format accepts; generate a random nonzero id"
	case ErrSpanID:
		return "the span id holds a character the format does not allow, or is empty"
	case ErrZeroSpanID:
		return "span id is all zeros, which no format accepts; generate a random nonzero id"
	case ErrParentSpanID:
		return "the parent span id holds a character the format does not allow, or is empty"
	case ErrFlags:
		return "the flags field is not written as the format defines it"
	case ErrSampling:
		return "the sampling decision is not one of the values the format defines"
	case ErrTrailingData:
		return "something follows a complete value; the header holds one value and nothing after it"
	case ErrKey:
		return "a key breaks the format's key grammar, or repeats"
	case ErrValue:
		return "a value holds a character the format does not allow, or is empty"
	case ErrMember:
		return "a list member lacks the separator between its key and its value"
	case ErrTooManyMembers:
		return "the list has more members than receivers keep; the sender must trim it"
	case ErrTooLong:
		return "the value is longer than the format's size limit"
	case ErrEscape:
		return "'%' must be followed by two hex digits; write a literal '%' as %25"
	case ErrProperty:
		return "a property after ';' is malformed: it needs a key, and optionally '=' and a value"
	case ErrMissingField:
		return "a field or companion header that the others need is missing"
	}
	return "not a parse error kind"
}

// spot is what a hint looks at: the kind, and the value with the offset
// into it; off is -1 when the value is unknown or the offset does not fit
// it.
type spot struct {
	kind ErrorKind
	v    string
	off  int
}

func hintFor(header string, k ErrorKind, off int, v string) string {
	if k == 0 || k >= numKinds {
		return k.Hint()
	}
	if off < 0 || off > len(v) {
		v, off = "", -1
	}
	h := formatHint(header, spot{kind: k, v: v, off: off})
	if h == "" {
		h = k.Hint()
	}
	return h
}

// formatHint dispatches on the header; "" leaves the hint to the kind.
func formatHint(header string, s spot) string {
	switch header {
	case "traceparent":
		return hintTraceparent(s, "traceparent", "span id")
	case "traceresponse":
		return hintTraceparent(s, "traceresponse", "child id")
	case "server-timing":
		return hintServerTiming(s)
	case "tracestate":
		if s.memberValue() {
			return hintDatadogMember(s)
		}
		return hintTraceState(s)
	case "tracestate ot":
		return hintOTelState(s)
	case "baggage":
		return hintBaggage(s)
	case "trace-id":
		return hintBareID(s, idSpec{name: "trace id", in: "a trace id", min: 32, max: 32, lower: "W3C"})
	case "span-id":
		return hintBareID(s, idSpec{name: "span id", in: "a span id", min: 16, max: 16, lower: "W3C"})
	case "b3":
		return hintB3(s)
	case "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags":
		return hintB3Multi(s, header)
	case "uber-trace-id":
		return hintJaeger(s)
	case "uberctx-":
		return hintUberctx(s)
	case "x-amzn-trace-id", "_X_AMZN_TRACE_ID":
		return hintXRay(s)
	case "ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled":
		return hintOTTrace(s, header)
	case "x-cloud-trace-context":
		return hintCloudTrace(s)
	case "sentry-trace":
		return hintSentry(s)
	case "x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-origin", "x-datadog-tags":
		return hintDatadog(s, header)
	case "grpc-trace-bin":
		return hintGRPC(s)
	}
	return ""
}

// known reports whether the value is at hand.
func (s spot) known() bool { return s.off >= 0 }

// at returns the byte at the offset, if there is one.
func (s spot) at() (byte, bool) {
	if s.off >= 0 && s.off < len(s.v) {
		return s.v[s.off], true
	}
	return 0, false
}

// atEnd reports whether only spaces and tabs follow the offset.
func (s spot) atEnd() bool {
	return s.known() && strings.TrimRight(s.v[s.off:], " \t") == ""
}

// char describes the character at the offset.
func (s spot) char() string { return describe(s.v, s.off) }

// trimmed returns the bounds of the value without surrounding spaces and
// tabs.
func (s spot) trimmed() (lo, hi int) { return ows.Trim(s.v) }

// memberValue reports whether a "tracestate" error is about a member's
// value (Datadog's dd=, whose items are key:value), not the list. Every
// valid list member has "=", and a list without one fails only at its
// first member, for want of "=": such a member with a ":" ("rojo:1") is a
// list's, a dd= item that fails for want of ":" is not.
func (s spot) memberValue() bool {
	if !s.known() || strings.Contains(s.v, "=") || !strings.Contains(s.v, ":") {
		return false
	}
	if s.kind == ErrMember {
		return !strings.Contains(s.v[s.off:fieldEnd(s.v, s.off, len(s.v), ";,")], ":")
	}
	return true
}

func isHexDigit(c byte) bool { return hexid.AnyCase(c) != 0xff }

func isUpperHex(c byte) bool { return 'A' <= c && c <= 'F' }

// fieldStart returns where the field holding v[off] starts: after the
// last byte of seps before off, or at lo.
func fieldStart(v string, lo, off int, seps string) int {
	i := min(off, len(v))
	for i > lo && strings.IndexByte(seps, v[i-1]) < 0 {
		i--
	}
	return i
}

// fieldEnd returns where the field that starts at i ends: at the next
// byte of seps, or at hi.
func fieldEnd(v string, i, hi int, seps string) int {
	for i < hi && strings.IndexByte(seps, v[i]) < 0 {
		i++
	}
	return i
}

// describe names the character at v[off] for a hint: 'g', a space, a NUL
// byte, or a non-ASCII character with its code point, and, for one that
// looks like an ASCII character, what it is.
func describe(v string, off int) string {
	if off < 0 || off >= len(v) {
		return "the end of the value"
	}
	switch c := v[off]; {
	case c == ' ':
		return "a space"
	case c == '\t':
		return "a tab"
	case c == '\n':
		return "a line feed"
	case c == '\r':
		return "a carriage return"
	case c == 0:
		return "a NUL byte"
	case c < 0x20 || c == 0x7f:
		return "control byte 0x" + hex2(c)
	case c == '\'':
		return "a single quote"
	case c < 0x80:
		return "'" + string(rune(c)) + "'"
	}
	i := off
	for i > 0 && off-i < utf8.UTFMax-1 && !utf8.RuneStart(v[i]) {
		i--
	}
	r, n := utf8.DecodeRuneInString(v[i:])
	if r == utf8.RuneError && n <= 1 || i+n <= off {
		return "byte 0x" + hex2(v[off]) + " (not UTF-8)"
	}
	code := "U+" + strings.ToUpper(strconv.FormatInt(int64(r), 16))
	if len(code) < 6 {
		code = "U+" + strings.Repeat("0", 6-len(code)) + code[2:]
	}
	name, _ := lookalike(r)
	switch {
	case name != "" && !unicode.IsGraphic(r) || r == 0xa0:
		return code + " (" + name + ")"
	case name != "":
		return "'" + string(r) + "' (" + code + ", " + name + ")"
	case unicode.IsGraphic(r):
		return "'" + string(r) + "' (" + code + ")"
	}
	return code
}

// lookalike names a non-ASCII character that is easily taken for an ASCII
// one, and returns that ASCII character (0 for an invisible one). Word
// processors and chat tools put them in text that is then copied into a
// header.
func lookalike(r rune) (string, byte) {
	switch {
	case r == 0x2010:
		return "a Unicode hyphen", '-'
	case r == 0x2011:
		return "a non-breaking hyphen", '-'
	case r == 0x2012:
		return "a figure dash", '-'
	case r == 0x2013:
		return "an en dash", '-'
	case r == 0x2014:
		return "an em dash", '-'
	case r == 0x2212:
		return "a minus sign", '-'
	case r == 0xa0:
		return "a no-break space", ' '
	case r == 0x200b:
		return "a zero-width space", 0
	case r == 0xfeff:
		return "a byte order mark", 0
	case r == 0x2018 || r == 0x2019:
		return "a curly quote", '\''
	case r == 0x201c || r == 0x201d:
		return "a curly quote", '"'
	case 0xff01 <= r && r <= 0xff5e:
		return "a fullwidth character", byte(r - 0xff01 + '!')
	}
	return "", 0
}

// pasted adds advice to the description of a non-ASCII lookalike of want.
func pasted(v string, off int, want byte) string {
	if off >= len(v) || v[off] < 0x80 {
		return ""
	}
	i := off
	for i > 0 && off-i < utf8.UTFMax-1 && !utf8.RuneStart(v[i]) {
		i--
	}
	r, _ := utf8.DecodeRuneInString(v[i:])
	if _, a := lookalike(r); a != 0 && (a == want || want == 0) {
		return "; it looks like '" + string(rune(a)) + "' but is not ASCII: retype it"
	}
	return ""
}

// wrongSep says that the character at the offset stands where want
// belongs.
func (s spot) wrongSep(want byte) string {
	return s.char() + " where '" + string(rune(want)) + "' belongs" + pasted(s.v, s.off, want)
}

// notHex says that the character at off is not a hex digit.
func notHex(v string, off int) string {
	return describe(v, off) + " is not a hex digit" + pasted(v, off, 0)
}

// snippet quotes s for a hint, cut to a few bytes.
func snippet(s string) string {
	const max = 24
	cut := len(s) > max
	if cut {
		n := max
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	q := "'" + s + "'"
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\'' {
			q = strconv.QuoteToASCII(s)
			break
		}
	}
	if cut {
		q += "…"
	}
	return q
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func itoa(n int) string { return strconv.Itoa(n) }

// plural returns n and the noun, with an "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}
