package ottrace

import (
	"testing"

	"github.com/tracewire/tracewire"
)

// FuzzFastPath checks that the fixed-width fast path accepts only what the
// full walk accepts, with the same result. Its seeds, which plain go test
// runs, are valid header sets with one byte of one value replaced by a
// byte of each class the rules tell apart.
func FuzzFastPath(f *testing.F) {
	base := [][3]string{
		{"a3ce929d0e0e4736", "00f067aa0ba902b7", "true"},
		{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", ""},
		{"0000000000000000", "00f067aa0ba902b7", "0"},
	}
	for _, v := range base {
		f.Add(v[0], v[1], v[2])
		for fi := range 3 {
			for i := range len(v[fi]) {
				for _, c := range []byte{'0', 'f', 'F', 'g', ' ', 'T', 0} {
					w := v
					b := []byte(w[fi])
					b[i] = c
					w[fi] = string(b)
					f.Add(w[0], w[1], w[2])
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, traceID, spanID, sampled string) {
		// A context of its own in *dst first, which a rejection must leave.
		before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		fast := before
		if !parseFast(traceID, spanID, sampled, len(sampled)%2 == 0, &fast) {
			if fast != before {
				t.Fatalf("parseFast rejects %q but changed *dst to %v", []string{traceID, spanID, sampled}, fast)
			}
			return
		}
		walk, err := parseWalk(traceID, spanID, sampled)
		if err != nil || walk.WithRemote(len(sampled)%2 == 0) != fast {
			t.Fatalf("parseFast(%q, %q, %q) = %v; parseWalk = %v, %v", traceID, spanID, sampled, fast, walk, err)
		}
	})
}
