// Package decimal reads and writes unsigned 64-bit integers in decimal, the
// form in which Google Cloud's X-Cloud-Trace-Context (and Datadog) carry
// ids, without strconv: no allocation, no error values to box, and the
// position of the offending digit for the caller's own error.
package decimal

import "github.com/tracewire/tracewire/internal/hexid"

// MaxDigits is the number of digits of the largest uint64,
// 18446744073709551615.
const MaxDigits = 20

// cutoff is the largest value that can take one more digit without
// overflowing, whatever the digit.
const cutoff = (1<<64 - 1) / 10 // 1844674407370955161

// Uint64 reads the run of decimal digits in s that starts at index i and
// returns its value and end, the index of the first byte after the run.
//
// ok is false when the run does not fit in a uint64; end is then the index
// of the digit that made it overflow, and v is meaningless. The scan stops
// there, so a hostile run of digits costs at most MaxDigits steps past its
// leading zeros. An empty run (end == i) has value 0 and ok true: whether
// that is an error is for the caller to say.
func Uint64[S hexid.Bytes](s S, i int) (v uint64, end int, ok bool) {
	for end = i; end < len(s); end++ {
		d := s[end] - '0'
		if d > 9 {
			break
		}
		if v > cutoff || v == cutoff && d > (1<<64-1)%10 {
			return 0, end, false
		}
		v = v*10 + uint64(d)
	}
	return v, end, true
}

// AppendUint64 appends the decimal digits of v to dst, with no leading
// zeros ("0" for zero), and returns the extended slice. It allocates
// nothing when dst has room for MaxDigits more bytes.
func AppendUint64(dst []byte, v uint64) []byte {
	var buf [MaxDigits]byte
	i := len(buf)
	for v >= 10 {
		i--
		q := v / 10
		buf[i] = byte('0' + v - q*10)
		v = q
	}
	i--
	buf[i] = byte('0' + v)
	return append(dst, buf[i:]...)
}
