package b3

import (
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/idwords"
	"github.com/tracewire/tracewire/internal/ows"
)

// ExtractMulti reads the multi-header form: X-B3-TraceId (16 or 32
// digits), X-B3-SpanId, X-B3-ParentSpanId, X-B3-Sampled and X-B3-Flags.
// It asks g for the lowercase names, so a carrier that matches names
// case-insensitively finds "X-B3-TraceId" as well. Only the first line of
// a repeated header counts (Get returns it), surrounding spaces and tabs
// are ignored, and an empty value is the same as an absent header.
//
// X-B3-Sampled accepts "1" and "0" and, for older tracers, "true" and
// "false" in any case. X-B3-Flags: 1 means debug and wins over
// X-B3-Sampled; any other Flags value is ignored. An X-B3-Sampled value
// outside those four is an error even when Flags says debug, because the
// sender is then broken in a way a receiver should hear about.
//
// The result is one of: a valid span context; an invalid one carrying
// only a sampling decision (Sampled or Flags without ids); the zero
// value with a nil error when no B3 header is present; or the zero value
// with a *tracewire.ParseError naming the offending header. A trace id
// without a span id, a span id without a trace id and a parent without
// either are ErrMissingField errors on the header that is missing.
func ExtractMulti(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	err = extractMulti(g, false, &sc)
	return sc, err
}

// extractMulti is ExtractMulti, its result stored in *dst (the zero
// value on entry), marked remote when remote is set and the headers take
// the fast path (multiFast); a caller that wants a remote result marks
// the others itself. Stored rather than returned, the context is not
// copied once more on its way to ExtractFrom's caller.
func extractMulti(g carrier.Getter, remote bool, dst *tracewire.SpanContext) (err error) {
	rawT := g.Get(hTraceID)
	rawS := g.Get(hSpanID)
	rawP := g.Get(hParentSpanID)
	rawSampled := g.Get(hSampled)
	rawFlags := g.Get(hFlags)
	if multiFast(rawT, rawS, rawP, rawSampled, rawFlags, remote, dst) {
		return nil
	}
	*dst, err = multiWalk(rawT, rawS, rawP, rawSampled, rawFlags)
	return err
}

// multiFast decodes the multi headers as tracers send them: a 16- or
// 32-digit trace id, a span id and an optional parent of 16 digits, all
// lowercase, X-B3-Sampled "1", "0" or absent and X-B3-Flags "1" or
// absent, with nothing around any of them, eight digits at a time, and
// builds the context in one step, into *dst. It accepts only what
// multiWalk accepts, with the same result (but for remote), and reports
// false for everything else, which multiWalk then handles, leaving *dst
// as it was.
func multiFast(rawT, rawS, rawP, rawSampled, rawFlags string, remote bool, dst *tracewire.SpanContext) bool {
	nt := len(rawT)
	if nt != 32 && nt != 16 || len(rawS) != 16 || len(rawP) != 0 && len(rawP) != 16 {
		return false
	}
	th, tl, bad := hexid.TraceWords(rawT, 0, nt)
	sp, b2 := hexid.Word16(rawS, 0)
	var p, b3 uint64
	if len(rawP) == 16 {
		if p, b3 = hexid.Word16(rawP, 0); p == 0 {
			return false
		}
	}
	if bad|b2|b3 != 0 || th|tl == 0 || sp == 0 {
		return false
	}
	var st tracewire.Sampling // deferred: the zero value's own
	switch rawSampled {
	case "1":
		st = tracewire.SamplingAccept
	case "0":
		st = tracewire.SamplingDeny
	case "":
	default:
		return false
	}
	switch rawFlags {
	case "1":
		st = tracewire.SamplingDebug
	case "":
	default:
		return false
	}
	c := tracewire.SpanContextConfig{Sampling: st, TraceID64: nt == 16, Remote: remote}
	idwords.Build(dst, &c, th, tl, sp, p)
	return true
}

// multiWalk is the complete reading of the multi headers behind
// ExtractMulti, given their values.
func multiWalk(rawT, rawS, rawP, rawSampled, rawFlags string) (tracewire.SpanContext, error) {
	var sc tracewire.SpanContext
	tlo, thi := ows.Trim(rawT)
	slo, shi := ows.Trim(rawS)
	plo, phi := ows.Trim(rawP)
	hasT, hasS, hasP := tlo < thi, slo < shi, plo < phi

	var t tracewire.TraceID
	var s, p tracewire.SpanID
	var is64 bool
	if hasT {
		v := rawT[tlo:thi]
		// 16 or 32 lowercase digits, decoded in one pass; anything else
		// is an error, which idError finds.
		if n := len(v); n != 32 && n != 16 || hexid.DecodeLower(t[16-n/2:], v) >= 0 {
			return sc, idError(&errTraceID, tracewire.ErrTraceID, v, tlo, 32)
		}
		if !t.IsValid() {
			return sc, errTraceID.At(tracewire.ErrZeroTraceID, tlo)
		}
		is64 = len(v) == 16
	}
	if hasS {
		if err := spanID(&s, &errSpanID, tracewire.ErrSpanID, rawS, slo, shi); err != nil {
			return sc, err
		}
		if !s.IsValid() {
			return sc, errSpanID.At(tracewire.ErrZeroSpanID, slo)
		}
	}
	switch {
	case hasT && !hasS:
		return sc, errSpanID.At(tracewire.ErrMissingField, 0)
	case !hasT && (hasS || hasP):
		return sc, errTraceID.At(tracewire.ErrMissingField, 0)
	}
	if hasP {
		if err := spanID(&p, &errParentID, tracewire.ErrParentSpanID, rawP, plo, phi); err != nil {
			return sc, err
		}
		if !p.IsValid() {
			return sc, errParentID.At(tracewire.ErrParentSpanID, plo)
		}
	}

	sampling := tracewire.SamplingDeferred
	if lo, hi := ows.Trim(rawSampled); lo < hi {
		switch v := rawSampled[lo:hi]; {
		case v == "1" || len(v) == 4 && strings.EqualFold(v, "true"):
			sampling = tracewire.SamplingAccept
		case v == "0" || len(v) == 5 && strings.EqualFold(v, "false"):
			sampling = tracewire.SamplingDeny
		default:
			return sc, errSampled.At(tracewire.ErrSampling, lo)
		}
	}
	if lo, hi := ows.Trim(rawFlags); hi-lo == 1 && rawFlags[lo] == '1' {
		sampling = tracewire.SamplingDebug
	}

	sc = sc.WithSampling(sampling)
	if hasT {
		sc = sc.WithTraceID(t).WithSpanID(s).WithParentSpanID(p).With64BitTraceID(is64)
	}
	return sc, nil
}

// spanID decodes the 16-digit id in raw[lo:hi] into dst, reporting errors
// from table with kind bad for a character that is not lowercase hex.
func spanID(dst *tracewire.SpanID, table *tracewire.ErrorTable, bad tracewire.ErrorKind, raw string, lo, hi int) error {
	v := raw[lo:hi]
	if len(v) != 16 || hexid.DecodeLower(dst[:], v) >= 0 {
		return idError(table, bad, v, lo, 16)
	}
	return nil
}

// idError returns the error in v, an id found at offset lo of the header
// table describes, that is not 16 or max lowercase hex digits: the first
// bad digit (kind bad), a wrong length, or what follows a full-width id.
func idError(table *tracewire.ErrorTable, bad tracewire.ErrorKind, v string, lo, max int) error {
	e := hexRun(v, 0, max)
	switch {
	case e < len(v) && e < max:
		return table.At(bad, lo+e)
	case e != 16 && e != max, e == len(v):
		return table.At(tracewire.ErrLength, lo+e)
	}
	return tooLong(table, v[e], lo+e)
}

// tooLong reports the byte c that follows a full-width id: another digit
// makes the id too long, anything else is trailing data.
func tooLong(table *tracewire.ErrorTable, c byte, off int) error {
	if isLowerHex(c) {
		return table.At(tracewire.ErrLength, off)
	}
	return table.At(tracewire.ErrTrailingData, off)
}

// InjectMulti writes sc as multiple headers: x-b3-traceid (16 digits if
// the trace id arrived 64 bits wide, else 32), x-b3-spanid,
// x-b3-parentspanid when sc has a parent, and the decision: x-b3-sampled
// "1" or "0", or x-b3-flags "1" alone for debug (debug implies sampled, so
// Sampled is not sent with it), or nothing when deferred. An invalid sc
// writes only its decision, and nothing when that is deferred.
//
// Set replaces values but cannot remove them: on a reused carrier, delete
// the Fields of a multi Propagator first, or a stale header (an old
// x-b3-sampled next to a new deferred context) survives.
//
// The values cost one allocation together, whatever the carrier: they
// are formatted into one buffer and stored with carrier.SetAll, which
// makes their bytes and the array of their value slices in one object
// (carrier.HTTPHeader, Metadata) or one string (carrier.Map).
func InjectMulti(s carrier.Setter, sc tracewire.SpanContext) {
	var dk, dv string // the decision's header and value
	switch sc.Sampling() {
	case tracewire.SamplingDeny:
		dk, dv = hSampled, "0"
	case tracewire.SamplingAccept:
		dk, dv = hSampled, "1"
	case tracewire.SamplingDebug:
		dk, dv = hFlags, "1"
	}
	if !sc.IsValid() {
		if dk != "" {
			s.Set(dk, dv) // a constant: no allocation into a map
		}
		return
	}
	var keys [4]string
	var ends [4]int
	var buf [72]byte
	b := hexid.AppendTraceID(buf[:0], sc.TraceID(), sc.Is64BitTraceID())
	keys[0], ends[0] = hTraceID, len(b)
	b = hexid.AppendID(b, sc.SpanID())
	keys[1], ends[1] = hSpanID, len(b)
	n := 2
	if p := sc.ParentSpanID(); p.IsValid() {
		b = hexid.AppendID(b, p)
		keys[n], ends[n] = hParentSpanID, len(b)
		n++
	}
	if dk != "" {
		b = append(b, dv...)
		keys[n], ends[n] = dk, len(b)
		n++
	}
	carrier.SetAll(s, keys[:n], b, ends[:n])
}
