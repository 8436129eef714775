package cloudtrace

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/decimal"
	"github.com/tracewire/tracewire/internal/hexid"
)

// maxLen is the length of the longest value Append writes: the trace id,
// "/", a 20-digit span id and ";o=1".
const maxLen = 32 + 1 + decimal.MaxDigits + 4

// Append appends the X-Cloud-Trace-Context value of sc to dst and returns
// the extended slice; it appends nothing if sc is not valid. It allocates
// nothing when dst has room for 57 bytes.
//
// The trace id goes out as 32 lowercase hex digits, the span id as the
// decimal of its eight bytes read big-endian, without leading zeros. The
// option is ";o=1" for accept and debug, ";o=0" for deny, and left out
// for a deferred decision, which is how Parse reads its absence.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	t, sp := sc.TraceID(), sc.SpanID()
	dst = hexid.Append(dst, t[:])
	dst = append(dst, '/')
	dst = decimal.Append(dst, binary.BigEndian.Uint64(sp[:]))
	switch sc.Sampling() {
	case tracewire.SamplingDeny:
		dst = append(dst, ";o=0"...)
	case tracewire.SamplingAccept, tracewire.SamplingDebug:
		dst = append(dst, ";o=1"...)
	}
	return dst
}

// Format returns the X-Cloud-Trace-Context value of sc, as Append writes
// it; "" if sc is not valid.
func Format(sc tracewire.SpanContext) string {
	var b [maxLen]byte
	return string(Append(b[:0], sc))
}
