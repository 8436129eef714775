package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/baggage"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		format string
		want   []header
	}{
		{
			name:   "plain lines, comments and blank lines",
			text:   "# from the gateway log\ntraceparent:   00-a-b-01\t\n\nTraceState: k=v\n",
			format: "lines",
			want:   []header{{Name: "traceparent", Value: "00-a-b-01"}, {Name: "TraceState", Value: "k=v"}},
		},
		{
			name:   "repeated headers keep their order",
			text:   "baggage: a=1\ntracestate: x=1\nbaggage: b=2\n",
			format: "lines",
			want:   []header{{Name: "baggage", Value: "a=1"}, {Name: "tracestate", Value: "x=1"}, {Name: "baggage", Value: "b=2"}},
		},
		{
			name:   "value with a colon",
			text:   "uber-trace-id: 1:2:0:1",
			format: "lines",
			want:   []header{{Name: "uber-trace-id", Value: "1:2:0:1"}},
		},
		{
			name:   "raw request with CRLF stops at the blank line",
			text:   "GET /x HTTP/1.1\r\nHost: a\r\nb3: 1\r\n\r\nb3: body, not a header\r\n",
			format: "http-request",
			want:   []header{{Name: "Host", Value: "a"}, {Name: "b3", Value: "1"}},
		},
		{
			name:   "raw response",
			text:   "HTTP/1.1 200 OK\ntraceresponse: 00-a-b-01\n\n{}",
			format: "http-response",
			want:   []header{{Name: "traceresponse", Value: "00-a-b-01", Response: true}},
		},
		{
			name:   "obsolete line folding",
			text:   "POST / HTTP/1.0\nbaggage: a=1,\n  b=2\n",
			format: "http-request",
			want:   []header{{Name: "baggage", Value: "a=1, b=2"}},
		},
		{
			name:   "curl -v transcript",
			text:   "*   Trying 127.0.0.1:80...\n> GET / HTTP/1.1\n> Host: localhost\n> traceparent: 00-a-b-01\n>\n< HTTP/1.1 200 OK\n< traceresponse: 00-a-c-01\n< \n{ [5 bytes data]\n* Closing connection\n",
			format: "curl",
			want: []header{
				{Name: "Host", Value: "localhost"},
				{Name: "traceparent", Value: "00-a-b-01"},
				{Name: "traceresponse", Value: "00-a-c-01", Response: true},
			},
		},
		{
			name:   "JSON keeps order, arrays and exact values",
			text:   "\ufeff {\"Traceparent\": \" 00-a-b-01\\t\", \"baggage\": [\"a=1\", \"b=2\"], \"b3\": []}",
			format: "json",
			want:   []header{{Name: "Traceparent", Value: " 00-a-b-01\t"}, {Name: "baggage", Value: "a=1"}, {Name: "baggage", Value: "b=2"}},
		},
		{
			name:   "empty JSON object",
			text:   "{}",
			format: "json",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, format, err := parseText(tc.text)
			if err != nil {
				t.Fatalf("parseText: %v", err)
			}
			if format != tc.format {
				t.Errorf("format %q, want %q", format, tc.format)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"no colon", "traceparent 00-a", `line 1: not a header line (want "Name: value"): "traceparent 00-a"`},
		{"bad name", "ok: 1\nbad name: 2", `line 2: invalid header name "bad name"`},
		{"continuation first", "  folded", "line 1: continuation line before any header"},
		{"curl bad line", "> GET / HTTP/1.1\n> nonsense", `line 2: not a header line (want "Name: value"): "nonsense"`},
		{"JSON number", `{"b3": 1}`, `JSON input: header "b3": value 1 is not a string or an array of strings`},
		{"JSON nested", `{"b3": [["x"]]}`, `JSON input: header "b3": array holds [, want strings`},
		{"JSON object value", `{"b3": {}}`, `JSON input: header "b3": want a string or an array of strings`},
		{"JSON array", `["b3"]`, "JSON input: want an object of header name to string or array of strings"},
		{"JSON trailing", `{} {}`, "JSON input: trailing data after the object"},
		{"JSON truncated", `{"b3": "1"`, "JSON input: EOF"},
		{"JSON bad name", `{"b 3": "1"}`, `JSON input: invalid header name "b 3"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := parseText(tc.text)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tc.want {
				t.Errorf("error %q, want %q", err, tc.want)
			}
		})
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
		hs, _, err := parseText(b.String())
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 1 || len(hs[0].Value) != 3+2*n || !strings.HasPrefix(hs[0].Value, "a=1 y y") {
			t.Errorf("%q: got %d headers, first value %d bytes", prefix, len(hs), len(hs[0].Value))
		}
	}

	var b strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&b, "uberctx-k%d: v\n", i)
	}
	in, err := readInput(nil, strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rep := inspect(in)
	if len(rep.Baggage) != 40000 {
		t.Errorf("inspect found %d baggage items, want 40000", len(rep.Baggage))
	}
	// convert reads every item, and sends what a service keeps: the first
	// 64 (the W3C minimum a receiver keeps), in order of key.
	out, _, code := runCmd(t, b.String(), "convert", "--to", "uberctx")
	if n := strings.Count(out, "\n"); code != 0 || n != baggage.DefaultMaxMembers {
		t.Errorf("convert wrote %d uberctx headers (exit %d), want %d", n, code, baggage.DefaultMaxMembers)
	}
}
