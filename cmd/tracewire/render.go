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

// renderInspection writes the human-readable report: the input, then
// for each request what every format says, the findings and a verdict.
func renderInspection(w io.Writer, res *inspection, st style, lim limits) {
	p := &printer{w: w, st: st, lim: lim}
	in := &res.In
	p.f("%s %s\n", p.st.bold("Input:"), inputText(in))
	if !in.Multi {
		r := res.Reports[0]
		p.headerList(r)
		p.sections(r)
		p.findings(r, res)
		p.result(r)
		return
	}
	p.notes(res)
	var shown, hidden, hiddenInvalid int
	var quiet []string // HAR entries that carry no trace header
	for i, r := range res.Reports {
		if r.empty() {
			quiet = append(quiet, in.label(res.Entries[i]))
			continue
		}
		if lim.items > 0 && shown == lim.items {
			hidden++
			if len(r.Problems) > 0 {
				hiddenInvalid++
			}
			continue
		}
		shown++
		p.f("\n%s\n", p.st.bold("── "+in.label(res.Entries[i])+" ──"))
		p.headerList(r)
		p.sections(r)
		p.findings(r, nil)
		p.result(r)
	}
	if hidden > 0 {
		p.f("\n%s\n", p.st.dim("… and "+countText(hidden, "more request", "more requests")+" with trace headers, "+
			groupDigits(hiddenInvalid)+" of them invalid (--full shows them)"))
	}
	if len(quiet) > 0 {
		n := len(quiet)
		list := quiet[:lim.count(n)]
		for i, l := range list {
			list[i], _, _ = strings.Cut(l, ":")
		}
		more := ""
		if len(list) < n {
			more = ", …"
		}
		p.f("\n%s %s\n", p.st.dim(countText(n, "request", "requests")+" without trace headers:"), p.st.dim(strings.Join(list, ", ")+more))
	}
	checked := len(res.Reports) - len(quiet)
	bad := res.invalid()
	switch {
	case checked == 0:
		p.f("\n%s no trace headers to check\n", p.st.bold("Summary:"))
	case bad > 0:
		p.f("\n%s %s checked, %s with invalid trace headers\n", p.st.red("Summary:"), countText(checked, "request", "requests"), groupDigits(bad))
	default:
		p.f("\n%s %s checked, %s\n", p.st.bold("Summary:"), countText(checked, "request", "requests"), p.st.green("all trace headers valid"))
	}
}

// inputText says where the input came from and what it was read as.
func inputText(in *input) string {
	switch in.Source {
	case "example":
		return "the embedded example request (give your own headers as arguments or on stdin; see tracewire inspect -h)"
	case "arguments":
		if in.Format == "lines" {
			return "arguments"
		}
		return "arguments, " + in.describe()
	}
	return in.Source + ", " + in.describe()
}

// sections writes what each format says.
func (p *printer) sections(r *report) {
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
}

// empty reports whether r found nothing to say: no trace header at all.
func (r *report) empty() bool {
	return len(r.Contexts) == 0 && r.TraceStateLines == 0 && len(r.Baggage) == 0 && len(r.Problems) == 0 && len(r.Findings) == 0
}

type printer struct {
	w   io.Writer
	st  style
	lim limits
}

func (p *printer) f(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

func (p *printer) field(label, value string) {
	p.f("  %s %s\n", p.st.dim(pad(label, labelWidth)), value)
}

// more says how many entries of a list were left out.
func (p *printer) more(n int, one, many string) {
	if n > 0 {
		p.f("  %s\n", p.st.dim("… and "+countText(n, "more "+one, "more "+many)+" (--full shows them)"))
	}
}

// value shows a header value on one line, cut to the limit with the
// number of bytes left out.
func (p *printer) value(s string) string {
	v, more := p.lim.cut(s)
	if more == 0 {
		return quoteBytes(v)
	}
	return quoteBytes(v) + p.st.dim("… "+countText(more, "more byte", "more bytes"))
}

// text shows a decoded value, cut to the limit.
func (p *printer) text(s string) string {
	v, more := p.lim.cut(s)
	if more == 0 {
		return displayText(v)
	}
	return displayText(v) + p.st.dim("… "+countText(more, "more byte", "more bytes"))
}

// maxPad bounds the column that keys are padded to: padding every key of
// a list to the longest one would make one long key cost a line's worth
// of spaces on every other line.
const maxPad = 24

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

// headerList lists the trace headers of the request, and counts the rest.
func (p *printer) headerList(r *report) {
	shown, trace := 0, 0
	st := r.hasServerTiming()
	for _, h := range r.Input.Headers {
		if !isTraceHeader(h.Name) && !(st && strings.EqualFold(h.Name, "server-timing")) {
			continue
		}
		trace++
		if p.lim.items > 0 && shown == p.lim.items {
			continue
		}
		shown++
		dir := ""
		if h.Response {
			dir = p.st.dim(" (response)")
		}
		name, _ := p.lim.cutMarked(h.Name)
		p.f("  %s: %s%s\n", p.st.cyan(quoteBytes(name)), p.value(h.Value), dir)
	}
	p.more(trace-shown, "trace header", "trace headers")
	if n := len(r.Input.Headers) - trace; n > 0 {
		p.f("  %s\n", p.st.dim("("+countText(n, "other header", "other headers")+" ignored)"))
	}
	if trace == 0 {
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
		p.field("flags", sc.Flags().String())
	}
	if sc.IsFirehose() {
		p.field("firehose", "yes")
	}
	if c.DebugID != "" {
		p.field("debug id", p.value(c.DebugID)+p.st.dim(" (jaeger-debug-id: force a debug trace)"))
	}
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
	p.f("\n%s: %s, %s%s\n", p.st.bold("tracestate"), p.verdict(true), countText(n, "member", "members"), note)
	show := p.lim.count(n)
	w, i := 0, 0
	for k := range r.TraceState.All() {
		if i == show {
			break
		}
		i++
		w = max(w, min(len(k), maxPad))
	}
	i = 0
	for k, v := range r.TraceState.All() {
		if i == show {
			break
		}
		i++
		key, _ := p.lim.cutMarked(k)
		p.f("  %s  %s\n", pad(quoteBytes(key), w), p.value(v))
	}
	p.more(n-show, "member", "members")
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
	p.f("\n%s: %s, %s\n", p.st.bold("baggage"), p.verdict(len(probs) == 0), countText(n, "member", "members"))
	shown := r.Baggage[:p.lim.count(n)]
	w := 0
	for _, b := range shown {
		w = max(w, min(len(b.Key), maxPad))
	}
	for _, b := range shown {
		key, _ := p.lim.cutMarked(b.Key)
		// A builder: with --full a member may have any number of
		// properties, and adding each to a string copied it every time.
		var line strings.Builder
		line.WriteString(pad(displayText(key), w) + "  " + p.text(b.Value))
		if len(b.Properties) > 0 {
			line.WriteString("  ")
		}
		props := b.Properties[:p.lim.count(len(b.Properties))]
		for _, pr := range props {
			k, _ := p.lim.cutMarked(pr.Key)
			line.WriteString(";")
			line.WriteString(displayText(k))
			if pr.HasValue {
				line.WriteString("=")
				line.WriteString(p.text(pr.Value))
			}
		}
		if len(props) < len(b.Properties) {
			line.WriteString(p.st.dim(" … " + countText(len(b.Properties)-len(props), "more property", "more properties")))
		}
		var notes []string
		if b.Raw != "" {
			notes = append(notes, "wire "+p.value(b.Raw))
		}
		if b.Source != "baggage" {
			notes = append(notes, "from "+b.Source)
		}
		if b.OverLimit {
			notes = append(notes, p.st.yellow("over the W3C limits"))
		}
		if len(notes) > 0 {
			line.WriteString("  " + p.st.dim("("+strings.Join(notes, ", ")+")"))
		}
		p.f("  %s\n", line.String())
	}
	p.more(n-len(shown), "member", "members")
	for _, pr := range probs[:p.lim.count(len(probs))] {
		p.problem(pr)
	}
	if k := len(probs) - p.lim.count(len(probs)); k > 0 {
		p.more(k, "invalid member", "invalid members")
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
		p.hint(pr)
		return
	}
	v, start := window(pr.Value, pr.Offset)
	off := pr.Offset - start
	lead, trail := "", ""
	if start > 0 {
		lead = "…"
	}
	if start+len(v) < len(pr.Value) {
		trail = "…"
	}
	p.f("%s%s%s%s\n", p.st.cyan(prefix), lead, quoteBytes(v), trail)
	if off >= 0 && off <= len(v) {
		col := len(prefix) + len([]rune(lead)) + len(quoteBytes(v[:off]))
		p.f("%s%s\n", strings.Repeat(" ", col), p.st.red("^"))
	}
	p.f("  %s %s (%s) at offset %d\n", p.st.red("error:"), pr.Kind.Error(), pr.Kind.String(), pr.Offset)
	p.hint(pr)
}

// hint prints the problem's hint, if it has one, under its error.
func (p *printer) hint(pr *problem) {
	if pr.Hint != "" {
		p.f("  %s %s\n", p.st.yellow("hint:"), pr.Hint)
	}
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

// findings writes the notes on the input, when res is given, and what r
// found across headers and formats; with none, it says which formats
// agree.
func (p *printer) findings(r *report, res *inspection) {
	if len(r.Findings) == 0 && (res == nil || len(res.In.Notes) == 0) {
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
	if res != nil {
		p.notes(res)
	}
	for _, f := range r.Findings {
		p.finding(f)
	}
}

// notes writes the notes on the input, as many as the limits show.
func (p *printer) notes(res *inspection) {
	n := p.lim.count(len(res.In.Notes))
	for i := range n {
		p.finding(res.noteFinding(i))
	}
	p.more(len(res.In.Notes)-n, "unreadable part", "unreadable parts")
}

func (p *printer) finding(f finding) {
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

func (p *printer) result(r *report) {
	if n := len(r.Problems); n > 0 {
		p.f("\n%s %s\n", p.st.red("Result:"), countText(n, "invalid header value", "invalid header values"))
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
