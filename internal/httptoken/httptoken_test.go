package httptoken

import "testing"

func TestIs(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"x-session-id", true},
		{"X_Tenant.1", true},
		{"!#$%&'*+-.^_`|~", true},
		{"", false},
		{"bad header", false},
		{"a:b", false},
		{"a\"b", false},
		{"é", false},
		{"a\x00", false},
	}
	for _, tc := range tests {
		if got := Is(tc.s); got != tc.want {
			t.Errorf("Is(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
	// Every byte: exactly the 77 tchars of RFC 9110.
	n := 0
	for c := 0; c < 256; c++ {
		if IsTchar(byte(c)) {
			n++
		}
	}
	if n != 77 {
		t.Errorf("%d tchars, want 77", n)
	}
}
