package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// maxInput bounds what is read from stdin: header blocks are kilobytes, a
// HAR file of a page load a few hundred, and a runaway pipe should fail
// fast rather than fill memory.
const maxInput = 1 << 20

// header is one header field line as received.
type header struct {
	Name     string // as written; matched case-insensitively
	Value    string // OWS-trimmed for text input, exactly as given for JSON
	Response bool   // from a response (curl "<" lines, a status line, a HAR response)
}

// entry is one request, with its response where the input has one: the
// whole input for a header block, one per HAR entry, per log line or per
// JSON value that carries trace headers.
type entry struct {
	Line    int    // log line or JSON value: the line it starts on
	Index   int    // HAR: the entry's 1-based position in the file
	Method  string // HAR request
	URL     string
	Status  int // HAR response; 0 when there was none
	Headers []header
}

// input is what a command works on and where it came from.
type input struct {
	Source string // "arguments", "stdin" or "example"
	// Format is the form the input was recognised as: "lines",
	// "http-request", "http-response", "curl", "json", "value" (one
	// header block) or "ndjson", "log", "har" (one entry per request).
	Format  string
	Version string // HTTP version of a raw message or curl transcript
	Shape   string // Format "value": the header the bare value was read as; "json": "object" or "array"
	Headers []header
	// Multi is true for the forms that hold many requests: Entries then
	// holds those that carry trace headers (every entry for HAR), and
	// Units counts the lines, values or HAR entries read.
	Multi   bool
	Entries []entry
	Units   int
	Notes   []note // parts of the input that could not be read, in order
	loc     *locator
}

// inputError is a header source that cannot be read at all: a usage
// error (exit status 2).
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

// inputOptions are the input flags common to the commands that read
// headers.
type inputOptions struct {
	// Example asks for the embedded example request, whatever else is
	// given (--example).
	Example bool
	// ExampleOnTerminal shows the example when there are no arguments and
	// stdin is a terminal, where reading would wait for typing; without
	// it that is a usage error.
	ExampleOnTerminal bool
}

// readInput gathers the headers: the example when asked for, else the
// arguments, else stdin.
func readInput(args []string, stdin io.Reader, opt inputOptions) (input, error) {
	if opt.Example {
		if len(args) > 0 {
			return input{}, &inputError{msg: "--example takes no header lines, but argument 1 is " + quoteShort(args[0])}
		}
		return exampleInput(), nil
	}
	if len(args) > 0 {
		loc := &locator{args: make([]argSpan, len(args))}
		line := 1
		for i, a := range args {
			n := strings.Count(a, "\n") + 1
			loc.args[i] = argSpan{first: line, lines: n}
			line += n
		}
		in := parseText(strings.Join(args, "\n"), loc)
		in.Source = "arguments"
		if err := in.readable(fmt.Sprintf("read %d %s", len(args), plural(len(args), "argument", "arguments"))); err != nil {
			return input{}, err
		}
		return in, nil
	}
	if stdin == nil || isTerminal(stdin) {
		if opt.ExampleOnTerminal {
			return exampleInput(), nil
		}
		return input{}, &inputError{msg: "no headers given: pass header lines as arguments, pipe them to stdin, or use --example"}
	}
	data, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		return input{}, fmt.Errorf("reading stdin: %w", err)
	}
	if len(data) > maxInput {
		return input{}, &inputError{msg: "stdin holds more than 1 MiB (1,048,576 bytes), the input limit: pipe the headers, a log excerpt or one HAR file"}
	}
	in := parseText(string(data), &locator{})
	in.Source = "stdin"
	what := "read " + countText(len(data), "byte", "bytes") + " from stdin"
	if len(data) > 0 {
		n := strings.Count(string(data), "\n")
		if data[len(data)-1] != '\n' {
			n++
		}
		what = "read " + countText(n, "line", "lines") + " (" + countText(len(data), "byte", "bytes") + ") from stdin"
	}
	if err := in.readable(what); err != nil {
		return input{}, err
	}
	return in, nil
}

// readable fails an input that holds no header at all, saying what was
// read instead: the empty pipe of a grep that matched nothing must not
// pass for a request without trace headers.
func (in *input) readable(what string) error {
	switch {
	case in.Multi && in.Format == "har" && in.Units == 0:
		return &inputError{msg: what + ": a HAR file with no entries"}
	case in.Multi || len(in.Headers) > 0:
		return nil
	case len(in.Notes) > 0:
		msg := what + ", none a header: "
		for i, n := range in.Notes {
			if i == 3 {
				msg += "; …"
				break
			}
			if i > 0 {
				msg += "; "
			}
			msg += in.noteText(n)
		}
		return &inputError{msg: msg}
	case in.Format == "json":
		return &inputError{msg: what + ": JSON with no header in it"}
	case in.Units > 0 && in.Format != "lines":
		return &inputError{msg: what + ": a start line and no header lines after it"}
	case in.Source == "stdin" && in.Units == 0 && !strings.HasPrefix(what, "read 0 "):
		return &inputError{msg: what + ", all blank: no header lines"}
	}
	return &inputError{msg: what + ": no header lines"}
}

func exampleInput() input {
	in := parseText(exampleRequest, &locator{})
	if len(in.Notes) > 0 || len(in.Headers) == 0 {
		panic("tracewire: embedded example does not parse")
	}
	in.Source = "example"
	return in
}

// describe names the input's form for the report: "raw HTTP/1.1
// request", "HAR (2 entries)".
func (in *input) describe() string {
	if in.Source == "example" {
		return "embedded example request"
	}
	switch in.Format {
	case "lines":
		for _, h := range in.Headers {
			if strings.HasPrefix(h.Name, ":") {
				return "HTTP/2 header lines (pseudo-headers are not trace headers)"
			}
		}
		return "header lines"
	case "value":
		return "a bare " + in.Shape + " value (recognised by its shape)"
	case "http-request", "http-response":
		return "raw " + in.Version + " " + strings.TrimPrefix(in.Format, "http-")
	case "curl":
		if in.Version != "" {
			return "curl -v transcript (" + in.Version + ")"
		}
		return "curl -v transcript"
	case "json":
		return "JSON " + in.Shape
	case "har":
		return "HAR (" + countText(in.Units, "entry", "entries") + withTrace(in.Units, in.traced()) + ")"
	case "ndjson":
		return "NDJSON (" + countText(in.Units, "value", "values") + withTrace(in.Units, len(in.Entries)) + ")"
	case "log":
		return "log lines (" + countText(in.Units, "line", "lines") + withTrace(in.Units, len(in.Entries)) + ")"
	}
	return in.Format
}

// traced counts the entries that carry a trace header.
func (in *input) traced() int {
	n := 0
	for _, e := range in.Entries {
		if hasTraceHeader(e.Headers) {
			n++
		}
	}
	return n
}

func withTrace(units, traced int) string {
	switch {
	case traced == units:
		return ""
	case traced == 0:
		return ", none with trace headers"
	}
	return ", " + groupDigits(traced) + " with trace headers"
}

// label names an entry of a multi-request input in the report.
func (in *input) label(e *entry) string {
	if in.Format == "har" {
		s := "entry " + strconv.Itoa(e.Index)
		if e.Method != "" || e.URL != "" {
			s += ": " + e.Method + " " + elideMiddle(e.URL, 96)
		}
		if e.Status != 0 {
			s += " → " + strconv.Itoa(e.Status)
		}
		return s
	}
	return in.loc.at(e.Line)
}

// locator turns a line of the input into words: "line 3", or for
// arguments, joined one per line, "argument 2" (", line 3" when that
// argument holds several lines).
type locator struct {
	args []argSpan // nil for stdin
}

type argSpan struct{ first, lines int }

func (l *locator) at(line int) string {
	if l == nil || l.args == nil {
		return "line " + strconv.Itoa(line)
	}
	a := sort.Search(len(l.args), func(i int) bool { return l.args[i].first > line }) - 1
	if a < 0 {
		a = 0
	}
	s := "argument " + strconv.Itoa(a+1)
	if l.args[a].lines > 1 {
		s += ", line " + strconv.Itoa(line-l.args[a].first+1)
	}
	return s
}

// isTerminal reports whether r is an interactive terminal: a character
// device other than the null device, so that "< /dev/null" is an empty
// input and not a person at a keyboard.
func isTerminal(r any) bool {
	f, ok := r.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}

// inputFailed reports a header source that cannot be read.
func inputFailed(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "tracewire %s: %v\n(run \"tracewire %s -h\" for the accepted forms)\n", cmd, err, cmd)
	var ie *inputError
	if errors.As(err, &ie) {
		return 2
	}
	return 1
}

// request returns the one request of the input, for a command that reads
// one: the header block, or the only entry.
func (in *input) request() ([]header, error) {
	if !in.Multi {
		return in.Headers, nil
	}
	switch len(in.Entries) {
	case 0:
		return nil, nil
	case 1:
		return in.Entries[0].Headers, nil
	}
	return nil, &inputError{msg: fmt.Sprintf("the input holds %s with trace headers (%s); this command reads one request: pass just one",
		countText(len(in.Entries), "request", "requests"), in.describe())}
}

func countText(n int, one, many string) string { return groupDigits(n) + " " + plural(n, one, many) }

// groupDigits writes n with thousands separators: 69,950.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
