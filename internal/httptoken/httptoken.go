// Package httptoken checks the RFC 9110 token grammar (§5.6.2), which
// header names and many parameter names follow, for the packages that
// validate names outside a hot parsing loop.
package httptoken

// IsTchar reports whether c may appear in a token.
func IsTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// Is reports whether s is a token: one or more tchars.
func Is(s string) bool {
	for i := 0; i < len(s); i++ {
		if !IsTchar(s[i]) {
			return false
		}
	}
	return s != ""
}
