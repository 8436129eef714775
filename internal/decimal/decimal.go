// Package decimal reads and writes the unsigned decimal ids that Datadog
// (x-datadog-trace-id, x-datadog-parent-id) and Google Cloud
// (X-Cloud-Trace-Context's span id) carry, without strconv: the scan
// works on strings and byte slices alike, reports where it stopped, and
// allocates nothing.
package decimal

import "github.com/tracewire/tracewire/internal/hexid"

// MaxDigits is the number of digits of the largest uint64,
// 18446744073709551615.
const MaxDigits = 20

// Scan reads the run of ASCII digits at the start of s as a decimal
// number no greater than max. It returns the value and the number of
// bytes read: n stops at the first byte that is not a digit, or at the
// digit that would take the value past max, so a caller tells the two
// apart by whether s[n] is a digit. Leading zeros are read like any other
// digit. An empty run gives (0, 0).
//
// The cost is linear in the digits read and independent of max.
func Scan[S hexid.Bytes](s S, max uint64) (v uint64, n int) {
	limit := max / 10
	last := max % 10
	for n < len(s) {
		d := uint64(s[n]) - '0'
		if d > 9 {
			break
		}
		if v > limit || v == limit && d > last {
			break
		}
		v = v*10 + d
		n++
	}
	return v, n
}

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return '0' <= c && c <= '9' }

// Append appends the decimal form of v to dst, without leading zeros
// ("0" for zero).
func Append(dst []byte, v uint64) []byte {
	var b [MaxDigits]byte
	i := len(b)
	for v >= 10 {
		i--
		q := v / 10
		b[i] = byte('0' + v - q*10)
		v = q
	}
	i--
	b[i] = byte('0' + v)
	return append(dst, b[i:]...)
}
