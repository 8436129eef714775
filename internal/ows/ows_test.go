package ows

import "testing"

func TestTrim(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi int
	}{
		{"", 0, 0},
		{" \t ", 3, 3},
		{"a", 0, 1},
		{" \ta b\t ", 2, 5},
		{"\na\r", 0, 3}, // only spaces and tabs are OWS
	} {
		lo, hi := Trim(tc.in)
		blo, bhi := Trim([]byte(tc.in))
		if lo != tc.lo || hi != tc.hi || blo != lo || bhi != hi {
			t.Errorf("Trim(%q) = %d, %d (bytes %d, %d); want %d, %d", tc.in, lo, hi, blo, bhi, tc.lo, tc.hi)
		}
	}
}
