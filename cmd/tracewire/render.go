package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// style colours human output with ANSI escapes, or not at all.
type style struct{ color bool }

func (s style) paint(code, text string) string {
	if !s.color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(t string) string   { return s.paint("1", t) }
func (s style) red(t string) string    { return s.paint("1;31", t) }
func (s style) green(t string) string  { return s.paint("32", t) }
func (s style) yellow(t string) string { return s.paint("33", t) }
func (s style) cyan(t string) string   { return s.paint("36", t) }
func (s style) dim(t string) string    { return s.paint("2", t) }

// labelWidth aligns the field labels of a section.
const labelWidth = 11

// render writes the human-readable report.
func render(w io.Writer, r *report, st style) {
	p := &printer{w: w, st: st}
	p.input(r)
	for _, c := range r.Contexts {
		p.context(c)
		if c.Format == "traceparent" {
			p.tracestate(r)
		}
	}
	if r.context("traceparent") == nil {
		p.tracestate(r)
	}
	p.baggage(r)
	p.findings(r)
	p.result(r)
}

type printer struct {
	w  io.Writer
	st style
}

func (p *printer) f(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

func (p *printer) field(label, value string) {
	p.f("  %s %s\n", p.st.dim(pad(label, labelWidth)), value)
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

func (p *printer) input(r *report) {
	var src string
	switch r.Input.Source {
	case "example":
		src = "embedded example request (give headers as arguments or on stdin; see tracewire inspect -h)"
	case "arguments":
		src = "arguments"
	default:
		src = "stdin, " + map[string]string{
			"lines":         "header lines",
			"http-request":  "raw HTTP request",
			"http-response": "raw HTTP response",
			"curl":          "curl -v transcript",
			"json":          "JSON object",
		}[r.Input.Format]
	}
	var trace []header
	for _, h := range r.Input.Headers {
		if isTraceHeader(h.Name) || (strings.EqualFold(h.Name, "server-timing") && r.hasServerTiming()) {
			trace = append(trace, h)
		}
	}
	p.f("%s %s\n", p.st.bold("Input:"), src)
	for _, h := range trace {
		dir := ""
		if h.Response {
			dir = p.st.dim(" (response)")
		}
		p.f("  %s: %s%s\n", p.st.cyan(h.Name), quoteBytes(h.Value), dir)
	}
	if n := len(r.Input.Headers) - len(trace); n > 0 {
		p.f("  %s\n", p.st.dim(fmt.Sprintf("(%d other %s ignored)", n, plural(n, "header", "headers"))))
	}
	if len(trace) == 0 {
		p.f("  %s\n", "no trace-context headers found")
	}
}

func (r *report) hasServerTiming() bool {
	for _, c := range r.Contexts {
		if c.Header == "server-timing" {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// title names a context section after its format and, where they differ,
// the header it came from.
func title(c *contextResult) string {
	switch {
	case c.Format == "b3multi":
		return "b3multi (x-b3-*)"
	case c.Format != c.Header:
		return c.Format + " (" + c.Header + ")"
	}
	return c.Format
}

func (p *printer) verdict(valid bool) string {
	if valid {
		return p.st.green("valid")
	}
	return p.st.red("INVALID")
}

func (p *printer) context(c *contextResult) {
	p.f("\n%s: %s\n", p.st.bold(title(c)), p.verdict(c.valid()))
	if !c.valid() {
		p.problem(c.Problem)
		return
	}
	sc := c.SC
	if sc.IsValid() {
		id := sc.TraceID().String()
		if sc.Is64BitTraceID() {
			id = traceIDText(sc) + p.st.dim(" (64-bit; as W3C "+sc.TraceID().String()+")")
		}
		p.field("trace id", id)
		p.field("span id", sc.SpanID().String())
		if par := sc.ParentSpanID(); par.IsValid() {
			p.field("parent", par.String())
		}
	} else {
		p.field("ids", "none: the header carries only a sampling decision")
	}
	p.field("sampling", samplingText(sc.Sampling()))
	if c.Format == "traceparent" || c.Format == "traceresponse" {
		p.field("flags", flagsText(sc.Flags()))
	}
	if sc.IsFirehose() {
		p.field("firehose", "yes")
	}
	if c.DebugID != "" {
		p.field("debug id", quoteBytes(c.DebugID)+p.st.dim(" (jaeger-debug-id: force a debug trace)"))
	}
}

func flagsText(f tracewire.Flags) string {
	var names []string
	if f.IsSampled() {
		names = append(names, "sampled")
	}
	if f.IsRandom() {
		names = append(names, "random")
	}
	s := hex2(byte(f))
	if len(names) > 0 {
		s += " (" + strings.Join(names, ", ") + ")"
	}
	return s
}

func hex2(b byte) string {
	return string([]byte{hexid.Digits[b>>4], hexid.Digits[b&15]})
}

func (p *printer) tracestate(r *report) {
	if r.TraceStateLines == 0 {
		return
	}
	var pr *problem
	for _, x := range r.Problems {
		if x.Header == "tracestate" {
			pr = x
		}
	}
	if pr != nil {
		p.f("\n%s: %s %s\n", p.st.bold("tracestate"), p.verdict(false), p.st.dim("(the whole list is discarded)"))
		p.problem(pr)
		return
	}
	n := r.TraceState.Len()
	note := ""
	if tp := r.context("traceparent"); tp == nil || !tp.valid() {
		note = " " + p.st.dim("(discarded: no valid traceparent)")
	}
	p.f("\n%s: %s, %d %s%s\n", p.st.bold("tracestate"), p.verdict(true), n, plural(n, "member", "members"), note)
	var keys, values []string
	for k, v := range r.TraceState.All() {
		keys, values = append(keys, k), append(values, v)
	}
	w := 0
	for _, k := range keys {
		w = max(w, len(k))
	}
	for i := range keys {
		p.f("  %s  %s\n", pad(keys[i], w), quoteBytes(values[i]))
	}
}

func (p *printer) baggage(r *report) {
	var probs []*problem
	for _, x := range r.Problems {
		if x.Header == "baggage" {
			probs = append(probs, x)
		}
	}
	if len(r.Baggage) == 0 && len(probs) == 0 {
		return
	}
	n := len(r.Baggage)
	p.f("\n%s: %s, %d %s\n", p.st.bold("baggage"), p.verdict(len(probs) == 0), n, plural(n, "member", "members"))
	w := 0
	for _, b := range r.Baggage {
		w = max(w, len(b.Key))
	}
	for _, b := range r.Baggage {
		line := pad(b.Key, w) + "  " + displayText(b.Value)
		if len(b.Properties) > 0 {
			line += "  "
		}
		for _, pr := range b.Properties {
			line += ";" + pr.Key
			if pr.HasValue {
				line += "=" + displayText(pr.Value)
			}
		}
		var notes []string
		if b.Raw != "" {
			notes = append(notes, "wire "+quoteBytes(b.Raw))
		}
		if b.Source != "baggage" {
			notes = append(notes, "from "+b.Source)
		}
		if b.OverLimit {
			notes = append(notes, p.st.yellow("over the W3C limits"))
		}
		if len(notes) > 0 {
			line += "  " + p.st.dim("("+strings.Join(notes, ", ")+")")
		}
		p.f("  %s\n", line)
	}
	for _, pr := range probs {
		p.problem(pr)
	}
}

// caretWindow is how much of a long value is shown either side of the
// offending byte.
const caretWindow = 48

// problem prints the value with a caret under the offending byte, and what
// is wrong with it.
func (p *printer) problem(pr *problem) {
	prefix := "  " + pr.Header + ": "
	if pr.Value == "" && pr.Kind == tracewire.ErrMissingField {
		p.f("  %s %s\n", p.st.red("error:"), pr.Header+" is missing, and the headers present need it")
		return
	}
	v, off := pr.Value, pr.Offset
	lead, trail := "", ""
	if off >= 0 && off <= len(v) && len(v) > 2*caretWindow+16 {
		start, end := max(0, off-caretWindow), min(len(v), off+caretWindow)
		if start > 0 {
			lead = "…"
		}
		if end < len(v) {
			trail = "…"
		}
		v, off = v[start:end], off-start
	}
	p.f("%s%s%s%s\n", p.st.cyan(prefix), lead, quoteBytes(v), trail)
	if off >= 0 && off <= len(v) {
		col := len(prefix) + len([]rune(lead)) + len(quoteBytes(v[:off]))
		p.f("%s%s\n", strings.Repeat(" ", col), p.st.red("^"))
	}
	p.f("  %s %s (%s) at offset %d\n", p.st.red("error:"), pr.Kind.Error(), pr.Kind.String(), pr.Offset)
}

// quoteBytes shows a header value on one line with the columns of its bytes
// kept countable: printable ASCII as is, anything else escaped.
func quoteBytes(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c > 0x7e:
			b.WriteString(`\x`)
			b.WriteString(hex2(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// displayText shows a decoded value: as it is when it is printable UTF-8,
// escaped byte by byte otherwise.
func displayText(s string) string {
	if !utf8.ValidString(s) {
		return quoteBytes(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return quoteBytes(s)
		}
	}
	return s
}

func (p *printer) findings(r *report) {
	if len(r.Findings) == 0 {
		var ids []*contextResult
		for _, c := range r.Contexts {
			if c.valid() && c.SC.IsValid() && c.Format != "traceresponse" {
				ids = append(ids, c)
			}
		}
		if len(ids) > 1 {
			var names []string
			for _, c := range ids {
				names = append(names, c.Format)
			}
			sc := ids[0].SC
			p.f("\n%s none; %s agree on trace %s, span %s, %s\n", p.st.bold("Findings:"),
				joinAnd(names), sc.TraceID(), sc.SpanID(), samplingText(sc.Sampling()))
		}
		return
	}
	p.f("\n%s\n", p.st.bold("Findings:"))
	for _, f := range r.Findings {
		sev := f.Severity
		switch sev {
		case "error":
			sev = p.st.red(sev)
		case "warning":
			sev = p.st.yellow(sev)
		default:
			sev = p.st.cyan(sev)
		}
		p.f("  %s %s %s\n", sev+":", f.Message, p.st.dim("["+f.Kind+"]"))
	}
}

func (p *printer) result(r *report) {
	if n := len(r.Problems); n > 0 {
		p.f("\n%s %d invalid %s\n", p.st.red("Result:"), n, plural(n, "header value", "header values"))
		return
	}
	if len(r.Contexts) == 0 && r.TraceStateLines == 0 && len(r.Baggage) == 0 {
		p.f("\n%s no trace headers to check\n", p.st.bold("Result:"))
		return
	}
	p.f("\n%s %s\n", p.st.bold("Result:"), p.st.green("all trace headers valid"))
}

// joinAnd writes a list as prose: "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
