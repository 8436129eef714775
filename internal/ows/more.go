package ows

import "github.com/tracewire/tracewire/internal/hexid"

// Is reports whether c is optional whitespace: a space or a horizontal
// tab.
func Is(c byte) bool { return c == ' ' || c == '\t' }

// Skip returns the index of the first byte of s at or after i that is not
// optional whitespace (len(s) if there is none), for grammars with OWS
// between their items (baggage, Server-Timing).
func Skip[S hexid.Bytes](s S, i int) int {
	for i < len(s) && Is(s[i]) {
		i++
	}
	return i
}

// TrimString returns s without its leading and trailing spaces and tabs,
// for callers that need the value rather than offsets into it.
func TrimString(s string) string {
	lo, hi := Trim(s)
	return s[lo:hi]
}

// Blank reports whether s is empty or holds only spaces and tabs: a
// header present but blank, which every format treats as absent.
func Blank(s string) bool {
	lo, hi := Trim(s)
	return lo == hi
}
