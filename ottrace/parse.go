package ottrace

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/idwords"
	"github.com/tracewire/tracewire/internal/ows"
)

// ParseHeaders parses the values of the three OT headers, as received:
// ot-tracer-traceid, ot-tracer-spanid and ot-tracer-sampled. Pass "" for a
// header that is absent. OT has no single-value form, so this takes the
// place of the Parse the other formats have.
//
// The trace id has 1 to 32 hex digits and the span id 1 to 16, of either
// case, left-padded with zeros; a trace id of at most 16 digits marks the
// context With64BitTraceID. Both ids are required. The sampled value is
// "true" or "false" in any case, or "1" or "0"; without it the decision is
// deferred. Surrounding spaces and tabs are ignored in each value.
//
// On failure the error is a *tracewire.ParseError naming the header at
// fault, whose offset indexes that header's value as passed, and the span
// context is the zero value. With all three values empty the error is
// ErrEmpty for ot-tracer-traceid: there is nothing to parse.
func ParseHeaders(traceID, spanID, sampled string) (tracewire.SpanContext, error) {
	return parse(traceID, spanID, sampled)
}

// ParseHeadersBytes is ParseHeaders for values held as bytes. It neither
// keeps nor modifies them.
func ParseHeadersBytes(traceID, spanID, sampled []byte) (tracewire.SpanContext, error) {
	return parse(traceID, spanID, sampled)
}

func parse[S hexid.Bytes](traceID, spanID, sampled S) (sc tracewire.SpanContext, err error) {
	if parseFast(traceID, spanID, sampled, false, &sc) {
		return sc, nil
	}
	return parseWalk(traceID, spanID, sampled)
}

// parseFast decodes what OpenTelemetry sends, a 16- or 32-digit lowercase
// trace id, a 16-digit lowercase span id and a sampled value, with nothing
// around them, eight digits at a time. It accepts only what parseWalk
// accepts, with the same result, and reports false for everything else,
// leaving *dst as it was. remote marks the result, stored in *dst,
// remote, for ExtractFrom, which then need not copy it again.
func parseFast[S hexid.Bytes](traceID, spanID, sampled S, remote bool, dst *tracewire.SpanContext) bool {
	nt := len(traceID)
	if nt != 16 && nt != 32 || len(spanID) != 16 {
		return false
	}
	th, tl, bad := hexid.TraceWords(traceID, 0, nt)
	sp, b2 := hexid.Word16(spanID, 0)
	st, known := samplingOf(sampled)
	if bad|b2 != 0 || !known || th|tl == 0 || sp == 0 {
		return false
	}
	c := tracewire.SpanContextConfig{Sampling: st, TraceID64: nt == 16, Remote: remote}
	idwords.Build(dst, &c, th, tl, sp, 0)
	return true
}

// parseWalk is the complete parser behind parse. It checks the trace id,
// then the span id, then that both are there, then the sampled value, and
// reports the first problem.
func parseWalk[S hexid.Bytes](traceID, spanID, sampled S) (tracewire.SpanContext, error) {
	var zero tracewire.SpanContext
	tlo, thi := ows.Trim(traceID)
	slo, shi := ows.Trim(spanID)
	plo, phi := ows.Trim(sampled)
	hasT, hasS := tlo < thi, slo < shi

	var t tracewire.TraceID
	if hasT {
		if err := id(traceID[:thi], tlo, 32, &errTraceID, tracewire.ErrTraceID); err != nil {
			return zero, err
		}
		hexid.DecodeRight(t[:], traceID[tlo:thi])
		if !t.IsValid() {
			return zero, errTraceID.At(tracewire.ErrZeroTraceID, tlo)
		}
	}
	var sp tracewire.SpanID
	if hasS {
		if err := id(spanID[:shi], slo, 16, &errSpanID, tracewire.ErrSpanID); err != nil {
			return zero, err
		}
		hexid.DecodeRight(sp[:], spanID[slo:shi])
		if !sp.IsValid() {
			return zero, errSpanID.At(tracewire.ErrZeroSpanID, slo)
		}
	}
	switch {
	case hasT && !hasS:
		return zero, errSpanID.At(tracewire.ErrMissingField, 0)
	case !hasT && hasS, !hasT && plo < phi:
		// A sampled value alone is not a decision OT can send.
		return zero, errTraceID.At(tracewire.ErrMissingField, 0)
	case !hasT:
		return zero, errTraceID.At(tracewire.ErrEmpty, 0)
	}
	st, known := samplingOf(sampled[plo:phi])
	if !known {
		return zero, errSampled.At(tracewire.ErrSampling, plo)
	}
	return tracewire.SpanContextConfig{TraceID: t, SpanID: sp, Sampling: st, TraceID64: thi-tlo <= 16}.SpanContext(), nil
}

// id checks that v[lo:] holds 1 to width hex digits: a digit beyond the
// width is ErrLength at that digit, any other byte an error of kind bad.
func id[S hexid.Bytes](v S, lo, width int, table *tracewire.ErrorTable, bad tracewire.ErrorKind) error {
	e := hexid.AnyCaseRun(v, lo, width)
	switch {
	case e == len(v):
		return nil
	case e-lo == width && hexid.AnyCase(v[e]) != 0xff:
		return table.At(tracewire.ErrLength, e)
	}
	return table.At(bad, e)
}

// samplingOf reads a trimmed ot-tracer-sampled value: "" is deferred,
// "true" and "1" accept, "false" and "0" deny, the words in any case.
func samplingOf[S hexid.Bytes](v S) (tracewire.Sampling, bool) {
	switch {
	case len(v) == 0:
		return tracewire.SamplingDeferred, true
	case len(v) == 1 && v[0] == '1' || len(v) == 4 && foldEq(v, "true"):
		return tracewire.SamplingAccept, true
	case len(v) == 1 && v[0] == '0' || len(v) == 5 && foldEq(v, "false"):
		return tracewire.SamplingDeny, true
	}
	return tracewire.SamplingDeferred, false
}

// foldEq reports whether v equals the lowercase word w in any case. Every
// byte of w is a letter, for which c|0x20 matches exactly its two cases.
func foldEq[S hexid.Bytes](v S, w string) bool {
	for i := range len(w) {
		if v[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}
