package sentry

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/idwords"
	"github.com/tracewire/tracewire/internal/ows"
)

// header is the field name, lowercase as HTTP/2 and gRPC require;
// carrier.HTTPHeader indexes "Sentry-Trace".
const header = "sentry-trace"

var errs = tracewire.ErrorTable{Header: header}

// Parse parses a sentry-trace value, "{trace-id}-{span-id}[-{sampled}]":
// 32 hex digits, 16 hex digits (either case) and optionally "1" (sampled)
// or "0" (not sampled). Without the flag the decision is deferred.
// Surrounding spaces and tabs are ignored.
//
// On failure the error is a *tracewire.ParseError for header
// "sentry-trace" whose offset indexes s as passed, and the span context is
// the zero value.
func Parse(s string) (tracewire.SpanContext, error) { return parse(s) }

// ParseBytes is Parse for a value held as bytes. It neither keeps nor
// modifies b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b) }

func parse[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	var sc tracewire.SpanContext
	if parseFast(s, false, &sc) {
		return sc, nil
	}
	return parseWalk(s)
}

// parseFast decodes what Sentry SDKs send, 49 or 51 bytes of lowercase hex
// and dashes with nothing around them, at fixed offsets and eight digits
// at a time, into *dst, built there rather than copied out. It accepts
// only values parseWalk accepts, with the same result (marked remote when
// remote is set, for ExtractFrom), and reports false for everything else
// (including uppercase hex and every error), leaving *dst as it was;
// parseWalk then handles the value.
func parseFast[S hexid.Bytes](s S, remote bool, dst *tracewire.SpanContext) bool {
	n := len(s)
	if n != 49 && n != 51 || s[32] != '-' {
		return false
	}
	th, tl, bad := hexid.TraceWords(s, 0, 32)
	sp, b2 := hexid.Word16(s, 33)
	if bad|b2 != 0 || th|tl == 0 || sp == 0 {
		return false
	}
	st := tracewire.SamplingDeferred
	if n == 51 {
		var known bool
		if st, known = samplingOf(s[50]); s[49] != '-' || !known {
			return false
		}
	}
	c := tracewire.SpanContextConfig{Sampling: st, Remote: remote}
	idwords.Build(dst, &c, th, tl, sp, 0)
	return true
}

// parseWalk is the complete parser behind parse: it walks the value field
// by field so that an error names the first byte no valid value could
// have.
func parseWalk[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	var zero tracewire.SpanContext
	lo, hi := ows.Trim(s)
	if lo == hi {
		return zero, errs.At(tracewire.ErrEmpty, 0)
	}
	s = s[:hi]

	var t tracewire.TraceID
	if err := id(s, lo, 32, tracewire.ErrTraceID); err != nil {
		return zero, err
	}
	hexid.DecodeRight(t[:], s[lo:lo+32])
	if !t.IsValid() {
		return zero, errs.At(tracewire.ErrZeroTraceID, lo)
	}
	i := lo + 32
	if i == hi {
		return zero, errs.At(tracewire.ErrMissingField, i)
	}
	if err := dash(s, i); err != nil {
		return zero, err
	}
	i++

	var sp tracewire.SpanID
	if err := id(s, i, 16, tracewire.ErrSpanID); err != nil {
		return zero, err
	}
	hexid.DecodeRight(sp[:], s[i:i+16])
	if !sp.IsValid() {
		return zero, errs.At(tracewire.ErrZeroSpanID, i)
	}
	st := tracewire.SamplingDeferred
	if i += 16; i < hi {
		if err := dash(s, i); err != nil {
			return zero, err
		}
		i++
		var known bool
		if i < hi {
			st, known = samplingOf(s[i])
		}
		if !known {
			return zero, errs.At(tracewire.ErrSampling, i)
		}
		if i++; i < hi {
			return zero, errs.At(tracewire.ErrTrailingData, i)
		}
	}
	return tracewire.SpanContextConfig{TraceID: t, SpanID: sp, Sampling: st}.SpanContext(), nil
}

// id checks that s holds width hex digits from i: a field cut short by
// the end of the value or a "-" is a length error where it stopped, any
// other byte an error of kind bad.
func id[S hexid.Bytes](s S, i, width int, bad tracewire.ErrorKind) error {
	e := hexid.AnyCaseRun(s, i, width)
	switch {
	case e-i == width:
		return nil
	case e == len(s) || s[e] == '-':
		return errs.At(tracewire.ErrLength, e)
	}
	return errs.At(bad, e)
}

// dash checks the separator at s[i] after a full-width id: another hex
// digit makes the id too long, any other byte is a wrong delimiter.
func dash[S hexid.Bytes](s S, i int) error {
	switch {
	case s[i] == '-':
		return nil
	case hexid.AnyCase(s[i]) != 0xff:
		return errs.At(tracewire.ErrLength, i)
	}
	return errs.At(tracewire.ErrDelimiter, i)
}

// samplingOf maps the sampled flag to its Sampling.
func samplingOf(c byte) (tracewire.Sampling, bool) {
	switch c {
	case '0':
		return tracewire.SamplingDeny, true
	case '1':
		return tracewire.SamplingAccept, true
	}
	return tracewire.SamplingDeferred, false
}
