package traceparent

import (
	"testing"

	"github.com/tracewire/tracewire"
)

// FuzzFastPath checks that parseFast accepts only what parseSlow accepts,
// with the same result but for the remote mark, which it sets, and the
// random flag, which it keeps on request, and that a rejection leaves
// *dst alone. Its seeds,
// which plain go test runs, are the vectors and a valid value with one
// byte replaced by a byte of each class the rules tell apart.
func FuzzFastPath(f *testing.F) {
	seedVectors(f, "traceparent", "traceparent")
	const v = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"
	for i := range len(v) {
		for _, c := range []byte{'0', 'f', 'F', 'g', '-', ' ', 0} {
			b := []byte(v)
			b[i] = c
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, random := range []bool{true, false} {
			before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
			fast := before
			if !parseFast(s, random, &fast) {
				if fast != before {
					t.Fatalf("parseFast rejects %q but changed *dst to %v", s, fast)
				}
				continue
			}
			slow, err := parseSlow(s, &errs, 0)
			want := slow.WithRemote(true).WithRandom(random && slow.IsRandom())
			if err != nil || fast != want {
				t.Fatalf("parseFast(%q, %v) = %v; parseSlow = %v, %v", s, random, fast, slow, err)
			}
		}
	})
}

// TestFastPathTaken: a canonical value takes the fast path, so that
// FuzzFastPath compares something.
func TestFastPathTaken(t *testing.T) {
	var sc tracewire.SpanContext
	if !parseFast("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true, &sc) {
		t.Error("parseFast rejects a canonical value")
	}
}
