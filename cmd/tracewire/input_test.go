package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire/baggage"
)

// parsed is what a test compares of an input: its form, its headers or
// entries, and its notes as the report words them.
type parsed struct {
	Format  string
	Version string
	Shape   string
	Units   int
	Headers []header
	Entries []parsedEntry
	Notes   []string
}

type parsedEntry struct {
	Line    int
	Index   int
	Label   string
	Headers []header
}

func parse(text string, args ...string) parsed {
	var in input
	if args != nil {
		in, _ = readInput(args, nil, inputOptions{})
	} else {
		in = parseText(text, &locator{})
	}
	out := parsed{Format: in.Format, Version: in.Version, Shape: in.Shape, Units: in.Units, Headers: in.Headers}
	for i := range in.Entries {
		e := &in.Entries[i]
		out.Entries = append(out.Entries, parsedEntry{Line: e.Line, Index: e.Index, Label: in.label(e), Headers: e.Headers})
	}
	for _, n := range in.Notes {
		out.Notes = append(out.Notes, in.noteText(n))
	}
	return out
}

const tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

func hdr(name, value string) header { return header{Name: name, Value: value} }

func resp(name, value string) header { return header{Name: name, Value: value, Response: true} }

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want parsed
	}{
		{
			name: "plain lines, comments and blank lines",
			text: "# from the gateway log\ntraceparent:   00-a-b-01\t\n\nTraceState: k=v\n",
			want: parsed{Format: "lines", Units: 3, Headers: []header{hdr("traceparent", "00-a-b-01"), hdr("TraceState", "k=v")}},
		},
		{
			name: "repeated headers keep their order; a value may hold colons",
			text: "baggage: a=1\nuber-trace-id: 1:2:0:1\nbaggage: b=2\n",
			want: parsed{Format: "lines", Units: 3, Headers: []header{hdr("baggage", "a=1"), hdr("uber-trace-id", "1:2:0:1"), hdr("baggage", "b=2")}},
		},
		{
			name: "raw request with CRLF stops at the blank line",
			text: "GET /x HTTP/1.1\r\nHost: a\r\nb3: 1\r\n\r\nb3: body, not a header\r\n",
			want: parsed{Format: "http-request", Version: "HTTP/1.1", Units: 1, Headers: []header{hdr("Host", "a"), hdr("b3", "1")}},
		},
		{
			name: "raw response",
			text: "HTTP/2 200\ntraceresponse: 00-a-b-01\n\n{}",
			want: parsed{Format: "http-response", Version: "HTTP/2", Units: 1, Headers: []header{resp("traceresponse", "00-a-b-01")}},
		},
		{
			name: "obsolete line folding",
			text: "POST / HTTP/1.0\nbaggage: a=1,\n  b=2\n",
			want: parsed{Format: "http-request", Version: "HTTP/1.0", Units: 1, Headers: []header{hdr("baggage", "a=1, b=2")}},
		},
		{
			name: "curl -v transcript",
			text: "*   Trying 127.0.0.1:80...\n> GET / HTTP/1.1\n> Host: localhost\n> traceparent: 00-a-b-01\n>\n< HTTP/1.1 200 OK\n< traceresponse: 00-a-c-01\n< \n{ [5 bytes data]\n* Closing connection\n",
			want: parsed{Format: "curl", Version: "HTTP/1.1", Units: 2, Headers: []header{hdr("Host", "localhost"), hdr("traceparent", "00-a-b-01"), resp("traceresponse", "00-a-c-01")}},
		},
		{
			name: "HTTP/2 pseudo-headers as developer tools copy them",
			text: ":authority: example.com\n:method: GET\n:path: /a:b\ntraceparent: " + tp + "\n",
			want: parsed{Format: "lines", Units: 4, Headers: []header{hdr(":authority", "example.com"), hdr(":method", "GET"), hdr(":path", "/a:b"), hdr("traceparent", tp)}},
		},
		{
			name: "JSON keeps order, arrays and exact values",
			text: "\ufeff {\"Traceparent\": \" 00-a-b-01\\t\", \"baggage\": [\"a=1\", \"b=2\"], \"b3\": []}",
			want: parsed{Format: "json", Shape: "object", Headers: []header{hdr("Traceparent", " 00-a-b-01\t"), hdr("baggage", "a=1"), hdr("baggage", "b=2")}},
		},
		{
			name: "JSON values of any type; null is an absent header",
			text: `{"x-count": 3, "x-ok": true, "x-rate": -1.5e3, "b3": null, "x-list": [1, "two", false, null]}`,
			want: parsed{Format: "json", Shape: "object", Headers: []header{hdr("x-count", "3"), hdr("x-ok", "true"), hdr("x-rate", "-1.5e3"),
				hdr("x-list", "1"), hdr("x-list", "two"), hdr("x-list", "false")}},
		},
		{
			name: "nested headers objects, a response object, name/value lists and logged header names",
			text: `{"status": 200, "request": {"headers": {"traceparent": "` + tp + `", "x-b3-sampled": ["1"]}},
			 "response": {"headers": [{"name": "traceresponse", "value": "00-a-b-01"}]},
			 "http.request.header.baggage": ["k=v"], "@timestamp": "2026-11-28T21:01:56Z"}`,
			want: parsed{Format: "json", Shape: "object", Headers: []header{hdr("status", "200"), hdr("traceparent", tp), hdr("x-b3-sampled", "1"),
				resp("traceresponse", "00-a-b-01"), hdr("baggage", "k=v")}},
		},
		{
			name: "a JSON key with a pasted en dash is a note",
			text: "{\n  \"traceparent\": \"" + tp + "\",\n  \"ot-baggage-d–76\": \"x\"\n}\n",
			want: parsed{Format: "json", Shape: "object", Headers: []header{hdr("traceparent", tp)}, Notes: []string{
				"line 3: JSON member invalid header name \"ot-baggage-d–76\": '–' (U+2013) at byte 12 is not allowed in a header name (letters, digits and !#$%&'*+-.^_`|~ are)",
			}},
		},
		{
			name: "a JSON document broken part way",
			text: "{\n  \"traceparent\": \"" + tp + "\",\n  \"b3\": 1-2\n}\n",
			want: parsed{Format: "json", Shape: "document", Notes: []string{"line 3: starts like JSON but is not valid JSON: unexpected '-', want ',' or '}' at column 10"}},
		},
		{
			name: "NDJSON: one entry per value with trace headers; empty logged values are absent",
			text: `{"msg": "started"}` + "\n" + `{"msg": "request", "headers": {"Traceparent": ["` + tp + `"], "Tracestate": [""]}}` + "\n" +
				`{"level": "info", "msg": "received traceparent: ` + tp + `"}` + "\n",
			want: parsed{Format: "ndjson", Units: 3, Entries: []parsedEntry{
				{Line: 2, Label: "line 2", Headers: []header{hdr("msg", "request"), hdr("Traceparent", tp)}},
				{Line: 3, Label: "line 3", Headers: []header{hdr("level", "info"), hdr("msg", "received traceparent: "+tp), hdr("traceparent", tp)}},
			}},
		},
		{
			name: "log lines: plain, logfmt, quoted, Go's %v of a header, a JSON fragment; a URL's query is not a header",
			text: "2026/11/28 21:01:56 INFO server started\n" +
				"2026/11/28 21:01:57 INFO received traceparent: " + tp + "\n" +
				`time=2026-11-28T21:01:57Z level=INFO traceparent=` + tp + ` tracestate="a=1, b=2" baggage="" b3=1` + "\n" +
				"headers: map[Accept:[*/*] Traceparent:[" + tp + "]]\n" +
				`partial {"traceparent":"` + tp + `","x":` + "\n" +
				"GET https://example.com/?traceparent=00-x-y-01 200\n" +
				"baggage: a=1 , b=2; p from upstream\n",
			want: parsed{Format: "log", Units: 7, Entries: []parsedEntry{
				{Line: 2, Label: "line 2", Headers: []header{hdr("traceparent", tp)}},
				{Line: 3, Label: "line 3", Headers: []header{hdr("traceparent", tp), hdr("tracestate", "a=1, b=2"), hdr("b3", "1")}},
				{Line: 4, Label: "line 4", Headers: []header{hdr("Traceparent", tp)}},
				{Line: 5, Label: "line 5", Headers: []header{hdr("traceparent", tp)}},
				{Line: 7, Label: "line 7", Headers: []header{hdr("baggage", "a=1 , b=2; p from upstream")}},
			}},
		},
		{
			name: "a bare traceparent value",
			text: "  " + tp + "  \n",
			want: parsed{Format: "value", Shape: "traceparent", Units: 1, Headers: []header{hdr("traceparent", tp)}},
		},
		{
			name: "a bare traceparent with a 64-bit trace id is still a traceparent",
			text: "00-a3ce929d0e0e4736-00f067aa0ba902b7-01",
			want: parsed{Format: "value", Shape: "traceparent", Units: 1, Headers: []header{hdr("traceparent", "00-a3ce929d0e0e4736-00f067aa0ba902b7-01")}},
		},
		{
			name: "a bare b3 value",
			text: "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
			want: parsed{Format: "value", Shape: "b3", Units: 1, Headers: []header{hdr("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")}},
		},
		{
			name: "a bare uber-trace-id value, URL-encoded",
			text: "463ac35c9f6413ad%3A72485a3953bb6124%3A0%3A1",
			want: parsed{Format: "value", Shape: "uber-trace-id", Units: 1, Headers: []header{hdr("uber-trace-id", "463ac35c9f6413ad%3A72485a3953bb6124%3A0%3A1")}},
		},
		{
			name: "unreadable lines are notes; the rest is read",
			text: "traceparent: " + tp + "\not-baggage-d–76: x\nnot a header\n  folded\n",
			want: parsed{Format: "lines", Units: 4, Headers: []header{hdr("traceparent", tp)}, Notes: []string{
				"line 2: invalid header name \"ot-baggage-d–76\": '–' (U+2013) at byte 12 is not allowed in a header name (letters, digits and !#$%&'*+-.^_`|~ are)",
				"line 3: \"not a header\" is not a \"Name: value\" header line, a log line naming a trace header, or a bare trace header value",
				"line 4: \"folded\" is not a \"Name: value\" header line, a log line naming a trace header, or a bare trace header value",
			}},
		},
		{
			name: "a curl line that is not a header is a note",
			text: "> GET / HTTP/2\n> nonsense\n> b3: 1\n",
			want: parsed{Format: "curl", Version: "HTTP/2", Units: 1, Headers: []header{hdr("b3", "1")}, Notes: []string{
				"line 2: \"nonsense\" is not a \"Name: value\" header line, a log line naming a trace header, or a bare trace header value",
			}},
		},
		{
			name: "a continuation line with nothing before it",
			text: "GET / HTTP/1.1\n  folded\nb3: 1\n",
			want: parsed{Format: "http-request", Version: "HTTP/1.1", Units: 1, Headers: []header{hdr("b3", "1")}, Notes: []string{
				"line 2: a continuation line (starting with a space or tab) with no header before it to continue",
			}},
		},
		{
			name: "empty JSON object",
			text: "{}",
			want: parsed{Format: "json", Shape: "object"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, parse(tc.text), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseHAR(t *testing.T) {
	har := `{"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [
	  {"request": {"method": "GET", "url": "http://a/", "headers": [{"name": "traceparent", "value": "` + tp + `"}, {"name": ":authority", "value": "a"}]},
	   "response": {"status": 200, "headers": [{"name": "traceresponse", "value": "00-x-y-01"}], "_error": null}},
	  {"request": {"method": "POST", "url": "http://a/b", "headers": []}, "response": {"status": 0, "headers": []}}
	]}}`
	want := parsed{Format: "har", Units: 2, Entries: []parsedEntry{
		{Index: 1, Label: "entry 1: GET http://a/ → 200", Headers: []header{hdr("traceparent", tp), hdr(":authority", "a"), resp("traceresponse", "00-x-y-01")}},
		{Index: 2, Label: "entry 2: POST http://a/b"},
	}}
	if diff := cmp.Diff(want, parse(har), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestServerTimingCountsAsTraceHeader: a Server-Timing that names a
// "trace" metric is reported as a traceresponse, so an entry or log line
// carrying only that is counted and reported as one with trace headers, as
// the first entry of a real Chromium capture (testdata/captured/chromium.har,
// the page's own response) is; one with other metrics only is not.
func TestServerTimingCountsAsTraceHeader(t *testing.T) {
	const st = "trace;desc=" + tp
	tests := []struct {
		name string
		hs   []header
		want bool
	}{
		{"none", []header{hdr("accept", "*/*")}, false},
		{"a trace format", []header{hdr("B3", "0")}, true},
		{"server-timing trace", []header{resp("server-timing", st)}, true},
		{"server-timing trace, name in any case", []header{resp("Server-Timing", "app;dur=1, TRACE;desc="+tp)}, true},
		{"trace in a second server-timing line", []header{resp("server-timing", "app;dur=1"), resp("server-timing", st)}, true},
		{"server-timing trace, invalid", []header{resp("server-timing", "trace;desc=00-zz")}, true},
		{"server-timing without trace", []header{resp("server-timing", "app;dur=1, db;dur=2")}, false},
		// Reported as an empty traceresponse (with its hint), so counted.
		{"server-timing empty", []header{resp("server-timing", "")}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := hasTraceHeader(tc.hs); got != tc.want {
				t.Errorf("hasTraceHeader(%v) = %v, want %v", tc.hs, got, tc.want)
			}
		})
	}

	har := `{"log": {"entries": [
	  {"request": {"method": "GET", "url": "http://a/", "headers": []}, "response": {"status": 200, "headers": [{"name": "server-timing", "value": "` + st + `"}]}},
	  {"request": {"method": "GET", "url": "http://a/x", "headers": []}, "response": {"status": 200, "headers": [{"name": "server-timing", "value": "app;dur=1"}]}}
	]}}`
	in := parseText(har, &locator{})
	if got, want := in.describe(), "HAR (2 entries, 1 with trace headers)"; got != want {
		t.Errorf("HAR: describe() = %q, want %q", got, want)
	}
	log := `{"msg": "sent", "http.response.header.server-timing": "` + st + `"}` + "\n" +
		`{"msg": "sent", "http.response.header.server-timing": "app;dur=1"}` + "\n"
	want := parsed{Format: "ndjson", Units: 2, Entries: []parsedEntry{
		{Line: 1, Label: "line 1", Headers: []header{hdr("msg", "sent"), resp("server-timing", st)}},
	}}
	if diff := cmp.Diff(want, parse(log), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("NDJSON (-want +got):\n%s", diff)
	}
}

// TestArgumentLocations: problems in arguments name the argument, and the
// line within it when it holds several.
func TestArgumentLocations(t *testing.T) {
	got := parse("", "traceparent: "+tp, "bad line", "b3: 1\nworse line")
	want := []string{
		`argument 2: "bad line" is not a "Name: value" header line, a log line naming a trace header, or a bare trace header value`,
		`argument 3, line 2: "worse line" is not a "Name: value" header line, a log line naming a trace header, or a bare trace header value`,
	}
	if diff := cmp.Diff(want, got.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// fakeTerminal is a stdin that says it is a terminal, as os.Stdin does
// when a person runs the command at a prompt.
type fakeTerminal struct{ strings.Reader }

func (*fakeTerminal) Stat() (os.FileInfo, error) { return terminalInfo{}, nil }

type terminalInfo struct{}

func (terminalInfo) Name() string       { return "tty" }
func (terminalInfo) Size() int64        { return 0 }
func (terminalInfo) Mode() fs.FileMode  { return fs.ModeDevice | fs.ModeCharDevice | 0o620 }
func (terminalInfo) ModTime() time.Time { return time.Time{} }
func (terminalInfo) IsDir() bool        { return false }
func (terminalInfo) Sys() any           { return nil }

func TestReadInputSources(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   any // string, or a terminal
		opt     inputOptions
		source  string
		wantErr string
	}{
		{name: "a terminal shows the example", stdin: &fakeTerminal{}, opt: inputOptions{ExampleOnTerminal: true}, source: "example"},
		{name: "a terminal without the example", stdin: &fakeTerminal{}, wantErr: "no headers given: pass header lines as arguments, pipe them to stdin, or use --example"},
		{name: "--example wins over stdin", stdin: "b3: 1\n", opt: inputOptions{Example: true}, source: "example"},
		{name: "--example with headers", args: []string{"b3: 1"}, opt: inputOptions{Example: true}, wantErr: `--example takes no header lines, but argument 1 is "b3: 1"`},
		{name: "arguments win over stdin", args: []string{"b3: 1"}, stdin: "traceparent: x\n", source: "arguments"},
		{name: "stdin", stdin: "b3: 1\n", source: "stdin"},
		{name: "empty stdin", stdin: "", opt: inputOptions{ExampleOnTerminal: true}, wantErr: "read 0 bytes from stdin: no header lines"},
		{name: "blank stdin", stdin: "\n \r\n", wantErr: "read 2 lines (4 bytes) from stdin, all blank: no header lines"},
		{name: "headerless stdin", stdin: "one\ntwo\nthree\nfour", wantErr: `read 4 lines (18 bytes) from stdin, none a header: line 1: "one" is not a`},
		{name: "only a start line", stdin: "GET / HTTP/1.1\r\n\r\n", wantErr: "read 2 lines (18 bytes) from stdin: a start line and no header lines after it"},
		{name: "an empty JSON object", stdin: "{}", wantErr: "read 1 line (2 bytes) from stdin: JSON with no header in it"},
		{name: "a HAR without entries", stdin: `{"log": {"entries": []}}`, wantErr: "a HAR file with no entries"},
		{name: "headerless arguments", args: []string{"oops", "nope"}, wantErr: `read 2 arguments, none a header: argument 1: "oops" is not a`},
		{name: "over the limit", stdin: strings.Repeat("b3: 1\n", maxInput/6+1), wantErr: "stdin holds more than 1 MiB (1,048,576 bytes), the input limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdin io.Reader
			switch s := tc.stdin.(type) {
			case string:
				stdin = strings.NewReader(s)
			case io.Reader:
				stdin = s
			}
			in, err := readInput(tc.args, stdin, tc.opt)
			if tc.wantErr != "" {
				_, isInputErr := err.(*inputError)
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !isInputErr {
					t.Fatalf("error %v, want an input error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if in.Source != tc.source {
				t.Errorf("source %q, want %q", in.Source, tc.source)
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("isTerminal(%s) = true: an empty input would pass for a person at a keyboard", os.DevNull)
	}
	if !isTerminal(&fakeTerminal{}) || isTerminal(strings.NewReader("")) {
		t.Error("isTerminal does not follow the file mode")
	}
}

func TestHeadersCarrier(t *testing.T) {
	hs := headers{{Name: "Baggage", Value: "a=1"}, {Name: "uberctx-B", Value: "2"}, {Name: "baggage", Value: "b=2"}, {Name: "UBERCTX-a", Value: "1"}}
	if got := hs.Get("BAGGAGE"); got != "a=1" {
		t.Errorf("Get = %q, want the first line", got)
	}
	if diff := cmp.Diff([]string{"a=1", "b=2"}, hs.Values("baggage")); diff != "" {
		t.Errorf("Values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"baggage", "uberctx-b", "uberctx-a"}, hs.Keys()); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}
}

// TestParseTextHostileInput: a megabyte of input costs work in proportion
// to its size. Folded continuation lines used to be appended to the
// value one by one, copying it again for each line, and every uberctx-*
// header was looked up with a scan of all the headers.
func TestParseTextHostileInput(t *testing.T) {
	const n = 100000
	for _, prefix := range []string{"", "> "} {
		var b strings.Builder
		b.WriteString(prefix + "baggage: a=1\n")
		for range n {
			b.WriteString(prefix + " y\n")
		}
		in := parseText(b.String(), &locator{})
		if len(in.Headers) != 1 || len(in.Headers[0].Value) != 3+2*n || !strings.HasPrefix(in.Headers[0].Value, "a=1 y y") {
			t.Errorf("%q: got %d headers, first value %d bytes", prefix, len(in.Headers), len(in.Headers[0].Value))
		}
	}

	var b strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&b, "uberctx-k%d: v\n", i)
	}
	in, err := readInput(nil, strings.NewReader(b.String()), inputOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep := inspect(in)
	if len(rep.Baggage) != 40000 {
		t.Errorf("inspect found %d baggage items, want 40000", len(rep.Baggage))
	}
	// convert reads every item, and sends what a service keeps: the first
	// 64 (the W3C minimum a receiver keeps), in order of key.
	out, _, code := runCmd(t, b.String(), "convert", "--format", "uberctx")
	if n := strings.Count(out, "\n"); code != 0 || n != baggage.DefaultMaxMembers {
		t.Errorf("convert wrote %d uberctx headers (exit %d), want %d", n, code, baggage.DefaultMaxMembers)
	}
}

func TestJSONParser(t *testing.T) {
	tests := []struct {
		in   string
		want string // the decoded string, or the error
	}{
		{`"plain"`, "plain"},
		{`"tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00 \ud800"`, "tab\there \"q\" \\ / é 😀 \ufffd"},
		{`"bad \x"`, `error at 5: unknown escape 'x'`},
		{`"ctl ` + "\x01" + `"`, `error at 5: control character byte 0x01 in a string`},
		{`"open`, "error at 5: unterminated string"},
		{`[1,]`, `error at 3: unexpected ']', want a value`},
		{`{"a" 1}`, `error at 5: unexpected '1', want ':' after a member name`},
		{`-`, "error at 1: malformed number"},
		{strings.Repeat("[", maxJSONDepth+1), "error at 64: nested more than 64 levels deep"},
	}
	for _, tc := range tests {
		v, _, err := parseJSONAt(tc.in, 0)
		got := v.text
		if err != nil {
			got = fmt.Sprintf("error at %d: %s", err.(*jsonSyntaxError).off, err)
		}
		if got != tc.want {
			t.Errorf("parseJSONAt(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
