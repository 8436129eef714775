package sentry

import (
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
)

// FuzzFastPath checks that the fixed-offset fast path accepts only what
// the field-by-field walk accepts, with the same result. Its seeds, which
// plain go test runs, are valid values with every byte replaced by a
// byte of each class the grammar tells apart.
func FuzzFastPath(f *testing.F) {
	const v = "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1"
	for i := range len(v) {
		for _, c := range []byte{'0', '1', 'a', 'A', 'g', '-', ' ', 0} {
			b := []byte(v)
			b[i] = c
			f.Add(string(b))
			f.Add(string(b[:49]))
		}
	}
	f.Add(strings.Repeat("0", 32) + "-b0e6f15b45c36b12")
	f.Fuzz(func(t *testing.T, s string) {
		// A rejection leaves *dst as it was.
		guard := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, 0)
		fast := guard
		if !parseFast(s, false, &fast) {
			if fast != guard {
				t.Fatalf("parseFast(%q) refused it but wrote %v", s, fast)
			}
			return
		}
		walk, err := parseWalk(s)
		if err != nil || walk != fast {
			t.Fatalf("parseFast(%q) = %v; parseWalk = %v, %v", s, fast, walk, err)
		}
		remote := guard
		if !parseFast(s, true, &remote) || remote != walk.WithRemote(true) {
			t.Fatalf("parseFast(%q, remote) = %v, want %v", s, remote, walk.WithRemote(true))
		}
	})
}
