package traceparent

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/ows"
)

// stErrs is a List table (see tracewire.ErrorTable): Server-Timing is a
// list of metrics, and the trace metric need not come first.
var stErrs = tracewire.ErrorTable{Header: "server-timing", List: true}

// maxEscapedDesc bounds a quoted desc that uses backslash escapes, which
// must be unescaped into a stack buffer before parsing. No valid
// traceresponse value needs escaping, so only odd senders reach it.
const maxEscapedDesc = 128

// ParseServerTiming finds the "trace" metric (name matched ASCII
// case-insensitively) in a Server-Timing header value and parses its desc
// parameter, a token or quoted-string, as a traceresponse value: the Trace
// Context Level 3 editor's draft replaces the traceresponse header with
//
//	server-timing: trace;desc=00-<trace-id>-<child-id>-<flags>
//
// Other metrics and parameters, before and after it, are skipped with the
// Server-Timing list syntax, so commas and semicolons inside their quoted
// strings do no harm; a malformed metric other than "trace" is skipped up
// to the next comma. The first "trace" metric wins, and so does its first
// desc. Errors name header "server-timing" and index s: ErrMissingField
// when there is no trace metric, or it has no desc; ErrValue for an
// unterminated quoted desc; otherwise the traceparent kinds.
func ParseServerTiming(s string) (tracewire.SpanContext, error) {
	n := len(s)
	pos := 0
	for {
		for pos < n && (ows.Is(s[pos]) || s[pos] == ',') {
			pos++
		}
		if pos >= n {
			break
		}
		start := pos
		for pos < n && ascii.IsTokenChar(s[pos]) {
			pos++
		}
		isTrace := ascii.EqualFoldLower(s[start:pos], "trace")
		if pos == start {
			pos = skipToComma(s, pos)
			continue
		}
		for {
			p := ows.Skip(s, pos)
			if p >= n || s[p] != ';' {
				pos = p
				break
			}
			p = ows.Skip(s, p+1)
			ps := p
			for p < n && ascii.IsTokenChar(s[p]) {
				p++
			}
			isDesc := ascii.EqualFoldLower(s[ps:p], "desc")
			p = ows.Skip(s, p)
			if p >= n || s[p] != '=' {
				pos = p
				continue // a parameter without a value
			}
			p = ows.Skip(s, p+1)
			if p < n && s[p] == '"' {
				end, escaped := scanQuoted(s, p)
				if isTrace && isDesc {
					if end < 0 {
						return tracewire.SpanContext{}, stErrs.At(tracewire.ErrValue, p)
					}
					return parseQuotedDesc(s, p+1, end, escaped)
				}
				if end < 0 {
					return missing(s)
				}
				pos = end + 1
				continue
			}
			vs := p
			for p < n && !ows.Is(s[p]) && s[p] != ',' && s[p] != ';' {
				p++
			}
			if isTrace && isDesc {
				return parse(s[vs:p], &stErrs, vs)
			}
			pos = p
		}
		if isTrace {
			return tracewire.SpanContext{}, stErrs.At(tracewire.ErrMissingField, pos)
		}
		pos = skipToComma(s, pos)
	}
	return missing(s)
}

// missing reports a Server-Timing value without a trace metric.
func missing(s string) (tracewire.SpanContext, error) {
	if ows.Skip(s, 0) == len(s) {
		return tracewire.SpanContext{}, stErrs.At(tracewire.ErrEmpty, 0)
	}
	return tracewire.SpanContext{}, stErrs.At(tracewire.ErrMissingField, len(s))
}

// parseQuotedDesc parses the desc between the quotes at s[start-1] and
// s[end]. Without escapes the text is parsed in place; with them it is
// unescaped into a stack buffer and error offsets are mapped back to s.
func parseQuotedDesc(s string, start, end int, escaped bool) (tracewire.SpanContext, error) {
	if !escaped {
		return parse(s[start:end], &stErrs, start)
	}
	var buf [maxEscapedDesc]byte
	b := buf[:0]
	for i := start; i < end; i++ {
		if s[i] == '\\' {
			i++
		}
		if len(b) == len(buf) {
			return tracewire.SpanContext{}, stErrs.At(tracewire.ErrTooLong, start-1)
		}
		b = append(b, s[i])
	}
	sc, err := parse(b, &respErrs, 0)
	if err != nil {
		pe := err.(*tracewire.ParseError)
		// Walk the raw text to the unescaped byte the error points at.
		i, k := start, 0
		for ; i < end && k < pe.Offset(); i, k = i+1, k+1 {
			if s[i] == '\\' {
				i++
			}
		}
		return sc, stErrs.At(pe.Kind(), i)
	}
	return sc, nil
}

// scanQuoted returns the index of the quote closing the quoted-string that
// opens at s[q], or -1, and whether it holds a backslash escape.
func scanQuoted(s string, q int) (end int, escaped bool) {
	for i := q + 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return i, escaped
		case '\\':
			escaped = true
			i++
		}
	}
	return -1, escaped
}

// skipToComma returns the index of the next comma at or after pos that is
// not inside a quoted-string, or len(s).
func skipToComma(s string, pos int) int {
	for pos < len(s) {
		switch s[pos] {
		case ',':
			return pos
		case '"':
			end, _ := scanQuoted(s, pos)
			if end < 0 {
				return len(s)
			}
			pos = end
		}
		pos++
	}
	return pos
}

// AppendServerTiming appends the Server-Timing metric that carries sc as a
// traceresponse, "trace;desc=00-<trace-id>-<child-id>-<flags>", to dst, or
// nothing if sc is not valid. To add it to an existing Server-Timing list,
// append ", " first.
func AppendServerTiming(dst []byte, sc tracewire.SpanContext) []byte {
	return appendValue(dst, "trace;desc=", sc)
}
