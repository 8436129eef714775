package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// runCmd runs the program as a test sees it: no terminal, no colour.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	code = run(args, strings.NewReader(stdin), &out, &errb, env, false)
	return out.String(), errb.String(), code
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkGolden compares got with testdata/name, or rewrites it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

const (
	tpValid  = "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	tsValid  = "tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
	tpUpper  = "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01"
	b3Other  = "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-0-05e3ac9a4f6e3b90"
	tpVer    = "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09"
	jgShort  = "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:f067aa0ba902b7:0:1"
	bgRepeat = "baggage: a=1, b = two ;ttl=60, c=%41%42"
)

// goldenCases are the representative inputs whose human and JSON reports
// are kept in testdata/<name>.golden and testdata/<name>.json.golden: one
// for every form of input, the forms that curl, Go's loggers and headless
// Chromium produce taken from real captures (testdata/captured, see
// TestCaptureInputs).
var goldenCases = []struct {
	name  string
	args  []string // after "inspect"
	stdin string   // a testdata file name, or "" for none
	code  int
}{
	{name: "example", args: []string{"--example"}, code: 0},
	{name: "w3c-valid", args: []string{tpValid, tsValid, bgRepeat}, code: 0},
	{name: "invalid-traceparent", args: []string{tpUpper, tsValid}, code: 1},
	{name: "conflicting", args: []string{tpValid, b3Other}, code: 0},
	{name: "multiple-traceparent", args: []string{tpValid, tpValid}, code: 1},
	{name: "not-canonical", args: []string{tpVer, jgShort}, code: 0},
	{name: "mixed-errors", args: []string{
		"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
		"tracestate: rojo=1,Congo=2",
		"b3: a3ce929d0e0e4736-00f067aa0ba902b7-d",
		"x-b3-traceid: 463ac35c9f6413ad48485a3953bb6124",
		"x-b3-sampled: yes",
		"jaeger-debug-id: req-42",
		"baggage: ok=1,bad key=2,esc=%zz",
		"uberctx-user: bob%20smith",
	}, code: 1},
	{name: "bare-value", args: []string{"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"}, code: 0},
	{name: "http-request", stdin: "request.http", code: 0},
	{name: "http-response", stdin: "response.http", code: 0},
	{name: "curl-v", stdin: "curl-v.txt", code: 0},
	{name: "curl-http1", stdin: "captured/curl-http1.txt", code: 0},
	{name: "curl-http2", stdin: "captured/curl-http2.txt", code: 1},
	{name: "devtools-h2", stdin: "devtools-h2.txt", code: 0},
	{name: "json-input", stdin: "headers.json", code: 0},
	{name: "json-nested", stdin: "gateway.json", code: 0},
	{name: "ndjson-log", stdin: "captured/log-json.ndjson", code: 1},
	{name: "plain-log", stdin: "captured/log-plain.txt", code: 1},
	{name: "logfmt-log", stdin: "captured/log-logfmt.txt", code: 1},
	{name: "har", stdin: "session.har", code: 1},
	{name: "har-chromium", stdin: "captured/chromium.har", code: 1},
	{name: "unreadable-line", stdin: "pasted.txt", code: 0},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		stdin := ""
		if tc.stdin != "" {
			stdin = readTestdata(t, tc.stdin)
		}
		for _, mode := range []struct{ flag, ext string }{{"", ".golden"}, {"--json", ".json.golden"}} {
			t.Run(tc.name+mode.ext, func(t *testing.T) {
				args := append([]string{"inspect"}, tc.args...)
				if mode.flag != "" {
					args = append(args, mode.flag)
				}
				out, errOut, code := runCmd(t, stdin, args...)
				if code != tc.code {
					t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, errOut)
				}
				if errOut != "" {
					t.Errorf("unexpected stderr:\n%s", errOut)
				}
				checkGolden(t, tc.name+mode.ext, out)
			})
		}
	}
}

// TestJSONStreamMatchesSchema: the streamed JSON is exactly what
// encoding/json writes for the jsonReport type, so the type documents the
// output and decoding into it loses nothing.
func TestJSONStreamMatchesSchema(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			got := readTestdata(t, tc.name+".json.golden")
			var rep jsonReport
			dec := json.NewDecoder(strings.NewReader(got))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&rep); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(rep); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(b.String(), got); diff != "" {
				t.Errorf("(-encoding/json +streamed):\n%s", diff)
			}
		})
	}
}

// TestBoundedOutput: long values are cut with a count of what is left out,
// long lists summarised, and --full shows everything.
func TestBoundedOutput(t *testing.T) {
	var members []string
	for i := range 100 {
		members = append(members, fmt.Sprintf("k%d=v", i))
	}
	bag := "baggage: " + strings.Join(members, ",") + ",bad key,x"
	long := "x-b3-flags: " + strings.Repeat("1", 10000)
	out, _, _ := runCmd(t, "", "inspect", bag, long)
	for _, want := range []string{
		"  baggage: k0=v,k1=v,k2=v,", "… 343 more bytes\n",
		"  x-b3-flags: 1111", "… 9,744 more bytes\n",
		"  k63  v\n  … and 36 more members (--full shows them)\n",
		"error: invalid key (key) at offset 594\n",
		"error: malformed list member (member) at offset 599\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	full, _, _ := runCmd(t, "", "inspect", "--full", bag, long)
	if !strings.Contains(full, "k99  v") || strings.Contains(full, "more bytes") || strings.Contains(full, "more members") {
		t.Errorf("--full output is cut:\n%s", full)
	}

	js, _, _ := runCmd(t, "", "inspect", "--json", bag, long)
	var rep jsonReport
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&jsonOmitted{Baggage: 36}, rep.Omitted); diff != "" {
		t.Errorf("omitted (-want +got):\n%s", diff)
	}
	if h := rep.Headers[1]; h.ElidedBytes != 9744 || len(h.Value) != 256+len("…") {
		t.Errorf("long header: %d bytes shown, elided_bytes %d", len(h.Value), h.ElidedBytes)
	}
	e := rep.Errors[0]
	if e.ValueStart != 594-caretWindow || e.Value[e.Offset-e.ValueStart:][:3] != "key" || e.ElidedBytes != len(bag)-len("baggage: ")-len(e.Value) {
		t.Errorf("error window: %+v", e)
	}
}
