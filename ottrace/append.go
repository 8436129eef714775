package ottrace

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// AppendTraceID appends the ot-tracer-traceid value of sc to dst and
// returns the extended slice: the low 64 bits of the trace id as 16
// lowercase hex digits, as OpenTelemetry writes it, since the OT format
// is 64-bit. A trace id whose low 64 bits are zero goes out whole, 32
// digits, since its low half alone is the all-zero id every reader
// rejects (OpenTelemetry writes that). It appends nothing if sc is not
// valid. (Propagator.TraceID128 writes whole 128-bit ids instead.)
func AppendTraceID(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	t := sc.TraceID()
	return hexid.AppendTraceID(dst, t, narrowID(t, lowZero(t)))
}

// narrowID reports whether t goes out as its low 64 bits: always, unless
// wide and the high half is not zero. Callers pass wide for an id whose
// low half is zero (see lowZero).
func narrowID(t tracewire.TraceID, wide bool) bool { return !wide || t.Is64Bit() }

// lowZero reports whether the low 64 bits of t are zero, so that its low
// half alone would be the invalid all-zero id.
func lowZero(t tracewire.TraceID) bool { return [8]byte(t[8:]) == [8]byte{} }

// AppendSpanID appends the ot-tracer-spanid value of sc to dst, 16
// lowercase hex digits, and returns the extended slice. It appends
// nothing if sc is not valid.
func AppendSpanID(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	sp := sc.SpanID()
	return hexid.Append(dst, sp[:])
}

// sampledValue is the ot-tracer-sampled value for s: "true" for accept and
// debug, "false" for deny, and "" (no header) for a deferred decision.
func sampledValue(s tracewire.Sampling) string {
	switch s {
	case tracewire.SamplingDeny:
		return "false"
	case tracewire.SamplingAccept, tracewire.SamplingDebug:
		return "true"
	}
	return ""
}

// FormatHeaders returns the three header values for sc, as AppendTraceID
// and AppendSpanID write the ids, with sampled "true", "false", or "" when
// the decision is deferred and the header is left out. All three are ""
// if sc is not valid. The ids cost one allocation together.
func FormatHeaders(sc tracewire.SpanContext) (traceID, spanID, sampled string) {
	return formatHeaders(sc, false)
}

// formatHeaders formats the ids into one string and hands out substrings
// of it.
func formatHeaders(sc tracewire.SpanContext, wide bool) (traceID, spanID, sampled string) {
	if !sc.IsValid() {
		return "", "", ""
	}
	var b [48]byte
	t := sc.TraceID()
	ids := hexid.AppendTraceID(b[:0], t, narrowID(t, wide || lowZero(t)))
	nt := len(ids)
	s := string(hexid.AppendID(ids, sc.SpanID()))
	return s[:nt], s[nt:], sampledValue(sc.Sampling())
}
