package datadog

import (
	"encoding/binary"
	"math"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/decimal"
)

// parseID reads a Datadog id: an unsigned decimal uint64, or, as
// dd-trace-go accepts, a negative decimal int64 taken as its two's
// complement ("-1" is 0xffffffffffffffff). Leading zeros are allowed.
// On failure it returns the offset in v of the first byte that cannot
// belong to such a number: a non-digit, or the digit that overflows.
func parseID(v string) (uint64, int) {
	if len(v) > 0 && len(v) <= decimal.MaxDigits && v[0] != '-' {
		// Nineteen digits cannot overflow a uint64, so the loop needs no
		// bound and only a twentieth digit is checked: the ids tracers
		// send, with the offsets decimal.Scan gives.
		var n uint64
		for i := 0; i < min(len(v), decimal.MaxDigits-1); i++ {
			d := uint64(v[i]) - '0'
			if d > 9 {
				return 0, i
			}
			n = n*10 + d
		}
		if len(v) == decimal.MaxDigits {
			const last = decimal.MaxDigits - 1
			d := uint64(v[last]) - '0'
			if d > 9 || n > math.MaxUint64/10 || n == math.MaxUint64/10 && d > math.MaxUint64%10 {
				return 0, last
			}
			n = n*10 + d
		}
		return n, -1
	}
	return scanID(v)
}

// scanID is parseID by decimal.Scan, for negative ids and any input: the
// general path, which the fast one must agree with.
func scanID(v string) (uint64, int) {
	i, max := 0, uint64(math.MaxUint64)
	if len(v) > 0 && v[0] == '-' {
		i, max = 1, 1<<63
	}
	n, end := decimal.Scan(v[i:], max)
	if end == 0 || i+end < len(v) {
		return 0, i + end
	}
	if i == 1 {
		n = -n // two's complement, as a signed id on the wire means
	}
	return n, -1
}

// low64 returns the half of a trace id that x-datadog-trace-id carries;
// the high half travels in the _dd.p.tid tag.
func low64(t tracewire.TraceID) uint64 { return binary.BigEndian.Uint64(t[8:]) }

// AppendTraceID appends the x-datadog-trace-id value for t to dst: the
// low 64 bits of t in decimal. The high 64 bits travel in the _dd.p.tid
// tag (see Headers.AppendTags).
func AppendTraceID(dst []byte, t tracewire.TraceID) []byte {
	return decimal.Append(dst, low64(t))
}

// AppendSpanID appends the x-datadog-parent-id value for s to dst: s in
// decimal.
func AppendSpanID(dst []byte, s tracewire.SpanID) []byte {
	return decimal.Append(dst, binary.BigEndian.Uint64(s[:]))
}
