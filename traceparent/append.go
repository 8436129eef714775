package traceparent

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// Append appends the canonical traceparent value of sc to dst:
// "00-<trace-id>-<span-id>-<flags>", with flags holding only the sampled
// and random bits. A deferred or debug sampling decision goes out as not
// sampled or sampled, the only states W3C has. If sc is not valid, Append
// returns dst unchanged, because an invalid context must not propagate.
func Append(dst []byte, sc tracewire.SpanContext) []byte { return appendValue(dst, "", sc) }

// Format returns the canonical traceparent value of sc, or "" if sc is
// not valid.
func Format(sc tracewire.SpanContext) string {
	var b [valueLen]byte
	return string(Append(b[:0], sc))
}

// appendValue appends prefix and the value of sc, or nothing if sc is not
// valid. It writes the fixed template in one append and fills in the
// digits eight at a time (see hexid.Encode4), rather than growing dst two bytes
// at a time.
func appendValue(dst []byte, prefix string, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	dst = append(dst, prefix...)
	n := len(dst)
	dst = append(dst, emptyForm...)
	b := dst[n : n+valueLen]
	t, sp := sc.TraceID(), sc.SpanID()
	binary.LittleEndian.PutUint64(b[offTrace:], hexid.Encode4(binary.LittleEndian.Uint32(t[0:])))
	binary.LittleEndian.PutUint64(b[offTrace+8:], hexid.Encode4(binary.LittleEndian.Uint32(t[4:])))
	binary.LittleEndian.PutUint64(b[offTrace+16:], hexid.Encode4(binary.LittleEndian.Uint32(t[8:])))
	binary.LittleEndian.PutUint64(b[offTrace+24:], hexid.Encode4(binary.LittleEndian.Uint32(t[12:])))
	binary.LittleEndian.PutUint64(b[offSpan:], hexid.Encode4(binary.LittleEndian.Uint32(sp[0:])))
	binary.LittleEndian.PutUint64(b[offSpan+8:], hexid.Encode4(binary.LittleEndian.Uint32(sp[4:])))
	b[offFlags+1] = hexid.Digits[sc.Flags()&(tracewire.FlagSampled|tracewire.FlagRandom)]
	return dst
}
