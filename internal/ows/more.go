package ows

import "github.com/tracewire/tracewire/internal/hexid"

// TrimSpan narrows s[i:j] by the spaces and tabs at either end, for a
// caller walking a list whose items it delimits itself (tracestate
// members): it indexes s in place rather than slicing it per item, which
// cost TraceState.Get 4% more instructions. Trim keeps its own loops
// rather than calling TrimSpan(s, 0, len(s)): the nested inlining cost
// every caller of Trim three or four instructions.
func TrimSpan[S hexid.Bytes](s S, i, j int) (lo, hi int) {
	for i < j && Is(s[i]) {
		i++
	}
	for j > i && Is(s[j-1]) {
		j--
	}
	return i, j
}

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
	lo, hi := TrimSpan(s, 0, len(s))
	return s[lo:hi]
}

// Blank reports whether s is empty or holds only spaces and tabs: a
// header present but blank, which every format treats as absent.
func Blank(s string) bool { return Skip(s, 0) == len(s) }
