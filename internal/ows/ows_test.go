package ows

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrim(t *testing.T) {
	type bounds struct{ Lo, Hi int }
	for _, tc := range []struct {
		in   string
		want bounds
	}{
		{"", bounds{0, 0}},
		{" \t ", bounds{3, 3}},
		{"a", bounds{0, 1}},
		{" \ta b\t ", bounds{2, 5}},
		{"\va\n", bounds{0, 3}}, // only SP and HTAB are OWS
	} {
		lo, hi := Trim(tc.in)
		if d := cmp.Diff(tc.want, bounds{lo, hi}); d != "" {
			t.Errorf("Trim(%q) (-want +got):\n%s", tc.in, d)
		}
		if lob, hib := Trim([]byte(tc.in)); lob != lo || hib != hi {
			t.Errorf("Trim([]byte(%q)) = %d, %d", tc.in, lob, hib)
		}
	}
}
