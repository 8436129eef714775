package sentry

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// maxLen is the length of the longest value Append writes.
const maxLen = 32 + 1 + 16 + 2

// Append appends the sentry-trace value of sc to dst and returns the
// extended slice; it appends nothing if sc is not valid. It allocates
// nothing when dst has room for 51 bytes.
//
// Ids go out in lowercase. The flag is "-1" for accept and debug, "-0"
// for deny, and left out for a deferred decision, as Sentry SDKs do.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	t, sp := sc.TraceID(), sc.SpanID()
	dst = hexid.Append(dst, t[:])
	dst = append(dst, '-')
	dst = hexid.Append(dst, sp[:])
	switch sc.Sampling() {
	case tracewire.SamplingDeny:
		dst = append(dst, "-0"...)
	case tracewire.SamplingAccept, tracewire.SamplingDebug:
		dst = append(dst, "-1"...)
	}
	return dst
}

// Format returns the sentry-trace value of sc, as Append writes it; "" if
// sc is not valid.
func Format(sc tracewire.SpanContext) string {
	var b [maxLen]byte
	return string(Append(b[:0], sc))
}
