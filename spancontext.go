package tracewire

import (
	"encoding/binary"

	"github.com/tracewire/tracewire/internal/hexid"
)

// SpanContext is the trace context that crosses a process boundary: the
// ids, the sampling decision and the vendor trace state, plus what B3 and
// Jaeger carry that W3C does not (a parent span id, the deferred and debug
// sampling states, Jaeger's firehose bit, and whether the trace id arrived
// 64 bits wide), so that a header extracted and injected again in the same
// format comes out unchanged.
//
// SpanContext is a small comparable value, like netip.Addr: copy it freely,
// compare it with ==. Two contexts whose trace states hold the same members
// in different textual forms (spacing, empty members) are not ==; compare
// TraceState().String() for that. The zero value is an invalid context with
// a deferred sampling decision.
type SpanContext struct {
	traceID  TraceID
	spanID   SpanID
	parentID SpanID
	state    TraceState
	sampling Sampling
	bits     uint8
}

// Bits of SpanContext.bits.
const (
	bitRandom   = uint8(FlagRandom) // the W3C random flag (shares its value on purpose)
	bitRemote   = 1 << 2            // extracted from a carrier rather than created here
	bitTrace64  = 1 << 3            // the trace id arrived as 64 bits (B3, Jaeger)
	bitFirehose = 1 << 4            // Jaeger's firehose flag (0x08)
)

// NewSpanContext returns a span context with the given ids and W3C flags:
// SamplingAccept if f has FlagSampled, SamplingDeny otherwise.
func NewSpanContext(t TraceID, s SpanID, f Flags) SpanContext {
	return SpanContext{traceID: t, spanID: s}.WithFlags(f)
}

// IsValid reports whether both the trace id and the span id are non-zero.
// Only a valid context is propagated; an invalid one may still carry a
// sampling decision (a B3 header of just "0", say).
func (sc SpanContext) IsValid() bool { return sc.traceID.IsValid() && sc.spanID.IsValid() }

// TraceID returns the trace id.
func (sc SpanContext) TraceID() TraceID { return sc.traceID }

// SpanID returns the span id: for an extracted context, the caller's span.
func (sc SpanContext) SpanID() SpanID { return sc.spanID }

// ParentSpanID returns the parent span id carried by B3 or Jaeger (or set
// by NewChild), or the zero SpanID if there is none.
func (sc SpanContext) ParentSpanID() SpanID { return sc.parentID }

// Sampling returns the sampling decision.
func (sc SpanContext) Sampling() Sampling { return sc.sampling }

// IsSampled reports whether the decision is accept or debug.
func (sc SpanContext) IsSampled() bool { return sc.sampling.IsSampled() }

// IsDebug reports whether the decision is debug.
func (sc SpanContext) IsDebug() bool { return sc.sampling == SamplingDebug }

// IsDeferred reports whether no decision has been made.
func (sc SpanContext) IsDeferred() bool { return sc.sampling == SamplingDeferred }

// IsRandom reports whether the W3C Level 2 random flag is set.
func (sc SpanContext) IsRandom() bool { return sc.bits&bitRandom != 0 }

// IsRemote reports whether the context was extracted from a carrier.
func (sc SpanContext) IsRemote() bool { return sc.bits&bitRemote != 0 }

// IsFirehose reports whether Jaeger's firehose flag (0x08) is set.
func (sc SpanContext) IsFirehose() bool { return sc.bits&bitFirehose != 0 }

// Is64BitTraceID reports whether the trace id arrived 64 bits wide and so
// goes out 64 bits wide again in B3 and Jaeger. W3C always sends 128 bits,
// padding with zeros on the left.
func (sc SpanContext) Is64BitTraceID() bool {
	return sc.bits&bitTrace64 != 0 && sc.traceID.Is64Bit()
}

// Flags returns the W3C trace flags: FlagSampled for accept and debug,
// FlagRandom if set. W3C cannot say "deferred"; it goes out as not sampled.
func (sc SpanContext) Flags() Flags {
	f := Flags(sc.bits & bitRandom)
	if sc.sampling.IsSampled() {
		f |= FlagSampled
	}
	return f
}

// String returns sc in traceparent form, version 00 with the W3C flags,
// "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", the value
// traceparent.Format gives; or "invalid SpanContext" if sc is not valid
// (as netip.Addr's zero value prints "invalid IP"), even when it carries a
// sampling decision, which Sampling reports. Being the traceparent form,
// it shows neither the parent span id, nor the deferred and debug states
// (deferred prints as flags 00, debug as 01), nor the trace state.
func (sc SpanContext) String() string {
	if !sc.IsValid() {
		return "invalid SpanContext"
	}
	b := make([]byte, 0, 55)
	b = append(b, "00-"...)
	b = hexid.Append(b, sc.traceID[:])
	b = append(b, '-')
	b = hexid.Append(b, sc.spanID[:])
	b = append(b, '-')
	b = hexid.Append(b, []byte{byte(sc.Flags())})
	return string(b)
}

// TraceState returns the W3C tracestate list.
func (sc SpanContext) TraceState() TraceState { return sc.state }

// WithTraceID returns sc with trace id t.
func (sc SpanContext) WithTraceID(t TraceID) SpanContext { sc.traceID = t; return sc }

// WithSpanID returns sc with span id s.
func (sc SpanContext) WithSpanID(s SpanID) SpanContext { sc.spanID = s; return sc }

// WithParentSpanID returns sc with parent span id p (zero for none).
func (sc SpanContext) WithParentSpanID(p SpanID) SpanContext { sc.parentID = p; return sc }

// WithSampling returns sc with sampling decision s.
func (sc SpanContext) WithSampling(s Sampling) SpanContext {
	if s > SamplingDebug {
		s = SamplingDeferred
	}
	sc.sampling = s
	return sc
}

// WithFlags returns sc with the W3C flags f. The random bit is taken as
// is; FlagSampled sets accept (keeping debug if sc already says debug) and
// its absence sets deny. Reserved bits are ignored.
func (sc SpanContext) WithFlags(f Flags) SpanContext {
	sc.bits = sc.bits&^bitRandom | uint8(f&FlagRandom)
	switch {
	case !f.IsSampled():
		sc.sampling = SamplingDeny
	case sc.sampling != SamplingDebug:
		sc.sampling = SamplingAccept
	}
	return sc
}

// WithRandom returns sc with the W3C random flag set or cleared.
func (sc SpanContext) WithRandom(on bool) SpanContext { return sc.withBit(bitRandom, on) }

// WithRemote returns sc marked as extracted from a carrier, or not.
func (sc SpanContext) WithRemote(on bool) SpanContext { return sc.withBit(bitRemote, on) }

// WithFirehose returns sc with Jaeger's firehose flag set or cleared.
func (sc SpanContext) WithFirehose(on bool) SpanContext { return sc.withBit(bitFirehose, on) }

// With64BitTraceID returns sc marked as having a trace id that travels 64
// bits wide in B3 and Jaeger. The mark has no effect while the high eight
// bytes of the trace id are non-zero.
func (sc SpanContext) With64BitTraceID(on bool) SpanContext { return sc.withBit(bitTrace64, on) }

// WithTraceState returns sc with trace state ts.
func (sc SpanContext) WithTraceState(ts TraceState) SpanContext { sc.state = ts; return sc }

func (sc SpanContext) withBit(bit uint8, on bool) SpanContext {
	if on {
		sc.bits |= bit
	} else {
		sc.bits &^= bit
	}
	return sc
}

// NewChild returns the context of a new span that continues sc: the same
// trace id, trace state, sampling decision, random flag and id width, a new
// random span id, and sc's span id as the parent. The child is local (not
// remote). If sc is not valid, NewChild starts a new trace instead (see
// NewRoot), keeping sc's sampling decision: a bare B3 "0" or "1", or a
// Jaeger debug request, still governs the trace it starts. With no decision
// (the zero SpanContext, a deferred B3 context) the new trace is sampled,
// as under OpenTelemetry's default sampler; to have a Sampler decide it,
// call NewRoot instead.
func (sc SpanContext) NewChild() SpanContext {
	if !sc.IsValid() {
		if sc.sampling == SamplingDeferred {
			return NewRoot(nil)
		}
		return NewRoot(sc.sampling)
	}
	sc.parentID = sc.spanID
	sc.spanID = NewSpanID()
	sc.bits &^= bitRemote
	return sc
}

// SpanContextConfig lists every field of a SpanContext, so that a codec
// can build one in a single step rather than through a chain of With
// calls, each of which copies the whole value.
type SpanContextConfig struct {
	TraceID      TraceID
	SpanID       SpanID
	ParentSpanID SpanID
	Sampling     Sampling
	TraceState   TraceState
	Random       bool // the W3C Level 2 random flag
	Remote       bool // extracted from a carrier
	TraceID64    bool // the trace id travels 64 bits wide in B3 and Jaeger
	Firehose     bool // Jaeger's firehose flag
}

// SpanContext returns the span context c describes. A Sampling value out
// of range reads as SamplingDeferred, as in WithSampling.
func (c SpanContextConfig) SpanContext() SpanContext {
	return SpanContext{traceID: c.TraceID, spanID: c.SpanID, parentID: c.ParentSpanID, state: c.TraceState, sampling: c.sampling(), bits: c.bits()}
}

// Build stores in *dst the span context c describes, the one SpanContext
// returns. It is for a parser's hot path, which fills c and hands the
// result to a variable its caller passed in.
//
// The context is written field by field where the caller reads it, the
// trace id eight bytes at a time. Returned by value it is first built in
// a temporary and then copied sixteen bytes at a time, and on amd64 each
// such load that spans two smaller stores just made waits for them: the
// B3, Jaeger, OT, X-Ray and traceparent fast paths measured about 8 ns
// (a sixth) faster through Build.
func (c *SpanContextConfig) Build(dst *SpanContext) {
	binary.LittleEndian.PutUint64(dst.traceID[:8], binary.LittleEndian.Uint64(c.TraceID[:8]))
	binary.LittleEndian.PutUint64(dst.traceID[8:], binary.LittleEndian.Uint64(c.TraceID[8:]))
	dst.spanID, dst.parentID, dst.state = c.SpanID, c.ParentSpanID, c.TraceState
	dst.sampling, dst.bits = c.sampling(), c.bits()
}

// sampling is c.Sampling, read as SamplingDeferred when out of range.
func (c *SpanContextConfig) sampling() Sampling {
	if c.Sampling > SamplingDebug {
		return SamplingDeferred
	}
	return c.Sampling
}

// bits is the SpanContext.bits c's flags set.
func (c *SpanContextConfig) bits() uint8 {
	var bits uint8
	if c.Random {
		bits |= bitRandom
	}
	if c.Remote {
		bits |= bitRemote
	}
	if c.TraceID64 {
		bits |= bitTrace64
	}
	if c.Firehose {
		bits |= bitFirehose
	}
	return bits
}
