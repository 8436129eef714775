package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/ows"
)

// maxInput bounds what is read from stdin: header blocks are kilobytes, and
// a runaway pipe should fail fast rather than fill memory.
const maxInput = 1 << 20

// header is one header field line as received.
type header struct {
	Name     string // as written; matched case-insensitively
	Value    string // OWS-trimmed for text input, exactly as given for JSON
	Response bool   // from a response (curl "<" lines, or after a status line)
}

// input is the header block a command works on and where it came from.
type input struct {
	Source  string // "arguments", "stdin" or "example"
	Format  string // "lines", "http-request", "http-response", "curl" or "json"
	Headers []header
}

// inputError is a header source that cannot be read: a usage error.
type inputError struct {
	line int // 1-based; 0 when there is no line to point at
	msg  string
}

func (e *inputError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("line %d: %s", e.line, e.msg)
	}
	return e.msg
}

// readInput gathers headers from the arguments, else from stdin unless it
// is a terminal, else from the embedded example.
func readInput(args []string, stdin io.Reader) (input, error) {
	if len(args) > 0 {
		hs, format, err := parseText(strings.Join(args, "\n"))
		if err != nil {
			return input{}, err
		}
		return input{Source: "arguments", Format: format, Headers: hs}, nil
	}
	if text, ok, err := readStdin(stdin); err != nil {
		return input{}, err
	} else if ok {
		hs, format, err := parseText(text)
		if err != nil {
			return input{}, err
		}
		return input{Source: "stdin", Format: format, Headers: hs}, nil
	}
	hs, format, err := parseText(exampleRequest)
	if err != nil {
		panic("tracewire: embedded example does not parse: " + err.Error())
	}
	return input{Source: "example", Format: format, Headers: hs}, nil
}

// readStdin returns what stdin holds, and false when it is a terminal
// (reading it would wait for typing) or holds nothing but whitespace.
func readStdin(stdin io.Reader) (string, bool, error) {
	if stdin == nil {
		return "", false, nil
	}
	if f, ok := stdin.(*os.File); ok && isTerminal(f) {
		return "", false, nil
	}
	data, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		return "", false, fmt.Errorf("reading stdin: %w", err)
	}
	if len(data) > maxInput {
		return "", false, &inputError{msg: "stdin holds more than 1 MiB; that is not a header block"}
	}
	text := string(data)
	if strings.TrimSpace(text) == "" {
		return "", false, nil
	}
	return text, true, nil
}

// parseText reads a header block in whichever form it comes: a JSON object,
// a curl -v transcript, a raw HTTP request or response, or plain
// "Name: value" lines. It returns the headers in order and the form found.
func parseText(text string) ([]header, string, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		hs, err := parseJSON(text)
		return hs, "json", err
	}
	lines := splitLines(text)
	for _, l := range lines {
		if isCurlLine(l) {
			hs, err := parseCurl(lines)
			return hs, "curl", err
		}
	}
	return parseHTTP(lines)
}

// splitLines splits text at LF, dropping a CR before it.
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// isCurlLine reports whether l is one of curl -v's request (">") or
// response ("<") lines; a bare ">" or "<" is the blank line that ends a
// header block, with its trailing space lost to an editor.
func isCurlLine(l string) bool {
	return strings.HasPrefix(l, "> ") || strings.HasPrefix(l, "< ") || l == ">" || l == "<"
}

// parseCurl keeps the ">" and "<" lines of a curl -v transcript and ignores
// the rest ("*" notes, "{" and "}" data, the body).
func parseCurl(lines []string) ([]header, error) {
	var hs folder
	for i, l := range lines {
		if !isCurlLine(l) {
			continue
		}
		resp := l[0] == '<'
		l = strings.TrimPrefix(l[1:], " ")
		if strings.TrimSpace(l) == "" || isRequestLine(l) || isStatusLine(l) {
			continue
		}
		if ows.Is(l[0]) && len(hs.hs) > 0 { // obsolete line folding
			hs.fold(l)
			continue
		}
		h, err := parseHeaderLine(l, i+1)
		if err != nil {
			return nil, err
		}
		h.Response = resp
		hs.add(h)
	}
	return hs.headers(), nil
}

// folder collects header lines, joining obsolete-folded continuation lines
// onto the header before them once that header is complete: appending
// them to its value one at a time would copy the value again for every
// line, quadratic work for a transcript of many short continuations.
type folder struct {
	hs    []header
	parts []string // trimmed continuation lines of the last header
}

func (f *folder) add(h header) {
	f.flush()
	f.hs = append(f.hs, h)
}

func (f *folder) fold(l string) { f.parts = append(f.parts, ows.TrimString(l)) }

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

// parseHTTP reads plain header lines, or a raw HTTP message: a request or
// status line, then headers up to the blank line that ends them. Plain
// lines may be separated by blank lines and commented with "#".
func parseHTTP(lines []string) ([]header, string, error) {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	format, resp := "lines", false
	if i < len(lines) {
		switch {
		case isRequestLine(lines[i]):
			format = "http-request"
			i++
		case isStatusLine(lines[i]):
			format, resp = "http-response", true
			i++
		}
	}
	var hs folder
	for ; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			if format != "lines" {
				break // the body follows
			}
			continue
		}
		if format == "lines" && strings.HasPrefix(l, "#") {
			continue
		}
		if ows.Is(l[0]) {
			if len(hs.hs) == 0 {
				return nil, "", &inputError{line: i + 1, msg: "continuation line before any header"}
			}
			hs.fold(l)
			continue
		}
		h, err := parseHeaderLine(l, i+1)
		if err != nil {
			return nil, "", err
		}
		h.Response = resp
		hs.add(h)
	}
	return hs.headers(), format, nil
}

// parseHeaderLine splits "Name: value". As an HTTP parser does, it trims
// OWS around the value; error offsets then index the trimmed value.
func parseHeaderLine(l string, line int) (header, error) {
	name, value, ok := strings.Cut(l, ":")
	if !ok {
		return header{}, &inputError{line: line, msg: fmt.Sprintf("not a header line (want \"Name: value\"): %q", l)}
	}
	if !ascii.IsToken(name) {
		return header{}, &inputError{line: line, msg: fmt.Sprintf("invalid header name %q", name)}
	}
	return header{Name: name, Value: ows.TrimString(value)}, nil
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

// parseJSON reads an object of header name to string, or to array of
// strings (a repeated header), keeping the object's order: encoding/json
// maps would lose it, so the object is read token by token.
func parseJSON(text string) ([]header, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	bad := func(msg string) error {
		return &inputError{msg: "JSON input: " + msg}
	}
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, bad("want an object of header name to string or array of strings")
	}
	var hs []header
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err.Error())
		}
		name := tok.(string) // object keys are always strings
		if !ascii.IsToken(name) {
			return nil, bad(fmt.Sprintf("invalid header name %q", name))
		}
		tok, err = dec.Token()
		if err != nil {
			return nil, bad(err.Error())
		}
		switch v := tok.(type) {
		case string:
			hs = append(hs, header{Name: name, Value: v})
		case json.Delim:
			if v != '[' {
				return nil, bad(fmt.Sprintf("header %q: want a string or an array of strings", name))
			}
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					return nil, bad(err.Error())
				}
				s, ok := tok.(string)
				if !ok {
					return nil, bad(fmt.Sprintf("header %q: array holds %v, want strings", name, tok))
				}
				hs = append(hs, header{Name: name, Value: s})
			}
			if _, err := dec.Token(); err != nil { // the closing ']'
				return nil, bad(err.Error())
			}
		default:
			return nil, bad(fmt.Sprintf("header %q: value %v is not a string or an array of strings", name, tok))
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, bad(err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad("trailing data after the object")
	}
	return hs, nil
}

// headers is a carrier.ValuesGetter over a header list: names match
// case-insensitively, repeated lines come back in order.
type headers []header

func (hs headers) Get(key string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, key) {
			return h.Value
		}
	}
	return ""
}

func (hs headers) Values(key string) []string {
	var vs []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, key) {
			vs = append(vs, h.Value)
		}
	}
	return vs
}

// Keys returns the lowercase names, each once, in order of first
// appearance, so that prefix scans see a deterministic order.
func (hs headers) Keys() []string {
	var ks []string
	seen := map[string]bool{}
	for _, h := range hs {
		k := strings.ToLower(h.Name)
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	return ks
}

// indexed returns hs as a carrier whose Get and Values look names up in a
// map: jaeger.ExtractBaggage calls Get once per uberctx-* header, and a
// scan of hs for each would make a block of many such headers quadratic.
func (hs headers) indexed() indexedHeaders {
	ih := indexedHeaders{hs: hs, values: map[string][]string{}}
	for _, h := range hs {
		k := strings.ToLower(h.Name)
		ih.values[k] = append(ih.values[k], h.Value)
	}
	return ih
}

// indexedHeaders is a carrier.ValuesGetter over headers, built by indexed.
type indexedHeaders struct {
	hs     headers
	values map[string][]string // lowercase name to values, in order
}

func (ih indexedHeaders) Get(key string) string {
	if vs := ih.Values(key); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func (ih indexedHeaders) Values(key string) []string { return ih.values[strings.ToLower(key)] }

func (ih indexedHeaders) Keys() []string { return ih.hs.Keys() }

// filter returns the headers for which keep is true.
func (hs headers) filter(keep func(header) bool) headers {
	var out headers
	for _, h := range hs {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}
