package jaeger

import (
	"testing"

	"github.com/tracewire/tracewire"
)

// FuzzFastPath checks that parseFast accepts only what parseWalk accepts,
// with the same result (the remote mark aside, which parseFast sets on
// request). Its seeds, which plain go test runs, are valid values with
// one byte replaced by a byte of each class the rules tell apart.
func FuzzFastPath(f *testing.F) {
	for _, v := range []string{
		"4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1",
		"a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:03",
		"4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0000000000000000:b",
		"0000000000000000:00f067aa0ba902b7:0:1",
	} {
		f.Add(v, true)
		for i := range len(v) {
			for _, c := range []byte{'0', 'f', 'F', 'g', ':', '%', ' ', 0} {
				b := []byte(v)
				b[i] = c
				f.Add(string(b), i%2 == 0)
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string, remote bool) {
		// A context of its own in *dst first, which a rejection must leave.
		before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		fast := before
		if !parseFast(s, remote, &fast) {
			if fast != before {
				t.Fatalf("parseFast(%q) rejects it but changed *dst to %v", s, fast)
			}
			return
		}
		walk, err := parseWalk(s)
		if err != nil || walk.WithRemote(remote) != fast {
			t.Fatalf("parseFast(%q, %v) = %v; parseWalk = %v, %v", s, remote, fast, walk, err)
		}
	})
}

// TestFastPathTaken: the form tracers send takes the fast path, so that
// FuzzFastPath compares something.
func TestFastPathTaken(t *testing.T) {
	for _, s := range []string{"4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:03"} {
		var sc tracewire.SpanContext
		if !parseFast(s, false, &sc) {
			t.Errorf("parseFast(%q) rejects it", s)
		}
	}
}
