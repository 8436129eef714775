package carrier

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readNames lists every header name a propagator here reads, written out
// apart from the knownNames table.
var readNames = []string{
	"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
	"x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-debug-id",
	"jaeger-baggage", "x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid",
	"ot-tracer-sampled", "x-datadog-trace-id", "x-datadog-parent-id",
	"x-datadog-sampling-priority", "x-datadog-origin", "x-datadog-tags", "sentry-trace",
	"x-cloud-trace-context", "grpc-trace-bin", "traceresponse", "server-timing",
}

// TestKnownNames: every header name propagators here ask for sits at its
// perfect-hash slot with its canonical and conventional spellings, and no
// other name, however close, is taken for one.
func TestKnownNames(t *testing.T) {
	want := readNames
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
		// The specifications' own spellings, written out here apart from
		// the table: only B3 names its id headers otherwise.
		wantConv := map[string]string{
			"x-b3-traceid": "X-B3-TraceId", "x-b3-spanid": "X-B3-SpanId", "x-b3-parentspanid": "X-B3-ParentSpanId",
		}[e.lower]
		if e.conv != wantConv || conventional([]byte(e.lower)) != wantConv {
			t.Errorf("%q: conventional %q (table %q), want %q", e.lower, conventional([]byte(e.lower)), e.conv, wantConv)
		}
		if len(e.lower) > maxKnownLen {
			t.Errorf("%q is longer than maxKnownLen (%d)", e.lower, maxKnownLen)
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
	if slotWith(want[0], knownMul) != knownSlot(want[0]) {
		t.Fatal("slotWith no longer computes knownSlot")
	}
	if !separates(want, knownMul) {
		t.Errorf("knownMul puts two names in one slot; %#x would not", findMul(want))
	}
}

// slotWith is knownSlot with another multiplier.
func slotWith(key string, mul uint32) uint32 {
	n := len(key)
	x := uint32(n)<<24 | uint32(key[n/2])<<16 | uint32(key[n-1])<<8 | uint32(key[n-2])
	return x * mul >> (32 - 5)
}

// separates reports whether mul gives every name a slot of its own.
func separates(names []string, mul uint32) bool {
	var used uint32
	for _, n := range names {
		s := slotWith(n, mul)
		if used&(1<<s) != 0 {
			return false
		}
		used |= 1 << s
	}
	return true
}

// findMul returns the first multiplier, in the order the search that
// found knownMul tried them, that separates names, or 0.
func findMul(names []string) uint32 {
	for m := uint32(1); m < 1<<24; m += 2 {
		if mul := m*2654435761 | 1; separates(names, mul) {
			return mul
		}
	}
	return 0
}
