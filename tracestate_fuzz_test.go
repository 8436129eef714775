package tracewire

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/vectors"
)

// FuzzTraceState feeds header lines (separated by "\n") to the parser and
// checks the invariants of the result and of every mutation.
func FuzzTraceState(f *testing.F) {
	for _, c := range vectors.Load(f, "tracestate").Cases {
		f.Add(strings.Join(c.Lines("tracestate"), "\n"), c.Options.Level1, c.Options.Lenient, 512)
	}
	f.Add("a=1,a=2, ,b=3\nc=4", false, true, 7)
	f.Add("rojo=1,FOO=2,congo=3", true, true, 10)
	f.Fuzz(func(t *testing.T, in string, level1, lenient bool, max int) {
		lines := strings.Split(in, "\n")
		joined := strings.Join(lines, ",")
		opts := TraceStateOptions{Level1: level1, Lenient: lenient}
		ts, err := opts.Parse(lines...)

		// The lines and their ","-joined form are the same list.
		ts2, err2 := opts.Parse(joined)
		if diff := cmp.Diff(tsMembers(ts2), tsMembers(ts)); diff != "" {
			t.Fatalf("lines and joined disagree (-joined +lines):\n%s", diff)
		}
		if !errors.Is(err, err2) && (err == nil || err2 == nil || err.Error() != err2.Error()) {
			t.Fatalf("lines error %v, joined error %v", err, err2)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Header() != "tracestate" || pe.Offset() < 0 || pe.Offset() > len(joined) {
				t.Fatalf("bad error %#v", err)
			}
			if !lenient {
				if ts != (TraceState{}) {
					t.Fatalf("strict error %v but list %q", err, ts.String())
				}
				return
			}
		}
		members := tsMembers(ts)
		if len(members) != ts.Len() || ts.Len() > tsMaxMembers {
			t.Fatalf("Len %d, All gave %d", ts.Len(), len(members))
		}
		seen := map[string]bool{}
		for _, m := range members {
			if seen[m[0]] {
				t.Fatalf("key %q repeats", m[0])
			}
			seen[m[0]] = true
			if v, ok := ts.Get(m[0]); !ok || v != m[1] {
				t.Fatalf("Get(%q) = %q, %v; All said %q", m[0], v, ok, m[1])
			}
		}

		// Canonical form: round trip and fixed point.
		s := ts.String()
		if b, _ := ts.AppendText(nil); string(b) != s {
			t.Fatalf("AppendText %q != String %q", b, s)
		}
		back, err := ParseTraceState(s)
		if err != nil {
			t.Fatalf("canonical %q does not parse: %v", s, err)
		}
		if diff := cmp.Diff(members, tsMembers(back)); diff != "" {
			t.Fatalf("round trip of %q (-want +got):\n%s", s, diff)
		}
		if back.String() != s || !back.canonical() {
			t.Fatalf("canonical form %q is not a fixed point: %q", s, back.String())
		}

		// Truncation.
		out := ts.AppendTruncated(nil, max)
		limit := max
		if limit <= 0 {
			limit = tsDefaultCap
		}
		if len(out) > limit {
			t.Fatalf("AppendTruncated(%d) gave %d bytes", max, len(out))
		}
		tr, err := ParseTraceState(string(out))
		if err != nil {
			t.Fatalf("truncated %q does not parse: %v", out, err)
		}
		if !isSubsequence(tsMembers(tr), members) {
			t.Fatalf("truncated %q is not a subsequence of %q", out, s)
		}
		if got := ts.Truncate(max).String(); got != string(out) {
			t.Fatalf("Truncate %q != AppendTruncated %q", got, out)
		}

		// Mutations.
		ins, err := ts.Insert("fuzz", "v")
		if err != nil {
			t.Fatal(err)
		}
		if im := tsMembers(ins); len(im) == 0 || im[0] != [2]string{"fuzz", "v"} || len(im) > tsMaxMembers || len(im) != ins.Len() {
			t.Fatalf("Insert gave %q", ins.String())
		}
		if len(members) > 0 {
			k := members[len(members)/2][0]
			d := ts.Delete(k)
			if _, ok := d.Get(k); ok || d.Len() != ts.Len()-1 || len(tsMembers(d)) != d.Len() {
				t.Fatalf("Delete(%q) of %q gave %q", k, s, d.String())
			}
		}
	})
}

// isSubsequence reports whether sub appears in all, in order.
func isSubsequence(sub, all [][2]string) bool {
	i := 0
	for _, m := range all {
		if i < len(sub) && sub[i] == m {
			i++
		}
	}
	return i == len(sub)
}
