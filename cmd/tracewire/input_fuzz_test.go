package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzInspect feeds anything to the whole command, as stdin and as one
// argument, in every output form: it must not panic, must exit 0, 1 or 2,
// must print a report exactly when it does not exit 2, and its JSON must
// decode into the schema type.
func FuzzInspect(f *testing.F) {
	for _, name := range []string{"request.http", "response.http", "curl-v.txt", "headers.json", "gateway.json",
		"session.har", "devtools-h2.txt", "pasted.txt", "captured/curl-http2.txt", "captured/log-json.ndjson",
		"captured/log-logfmt.txt", "captured/log-plain.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("")
	f.Add(tp)
	f.Add("{\"a\": [1, {\"name\": \"b3\", \"value\": null}]}\n{\"x\":")
	f.Add("x traceparent=\"\\u00e9 b3:[1 baggage: a=1 ,\t;")
	f.Fuzz(func(t *testing.T, s string) {
		for _, args := range [][]string{{"inspect"}, {"inspect", "--json"}, {"inspect", "--json", "--full"}, {"inspect", "--full", "--strict"}, {"convert"}} {
			var out, errb bytes.Buffer
			code := run(args, strings.NewReader(s), &out, &errb, func(string) string { return "" }, false)
			if code < 0 || code > 2 {
				t.Fatalf("%q: exit status %d", args, code)
			}
			if args[0] == "inspect" && (code == 2) != (out.Len() == 0) {
				t.Fatalf("%q: exit status %d with %d bytes of report", args, code, out.Len())
			}
			if len(args) > 1 && args[1] == "--json" && code != 2 {
				var rep jsonReport
				if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
					t.Fatalf("%q: JSON report does not decode: %v", args, err)
				}
			}
		}
		if strings.HasPrefix(s, "-") {
			return // a flag, not a header
		}
		var out, errb bytes.Buffer
		if code := run([]string{"inspect", "--", s}, nil, &out, &errb, func(string) string { return "" }, false); code < 0 || code > 2 {
			t.Fatalf("argument: exit status %d", code)
		}
	})
}

// FuzzJSONValue: the JSON reader accepts exactly what encoding/json
// accepts (within its nesting limit), and decodes strings the same way.
func FuzzJSONValue(f *testing.F) {
	for _, s := range []string{`{"a": [1, -2.5e+3, true, false, null, "x\u00e9\ud83d\ude00"]}`, `"\ud800"`, `[]`, `{}`, `01`, `1.`, `"a\/b"`, `{"a":1,}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, end, err := parseJSONAt(s, 0)
		ok := err == nil && strings.TrimLeft(s[end:], " \t\r\n") == ""
		if err != nil && strings.Contains(err.Error(), "levels deep") {
			return
		}
		if want := json.Valid([]byte(s)); ok != want {
			t.Fatalf("parseJSONAt(%q): accepted %v, encoding/json %v (err %v)", s, ok, want, err)
		}
		if ok && v.kind == jsonString && utf8.ValidString(s) {
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil {
				t.Fatal(err)
			}
			if v.text != want {
				t.Fatalf("parseJSONAt(%q) = %q, encoding/json %q", s, v.text, want)
			}
		}
	})
}
