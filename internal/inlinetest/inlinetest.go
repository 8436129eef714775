// Package inlinetest checks that hot functions stay inlinable, as
// net/netip's tests do: a change that pushes one over the compiler's
// inlining budget fails a test instead of silently slowing every caller.
package inlinetest

import (
	"os/exec"
	"strings"
	"testing"
)

// Check builds the package in the current directory with -gcflags=-m and
// fails t for every name in fns the compiler does not report as
// inlinable. Names are as the compiler prints them: "Parse",
// "SpanContext.IsValid", "trim[go.shape.string]".
func Check(t *testing.T, fns ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	out, err := exec.Command(gotool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	inlinable := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		if _, fn, ok := strings.Cut(line, ": can inline "); ok {
			inlinable[strings.TrimSpace(fn)] = true
		}
	}
	for _, fn := range fns {
		if !inlinable[fn] {
			t.Errorf("%s is no longer inlinable", fn)
		}
	}
}
