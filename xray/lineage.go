package xray

import "github.com/tracewire/tracewire/internal/hexid"

// Lineage limits, from OpenTelemetry-Java's X-Ray propagator: a loop
// counter, an eight-digit hash and a request counter.
const (
	lineageMinLen     = 12
	lineageMaxLen     = 18
	lineageHashDigits = 8
	maxLoopCounter    = 32767
	maxRequestCounter = 255
)

// validLineage reports whether s is a Lineage value this package passes
// on: three fields separated by ":", one of them an eight-digit hex hash,
// the loop counter (a decimal in 0..32767) and the request counter (a
// decimal in 0..255), 12 to 18 bytes in all. The hash may come first
// ("a87bd80c:1:68", the form SPEC.md's test cases use) or between the
// counters ("1:a87bd80c:68", the form OpenTelemetry-Java reads); the
// request counter is always last.
func validLineage[S hexid.Bytes](s S) bool {
	if len(s) < lineageMinLen || len(s) > lineageMaxLen {
		return false
	}
	c1 := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			c1 = i
			break
		}
	}
	if c1 < 0 {
		return false
	}
	c2 := -1
	for i := c1 + 1; i < len(s); i++ {
		if s[i] == ':' {
			c2 = i
			break
		}
	}
	if c2 < 0 || decimal(s, c2+1, len(s), maxRequestCounter) < 0 {
		return false
	}
	return hash(s, 0, c1) && decimal(s, c1+1, c2, maxLoopCounter) >= 0 ||
		decimal(s, 0, c1, maxLoopCounter) >= 0 && hash(s, c1+1, c2)
}

// hash reports whether s[lo:hi] is the eight hex digits of a Lineage hash.
func hash[S hexid.Bytes](s S, lo, hi int) bool {
	return hi-lo == lineageHashDigits && hexRun(s, lo, hi, lineageHashDigits) == hi
}

// decimal returns the value of the decimal digits s[lo:hi], or -1 if they
// are not one or more digits or their value exceeds max.
func decimal[S hexid.Bytes](s S, lo, hi, max int) int {
	if lo == hi {
		return -1
	}
	n := 0
	for i := lo; i < hi; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1
		}
		if n = n*10 + int(c-'0'); n > max {
			return -1
		}
	}
	return n
}
