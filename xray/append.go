package xray

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// maxIDLen is the length of the longest value Append writes:
// "Root=1-{8}-{24};Parent={16};Sampled=1".
const maxIDLen = len("Root=1-") + 8 + 1 + 24 + len(";Parent=") + 16 + len(";Sampled=1")

// Append appends the X-Amzn-Trace-Id value of sc to dst and returns the
// extended buffer: Root (version 1, the first eight hex digits of the trace
// id, "-", the other 24), Parent (the span id) and Sampled ("1" for accept
// and debug, "0" for deny, "?" for deferred), lowercase, in that order. A
// context with a trace id but no span id writes Root and Sampled alone, as
// a load balancer does; one without a trace id writes nothing.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	return appendIDs(dst, sc, true)
}

// appendIDs is Append; without deferred, a deferred decision writes no
// Sampled field.
func appendIDs(dst []byte, sc tracewire.SpanContext, deferred bool) []byte {
	t := sc.TraceID()
	if !t.IsValid() {
		return dst
	}
	id := sc.SpanID()
	if id.IsValid() {
		switch sc.Sampling() {
		case tracewire.SamplingAccept, tracewire.SamplingDebug:
			return appendSDK(dst, &t, &id, '1')
		case tracewire.SamplingDeny:
			return appendSDK(dst, &t, &id, '0')
		}
		if deferred {
			return appendSDK(dst, &t, &id, '?')
		}
	}
	dst = append(dst, "Root=1-"...)
	dst = hexid.Append(dst, t[:4])
	dst = append(dst, '-')
	dst = hexid.Append(dst, t[4:])
	if id.IsValid() {
		dst = append(dst, ";Parent="...)
		dst = hexid.Append(dst, id[:])
	}
	switch sc.Sampling() {
	case tracewire.SamplingAccept, tracewire.SamplingDebug:
		dst = append(dst, ";Sampled=1"...)
	case tracewire.SamplingDeny:
		dst = append(dst, ";Sampled=0"...)
	default:
		if deferred {
			dst = append(dst, ";Sampled=?"...)
		}
	}
	return dst
}

// Format returns the X-Amzn-Trace-Id value of sc (see Append), or "" if sc
// has no trace id.
func Format(sc tracewire.SpanContext) string {
	var b [maxIDLen]byte
	return string(Append(b[:0], sc))
}

// sdkForm is the template of the value SDKs write, whose digits appendSDK
// fills in.
const sdkForm = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=?"

// appendSDK appends Root, Parent and Sampled=flag for t and id: the
// template in one append, the digits eight at a time (hexid.Encode4),
// rather than the value grown two bytes at a time.
func appendSDK(dst []byte, t *tracewire.TraceID, id *tracewire.SpanID, flag byte) []byte {
	n := len(dst)
	dst = append(dst, sdkForm...)
	b := dst[n : n+len(sdkForm)]
	const r = len("Root=1-")
	// The epoch (the first four bytes), "-", then the other twelve.
	binary.LittleEndian.PutUint64(b[r:], hexid.Encode4(binary.LittleEndian.Uint32(t[0:])))
	hexid.Encode16(b[r+9:], (*[8]byte)(t[4:12]))
	binary.LittleEndian.PutUint64(b[r+25:], hexid.Encode4(binary.LittleEndian.Uint32(t[12:])))
	hexid.Encode16(b[fastSpanAt:], (*[8]byte)(id))
	b[fastFlag] = flag
	return dst
}
