package jaeger_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestInlining asserts that the small functions on the hot paths stay
// inlinable, as net/netip does: a change that pushes one over the
// inlining budget shows up here rather than as a slowdown.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	out, err := exec.Command(gotool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		if _, fn, ok := strings.Cut(line, ": can inline "); ok {
			got[strings.TrimSpace(fn)] = true
		}
	}
	for _, fn := range []string{
		"Parse",
		"ParseBytes",
		"Format",
		"DebugIDFromContext",
		"ContextWithDebugID",
		"Propagator.Fields",
		"trim[go.shape.string]",
		"trim[go.shape.[]uint8]",
		"delimWidth[go.shape.string]",
		"delimWidth[go.shape.[]uint8]",
		"sampling",
		"unreserved",
		"needsUnescape",
		"trimString",
	} {
		if !got[fn] {
			t.Errorf("%s is not inlinable", fn)
		}
	}
}
