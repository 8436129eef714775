package tracewire_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestCodecsDoNotLinkNetHTTP checks that no package a program imports to
// parse or write headers depends on net/http: the root, carrier (its NATS,
// Kafka, packed and environment adapters included), baggage and every
// format package. Linking net/http doubles a small program's binary and
// triples its init work, which a program that only calls
// traceparent.Parse should not pay. The list is every package of the
// module except the internal ones (reached through the others anyway),
// propagator (which serves HTTP middleware and may import net/http) and
// the commands; a new format package is covered without editing this
// test. propagator is the control: it must be found to depend on
// net/http, or the check itself is broken.
func TestCodecsDoNotLinkNetHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	goList := func(args ...string) []string {
		t.Helper()
		out, err := exec.Command(gotool, append([]string{"list"}, args...)...).Output()
		if err != nil {
			msg := ""
			if ee, ok := err.(*exec.ExitError); ok {
				msg = string(ee.Stderr)
			}
			t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, msg)
		}
		return strings.Fields(string(out))
	}
	const module = "github.com/tracewire/tracewire"
	var pkgs []string
	for _, p := range goList(module + "/...") {
		rest := strings.TrimPrefix(p, module)
		if strings.Contains(rest+"/", "/internal/") || rest == "/propagator" ||
			strings.HasPrefix(rest, "/propagator/") || strings.HasPrefix(rest, "/cmd/") {
			continue
		}
		pkgs = append(pkgs, p)
	}
	for _, must := range []string{
		"", "/carrier", "/baggage", "/traceparent", "/b3", "/jaeger",
		"/xray", "/ottrace", "/sentry", "/cloudtrace", "/datadog", "/grpctrace",
	} {
		if !slices.Contains(pkgs, module+must) {
			t.Fatalf("package %q missing from the list %v", module+must, pkgs)
		}
	}
	for _, p := range pkgs {
		if deps := goList("-deps", p); slices.Contains(deps, "net/http") {
			t.Errorf("%s depends on net/http", p)
		}
	}
	if deps := goList("-deps", module+"/propagator"); !slices.Contains(deps, "net/http") {
		t.Errorf("the control, propagator, does not depend on net/http: the check finds nothing")
	}
}
