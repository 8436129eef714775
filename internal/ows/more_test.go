package ows

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestIsEveryByte(t *testing.T) {
	for c := range 256 {
		if got, want := Is(byte(c)), c == ' ' || c == '\t'; got != want {
			t.Errorf("Is(%#02x) = %v, want %v", c, got, want)
		}
	}
}

func TestSkip(t *testing.T) {
	for _, tc := range []struct {
		in       string
		from, to int
	}{
		{"", 0, 0},
		{" \t a", 0, 3},
		{"a  b", 1, 3},
		{"a", 1, 1},
		{"a", 5, 5}, // past the end: unchanged
		{"\r a", 0, 0},
	} {
		if got := Skip(tc.in, tc.from); got != tc.to {
			t.Errorf("Skip(%q, %d) = %d, want %d", tc.in, tc.from, got, tc.to)
		}
		if got := Skip([]byte(tc.in), tc.from); got != tc.to {
			t.Errorf("Skip([]byte(%q), %d) = %d, want %d", tc.in, tc.from, got, tc.to)
		}
	}
}

func TestTrimSpan(t *testing.T) {
	for _, tc := range []struct {
		in           string
		i, j, lo, hi int
	}{
		{"a, b ,c", 2, 5, 3, 4},
		{"a, b ,c", 6, 7, 6, 7},
		{" \t ", 0, 3, 3, 3},
		{" x ", 1, 1, 1, 1},
	} {
		lo, hi := TrimSpan(tc.in, tc.i, tc.j)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("TrimSpan(%q, %d, %d) = %d, %d, want %d, %d", tc.in, tc.i, tc.j, lo, hi, tc.lo, tc.hi)
		}
		if blo, bhi := TrimSpan([]byte(tc.in), tc.i, tc.j); blo != lo || bhi != hi {
			t.Errorf("TrimSpan([]byte(%q)) = %d, %d, want %d, %d", tc.in, blo, bhi, lo, hi)
		}
	}
}

func TestTrimString(t *testing.T) {
	for in, want := range map[string]string{"": "", " \t ": "", "a": "a", " a b\t": "a b", "\ra\n": "\ra\n"} {
		if got := TrimString(in); got != want {
			t.Errorf("TrimString(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBlank(t *testing.T) {
	for in, want := range map[string]bool{"": true, " ": true, "\t \t": true, " a ": false, "\r": false} {
		if got := Blank(in); got != want {
			t.Errorf("Blank(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestInlining: the generic helpers are instantiated, and so reported,
// only where they are called; the callers' inline tests list them.
func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Is", "TrimString", "Blank", "TrimSpan[go.shape.string]", "Skip[go.shape.string]")
}
