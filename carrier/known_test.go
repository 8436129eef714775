package carrier

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKnownNames: every header name propagators here ask for sits at its
// perfect-hash slot with its canonical and conventional spellings, and no
// other name, however close, is taken for one.
func TestKnownNames(t *testing.T) {
	want := []string{
		"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
		"x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-debug-id",
		"jaeger-baggage", "x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid",
		"ot-tracer-sampled", "x-datadog-trace-id", "x-datadog-parent-id",
		"x-datadog-sampling-priority", "x-datadog-origin", "x-datadog-tags", "sentry-trace",
		"x-cloud-trace-context", "grpc-trace-bin", "traceresponse", "server-timing",
	}
	found := map[string]bool{}
	for i, e := range knownNames {
		if e.lower == "" {
			continue
		}
		found[e.lower] = true
		if s := knownSlot(e.lower); s != uint32(i) {
			t.Errorf("%q at slot %d, hashes to %d", e.lower, i, s)
		}
		if c := string(appendCanonical(nil, e.lower)); e.canonical != c {
			t.Errorf("%q: canonical %q, want %q", e.lower, e.canonical, c)
		}
		if c := conventional([]byte(e.lower)); e.conv != c {
			t.Errorf("%q: conventional %q, want %q", e.lower, e.conv, c)
		}
	}
	for _, n := range want {
		if !found[n] {
			t.Errorf("%q missing", n)
		}
		c, conv := knownSpellings(n)
		if c == "" {
			t.Errorf("knownSpellings(%q) found nothing", n)
		}
		e := knownNames[knownSlot(n)]
		if diff := cmp.Diff([2]string{e.canonical, e.conv}, [2]string{c, conv}); diff != "" {
			t.Errorf("knownSpellings(%q) (-table +got):\n%s", n, diff)
		}
		// Every one-byte change, truncation and extension is unknown.
		b := []byte(n)
		for i := range b {
			for _, d := range []byte{'-', 'A', 'a', 'z', '0', 0, 0xff, b[i] ^ 0x20} {
				if d == b[i] {
					continue
				}
				m := append([]byte(nil), b...)
				m[i] = d
				if c, _ := knownSpellings(string(m)); c != "" {
					t.Errorf("knownSpellings(%q) = %q, want none", m, c)
				}
			}
			if c, _ := knownSpellings(n[:i]); c != "" {
				t.Errorf("knownSpellings(%q) = %q, want none", n[:i], c)
			}
		}
		if c, _ := knownSpellings(n + "x"); c != "" {
			t.Errorf("knownSpellings(%q) = %q, want none", n+"x", c)
		}
	}
	if len(found) != len(want) {
		t.Errorf("table holds %d names, want %d", len(found), len(want))
	}
}
