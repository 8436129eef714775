package jaeger

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// maxLen is the length of the longest value Append writes: a 128-bit trace
// id, span and parent ids, one flag digit and three colons.
const maxLen = 32 + 1 + 16 + 1 + 16 + 1 + 1

// Append appends the canonical uber-trace-id value of sc to dst and returns
// the extended buffer. It appends nothing if sc is not valid.
//
// The trace id goes out 16 digits wide if sc.Is64BitTraceID, else 32; the
// span id 16 digits; the parent 16 digits, or "0" when there is none. The
// flags are a single hex digit: 0 (deny or deferred), 1 (accept) or 3
// (debug), plus 8 when the firehose flag is set. All but one of these
// read the same to the clients that wrongly parse flags as decimal; "b"
// (debug with firehose) has no form both kinds of parser read, and those
// clients reject it, as they reject the "b" it was received as.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	dst = hexid.AppendTraceID(dst, sc.TraceID(), sc.Is64BitTraceID())
	dst = append(dst, ':')
	dst = hexid.AppendID(dst, sc.SpanID())
	dst = append(dst, ':')
	if p := sc.ParentSpanID(); p.IsValid() {
		dst = hexid.AppendID(dst, p)
	} else {
		dst = append(dst, '0')
	}
	var flags byte
	switch sc.Sampling() {
	case tracewire.SamplingAccept:
		flags = flagSampled
	case tracewire.SamplingDebug:
		flags = flagSampled | flagDebug
	}
	if sc.IsFirehose() {
		flags |= flagFirehose
	}
	return append(dst, ':', hexid.Digits[flags])
}

// Format returns the canonical uber-trace-id value of sc, or "" if sc is
// not valid.
func Format(sc tracewire.SpanContext) string {
	var b [maxLen]byte
	return string(Append(b[:0], sc))
}
