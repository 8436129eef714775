package b3

import (
	"testing"

	"github.com/tracewire/tracewire"
)

// The fast paths must accept only what the full walks accept, with the
// same result (the remote mark aside, which the fast paths set on
// request). Their seeds, which plain go test runs, are valid values with
// one byte replaced by a byte of each class the rules tell apart.

// variants returns v and, for each byte of it, v with that byte replaced
// by each of a set of bytes the rules tell apart.
func variants(v string) []string {
	out := []string{v}
	for i := range len(v) {
		for _, c := range []byte{'0', 'f', 'F', 'g', '-', ' ', '1', 'd', 0} {
			b := []byte(v)
			b[i] = c
			out = append(out, string(b))
		}
	}
	return out
}

func FuzzSingleFastPath(f *testing.F) {
	for _, v := range []string{
		"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
		"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1",
		"a3ce929d0e0e4736-e457b5a2e4d86bd1-d",
		"0000000000000000-e457b5a2e4d86bd1-0-0000000000000000",
	} {
		for _, s := range variants(v) {
			f.Add(s, false)
			f.Add(s, true)
		}
	}
	f.Fuzz(func(t *testing.T, s string, remote bool) {
		// A context of its own in *dst first, which a rejection must leave.
		before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		fast := before
		if !parseSingleFast(s, remote, &fast) {
			if fast != before {
				t.Fatalf("parseSingleFast rejects %q but changed *dst to %v", s, fast)
			}
			return
		}
		walk, err := parseSingleWalk(s)
		if err != nil || walk.WithRemote(remote) != fast {
			t.Fatalf("parseSingleFast(%q, %v) = %v; parseSingleWalk = %v, %v", s, remote, fast, walk, err)
		}
	})
}

func FuzzMultiFastPath(f *testing.F) {
	base := [][5]string{
		{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1", ""},
		{"a3ce929d0e0e4736", "e457b5a2e4d86bd1", "", "0", "1"},
		{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "0000000000000000", "", "1"},
		{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "", "true", "0"},
	}
	for _, v := range base {
		f.Add(v[0], v[1], v[2], v[3], v[4], true)
		for fi := range 5 {
			for _, s := range variants(v[fi])[1:] {
				w := v
				w[fi] = s
				f.Add(w[0], w[1], w[2], w[3], w[4], fi%2 == 0)
			}
		}
	}
	f.Fuzz(func(t *testing.T, rawT, rawS, rawP, rawSampled, rawFlags string, remote bool) {
		// A context of its own in *dst first, which a rejection must leave.
		before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		fast := before
		if !multiFast(rawT, rawS, rawP, rawSampled, rawFlags, remote, &fast) {
			if fast != before {
				t.Fatalf("multiFast rejects %q but changed *dst to %v", []string{rawT, rawS, rawP, rawSampled, rawFlags}, fast)
			}
			return
		}
		walk, err := multiWalk(rawT, rawS, rawP, rawSampled, rawFlags)
		if err != nil || walk.WithRemote(remote) != fast {
			t.Fatalf("multiFast(%q, %q, %q, %q, %q) = %v; multiWalk = %v, %v", rawT, rawS, rawP, rawSampled, rawFlags, fast, walk, err)
		}
	})
}

// TestFastPathsTaken: the shapes senders write do take the fast paths, so
// that the fuzz targets above compare something.
func TestFastPathsTaken(t *testing.T) {
	var sc tracewire.SpanContext
	if !parseSingleFast("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90", true, &sc) {
		t.Error("parseSingleFast rejects a full b3 value")
	}
	if !multiFast("80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1", "", true, &sc) {
		t.Error("multiFast rejects the four multi headers")
	}
	if !multiFast("a3ce929d0e0e4736", "e457b5a2e4d86bd1", "", "", "1", false, &sc) {
		t.Error("multiFast rejects a 64-bit trace id with X-B3-Flags")
	}
}
