package tracewire

import (
	"strings"

	"github.com/tracewire/tracewire/internal/decimal"
)

// hintB3 explains errors in a b3 single-header value.
func hintB3(s spot) string {
	const form = "{trace id}-{span id}[-{sampling}[-{parent span id}]], or a bare 0, 1 or d"
	trace := idSpec{name: "trace id", in: "b3", min: 16, max: 32, two: true, lower: "B3", seps: "-"}
	span := idSpec{name: "span id", in: "b3", min: 16, max: 16, lower: "B3", seps: "-"}
	parent := idSpec{name: "parent span id", in: "b3", min: 16, max: 16, lower: "B3", seps: "-"}
	specs := [...]idSpec{trace, span, parent, parent}
	lo, hi := s.trimmed()
	_, ok := s.at()
	start := fieldStart(s.v, lo, s.off, "-")
	field := 0
	if s.known() {
		field = min(strings.Count(s.v[lo:max(lo, s.off)], "-"), 3)
	}
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; b3 is " + form
	case ErrTraceID:
		if s.known() && isBoolWord(s.v[lo:hi]) {
			return "b3 writes a bare decision as 1 or 0, not true or false"
		}
		return s.idHint(lo, trace)
	case ErrSpanID:
		return s.idHint(start, span)
	case ErrParentSpanID:
		if s.known() && strings.Trim(s.v[start:fieldEnd(s.v, start, hi, "-")], "0") == "" && ok {
			return "the parent span id is all zeros; leave the parent out when there is none"
		}
		return s.idHint(start, parent)
	case ErrZeroTraceID:
		return zeroID("trace id", "B3")
	case ErrZeroSpanID:
		return zeroID("span id", "B3")
	case ErrLength:
		switch {
		case !s.known():
			return "the trace id is 16 or 32 hex digits, the span ids 16; b3 is " + form
		case s.atEnd() && s.off > lo && s.v[s.off-1] == '-' && field == 3:
			return "the value ends after '-', without the parent span id: add it or drop the '-'"
		case s.atEnd() && field == 0 && (s.off-lo == 16 || s.off-lo == 32):
			return "the value ends after the trace id; b3 needs '-' and a 16-hex-digit span id next"
		case field == 0 && hi-lo <= 2 && s.atEnd():
			return s.idHint(lo, trace) + "; a bare decision is one character: 0, 1 or d"
		}
		return s.idHint(start, specs[field])
	case ErrSampling:
		if !s.known() {
			return "the sampling state is 0 (deny), 1 (accept) or d (debug)"
		}
		f := s.v[s.off:fieldEnd(s.v, s.off, hi, "-")]
		switch {
		case f == "D":
			return "'D': the debug state is a lowercase d"
		case hi-lo == 1:
			return snippet(s.v[lo:hi]) + " is not a sampling state; a bare b3 decision is 0, 1 or d"
		case f == "":
			return "the sampling state is missing after '-'; it is 0, 1 or d"
		case isBoolWord(f):
			return "b3 writes the sampling state as 1 or 0, not true or false"
		case len(f) == 16 && hexRun(f, 0) == 16:
			return "a parent span id where the sampling state belongs; b3 puts the state first: {trace id}-{span id}-{state}-{parent span id}"
		case len(f) > 1 && strings.IndexByte("01d", f[0]) >= 0:
			return describe(s.v, s.off+1) + " after the sampling state; it is one character, then '-' or the end"
		}
		return snippet(f) + " is not a sampling state; b3 uses 0 (deny), 1 (accept) or d (debug)"
	case ErrDelimiter:
		if !s.known() {
			return "b3 fields are separated by '-': " + form
		}
		return s.wrongSep('-') + "; b3 fields are separated by '-'"
	case ErrTrailingData:
		if !s.known() {
			return "b3 has at most four fields: " + form
		}
		return s.char() + " after the parent span id; b3 has at most four fields"
	}
	return ""
}

// isBoolWord reports whether w is "true" or "false" in any case.
func isBoolWord(w string) bool {
	return strings.EqualFold(w, "true") || strings.EqualFold(w, "false")
}

// hintB3Multi explains errors in the x-b3-* headers, each holding one
// field.
func hintB3Multi(s spot, header string) string {
	lo, _ := s.trimmed()
	c, ok := s.at()
	switch header {
	case "x-b3-traceid":
		trace := idSpec{name: "trace id", in: header, min: 16, max: 32, two: true, lower: "B3"}
		switch s.kind {
		case ErrMissingField:
			return "x-b3-traceid is missing, but other x-b3-* headers arrived; B3 needs both ids (a decision alone travels in x-b3-sampled)"
		case ErrZeroTraceID:
			return zeroID("trace id", "B3")
		case ErrTrailingData:
			return s.char() + " after the trace id; x-b3-traceid holds the id alone"
		}
		return s.idHint(lo, trace)
	case "x-b3-spanid":
		span := idSpec{name: "span id", in: header, min: 16, max: 16, lower: "B3"}
		switch s.kind {
		case ErrMissingField:
			return "x-b3-spanid is missing; B3 needs it beside x-b3-traceid"
		case ErrZeroSpanID:
			return zeroID("span id", "B3")
		case ErrTrailingData:
			return s.char() + " after the span id; x-b3-spanid holds the id alone"
		}
		return s.idHint(lo, span)
	case "x-b3-parentspanid":
		parent := idSpec{name: "parent span id", in: header, min: 16, max: 16, lower: "B3"}
		switch {
		case s.kind == ErrTrailingData:
			return s.char() + " after the parent span id; x-b3-parentspanid holds the id alone"
		case s.known() && s.kind == ErrParentSpanID && ok && strings.Trim(strings.Trim(s.v, " \t"), "0") == "" && s.off == lo:
			return "the parent span id is all zeros; leave x-b3-parentspanid out when there is no parent"
		}
		return s.idHint(lo, parent)
	case "x-b3-sampled":
		if !s.known() || !ok {
			return "x-b3-sampled is 1 or 0 (true and false are read too)"
		}
		return snippet(strings.Trim(s.v, " \t")) + " is not a decision; x-b3-sampled is 1 or 0 (true and false are read too)"
	}
	_ = c
	return ""
}

// jaegerField returns which field of an uber-trace-id value the offset
// is in (0 to 3) and where that field starts; delimiters are ":" or
// "%3A".
func (s spot) jaegerField(lo int) (field, start int) {
	start = lo
	for i := lo; i < s.off && i < len(s.v); i++ {
		switch {
		case s.v[i] == ':':
			field, start = field+1, i+1
		case jaegerPct(s.v, i):
			field, start = field+1, i+3
			i += 2
		}
	}
	return min(field, 3), start
}

func jaegerPct(v string, i int) bool {
	return v[i] == '%' && i+2 < len(v) && v[i+1] == '3' && v[i+2]|0x20 == 'a'
}

// hintJaeger explains errors in an uber-trace-id value.
func hintJaeger(s spot) string {
	const form = "{trace id}:{span id}:{parent span id}:{flags}"
	specs := [...]idSpec{
		{name: "trace id", in: "uber-trace-id", min: 1, max: 32, seps: ":%"},
		{name: "span id", in: "uber-trace-id", min: 1, max: 16, seps: ":%"},
		{name: "parent span id", in: "uber-trace-id", min: 1, max: 16, seps: ":%"},
		{name: "flags", in: "uber-trace-id", min: 1, max: 2, seps: ":%"},
	}
	lo, hi := s.trimmed()
	c, ok := s.at()
	field, start := 0, lo
	if s.known() {
		field, start = s.jaegerField(lo)
	}
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; uber-trace-id is " + form
	case ErrZeroTraceID:
		return zeroID("trace id", "Jaeger")
	case ErrZeroSpanID:
		return zeroID("span id", "Jaeger")
	case ErrDelimiter:
		switch {
		case !s.known():
			return "uber-trace-id is " + form + ", with every ':' or none written as %3A"
		case s.atEnd():
			return "uber-trace-id has " + itoa(field+1) + " of its 4 fields; it is " + form
		case c == ':' || c == '%':
			return "the value mixes ':' and %3A; encode every ':' or none"
		}
		return s.wrongSep(':') + "; uber-trace-id is " + form
	case ErrTrailingData:
		return "a fifth field after the flags; uber-trace-id is " + form
	case ErrLength:
		if !s.known() {
			return "the trace id is 1 to 32 hex digits, the span ids 1 to 16, the flags 1 or 2"
		}
		if field == 3 {
			return "the flags have " + itoa(hexRun(s.v, start)-start) + " hex digits; uber-trace-id takes 1 or 2, such as 1 (sampled)"
		}
		return s.idHint(start, specs[field])
	case ErrTraceID, ErrSpanID, ErrParentSpanID, ErrFlags:
		if !s.known() {
			break
		}
		f := specs[field]
		switch {
		case c == '%' && s.off+3 <= hi:
			return snippet(s.v[s.off:s.off+3]) + " is not an encoded ':' (%3A)"
		case c == '%':
			return snippet(s.v[s.off:hi]) + " is cut short; an encoded ':' is %3A"
		case s.kind == ErrParentSpanID && s.off == start && (!ok || c == ':'):
			return "the parent span id is empty; write 0 when there is none"
		case s.kind == ErrFlags && s.off == start && (!ok || s.off == hi):
			return "the flags are empty; write 1 (sampled) or 0"
		case s.kind == ErrFlags && c == '-' && s.off == start:
			return "negative flags; the flags are 1 or 2 hex digits, such as 1 (sampled)"
		case s.kind == ErrFlags && c == ',':
			return "',' after the flags: several uber-trace-id values joined; send one"
		}
		return s.idHint(start, f)
	}
	switch s.kind {
	case ErrTraceID:
		return "the trace id is 1 to 32 hex digits; uber-trace-id is " + form
	case ErrSpanID:
		return "the span id is 1 to 16 hex digits; uber-trace-id is " + form
	case ErrParentSpanID:
		return "the parent span id is 1 to 16 hex digits, or 0 for none; uber-trace-id is " + form
	case ErrFlags:
		return "the flags are 1 or 2 hex digits, such as 1 (sampled); uber-trace-id is " + form
	}
	return ""
}

// hintUberctx explains errors in a Jaeger uberctx-* baggage value.
func hintUberctx(s spot) string {
	if s.kind != ErrEscape {
		return ""
	}
	if !s.known() {
		return "uberctx-* values are percent-encoded: '%' needs two hex digits after it; a literal '%' is %25"
	}
	esc := s.v[s.off:min(len(s.v), s.off+3)]
	return snippet(esc) + " is not an escape: '%' needs two hex digits after it; a literal '%' is %25"
}

// hintXRay explains errors in an X-Amzn-Trace-Id value (or Lambda's
// _X_AMZN_TRACE_ID).
func hintXRay(s spot) string {
	const root = "Root must be 1-{8 hex epoch}-{24 hex}"
	const form = "Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled={0, 1 or ?}"
	if s.kind == ErrEmpty {
		return "the value is empty; X-Ray sends " + form
	}
	if !s.known() {
		switch s.kind {
		case ErrVersion, ErrDelimiter, ErrTraceID:
			return root
		case ErrSpanID, ErrLength:
			return "X-Ray ids are hex of fixed widths: " + form
		case ErrSampling:
			return "Sampled is 0, 1 or ?"
		case ErrMissingField:
			return "no Root field; X-Ray needs " + form
		case ErrKey, ErrMember:
			return "X-Ray fields are Name=value, separated by ';', each of Root, Parent and Sampled at most once"
		case ErrZeroTraceID:
			return zeroID("the trace id in Root", "X-Ray")
		case ErrZeroSpanID:
			return zeroID("Parent", "X-Ray")
		}
		return ""
	}
	fs, fe, eq := s.item(';', '=')
	name := s.v[fs:max(eq, fs)]
	vs := eq + 1
	c, ok := s.at()
	switch s.kind {
	case ErrVersion:
		if val := s.v[vs:fe]; len(val) == 32 && hexRun(val, 0) == 32 {
			return "Root is a bare 32-digit trace id; X-Ray writes it as 1-" + val[:8] + "-" + val[8:]
		}
		return root + "; it starts with version 1, not " + s.char()
	case ErrDelimiter:
		if s.off >= fe {
			if s.off-vs <= 2 {
				return "Root ends after its version; " + root
			}
			return "Root ends after its epoch, without the 24-hex-digit part; " + root
		}
		return s.wrongSep('-') + "; " + root
	case ErrTraceID:
		switch {
		case s.off == vs && (!ok || s.off >= fe):
			return "Root is empty; " + root
		case c == '-' && s.off > 0 && s.v[s.off-1] == '-':
			return "the epoch in Root is empty; " + root
		case ok && s.off >= fe:
			return "Root ends early; " + root
		}
		return notHex(s.v, s.off) + " in Root; " + root
	case ErrSpanID:
		return s.idHint(vs, idSpec{name: "parent id", in: "X-Ray", min: 16, max: 16, seps: ";"})
	case ErrLength:
		switch name {
		case "Root":
			dash := strings.LastIndexByte(s.v[vs:max(vs, s.off)], '-') + vs
			run := hexRun(s.v, dash+1) - dash - 1
			switch {
			case dash == vs+1 && run == 24:
				return "Root has no epoch: " + root
			case dash == vs+1:
				return "the epoch in Root has more than 8 hex digits; " + root
			}
			return "the last part of Root has " + itoa(run) + " hex digits; " + root
		case "Parent":
			return s.idHint(vs, idSpec{name: "parent id", in: "X-Ray", min: 16, max: 16, seps: ";"})
		case "Sampled":
			return "Sampled is one character: 0, 1 or ?"
		}
	case ErrKey:
		switch {
		case c == '=' && s.off == fs:
			return "a field with no name before '='"
		case s.off == fs && (name == "Root" || name == "Parent" || name == "Sampled"):
			return name + " appears twice; X-Ray allows Root, Parent and Sampled once each"
		case c == ' ' || c == '\t':
			return "a space in the field name " + snippet(strings.TrimRight(name, " \t")) + "; X-Ray has no spaces around '='"
		}
		return s.char() + " is not allowed in a field name"
	case ErrMember:
		return "field " + snippet(s.v[fs:fe]) + " has no '='; X-Ray fields are Name=value, separated by ';'"
	case ErrMissingField:
		if strings.Contains(s.v, "root=") {
			return "no Root field; field names are case-sensitive, and root is not Root"
		}
		return "no Root field; X-Ray needs " + form
	case ErrSampling:
		if !ok || s.off >= fe {
			return "Sampled is empty; it is 0, 1 or ?"
		}
		return "Sampled is 0, 1 or ?, not " + s.char()
	case ErrValue:
		return s.char() + " in a field value; X-Ray values are printable ASCII"
	case ErrZeroTraceID:
		return zeroID("the trace id in Root", "X-Ray")
	case ErrZeroSpanID:
		return zeroID("Parent", "X-Ray")
	}
	return ""
}

// hintOTTrace explains errors in the ot-tracer-* headers.
func hintOTTrace(s spot, header string) string {
	lo, hi := s.trimmed()
	c, _ := s.at()
	switch s.kind {
	case ErrEmpty:
		return "ot-tracer-traceid and ot-tracer-spanid are empty; send both ids or leave the headers out"
	case ErrMissingField:
		if header == "ot-tracer-spanid" {
			return "ot-tracer-spanid is missing; OT needs it beside ot-tracer-traceid"
		}
		return "ot-tracer-traceid is missing, but other ot-tracer-* headers arrived; OT needs both ids"
	case ErrZeroTraceID:
		return zeroID("trace id", "")
	case ErrZeroSpanID:
		return zeroID("span id", "")
	case ErrSampling:
		if !s.known() {
			return "ot-tracer-sampled is true, false, 1 or 0"
		}
		return snippet(s.v[lo:hi]) + " is not a decision; ot-tracer-sampled is true, false, 1 or 0"
	}
	f := idSpec{name: "trace id", in: header, min: 1, max: 32}
	if header == "ot-tracer-spanid" {
		f = idSpec{name: "span id", in: header, min: 1, max: 16}
	}
	switch {
	case !s.known():
	case c == '-' && s.off == lo:
		return "a negative number; OT ids are unsigned hex"
	case c == '-' && s.off == lo+2 && strings.Count(s.v[lo:hi], "-") == 3:
		return "this looks like a traceparent value; " + header + " holds the " + f.name + " alone, " + f.width()
	}
	return s.idHint(lo, f)
}

// hintCloudTrace explains errors in an X-Cloud-Trace-Context value.
func hintCloudTrace(s spot) string {
	const form = "{32 lowercase hex trace id}/{decimal span id};o={1 to trace, 0 not to}, the option optional"
	const in = "X-Cloud-Trace-Context"
	trace := idSpec{name: "trace id", in: in, min: 32, max: 32, lower: "Google Cloud", seps: "/;"}
	lo, hi := s.trimmed()
	c, ok := s.at()
	slash := -1
	if s.known() {
		slash = strings.IndexByte(s.v[lo:max(lo, min(s.off, hi))], '/')
		if slash >= 0 {
			slash += lo
		}
	}
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; " + in + " is " + form
	case ErrZeroTraceID:
		return zeroID("trace id", "Google Cloud")
	case ErrZeroSpanID:
		return "the span id is 0; it must be a nonzero decimal number"
	case ErrMissingField:
		return "a trace id alone; " + in + " is " + form
	case ErrTraceID:
		return s.idHint(lo, trace)
	case ErrLength:
		switch {
		case !s.known():
			return in + " is " + form
		case slash >= 0:
			return "the span id has more than 20 digits; it is a decimal number of at most 64 bits"
		}
		return s.idHint(lo, trace)
	case ErrDelimiter:
		switch {
		case !s.known():
			return in + " is " + form
		case c == '-':
			return "'-' where '/' belongs: this looks like sentry-trace or b3; " + in + " is " + form
		case c == ';':
			return "';' right after the trace id, without '/' and the span id; " + in + " is " + form
		}
		return s.wrongSep('/') + "; " + in + " is " + form
	case ErrSpanID:
		switch {
		case !s.known() || slash < 0:
			return "the span id is a decimal number of at most 64 bits"
		case c == '/':
			return "a second '/'; " + in + " holds one span id"
		case c == ' ' && strings.HasPrefix(strings.TrimLeft(s.v[s.off:], " \t"), ";"):
			return "a space before ';'; " + in + " has no spaces inside"
		}
		return s.decimalHint(slash+1, "span id", in, false)
	case ErrFlags:
		switch {
		case !s.known():
			return "after ';' comes the option o=1 or o=0"
		case !ok && s.off > 0 && s.v[s.off-1] == ';':
			return "';' with no option after it; write ;o=1 or ;o=0, or drop the ';'"
		case !ok:
			return "'o' without '='; the option is o=1 or o=0"
		case c == ' ' || c == '\t':
			return s.char() + " after ';'; the option is written ;o=1 with no spaces"
		case c == 'O':
			return "uppercase 'O'; the option is a lowercase o: ;o=1"
		case s.off > 0 && s.v[s.off-1] == 'o':
			return s.wrongSep('=') + "; the option is o=1 or o=0"
		}
		return "unknown option " + snippet(s.v[s.off:max(s.off, hi)]) + "; the only option is o=1 or o=0"
	case ErrSampling:
		if !ok {
			return "o= needs a digit: 1 to trace, 0 not to"
		}
		return s.char() + " is not a digit; the option is o=1 (trace) or o=0"
	case ErrTrailingData:
		switch {
		case !s.known():
			return "nothing may follow the option digit"
		case decimal.IsDigit(c):
			return "the option is one digit: o=1 or o=0"
		case c == ';':
			return "a second option; " + in + " carries one, o=1 or o=0"
		}
		return s.char() + " after the option; nothing may follow it"
	}
	return ""
}

// hintSentry explains errors in a sentry-trace value.
func hintSentry(s spot) string {
	const form = "{32 hex trace id}-{16 hex span id}-{sampled 1 or 0}, the flag optional"
	trace := idSpec{name: "trace id", in: "sentry-trace", min: 32, max: 32, seps: "-"}
	span := idSpec{name: "span id", in: "sentry-trace", min: 16, max: 16, seps: "-"}
	lo, hi := s.trimmed()
	c, ok := s.at()
	start := fieldStart(s.v, lo, s.off, "-")
	field := 0
	if s.known() {
		field = strings.Count(s.v[lo:max(lo, s.off)], "-")
	}
	specs := [...]idSpec{trace, span}
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; sentry-trace is " + form
	case ErrZeroTraceID:
		return zeroID("trace id", "")
	case ErrZeroSpanID:
		return zeroID("span id", "")
	case ErrMissingField:
		return "a trace id alone; sentry-trace is " + form
	case ErrTraceID, ErrSpanID, ErrLength:
		switch {
		case !s.known() || field > 1:
			return "sentry-trace is " + form
		case hi-lo == 55 && strings.Count(s.v[lo:hi], "-") == 3 && s.v[lo+2] == '-':
			return "this is a traceparent value; sentry-trace is " + form
		}
		return s.idHint(start, specs[field])
	case ErrSampling:
		if !s.known() {
			return "the sampled flag is 1 or 0"
		}
		f := s.v[s.off:fieldEnd(s.v, s.off, hi, "-,")]
		switch {
		case f == "":
			return "the sampled flag is missing after '-'; it is 1 or 0, or leave out the '-'"
		case f == "d":
			return "sentry-trace has no debug flag; the sampled flag is 1 or 0"
		case isBoolWord(f):
			return "the sampled flag is 1 or 0, not true or false"
		}
		return snippet(f) + " is not a sampled flag; it is 1 or 0"
	case ErrTrailingData:
		switch {
		case !s.known():
			return "nothing may follow the sampled flag"
		case decimal.IsDigit(c):
			return "the sampled flag is one character, 1 or 0"
		case c == '-':
			return "'-' after the sampled flag; sentry-trace has at most three fields"
		}
		return s.char() + " after the sampled flag; nothing may follow it"
	case ErrDelimiter:
		if !ok && !s.known() {
			return "sentry-trace is " + form
		}
		return s.wrongSep('-') + "; sentry-trace is " + form
	}
	return ""
}

// hintDatadog explains errors in the x-datadog-* headers.
func hintDatadog(s spot, header string) string {
	lo, hi := s.trimmed()
	c, ok := s.at()
	switch header {
	case "x-datadog-trace-id":
		switch s.kind {
		case ErrMissingField:
			return "x-datadog-trace-id is missing, but other x-datadog-* headers arrived; Datadog needs the trace id"
		case ErrZeroTraceID:
			return "the trace id is 0; Datadog needs a nonzero trace id"
		}
		return s.decimalHint(lo, "trace id", header, true)
	case "x-datadog-parent-id":
		switch s.kind {
		case ErrMissingField:
			return "x-datadog-parent-id is missing; only traces with origin synthetics may leave it out"
		case ErrZeroSpanID:
			return "the parent id is 0; only traces with origin synthetics may send 0"
		}
		return s.decimalHint(lo, "parent id", header, true)
	case "x-datadog-sampling-priority":
		switch {
		case !s.known():
		case c == '+':
			return "a '+' sign; the priority is -1, 0, 1 or 2"
		case decimal.IsDigit(c) && s.off > lo && decimal.IsDigit(s.v[lo]):
			if s.v[lo] == '0' {
				return "a leading zero; the priority is -1, 0, 1 or 2"
			}
			return snippet(s.v[lo:hi]) + " is not a priority; it is a whole number: -1, 0, 1 or 2"
		case c == '.':
			return "the priority is a whole number: -1, 0, 1 or 2"
		case ok:
			return snippet(s.v[lo:hi]) + " is not a priority; Datadog sends -1, 0, 1 or 2"
		}
		return "the priority is -1, 0, 1 or 2"
	case "x-datadog-origin":
		if !s.known() {
			return "the origin must be printable ASCII"
		}
		return s.char() + " in the origin; it must be printable ASCII"
	case "x-datadog-tags":
		return hintDatadogTags(s)
	}
	return ""
}

// hintDatadogTags explains errors in x-datadog-tags: key=value tags,
// separated by ",", at most 512 bytes.
func hintDatadogTags(s spot) string {
	if s.kind == ErrTooLong {
		return "the tags are longer than 512 bytes; Datadog drops them whole"
	}
	if !s.known() {
		switch s.kind {
		case ErrKey, ErrMember, ErrValue:
			return "tags are key=value, separated by ',' without spaces; keys appear once and values are not empty"
		case ErrLength, ErrTraceID:
			return "_dd.p.tid is the trace id's high 64 bits, 16 lowercase hex digits"
		}
		return ""
	}
	ms, me, eq := s.item(',', '=')
	key := s.v[ms:max(eq, ms)]
	c, ok := s.at()
	switch s.kind {
	case ErrKey:
		switch {
		case c == '=' && s.off == ms:
			return "a tag with an empty key"
		case c == ' ' || c == '\t':
			return "a space in a tag key; tags are separated by ',' without spaces"
		case s.off == ms:
			return "tag " + snippet(key) + " appears twice"
		}
		return s.char() + " is not allowed in a tag key"
	case ErrMember:
		if ms == me {
			return "an empty tag: a ',' at the end, or two in a row"
		}
		return "tag " + snippet(s.v[ms:me]) + " has no '='; tags are key=value, separated by ','"
	case ErrValue:
		if !ok || c == ',' {
			return "tag " + snippet(key) + " has an empty value"
		}
		return s.char() + " in a tag value; values are printable ASCII"
	case ErrLength, ErrTraceID:
		return s.idHint(eq+1, idSpec{name: "_dd.p.tid", in: "Datadog", min: 16, max: 16, lower: "Datadog", seps: ","})
	}
	return ""
}

// hintDatadogMember explains errors in the value of Datadog's dd=
// tracestate member: items key:value separated by ";".
func hintDatadogMember(s spot) string {
	switch s.kind {
	case ErrTooLong:
		return "the dd= member is longer than 256 characters with its key; Datadog drops it whole"
	case ErrEmpty:
		return "the dd= member is empty"
	}
	is, ie, colon := s.item(';', ':')
	key := s.v[is:max(colon, is)]
	c, ok := s.at()
	switch s.kind {
	case ErrMember:
		return "item " + snippet(s.v[is:ie]) + " has no ':'; dd= items are key:value, separated by ';'"
	case ErrKey:
		switch {
		case s.off == is:
			return "key " + snippet(key) + " appears twice in the dd= member; the first counts"
		case c == ':':
			return "'t.' with no tag name after it"
		}
		return s.char() + " is not allowed in a tag key"
	case ErrSampling:
		return "s: is the priority, -1, 0, 1 or 2, not " + snippet(s.v[colon+1:ie])
	case ErrParentSpanID, ErrLength:
		return s.idHint(colon+1, idSpec{name: "p: value", in: "the dd= member", min: 16, max: 16, lower: "Datadog", seps: ";"})
	case ErrValue:
		if !ok || c == ';' {
			return "item " + snippet(key) + " has an empty value"
		}
		return s.char() + " is not allowed in a tracestate value"
	}
	return ""
}

// hintGRPC explains errors in a grpc-trace-bin value: base64 text, or the
// raw bytes a gRPC library hands over.
func hintGRPC(s spot) string {
	const layout = "29 bytes: version 0, then field 0 (16-byte trace id), field 1 (8-byte span id) and field 2 (1-byte options)"
	lo, hi := s.trimmed()
	c, ok := s.at()
	switch s.kind {
	case ErrEmpty:
		return "the value is empty; grpc-trace-bin is the base64 of " + layout
	case ErrZeroTraceID:
		return zeroID("trace id", "")
	case ErrZeroSpanID:
		return zeroID("span id", "")
	case ErrTrailingData:
		return "',' after the value: several grpc-trace-bin values joined; send one"
	case ErrValue:
		switch {
		case !s.known():
			return "grpc-trace-bin is standard base64, with '+' and '/', padded or not"
		case hi-lo > 3 && s.v[lo+2] == '-' && strings.Count(s.v[lo:hi], "-") == 3:
			return "this is a traceparent value; grpc-trace-bin is the base64 of " + layout
		case c == '-' || c == '_':
			return s.char() + " is from the URL-safe alphabet; grpc-trace-bin is standard base64, with '+' and '/'"
		case c == '=' && strings.Trim(s.v[lo:hi], "=") == "":
			return "only padding; grpc-trace-bin is the base64 of " + layout
		case c == '=':
			return "'=' where no padding belongs; grpc-trace-bin is 39 base64 characters, or 40 with one '='"
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return s.char() + " inside the base64 text"
		case ok:
			return s.char() + " is not a base64 character"
		}
	}
	b, text := grpcBytes(s.v)
	if !s.known() {
		b = nil
	}
	switch s.kind {
	case ErrVersion:
		if len(b) > 0 {
			return "version " + itoa(int(b[0])) + "; grpc-trace-bin knows only version 0 (its text starts with AA)"
		}
		return "grpc-trace-bin knows only version 0 (its text starts with AA)"
	case ErrLength:
		if text && s.known() && (s.off-lo)%4 == 1 && s.off == strings.IndexByte(s.v+"=", '=') {
			return "one base64 character after the last full group encodes no byte; the text is cut short"
		}
		if text && s.known() && ok && c == '=' || text && s.off == hi && hi > lo && s.v[hi-1] == '=' {
			return "incomplete padding; grpc-trace-bin is 39 base64 characters, or 40 with one '='"
		}
		if b != nil {
			if h := grpcCut(b); h != "" {
				return h
			}
		}
		return "the value is cut short; grpc-trace-bin is " + layout
	case ErrMissingField:
		if b != nil {
			if h := grpcMissing(b); h != "" {
				return h
			}
		}
		return "grpc-trace-bin needs field 0 (trace id) and field 1 (span id)"
	}
	return ""
}

// grpcBytes decodes a grpc-trace-bin value: raw bytes as they are, base64
// text as far as it goes. text reports which it was: a value with a byte
// that base64 text never holds is raw.
func grpcBytes(v string) (b []byte, text bool) {
	for i := 0; i < len(v); i++ {
		if strings.IndexByte(grpcAlphabet+"= \t,", v[i]) < 0 {
			return []byte(v), false
		}
	}
	var acc uint32
	bits := 0
	for i := 0; i < len(v); i++ {
		d := strings.IndexByte(grpcAlphabet, v[i])
		if d < 0 {
			if v[i] == ' ' || v[i] == '\t' {
				continue
			}
			break
		}
		acc = acc<<6 | uint32(d)
		if bits += 6; bits >= 8 {
			bits -= 8
			b = append(b, byte(acc>>bits))
		}
	}
	return b, true
}

const grpcAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// grpcFieldLen is the length of the value of a known grpc-trace-bin
// field, or 0.
func grpcFieldLen(id byte) int {
	switch id {
	case 0:
		return 16
	case 1:
		return 8
	case 2:
		return 1
	}
	return 0
}

var grpcFieldNames = [3]string{"field 0, the trace id", "field 1, the span id", "field 2, the options"}

// grpcCut names the field a decoded grpc-trace-bin value ends inside.
func grpcCut(b []byte) string {
	for i := 1; i < len(b); {
		n := grpcFieldLen(b[i])
		if n == 0 {
			return ""
		}
		if i+1+n > len(b) {
			return grpcFieldNames[b[i]] + ", is cut short: " + plural(len(b)-i-1, "byte") + " of " + itoa(n)
		}
		i += 1 + n
	}
	return ""
}

// grpcMissing names the id a decoded grpc-trace-bin value lacks.
func grpcMissing(b []byte) string {
	var seen [3]bool
	for i := 1; i < len(b); {
		n := grpcFieldLen(b[i])
		if n == 0 || seen[b[i]] {
			if !seen[0] || !seen[1] {
				return "field id " + itoa(int(b[i])) + " is unknown or repeated, and decoding stops there, before both ids came"
			}
			return ""
		}
		seen[b[i]] = true
		i += 1 + n
	}
	switch {
	case !seen[0]:
		return "no trace id (field 0); grpc-trace-bin needs the trace id and the span id"
	case !seen[1]:
		return "no span id (field 1); grpc-trace-bin needs the trace id and the span id"
	}
	return ""
}
