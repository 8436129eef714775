package cloudtrace

import (
	"encoding/binary"
	"math"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/decimal"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// header is the field name, lowercase as HTTP/2 and gRPC require;
// carrier.HTTPHeader indexes "X-Cloud-Trace-Context".
const header = "x-cloud-trace-context"

var errs = tracewire.ErrorTable{Header: header}

// Parse parses an X-Cloud-Trace-Context value,
// "TRACE_ID/SPAN_ID[;o=OPTIONS]": 32 lowercase hex digits, a decimal
// unsigned 64-bit span id of 1 to 20 digits, and an optional one-digit
// option, 0 for not traced and any other digit for traced. Without ";o="
// the decision is deferred. Surrounding spaces and tabs are ignored.
//
// On failure the error is a *tracewire.ParseError for header
// "x-cloud-trace-context" whose offset indexes s as passed, and the span
// context is the zero value.
func Parse(s string) (tracewire.SpanContext, error) { return parse(s, false) }

// ParseBytes is Parse for a value held as bytes. It neither keeps nor
// modifies b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b, false) }

// parse reads the value field by field in one pass. The trace id is
// decoded eight digits at a time; only when that fails does a byte loop
// look for the offending digit. The result is marked remote when remote
// is set, for ExtractFrom, and built in the variable returned rather than
// copied into it from a SpanContextConfig.
func parse[S hexid.Bytes](s S, remote bool) (sc tracewire.SpanContext, err error) {
	var zero tracewire.SpanContext
	lo, hi := ows.Trim(s)
	if lo == hi {
		return zero, errs.At(tracewire.ErrEmpty, 0)
	}
	s = s[:hi]

	var t tracewire.TraceID
	if hi-lo < 32 || !hexid.Decode32((*[16]byte)(&t), s, lo) {
		return zero, traceIDError(s, lo)
	}
	if !t.IsValid() {
		return zero, errs.At(tracewire.ErrZeroTraceID, lo)
	}
	i := lo + 32
	switch {
	case i == hi:
		// The strict form: App Engine's bare trace id is not accepted.
		return zero, errs.At(tracewire.ErrMissingField, i)
	case s[i] != '/':
		if hexid.Lower(s[i]) != 0xff {
			return zero, errs.At(tracewire.ErrLength, i)
		}
		return zero, errs.At(tracewire.ErrDelimiter, i)
	}
	i++

	// The span id: checked in the order its bytes come, so that "0x1"
	// fails at the "x", not as a zero id.
	v, n := decimal.Scan(s[i:], math.MaxUint64)
	end := i + n
	ok := end == len(s) || !decimal.IsDigit(s[end]) // false: the digit at end overflows
	switch {
	case end-i > decimal.MaxDigits || !ok && end-i == decimal.MaxDigits:
		return zero, errs.At(tracewire.ErrLength, i+decimal.MaxDigits)
	case !ok:
		return zero, errs.At(tracewire.ErrSpanID, end) // the digit that overflows
	case end == i || end < hi && s[end] != ';':
		return zero, errs.At(tracewire.ErrSpanID, end)
	case v == 0:
		return zero, errs.At(tracewire.ErrZeroSpanID, i)
	}
	var sp tracewire.SpanID
	binary.BigEndian.PutUint64(sp[:], v)

	st := tracewire.SamplingDeferred
	if i = end + 1; i <= hi {
		if i == hi || s[i] != 'o' {
			return zero, errs.At(tracewire.ErrFlags, i)
		}
		if i++; i == hi || s[i] != '=' {
			return zero, errs.At(tracewire.ErrFlags, i)
		}
		if i++; i == hi || s[i] < '0' || s[i] > '9' {
			return zero, errs.At(tracewire.ErrSampling, i)
		}
		st = tracewire.SamplingAccept
		if s[i] == '0' {
			st = tracewire.SamplingDeny
		}
		if i++; i < hi {
			return zero, errs.At(tracewire.ErrTrailingData, i)
		}
	}
	c := tracewire.SpanContextConfig{TraceID: t, SpanID: sp, Sampling: st, Remote: remote}
	c.Build(&sc)
	return sc, nil
}

// traceIDError reports why the 32 bytes from lo (or fewer, up to the end
// of s) are not a trace id: the first byte that is not a lowercase hex
// digit, a length error where a "/" or ";" ends the id early, or a length
// error at the end of a value that stops short.
func traceIDError[S hexid.Bytes](s S, lo int) error {
	end := min(len(s), lo+32)
	for j := lo; j < end; j++ {
		if hexid.Lower(s[j]) == 0xff {
			if s[j] == '/' || s[j] == ';' {
				return errs.At(tracewire.ErrLength, j)
			}
			return errs.At(tracewire.ErrTraceID, j)
		}
	}
	return errs.At(tracewire.ErrLength, end)
}
