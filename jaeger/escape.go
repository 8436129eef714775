package jaeger

import (
	"slices"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// AppendEscaped appends value to dst percent-encoded for an uberctx-*
// header: the RFC 3986 unreserved characters (letters, digits, "-", ".",
// "_", "~") as they are, every other byte as "%XX" with uppercase hex. A
// space becomes "%20", never "+", because "%20" means a space to every
// decoder while "+" does so only to query-string decoders.
func AppendEscaped(dst []byte, value string) []byte {
	for i := 0; i < len(value); i++ {
		c := value[i]
		if unreserved(c) {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', hexid.UpperDigits[c>>4], hexid.UpperDigits[c&0x0f])
		}
	}
	return dst
}

// AppendUnescaped appends the decoded form of an uberctx-* value to dst:
// "%XX" (either hex case) becomes the byte XX and "+" becomes a space, as
// jaeger-client-go's query escaping writes it. Every other byte is copied.
// The result is not checked for UTF-8, since the escapes may encode any
// byte.
//
// A "%" not followed by two hex digits is an error of kind
// tracewire.ErrEscape at the offset of the "%"; dst is then returned with
// its original length.
func AppendUnescaped(dst []byte, value string) ([]byte, error) {
	// Check every escape before writing anything, so that a bad one at
	// the end of a long value costs no wasted growth of dst, and grow dst
	// once to the decoded size.
	size, bad := unescapedSize(value)
	if bad >= 0 {
		return dst, errsCtx.At(tracewire.ErrEscape, bad)
	}
	dst = slices.Grow(dst, size)
	for i := 0; i < len(value); i++ {
		switch c := value[i]; c {
		case '%':
			dst = append(dst, hexid.AnyCase(value[i+1])<<4|hexid.AnyCase(value[i+2]))
			i += 2
		case '+':
			dst = append(dst, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst, nil
}

// unescapedSize returns the length value decodes to, or the offset of
// its first malformed escape (and -1 if there is none).
func unescapedSize(value string) (size, bad int) {
	size = len(value)
	for i := 0; i < len(value); i++ {
		if value[i] != '%' {
			continue
		}
		if i+2 >= len(value) || hexid.AnyCase(value[i+1])|hexid.AnyCase(value[i+2]) == 0xff {
			return 0, i
		}
		size -= 2
		i += 2
	}
	return size, -1
}

// unreserved reports whether c is an RFC 3986 unreserved character.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// needsUnescape reports whether s holds a byte AppendUnescaped changes.
func needsUnescape(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' || s[i] == '+' {
			return true
		}
	}
	return false
}

// needsEscape reports whether s holds a byte AppendEscaped changes.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return true
		}
	}
	return false
}
