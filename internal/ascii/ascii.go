// Package ascii holds the byte-level text helpers header codecs share:
// the HTTP token grammar and ASCII case (optional whitespace is package
// ows, hex digits package hexid). One copy serves every package, so that
// a fix reaches every format, and each function but Lower is small enough
// for the compiler to inline into the parsers that call it (asserted by
// TestInlining).
package ascii

import (
	"strings"

	"github.com/tracewire/tracewire/internal/hexid"
)

// The RFC 9110 §5.6.2 tchar set as a 128-bit map, bit c set for an
// allowed byte c: ALPHA, DIGIT and !#$%&'*+-.^_`|~. A map of two words
// needs no 256-byte table and no init work.
const (
	tokenLow = 1<<'!' | 1<<'#' | 1<<'$' | 1<<'%' | 1<<'&' | 1<<'\'' | 1<<'*' | 1<<'+' |
		1<<'-' | 1<<'.' | (1<<10-1)<<'0' // bytes 0-63
	tokenHigh = (1<<26-1)<<('A'-64) | 1<<('^'-64) | 1<<('_'-64) | 1<<('`'-64) |
		(1<<26-1)<<('a'-64) | 1<<('|'-64) | 1<<('~'-64) // bytes 64-127
)

// IsTokenChar reports whether c may appear in an HTTP token (a header
// name, a Server-Timing metric name, a baggage key).
func IsTokenChar(c byte) bool {
	m := uint64(tokenLow)
	if c >= 64 {
		m = tokenHigh
	}
	return c < 128 && m>>(c&63)&1 != 0
}

// IsToken reports whether s is a non-empty HTTP token.
func IsToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !IsTokenChar(s[i]) {
			return false
		}
	}
	return s != ""
}

// IsUpper reports whether c is an ASCII uppercase letter.
func IsUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// IsLower reports whether c is an ASCII lowercase letter.
func IsLower(c byte) bool { return 'a' <= c && c <= 'z' }

// Lower returns s with its ASCII letters lowercased and every other byte
// as it is (strings.ToLower would also fold non-ASCII letters and replace
// invalid UTF-8). When s has no uppercase letter, as every header name a
// propagator here asks for, it returns s itself without allocating.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if IsUpper(s[i]) {
			return lowerFrom(s, i)
		}
	}
	return s
}

// lowerFrom is Lower for an s whose first uppercase letter is at i: one
// allocation, the result.
func lowerFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if IsUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// EqualFoldLower reports whether s equals lower, a word of lowercase
// letters, ignoring the ASCII case of s. It is cheaper than
// strings.EqualFold for the fixed names parsers look for ("trace",
// "desc"), but only correct when lower holds letters alone: folding by
// setting bit 0x20 would also match "@" to "`" and "[" to "{".
func EqualFoldLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// The eight bytes of "uberctx-" as hexid.Load8 reads them (first byte
// lowest), and the bits that fold an ASCII letter to lower case at each
// letter's position.
const (
	uberctxWord = uint64('u') | uint64('b')<<8 | uint64('e')<<16 | uint64('r')<<24 |
		uint64('c')<<32 | uint64('t')<<40 | uint64('x')<<48 | uint64('-')<<56
	uberctxFold = 0x0020202020202020
)

// HasUberctxPrefix reports whether name, at least eight bytes long,
// starts with Jaeger's baggage prefix "uberctx-" in any ASCII case, in one
// comparison: setting bit 0x20 maps exactly the two cases of a letter,
// and nothing else, onto the lowercase letter. strings.EqualFold agrees:
// no letter of the prefix is the simple fold of a non-ASCII rune (only
// "k" and "s" are). Jaeger reads its items by it, and carrier.Survey
// finds them.
func HasUberctxPrefix(name string) bool {
	return hexid.Load8(name, 0)|uberctxFold == uberctxWord
}
