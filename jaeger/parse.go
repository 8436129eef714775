package jaeger

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/idwords"
	"github.com/tracewire/tracewire/internal/ows"
)

// Header names, lowercase as they travel in HTTP/2 and gRPC.
const (
	headerTraceID  = "uber-trace-id"
	headerDebugID  = "jaeger-debug-id"
	headerBaggage  = "jaeger-baggage"
	baggagePrefix  = "uberctx-"
	maxTraceDigits = 32
	maxSpanDigits  = 16
	maxFlagDigits  = 2
)

// The Jaeger flag bits.
const (
	flagSampled  = 0x01
	flagDebug    = 0x02
	flagFirehose = 0x08
)

// Errors for uber-trace-id values, fixed-width, and for uberctx-* values,
// free text of any length and so a List table (see tracewire.ErrorTable).
var (
	errs    = tracewire.ErrorTable{Header: headerTraceID}
	errsCtx = tracewire.ErrorTable{Header: baggagePrefix, List: true}
)

// Parse parses an uber-trace-id header value,
// {trace-id}:{span-id}:{parent-span-id}:{flags}, or its URL-encoded form in
// which every colon arrives as "%3A" (either case).
//
// Ids of either hex case and shorter than full width are accepted and
// left-padded; a trace id of at most 16 digits marks the context 64-bit so
// that Append sends it 16 digits wide again. Surrounding spaces and tabs
// are ignored. On failure the error is a *tracewire.ParseError whose
// Offset() indexes s as passed, and the span context is the zero value.
func Parse(s string) (tracewire.SpanContext, error) { return parse(s) }

// ParseBytes is Parse for a value held as bytes. It does not retain b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b) }

func parse[S hexid.Bytes](s S) (sc tracewire.SpanContext, err error) {
	if parseFast(s, false, &sc) {
		return sc, nil
	}
	return parseWalk(s)
}

// parseRemote is Parse for ExtractFrom and Extract, its result marked
// remote and stored in *dst (the zero value on entry, and left so on an
// error): on the fast path the context is built once, in place and
// already marked, rather than returned and copied again by WithRemote.
func parseRemote(s string, dst *tracewire.SpanContext) error {
	if parseFast(s, true, dst) {
		return nil
	}
	sc, err := parseWalk(s)
	if err != nil {
		return err
	}
	*dst = sc.WithRemote(true)
	return nil
}

// parseFast decodes the form tracers send, "{trace}:{span}:{parent}:{flags}"
// with a 16- or 32-digit lowercase trace id, a 16-digit span id, a parent
// of "0" or 16 digits and one or two flag digits, nothing around it, at
// fixed offsets and eight digits at a time. It accepts only values that
// parseWalk accepts, with the same result, and reports false for
// everything else (URL-encoded colons, short or uppercase ids, errors),
// leaving *dst as it was. remote marks the result, stored in *dst, remote.
func parseFast[S hexid.Bytes](s S, remote bool, dst *tracewire.SpanContext) bool {
	n := len(s)
	if n < 37 { // 16:16:0:f
		return false
	}
	tw := maxTraceDigits
	if s[16] == ':' {
		tw = maxSpanDigits
	}
	i := tw + 1 + maxSpanDigits // the ":" after the span id
	if n < i+4 || s[tw] != ':' || s[i] != ':' {
		return false
	}
	th, tl, bad := hexid.TraceWords(s, 0, tw)
	sp, b2 := hexid.Word16(s, tw+1)
	if bad|b2 != 0 || th|tl == 0 || sp == 0 {
		return false
	}
	var pw uint64 // the parent
	i++
	switch {
	case s[i] == '0' && s[i+1] == ':':
		i += 2
	case n > i+maxSpanDigits+1 && s[i+maxSpanDigits] == ':':
		var b3 uint64
		if pw, b3 = hexid.Word16(s, i); b3 != 0 {
			return false
		}
		i += maxSpanDigits + 1
	default:
		return false
	}
	var flags byte
	switch n - i {
	case 1:
		flags = hexid.AnyCase(s[i])
	case 2:
		flags = hexid.AnyCase(s[i])<<4 | hexid.AnyCase(s[i+1])
		if hexid.AnyCase(s[i]) == 0xff {
			return false
		}
	default:
		return false
	}
	if hexid.AnyCase(s[n-1]) == 0xff {
		return false
	}
	// Built and returned by value, the context was copied twice more, and
	// the parse took 51 ns rather than 36.
	c := tracewire.SpanContextConfig{
		Sampling: sampling(flags), Firehose: flags&flagFirehose != 0, TraceID64: tw == maxSpanDigits, Remote: remote,
	}
	idwords.Build(dst, &c, th, tl, sp, pw)
	return true
}

// parseWalk is the complete parser behind parse.
func parseWalk[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	lo, hi := ows.Trim(s)
	if lo == hi {
		return tracewire.SpanContext{}, errs.At(tracewire.ErrEmpty, 0)
	}

	var (
		t      tracewire.TraceID
		id     tracewire.SpanID
		parent tracewire.SpanID
		flags  byte
		narrow bool
		form   int // width of the first delimiter: 1 for ':', 3 for "%3A"
	)
	// The widths and error kinds of the four fields, in wire order.
	widths := [4]int{maxTraceDigits, maxSpanDigits, maxSpanDigits, maxFlagDigits}
	kinds := [4]tracewire.ErrorKind{tracewire.ErrTraceID, tracewire.ErrSpanID, tracewire.ErrParentSpanID, tracewire.ErrFlags}
	i := lo
	for f := range 4 {
		if f > 0 {
			// field stopped at a delimiter. Every delimiter must have the
			// form of the first: a value is URL-encoded as a whole or not
			// at all, never a mixture.
			w := delimWidth(s[:hi], i)
			if form == 0 {
				form = w
			} else if w != form {
				return tracewire.SpanContext{}, errs.At(tracewire.ErrDelimiter, i)
			}
			i += w
		}
		end, vhi, vlo, e := field(s, i, hi, widths[f], kinds[f])
		if e != nil {
			return tracewire.SpanContext{}, e
		}
		switch f {
		case 0:
			if vhi|vlo == 0 {
				return tracewire.SpanContext{}, errs.At(tracewire.ErrZeroTraceID, i)
			}
			binary.BigEndian.PutUint64(t[:8], vhi)
			binary.BigEndian.PutUint64(t[8:], vlo)
			narrow = end-i <= maxSpanDigits
		case 1:
			if vlo == 0 {
				return tracewire.SpanContext{}, errs.At(tracewire.ErrZeroSpanID, i)
			}
			binary.BigEndian.PutUint64(id[:], vlo)
		case 2:
			binary.BigEndian.PutUint64(parent[:], vlo)
		case 3:
			if end != hi {
				// field stops early only at a delimiter: a fifth field follows.
				return tracewire.SpanContext{}, errs.At(tracewire.ErrTrailingData, end)
			}
			flags = byte(vlo)
		}
		if end == hi && f < 3 {
			return tracewire.SpanContext{}, errs.At(tracewire.ErrDelimiter, hi)
		}
		i = end
	}

	return tracewire.SpanContextConfig{
		TraceID: t, SpanID: id, ParentSpanID: parent, Sampling: sampling(flags),
		Firehose: flags&flagFirehose != 0, TraceID64: narrow,
	}.SpanContext(), nil
}

// sampling maps Jaeger flags onto the shared states. Debug counts only
// with the sampled bit: a debug trace that is not sampled is not a state
// any tracer acts on, so it reads as deny (see the root package table).
func sampling(flags byte) tracewire.Sampling {
	switch {
	case flags&flagSampled == 0:
		return tracewire.SamplingDeny
	case flags&flagDebug != 0:
		return tracewire.SamplingDebug
	}
	return tracewire.SamplingAccept
}

// field decodes the hex digits of one field starting at i, up to a
// delimiter or hi, in the same pass that validates them. It returns the
// index just past the digits and their value as a 128-bit number (vhi is
// zero for fields of at most 16 digits), so that shorter ids come out
// left-padded. An empty field or a bad digit is an error of kind; a digit
// beyond width is ErrLength.
func field[S hexid.Bytes](s S, i, hi, width int, kind tracewire.ErrorKind) (end int, vhi, vlo uint64, e *tracewire.ParseError) {
	j := i
	for ; j < hi; j++ {
		c := s[j]
		v := hexid.AnyCase(c)
		if v == 0xff {
			if c == ':' || c == '%' && delimWidth(s[:hi], j) == 3 {
				break
			}
			return j, 0, 0, errs.At(kind, j)
		}
		if j-i == width {
			return j, 0, 0, errs.At(tracewire.ErrLength, j)
		}
		vhi = vhi<<4 | vlo>>60
		vlo = vlo<<4 | uint64(v)
	}
	if j == i {
		return j, 0, 0, errs.At(kind, j)
	}
	return j, vhi, vlo, nil
}

// delimWidth returns the width of the delimiter at s[i]: 1 for ':', 3 for
// "%3A" or "%3a", 0 for anything else.
func delimWidth[S hexid.Bytes](s S, i int) int {
	switch {
	case s[i] == ':':
		return 1
	case s[i] == '%' && i+2 < len(s) && s[i+1] == '3' && s[i+2]|0x20 == 'a':
		return 3
	}
	return 0
}
