package tracewire

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/decimal"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// hintTraceparent explains traceparent and traceresponse errors; child
// names the second id ("span id", or the traceresponse's "child id").
func hintTraceparent(s spot, in, child string) string {
	trace := idSpec{name: "trace id", in: in, min: 32, max: 32, lower: "W3C", seps: "-"}
	span := idSpec{name: child, in: in, min: 16, max: 16, lower: "W3C", seps: "-"}
	form := "00-{32 hex trace id}-{16 hex " + child + "}-{2 hex flags}"
	lo, _ := s.trimmed()
	rel := s.off - lo
	c, ok := s.at()
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; " + in + " is " + form
	case ErrVersion:
		switch {
		case !s.known():
			return "the version is 2 lowercase hex digits, 00 today, and never ff"
		case rel == 0 && strings.HasPrefix(s.v[lo:], "ff"):
			return "version ff is forbidden; send 00"
		case ok && isUpperHex(c):
			return "uppercase hex; W3C requires lowercase"
		case ok && rel >= 2 && isHexDigit(c):
			return "the version has " + itoa(hexRun(s.v, lo)-lo) + " hex digits; " + in + " needs 2, such as 00"
		case ok && rel == 1 && c == '-':
			return "the version has 1 hex digit; " + in + " needs 2, such as 00"
		}
		return notHex(s.v, s.off) + "; the version is 2 hex digits, such as 00"
	case ErrDelimiter:
		if !s.known() {
			return in + " is " + form + ", its fields separated by '-'"
		}
		switch {
		case pasted(s.v, s.off, '-') != "":
			return s.wrongSep('-')
		case rel >= 55:
			return s.wrongSep('-') + "; a version above 00 may add fields after the flags, each after a '-'"
		}
		return s.wrongSep('-') + ": " + in + " is " + form
	case ErrTraceID:
		return s.idHint(lo+3, trace)
	case ErrZeroTraceID:
		return zeroID("trace id", "W3C")
	case ErrSpanID:
		return s.idHint(lo+36, span)
	case ErrZeroSpanID:
		return zeroID(child, "W3C")
	case ErrFlags:
		switch {
		case !s.known():
			return "the flags are 2 lowercase hex digits, such as 01 (sampled)"
		case ok && isUpperHex(c):
			return "uppercase hex; W3C requires lowercase"
		case ok && rel >= 55 && isHexDigit(c):
			return "the flags have " + itoa(hexRun(s.v, lo+53)-lo-53) + " hex digits; " + in + " needs 2, such as 01 (sampled)"
		}
		return notHex(s.v, s.off) + " in the flags; they are 2 hex digits, such as 01 (sampled)"
	case ErrLength:
		if s.known() && s.atEnd() {
			return "the value ends " + traceparentEnd(rel, child) + "; " + in + " is " + form
		}
		return "a version-00 " + in + " is exactly 55 characters: " + form
	case ErrTrailingData:
		switch {
		case !s.known():
			return "a version-00 " + in + " ends after the flags"
		case c == ',':
			return "',' after the value: several " + in + " values, in one line or several; send exactly one"
		case c == '-':
			return "'-' after the flags; only a version above 00 may add fields"
		}
		return s.char() + " after the flags; a version-00 " + in + " is exactly 55 characters"
	}
	return ""
}

// traceparentEnd says where in a traceparent a value that ends at rel
// (counted from its first non-blank byte) ends.
func traceparentEnd(rel int, child string) string {
	switch {
	case rel < 2:
		return "inside the version"
	case rel < 4:
		return "before the trace id"
	case rel < 35:
		return "after " + plural(rel-3, "hex digit") + " of the trace id"
	case rel < 37:
		return "after the trace id, without the " + child + " and flags"
	case rel < 52:
		return "after " + plural(rel-36, "hex digit") + " of the " + child
	case rel == 52:
		return "after the " + child + ", without the flags: add -01 (sampled) or -00"
	case rel == 53:
		return "after the last '-', without the flags"
	}
	return "after one hex digit of the flags"
}

// hexRun returns the end of the run of hex digits, of either case, at
// v[i:].
func hexRun(v string, i int) int { return hexid.AnyCaseRun(v, i, len(v)) }

// hintServerTiming explains errors of a traceresponse carried in
// Server-Timing as trace;desc=…; errors inside the desc are traceparent
// errors there.
func hintServerTiming(s spot) string {
	const form = "trace;desc=00-{32 hex trace id}-{16 hex child id}-{2 hex flags}"
	switch s.kind {
	case ErrEmpty:
		return "Server-Timing is empty; a traceresponse travels in it as " + form
	case ErrMissingField:
		if s.known() && hasTraceMetric(s.v) {
			return "the trace metric has no desc; write it as " + form
		}
		return "no metric named trace; a traceresponse travels in Server-Timing as " + form
	case ErrValue:
		return "the quoted desc has no closing '\"'"
	case ErrTooLong:
		return "the quoted desc is too long to hold a traceresponse"
	}
	if sub, ok := s.desc(); ok {
		return hintTraceparent(sub, "the trace desc", "child id")
	}
	return hintTraceparent(spot{kind: s.kind, off: -1}, "the trace desc", "child id")
}

// hasTraceMetric reports whether the Server-Timing value v names a
// metric "trace".
func hasTraceMetric(v string) bool {
	for _, m := range strings.Split(v, ",") {
		name, _, _ := strings.Cut(strings.TrimLeft(m, " \t"), ";")
		if strings.EqualFold(strings.TrimRight(name, " \t"), "trace") {
			return true
		}
	}
	return false
}

// desc returns the spot moved into the desc value around the offset,
// unquoted, so that the traceparent hints can read it.
func (s spot) desc() (spot, bool) {
	if !s.known() {
		return spot{}, false
	}
	i := strings.LastIndex(ascii.Lower(s.v[:s.off]), "desc")
	if i < 0 {
		return spot{}, false
	}
	i += len("desc")
	for i < s.off && (ows.Is(s.v[i]) || s.v[i] == '=') {
		i++
	}
	if i < s.off && s.v[i] == '"' {
		// A quoted desc: drop its escapes, moving the offset with them.
		var b []byte
		off := -1
		for j := i + 1; j < len(s.v) && s.v[j] != '"'; j++ {
			if s.v[j] == '\\' && j+1 < len(s.v) {
				j++
			}
			if j >= s.off && off < 0 {
				off = len(b)
			}
			b = append(b, s.v[j])
		}
		if off < 0 {
			off = len(b)
		}
		return spot{kind: s.kind, v: string(b), off: off}, true
	}
	end := i
	for end < len(s.v) && !ows.Is(s.v[end]) && s.v[end] != ',' && s.v[end] != ';' {
		end++
	}
	if s.off > end {
		return spot{}, false
	}
	return spot{kind: s.kind, v: s.v[i:end], off: s.off - i}, true
}

// member returns the bounds of the list member around the offset, without
// surrounding spaces and tabs, in a list separated by sep.
func (s spot) member(sep byte) (ms, me int) {
	seps := string(sep)
	ms = fieldStart(s.v, 0, s.off, seps)
	me = fieldEnd(s.v, s.off, len(s.v), seps)
	for ms < s.off && ows.Is(s.v[ms]) {
		ms++
	}
	for me > max(ms, s.off) && ows.Is(s.v[me-1]) {
		me--
	}
	return ms, me
}

// item returns the bounds of the list member around the offset, as member
// does, and the index of the first inner in it (the "=" of key=value), or
// -1.
func (s spot) item(sep, inner byte) (start, end, at int) {
	start, end = s.member(sep)
	if at = strings.IndexByte(s.v[start:end], inner); at >= 0 {
		at += start
	}
	return start, end, at
}

// membersBefore counts the non-blank members of the list before the
// offset.
func (s spot) membersBefore(sep byte) int {
	n := 0
	for _, m := range strings.Split(s.v[:s.off], string(sep)) {
		if strings.Trim(m, " \t") != "" {
			n++
		}
	}
	return n
}

// hintTraceState explains errors in a tracestate list.
func hintTraceState(s spot) string {
	if !s.known() {
		switch s.kind {
		case ErrKey:
			return "tracestate keys are lowercase letters, digits and _ - * / @, at most 256, starting with a letter or digit"
		case ErrValue:
			return "tracestate values are 1 to 256 printable ASCII characters other than ',' and '='"
		case ErrMember:
			return "tracestate members are key=value, separated by ','"
		case ErrTooManyMembers:
			return "tracestate holds at most 32 members; the sender must drop members from the right"
		}
		return ""
	}
	ms, me, eq := s.item(',', '=')
	c, ok := s.at()
	switch s.kind {
	case ErrKey:
		return traceStateKeyHint(s, ms, eq)
	case ErrValue:
		switch {
		case !ok || s.off >= me:
			return "the value of " + snippet(s.v[ms:max(eq, ms)]) + " is empty; tracestate values are 1 to 256 characters"
		case eq >= 0 && s.off-eq-1 >= 256:
			return "the value is longer than 256 characters, the most tracestate allows"
		case c == '=':
			return "'=' inside a value; tracestate values cannot hold '=' or ','"
		}
		return s.char() + " is not allowed in a tracestate value: printable ASCII only, without ',' and '='" + pasted(s.v, s.off, 0)
	case ErrMember:
		if strings.Contains(s.v[ms:me], ":") {
			return "member " + snippet(s.v[ms:me]) + " has no '='; tracestate members are key=value, not key:value"
		}
		return "member " + snippet(s.v[ms:me]) + " has no '='; tracestate members are key=value"
	case ErrTooManyMembers:
		return "member " + itoa(s.membersBefore(',')+1) + ": tracestate holds at most 32 members; the sender must drop members from the right"
	}
	return ""
}

// traceStateKeyHint explains a tracestate key error at the offset in the
// member that starts at ms and has its "=" at eq.
func traceStateKeyHint(s spot, ms, eq int) string {
	rel := s.off - ms
	key := s.v[ms:max(eq, ms)]
	at1 := strings.IndexByte(key, '@')
	c, ok := s.at()
	switch {
	case !ok || c == '=' && rel == 0:
		return "the key is empty; tracestate members are key=value"
	case c == '=' && s.off > ms && s.v[s.off-1] == '@':
		return "nothing after '@'; a multi-tenant key is tenant@system"
	case 'A' <= c && c <= 'Z':
		return "uppercase '" + string(rune(c)) + "' in a key; tracestate keys are lowercase"
	case rel == 256:
		return "the key is longer than 256 characters, the most tracestate allows"
	case rel == 0 && decimal.IsDigit(c):
		return "a key starting with a digit is valid only in Trace Context Level 2; this receiver reads Level 1 keys, which start with a lowercase letter"
	case rel == 0:
		return "a tracestate key starts with a lowercase letter or a digit, not " + s.char() + pasted(s.v, s.off, 0)
	case c == '@' && at1 >= 0 && at1 < rel:
		return "a second '@' in the key; a multi-tenant key has one: tenant@system"
	case at1 >= 0 && rel == at1+1 && decimal.IsDigit(c):
		return "the system part after '@' must start with a lowercase letter (Trace Context Level 1)"
	case at1 >= 0 && rel > at1+1:
		return "the system part after '@' is longer than 14 characters (Trace Context Level 1)"
	case at1 > rel && rel == 241:
		return "the tenant part before '@' is longer than 241 characters (Trace Context Level 1)"
	case c == ' ' && eq >= 0 && strings.Trim(s.v[s.off:eq], " \t") == "":
		return "a space before '='; tracestate allows spaces around members, not inside them"
	case c == ' ':
		return "a space inside the key " + snippet(key)
	}
	return s.char() + " is not allowed in a key; tracestate keys are lowercase letters, digits and _ - * / @" + pasted(s.v, s.off, 0)
}

// hintBaggage explains errors in a W3C baggage list.
func hintBaggage(s spot) string {
	if !s.known() {
		switch s.kind {
		case ErrKey:
			return "baggage keys are HTTP tokens: ASCII letters, digits and !#$&'*+-.^_`|~, no spaces"
		case ErrValue:
			return "baggage values are percent-encoded: spaces, quotes, ',', ';', '\\' and non-ASCII must be written as %XX"
		case ErrMember:
			return "baggage members are key=value, separated by ','"
		case ErrTooManyMembers:
			return "W3C receivers keep at most 64 members and may drop the rest"
		case ErrTooLong:
			return "W3C receivers keep at most 8192 bytes of baggage and may drop members past them"
		case ErrProperty:
			return "properties follow a member after ';', as key or key=value"
		}
		return ""
	}
	ms, me, eq := s.item(',', '=')
	c, ok := s.at()
	// OWS may surround keys, values and properties, so a space inside one
	// is reported at the byte after it.
	space := ok && s.off > ms && ows.Is(s.v[s.off-1]) || c == ' ' || c == '\t'
	switch s.kind {
	case ErrKey:
		switch {
		case c == '=' && s.off == ms:
			return "the key is empty; baggage members are key=value"
		case space:
			return "a space inside the key " + snippet(s.v[ms:max(eq, ms)]) + "; keys are tokens, without spaces"
		case c >= 0x80:
			return s.char() + " in a key; keys are ASCII tokens, and only values may be percent-encoded"
		}
		return s.char() + " is not allowed in a key; keys are HTTP tokens"
	case ErrValue:
		switch {
		case !ok:
			return "the value ends early"
		case space:
			return "a space inside the value; percent-encode it as %20"
		}
		return s.char() + " is not allowed in a baggage value; percent-encode it as " + percentOf(s.v, s.off)
	case ErrEscape:
		esc := s.v[s.off:min(len(s.v), s.off+3)]
		switch {
		case len(esc) < 2 || !isHexDigit(esc[1]) && strings.IndexByte(",; \t", esc[1]) >= 0:
			return "a bare '%'; write a literal '%' as %25"
		case len(esc) < 3 || isHexDigit(esc[1]) && strings.IndexByte(",; \t", esc[2]) >= 0:
			return snippet(esc[:2]) + " is cut short: an escape is '%' and two hex digits"
		}
		return snippet(esc) + " is not an escape: '%' needs two hex digits after it; write a literal '%' as %25"
	case ErrProperty:
		switch {
		case !ok || c == ';' || c == ',':
			return "an empty property after ';'; remove the ';'"
		case c == '=':
			return "a property with no key before '='"
		}
		h := s.char() + " in a property; properties are key or key=value"
		p := s.v[fieldStart(s.v, ms, s.off, ";"):fieldEnd(s.v, s.off, me, ";")]
		if space {
			h = "a space inside the property " + snippet(p)
		}
		if strings.Contains(p, "=") {
			h += "; percent-encode it in the value as %20"
		} else {
			h += "; if the ';' belongs to the value, percent-encode it as %3B"
		}
		return h
	case ErrMember:
		if ok && c == ';' {
			return "';' before '='; a member is key=value, and its properties follow after ';'"
		}
		return "member " + snippet(s.v[ms:me]) + " has no '='; baggage members are key=value"
	case ErrTooManyMembers:
		n := s.membersBefore(',')
		if n == 64 {
			return "member 65: W3C receivers keep at most 64 members and may drop the rest"
		}
		return "member " + itoa(n+1) + " is past the receiver's limit of " + plural(n, "member") + " (W3C: 64)"
	case ErrTooLong:
		if s.off == ms && me-ms > 8192 {
			return "this member alone is " + itoa(me-ms) + " bytes, more than the 8192 W3C receivers keep"
		}
		return "the members before this one take " + itoa(max(s.off-1, 0)) + " bytes; with it the header passes the receiver's limit (W3C: 8192 bytes)"
	}
	return ""
}

// percentOf returns the percent-encoding of the character at v[off].
func percentOf(v string, off int) string {
	n := 1
	if v[off] >= 0x80 {
		for n < 4 && off+n < len(v) && v[off+n]&0xc0 == 0x80 {
			n++
		}
	}
	var b strings.Builder
	for _, c := range []byte(v[off : off+n]) {
		b.WriteString("%" + strings.ToUpper(hex2(c)))
	}
	return b.String()
}

// hintOTelState explains errors in the value of OpenTelemetry's ot=
// tracestate member: items key:value separated by ";".
func hintOTelState(s spot) string {
	switch s.kind {
	case ErrEmpty:
		return "the ot= value is empty; it holds items such as th:8 and rv:…, separated by ';'"
	case ErrTooLong:
		return "the ot= member is longer than 256 characters, the most a tracestate value holds"
	case ErrMember:
		return "an empty item: a ';' at the start or end of the ot= value, or two in a row"
	}
	if !s.known() {
		switch s.kind {
		case ErrKey:
			return "ot= keys are lowercase letters and digits, start with a letter, and appear once"
		case ErrValue:
			return "th is 1 to 14 lowercase hex digits, rv exactly 14; other values are letters, digits, '.', '_' and '-'"
		case ErrDelimiter:
			return "ot= items are key:value, separated by ';'"
		case ErrLength:
			return "th is 1 to 14 hex digits and rv exactly 14"
		}
		return ""
	}
	is, ie, colon := s.item(';', ':')
	key := s.v[is:max(colon, is)]
	c, ok := s.at()
	switch s.kind {
	case ErrDelimiter:
		return "item " + snippet(s.v[is:ie]) + " has no ':'; ot= items are key:value, separated by ';'"
	case ErrKey:
		switch {
		case !ok || c == ':' && s.off == is:
			return "the key is empty; ot= items are key:value"
		case 'A' <= c && c <= 'Z':
			return "uppercase '" + string(rune(c)) + "' in a key; ot= keys are lowercase"
		case s.off == is && colon > is && s.v[is] >= 'a' && s.v[is] <= 'z':
			return "key " + snippet(key) + " appears twice in the ot= value"
		case s.off == is:
			return "an ot= key starts with a lowercase letter, not " + s.char()
		}
		return s.char() + " is not allowed in an ot= key; keys are lowercase letters and digits"
	case ErrLength:
		n := ie - colon - 1
		if key == "rv" {
			return "rv has " + plural(n, "character") + "; it is exactly 14 lowercase hex digits"
		}
		if n == 0 {
			return "th is empty; it is 1 to 14 lowercase hex digits"
		}
		return "th has " + plural(n, "character") + "; it is 1 to 14 lowercase hex digits"
	case ErrValue:
		switch {
		case (key == "th" || key == "rv") && ok && isUpperHex(c):
			return "uppercase hex; OpenTelemetry requires lowercase in " + key
		case key == "th" || key == "rv":
			return notHex(s.v, s.off) + " in " + key + "; it is lowercase hex"
		}
		return s.char() + " is not allowed in an ot= value; values are letters, digits, '.', '_' and '-'"
	}
	return ""
}
