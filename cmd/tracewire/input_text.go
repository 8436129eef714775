package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Reading text input. Every form is told apart by what it looks like,
// never by a flag: JSON starts with "{" or "[", a curl -v transcript has
// "> " and "< " lines, a raw HTTP message starts with a request or status
// line, and anything else is read line by line, each line being a header
// line, a log line with headers written into it, a JSON log record, or a
// bare header value recognised by its shape. A line that is none of these
// becomes a note with its line number, and reading goes on.

// note is a part of the input that could not be read. Its message is made
// only when shown, so that a megabyte of unreadable lines costs a small
// record per line, not a formatted message.
type note struct {
	text string   // the line, or the JSON member name
	err  *badJSON // noteJSON: the syntax error
	line int32    // 1-based, in the input (arguments joined one per line)
	kind noteKind // what is wrong
}

type noteKind uint8

const (
	noteNoColon  noteKind = iota // no "Name: value" shape
	noteBadName                  // a name that is not a token
	noteFoldNone                 // a continuation line with nothing to continue
	noteJSON                     // a line that starts like JSON and is not
	noteJSONKey                  // a JSON member name that cannot name a header
)

// badJSON is a JSON syntax error placed in the input.
type badJSON struct {
	line, col int
	msg       string
}

// noteText is a note as the report shows it.
func (in *input) noteText(n note) string {
	where := in.loc.at(int(n.line))
	switch n.kind {
	case noteBadName:
		name, _, _ := strings.Cut(n.text, ":")
		if strings.HasPrefix(n.text, ":") {
			rest, _, _ := strings.Cut(n.text[1:], ":")
			name = ":" + rest
		}
		return where + ": " + badNameText(name)
	case noteFoldNone:
		return where + ": a continuation line (starting with a space or tab) with no header before it to continue"
	case noteJSON:
		return fmt.Sprintf("%s: starts like JSON but is not valid JSON: %s at column %d", where, n.err.msg, n.err.col)
	case noteJSONKey:
		return where + ": JSON member " + badNameText(n.text)
	}
	return where + ": " + quoteShort(n.text) + " is not a \"Name: value\" header line, a log line naming a trace header, or a bare trace header value"
}

// badNameText says why name cannot be a header name, pointing at the
// first byte that is not allowed: "invalid header name "ot-baggage-d–76":
// '–' (U+2013) at byte 12 is not allowed in a header name".
func badNameText(name string) string {
	s := "invalid header name " + quoteShort(name)
	body := strings.TrimPrefix(name, ":")
	if body == "" {
		return s + ": the name is empty"
	}
	i := firstNonToken(body)
	if i < 0 {
		return s
	}
	i += len(name) - len(body)
	what := describeByte(name, i)
	if name[i] >= 0x80 {
		if r, size := utf8.DecodeRuneInString(name[i:]); r != utf8.RuneError || size > 1 {
			what = fmt.Sprintf("%q (U+%04X)", r, r)
		}
	}
	return fmt.Sprintf("%s: %s at byte %d is not allowed in a header name (letters, digits and !#$%%&'*+-.^_`|~ are)", s, what, i)
}

// parseText reads input text in whichever form it comes.
func parseText(text string, loc *locator) input {
	text = strings.TrimPrefix(text, "\ufeff")
	in := input{loc: loc}
	start := 0
	for start < len(text) && isJSONSpace(text[start]) {
		start++
	}
	if start < len(text) && (text[start] == '{' || text[start] == '[') {
		if parseJSONInput(text, start, &in) {
			return in
		}
	}
	switch first := firstLine(text); {
	case hasCurlLine(text):
		parseCurl(text, &in)
	case isRequestLine(first):
		parseHTTP(text, &in, "http-request", false)
	case isStatusLine(first):
		parseHTTP(text, &in, "http-response", true)
	default:
		parseLines(text, &in)
	}
	return in
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// eachLine calls f with every line of text and its 1-based number, a CR
// before the LF dropped; f returns false to stop.
func eachLine(text string, f func(n int, l string) bool) {
	for n := 1; text != ""; n++ {
		l, rest, _ := strings.Cut(text, "\n")
		if !f(n, strings.TrimSuffix(l, "\r")) {
			return
		}
		text = rest
	}
}

// firstLine returns the first line that is not blank.
func firstLine(text string) string {
	var first string
	eachLine(text, func(_ int, l string) bool {
		first = l
		return ows.Blank(l)
	})
	return first
}

// hasCurlLine reports whether any line is one of curl -v's request (">")
// or response ("<") lines.
func hasCurlLine(text string) bool {
	found := false
	eachLine(text, func(_ int, l string) bool {
		found = isCurlLine(l)
		return !found
	})
	return found
}

// isCurlLine reports whether l is one of curl -v's request (">") or
// response ("<") lines; a bare ">" or "<" is the blank line that ends a
// header block, with its trailing space lost to an editor.
func isCurlLine(l string) bool {
	return strings.HasPrefix(l, "> ") || strings.HasPrefix(l, "< ") || l == ">" || l == "<"
}

// parseCurl keeps the ">" and "<" lines of a curl -v transcript and ignores
// the rest ("*" notes, "{" and "}" data, the body). curl writes HTTP/2
// and HTTP/3 headers as lowercase "name: value" lines under an HTTP/1-like
// request line, and shows pseudo-headers only in its "*" notes.
func parseCurl(text string, in *input) {
	in.Format = "curl"
	var hs folder
	eachLine(text, func(n int, l string) bool {
		if !isCurlLine(l) {
			hs.open = false
			return true
		}
		resp := l[0] == '<'
		l = strings.TrimPrefix(l[1:], " ")
		switch {
		case ows.Blank(l):
			hs.open = false
		case isRequestLine(l):
			if in.Version == "" {
				in.Version = lastField(l)
			}
			in.Units++
		case isStatusLine(l):
			in.Units++
		default:
			in.headerLine(&hs, n, l, resp)
		}
		return true
	})
	in.Headers = hs.headers()
}

// headerLine reads line n of a header block: a header, a continuation of
// the one before, or a note.
func (in *input) headerLine(hs *folder, n int, l string, resp bool) {
	if ows.Is(l[0]) {
		if !hs.fold(l) {
			in.Notes = append(in.Notes, note{line: int32(n), kind: noteFoldNone, text: l})
		}
		return
	}
	name, value, ok := splitHeaderLine(l)
	if !ok {
		in.Notes = append(in.Notes, lineNote(n, l))
		hs.open = false
		return
	}
	hs.add(header{Name: name, Value: value, Response: resp})
}

// parseHTTP reads a raw HTTP message: a request or status line, then
// header lines up to the blank line that ends them; the body is ignored.
func parseHTTP(text string, in *input, format string, resp bool) {
	in.Format = format
	var hs folder
	started := false
	eachLine(text, func(n int, l string) bool {
		if !started {
			if ows.Blank(l) {
				return true
			}
			started = true
			if resp {
				in.Version, _, _ = strings.Cut(l, " ")
			} else {
				in.Version = lastField(l)
			}
			in.Units++
			return true
		}
		if ows.Blank(l) {
			return false // the body follows
		}
		in.headerLine(&hs, n, l, resp)
		return true
	})
	in.Headers = hs.headers()
}

func lastField(l string) string {
	f := strings.Fields(l)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// lineNote records l as unreadable, saying whether its name is the
// problem or its shape.
func lineNote(n int, l string) note {
	if c := strings.IndexByte(strings.TrimPrefix(l, ":"), ':'); c >= 0 {
		return note{line: int32(n), kind: noteBadName, text: l}
	}
	return note{line: int32(n), kind: noteNoColon, text: l}
}

// splitHeaderLine splits "Name: value", or an HTTP/2 pseudo-header
// ":name: value" as browsers' developer tools copy them, trimming OWS
// around the value as an HTTP parser does (error offsets then index the
// trimmed value). ok is false when the name is not a token.
func splitHeaderLine(l string) (name, value string, ok bool) {
	pseudo := strings.HasPrefix(l, ":")
	c := strings.IndexByte(l[btoi(pseudo):], ':')
	if c < 0 {
		return "", "", false
	}
	c += btoi(pseudo)
	name = l[:c]
	if !ascii.IsToken(name[btoi(pseudo):]) {
		return "", "", false
	}
	return name, ows.TrimString(l[c+1:]), true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isRequestLine reports whether l looks like "METHOD target HTTP/x".
func isRequestLine(l string) bool {
	f := strings.Fields(l)
	return len(f) == 3 && ascii.IsToken(f[0]) && strings.HasPrefix(f[2], "HTTP/")
}

// isStatusLine reports whether l looks like "HTTP/x 200 OK".
func isStatusLine(l string) bool {
	v, _, ok := strings.Cut(l, " ")
	return ok && strings.HasPrefix(v, "HTTP/") && !strings.Contains(v, ":")
}

// folder collects header lines, joining obsolete-folded continuation lines
// onto the header before them once that header is complete: appending
// them to its value one at a time would copy the value again for every
// line, quadratic work for a transcript of many short continuations.
type folder struct {
	hs    []header
	parts []string // trimmed continuation lines of the last header
	open  bool     // the last line read was a header or its continuation
}

func (f *folder) add(h header) {
	f.flush()
	f.hs = append(f.hs, h)
	f.open = true
}

// fold continues the last header with l, reporting false when there is no
// header to continue.
func (f *folder) fold(l string) bool {
	if !f.open {
		return false
	}
	f.parts = append(f.parts, ows.TrimString(l))
	return true
}

func (f *folder) flush() {
	if len(f.parts) > 0 {
		last := &f.hs[len(f.hs)-1]
		last.Value += " " + strings.Join(f.parts, " ")
		f.parts = f.parts[:0]
	}
}

func (f *folder) headers() []header {
	f.flush()
	return f.hs
}

// lineReader reads input line by line, as a header block or as a log.
type lineReader struct {
	in         *input
	block      folder
	blockLines []int   // the line of each block header
	entries    []entry // log lines and JSON values with trace headers
	logLines   int     // lines read as log lines
	jsonLines  int     // lines read as JSON values
	values     int     // bare values read
	lines      int     // lines that are not blank
	keep       []note  // notes that stand in a log too (malformed JSON)
}

// parseLines reads plain "Name: value" lines, or a log. A block of header
// lines is one request; a log is one request per line, and lines without
// trace headers are ordinary log lines, not problems.
func parseLines(text string, in *input) {
	r := &lineReader{in: in}
	eachLine(text, r.line)
	hs := r.block.headers()
	if len(r.entries) == 0 && r.jsonLines == 0 {
		in.Format, in.Headers = "lines", hs
		if r.values == 1 && r.lines == 1 {
			in.Format, in.Shape = "value", hs[0].Name
		}
		in.Units = r.lines
		return
	}
	// A log: header lines in it stand for a request each, like the other
	// lines.
	var lone []entry
	for i, h := range hs {
		if isTraceHeader(h.Name) {
			lone = append(lone, entry{Line: r.blockLines[i], Headers: hs[i : i+1 : i+1]})
		}
	}
	in.Entries = mergeByLine(r.entries, lone)
	in.Multi, in.Units, in.Notes = true, r.lines, r.keep
	in.Format = "log"
	if r.logLines == 0 && len(lone) == 0 {
		in.Format = "ndjson"
	}
}

// mergeByLine merges two lists of entries, each in line order.
func mergeByLine(a, b []entry) []entry {
	if len(b) == 0 {
		return a
	}
	out := make([]entry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].Line <= b[0].Line {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func (r *lineReader) line(n int, l string) bool {
	if ows.Blank(l) {
		r.block.open = false
		return true
	}
	r.lines++
	if l[0] == '#' {
		return true
	}
	if ows.Is(l[0]) {
		if r.block.fold(l) {
			return true
		}
		l = ows.TrimString(l) // an indented line, pasted from a document
	}
	r.block.open = false
	var jerr *badJSON
	if l[0] == '{' || l[0] == '[' {
		v, end, err := parseJSONAt(l, 0)
		if err == nil && strings.TrimLeft(l[end:], " \t") == "" {
			r.jsonLines++
			hs, notes := walkJSON(&v, l, n)
			hs = dropEmpty(hs)
			r.keep = append(r.keep, notes...)
			if hasTraceHeader(hs) {
				r.entries = append(r.entries, entry{Line: n, Headers: hs})
			}
			return true
		}
		if se, ok := err.(*jsonSyntaxError); ok {
			jerr = &badJSON{line: n, col: se.off + 1, msg: se.msg}
		} else {
			jerr = &badJSON{line: n, col: end + 1, msg: "data after the value"}
		}
	}
	name, value, isHeader := splitHeaderLine(l)
	if isHeader && isTraceHeader(name) {
		r.addHeader(n, header{Name: name, Value: value})
		return true
	}
	if found := scanLogLine(l, nil); len(found) > 0 {
		r.logLines++
		r.entries = append(r.entries, entry{Line: n, Headers: found})
		return true
	}
	if shape := valueShape(ows.TrimString(l)); shape != "" {
		r.values++
		r.addHeader(n, header{Name: shape, Value: ows.TrimString(l)})
		r.block.open = false
		return true
	}
	switch {
	case jerr != nil:
		nt := note{line: int32(n), kind: noteJSON, err: jerr}
		r.keep = append(r.keep, nt)
		r.in.Notes = append(r.in.Notes, nt)
	case isHeader:
		r.addHeader(n, header{Name: name, Value: value})
	default:
		r.in.Notes = append(r.in.Notes, lineNote(n, l))
	}
	return true
}

func (r *lineReader) addHeader(n int, h header) {
	r.block.add(h)
	r.blockLines = append(r.blockLines, n)
}

// dropEmpty removes the headers with empty values from a log record's,
// in place: a logger writes "" for a header the request did not carry.
func dropEmpty(hs []header) []header {
	out := hs[:0]
	for _, h := range hs {
		if h.Value != "" {
			out = append(out, h)
		}
	}
	return out
}

// hasTraceHeader reports whether hs holds a header that inspect reads:
// one of the trace formats, or a Server-Timing that names a "trace"
// metric, as a page's own response does for a browser's RUM agent.
func hasTraceHeader(hs []header) bool {
	for _, h := range hs {
		if isTraceHeader(h.Name) {
			return true
		}
	}
	_, ok := serverTimingTrace(hs)
	return ok
}

// headerKey maps a logged name to a header name: OpenTelemetry's semantic
// conventions log headers as http.request.header.<name> and
// http.response.header.<name>.
func headerKey(k string) (name string, response bool) {
	const req, resp = "http.request.header.", "http.response.header."
	switch {
	case hasPrefixFold(k, req) && len(k) > len(req):
		return k[len(req):], false
	case hasPrefixFold(k, resp) && len(k) > len(resp):
		return k[len(resp):], true
	}
	return k, false
}

// scanLogLine finds the trace headers written into a log line, appending
// them to hs: "traceparent: 00-…" as a message writes it, logfmt's
// traceparent=00-… and tracestate="a=1,b=2", a JSON fragment's
// "traceparent":"00-…", and Go's map[Traceparent:[00-…]]. A name counts
// only at the start of a word, so a URL's ?traceparent= query parameter is
// not taken for a header. One pass: each word is looked at once.
func scanLogLine(l string, hs []header) []header {
	for i := 0; i < len(l); {
		if !ascii.IsTokenChar(l[i]) {
			i++
			continue
		}
		j := i
		for j < len(l) && ascii.IsTokenChar(l[j]) {
			j++
		}
		k, ok := traceAssignment(l, i, j)
		if !ok {
			i = j
			continue
		}
		name, resp := headerKey(l[i:j])
		v, end := logValue(l, k)
		if v != "" { // a logger writes "" for a header the request lacked
			hs = append(hs, header{Name: name, Value: v, Response: resp})
		}
		i = end
	}
	return hs
}

// traceAssignment reports whether the word l[i:j] is a trace header name
// at the start of a word, followed by ":" or "=", and returns the index
// after that separator.
func traceAssignment(l string, i, j int) (int, bool) {
	if i > 0 && strings.IndexByte(" \t\"'{[(,;<>", l[i-1]) < 0 {
		return 0, false
	}
	if name, _ := headerKey(l[i:j]); !isTraceHeader(name) {
		return 0, false
	}
	k := j
	if k < len(l) && l[k] == '"' && i > 0 && l[i-1] == '"' {
		k++ // "traceparent": in a JSON fragment
	}
	k = ows.Skip(l, k)
	if k == len(l) || (l[k] != ':' && l[k] != '=') {
		return 0, false
	}
	return k + 1, true
}

// logValue reads the value that starts after the separator at l[k]: a
// quoted string (unquoted as Go and logfmt quote), a bracketed list of one
// (Go's %v of a header), or the text up to the next space that is not
// optional whitespace inside a list value (a space beside "," or ";"). It
// returns the index after the value.
func logValue(l string, k int) (string, int) {
	k = ows.Skip(l, k)
	if k == len(l) {
		return "", k
	}
	switch l[k] {
	case '"':
		for e := k + 1; e < len(l); e++ {
			switch l[e] {
			case '\\':
				e++
			case '"':
				raw := l[k : e+1]
				if !strings.Contains(raw, `\`) {
					return raw[1 : len(raw)-1], e + 1
				}
				if s, err := strconv.Unquote(raw); err == nil {
					return s, e + 1
				}
				return raw[1 : len(raw)-1], e + 1
			}
		}
		return l[k+1:], len(l) // unterminated: the rest of the line
	case '[':
		if e := strings.IndexByte(l[k:], ']'); e >= 0 {
			return ows.TrimString(l[k+1 : k+e]), k + e + 1
		}
	}
	e := k
	for e < len(l) {
		if !ows.Is(l[e]) {
			e++
			continue
		}
		ws := e
		e = ows.Skip(l, e)
		list := l[ws-1] == ',' || l[ws-1] == ';' || (e < len(l) && (l[e] == ',' || l[e] == ';'))
		if e == len(l) || !list || startsTraceAssignment(l, e) {
			e = ws
			break
		}
	}
	return strings.TrimRight(l[k:e], ",;"), e
}

// startsTraceAssignment reports whether a trace header assignment starts
// at l[i].
func startsTraceAssignment(l string, i int) bool {
	j := i
	for j < len(l) && ascii.IsTokenChar(l[j]) {
		j++
	}
	_, ok := traceAssignment(l, i, j)
	return j > i && ok
}

// valueShape names the header a bare value is, judged by its shape, or
// returns "" when the shape is not distinctive: a traceparent (version,
// ids and flags in hex, dash-separated, whatever the case or id widths, so
// that the parser can say what is wrong with it), a B3 single header with
// ids, or a Jaeger uber-trace-id.
func valueShape(v string) string {
	switch {
	case isTraceparentShape(v):
		return "traceparent"
	case isB3Shape(v):
		return "b3"
	case isUberShape(v):
		return "uber-trace-id"
	}
	return ""
}

// isHexRun reports whether s is minLen to maxLen hex digits of either
// case.
func isHexRun(s string, minLen, maxLen int) bool {
	return minLen <= len(s) && len(s) <= maxLen && hexid.AnyCaseRun(s, 0, len(s)) == len(s)
}

// cutParts splits v at sep into at most len(parts) parts without
// allocating, and reports how many there were; n > len(parts) means more.
func cutParts(v, sep string, parts []string) int {
	n := 0
	for {
		i := strings.Index(v, sep)
		if n == len(parts) {
			return n + 1
		}
		if i < 0 {
			parts[n] = v
			return n + 1
		}
		parts[n], v = v[:i], v[i+len(sep):]
		n++
	}
}

func isTraceparentShape(v string) bool {
	var p [5]string
	n := cutParts(v, "-", p[:4])
	if n == 5 { // a later version's extra fields: the flags end at the next dash
		p[3], _, _ = strings.Cut(p[3], "-")
		n = 4
	}
	return n == 4 && isHexRun(p[0], 2, 2) && isHexRun(p[1], 8, 64) && isHexRun(p[2], 8, 32) && isHexRun(p[3], 2, 2)
}

func isB3Shape(v string) bool {
	var p [4]string
	n := cutParts(v, "-", p[:])
	if n < 2 || n > 4 || !(isHexRun(p[0], 16, 16) || isHexRun(p[0], 32, 32)) || !isHexRun(p[1], 16, 16) {
		return false
	}
	return (n < 3 || len(p[2]) == 1) && (n < 4 || isHexRun(p[3], 16, 16))
}

func isUberShape(v string) bool {
	var p [4]string
	sep := ":"
	if !strings.Contains(v, ":") {
		sep = "%3A"
		if strings.Contains(v, "%3a") {
			sep = "%3a"
		}
	}
	return cutParts(v, sep, p[:]) == 4 && isHexRun(p[0], 1, 32) && isHexRun(p[1], 1, 16) &&
		isHexRun(p[2], 1, 16) && isHexRun(p[3], 1, 2)
}
