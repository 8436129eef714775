package fuzz

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/vectors"
)

// vectorFiles are the per-format vector files internal/vectors can load.
// composite.json has fields of its own and is read by compositeHeaders.
var vectorFiles = []string{"traceparent", "tracestate", "traceresponse", "baggage", "b3", "jaeger", "xray", "ottrace", "cloudtrace", "sentry"}

// seedHeaders returns the header lists of every vector case in testdata/,
// one list per case, in file order.
func seedHeaders(tb testing.TB) [][][2]string {
	tb.Helper()
	var out [][][2]string
	for _, name := range vectorFiles {
		for _, c := range vectors.Load(tb, name).Cases {
			out = append(out, c.Headers)
		}
	}
	return append(out, compositeHeaders(tb)...)
}

// compositeHeaders returns the header lists of testdata/composite.json.
// Only "headers" is read, so the file's other fields need no type here.
func compositeHeaders(tb testing.TB) [][][2]string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(vectors.Dir(), "composite.json"))
	if err != nil {
		tb.Fatalf("composite.json: %v", err)
	}
	var f struct {
		Cases []struct {
			Headers [][2]string `json:"headers"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		tb.Fatalf("composite.json: %v", err)
	}
	out := make([][][2]string, 0, len(f.Cases))
	for _, c := range f.Cases {
		out = append(out, c.Headers)
	}
	return out
}

// seedValues returns every distinct header value in the vectors, in
// order of first appearance: the seed corpus of the single-value targets.
func seedValues(tb testing.TB) []string {
	tb.Helper()
	seen := map[string]bool{}
	var out []string
	for _, hs := range seedHeaders(tb) {
		for _, h := range hs {
			if !seen[h[1]] {
				seen[h[1]] = true
				out = append(out, h[1])
			}
		}
	}
	return out
}

// encodeLines writes header lines as "name: value\n" text, the encoding
// the multi-header fuzz targets decode with decodeLines. A value holding a
// newline cannot be encoded and is cut there; hostile_test.go covers CR
// and LF in values directly.
func encodeLines(hs [][2]string) string {
	var b strings.Builder
	for _, h := range hs {
		v, _, _ := strings.Cut(h[1], "\n")
		b.WriteString(h[0])
		b.WriteString(": ")
		b.WriteString(v)
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeLines turns "name: value" lines into an http.Header as net/http
// would build it: names canonicalized, repeated lines kept in order. A
// line without ": " is a name with an empty value, and a line with an
// empty name is dropped, since no HTTP message can carry one.
func decodeLines(s string) http.Header {
	h := http.Header{}
	for line := range strings.SplitSeq(s, "\n") {
		name, value, _ := strings.Cut(line, ": ")
		if name == "" {
			continue
		}
		h.Add(name, value)
	}
	return h
}

// checkParseError fails t unless err is nil or a *tracewire.ParseError
// for header whose offset lies within the value it indexes (n bytes).
func checkParseError(t *testing.T, what string, err error, header string, n int) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%s: error %T (%v) is not a *tracewire.ParseError", what, err, err)
	}
	if header != "" && pe.Header() != header {
		t.Errorf("%s: error names header %q, want %q", what, pe.Header(), header)
	}
	if pe.Offset() < 0 || pe.Offset() > n {
		t.Errorf("%s: error offset %d outside the %d-byte value", what, pe.Offset(), n)
	}
	if pe.Kind().String() == "unknown" {
		t.Errorf("%s: error has no known kind: %v", what, pe)
	}
}
