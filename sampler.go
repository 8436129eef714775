package tracewire

import (
	"crypto/rand"
	"math"
)

// A Sampler decides whether a trace that this service starts is sampled:
// a root with no incoming context, or a trace restarted because the
// caller was not trusted. Traces that continue a caller's context follow
// the caller's decision (OpenTelemetry's ParentBased), so a Sampler is
// consulted only for roots.
//
// SampleRoot receives the root as it will be sent (its ids, its W3C random
// flag and any trace state) and returns the decision and the trace state
// the root carries, which a sampler may extend (the ratio sampler's "ot"
// member). It must not keep or modify anything it shares with the caller.
//
// Two kinds of value implement it, both comparable:
//
//   - Sampling itself is a fixed decision: SamplingAccept samples every
//     root (OpenTelemetry's AlwaysOn, the default), SamplingDeny none
//     (AlwaysOff); SamplingDeferred and SamplingDebug are passed on as
//     they are, for formats that can say them.
//   - RatioSampler samples a fraction of the traces, the same ones in
//     every service that uses the same fraction.
//
// NewRoot takes a Sampler, and nil means SamplingAccept.
type Sampler interface {
	SampleRoot(root SpanContext) (Sampling, TraceState)
}

// SampleRoot returns s and root's trace state unchanged: a Sampling used
// as a Sampler is that decision, whatever the root.
func (s Sampling) SampleRoot(root SpanContext) (Sampling, TraceState) { return s, root.state }

// NewRoot returns the context of a new trace's first span: random ids
// from crypto/rand, the W3C random flag set (the ids are random, so the
// flag is honest), no parent, and the decision s makes for it. A nil s
// samples the trace, as OpenTelemetry's default sampler does, and so does
// NewRoot(SamplingAccept); NewRoot(SamplingDeny) starts a trace that is
// not recorded. A Sampling value costs no allocation.
//
// To start a trace whose id comes from elsewhere (a request id, another
// system's trace), build the context with NewSpanContext or
// SpanContextConfig, leaving the random flag clear unless that id is known
// to be random, and apply the sampler to it:
//
//	d, ts := sampler.SampleRoot(root)
//	root = root.WithSampling(d).WithTraceState(ts)
func NewRoot(s Sampler) SpanContext {
	root := SpanContext{traceID: NewTraceID(), spanID: NewSpanID(), bits: bitRandom}
	if s == nil {
		root.sampling = SamplingAccept
		return root
	}
	d, ts := s.SampleRoot(root)
	return root.WithSampling(d).WithTraceState(ts)
}

// RatioSampler samples a fixed fraction of traces by comparing a trace's
// 56-bit randomness R with a rejection threshold T: a trace is sampled
// when R >= T. It is a small comparable value; make one with
// NewRatioSampler. The zero value has threshold 0 and samples everything.
//
// Because the decision depends only on the trace and T, every service
// using a RatioSampler with the same fraction makes the same decision for
// a trace, and one with a smaller fraction samples a subset of what a
// larger one samples (OpenTelemetry's consistent probability sampling).
//
// By default R is the low 56 bits of the trace id, whether or not the W3C
// random flag vouches for them (so that services agree even on ids from
// systems that do not set it), and the trace state is left alone.
// WithOTelMember makes the sampler speak OpenTelemetry's "ot" tracestate
// member too; see there.
type RatioSampler struct {
	threshold uint64 // keep when R >= threshold; 1<<56 keeps nothing
	otel      bool   // read and write the "ot" tracestate member
}

// thresholdNever is a threshold no 56-bit randomness reaches.
const thresholdNever = 1 << otRandomBits

// NewRatioSampler returns a sampler that samples the fraction p of traces.
// p >= 1 samples everything (T = 0); p <= 0, NaN, and any p so small that
// p·2^56 rounds to zero sample nothing. Otherwise
//
//	T = 2^56 − round(p·2^56)
//
// with math.Round (halves away from zero). The product p·2^56 is exact in
// floating point (2^56 is a power of two), and for every p ≥ 1/16 it is
// an integer, so the threshold is exactly (1 − p)·2^56 of the float64 p:
// 0.25 gives 0xc0000000000000 (th:c), 0.5 gives th:8. For smaller p the
// rounding moves the threshold by at most one part in 2^56. This is the
// full 56-bit precision of the OpenTelemetry Collector's conversion.
// OpenTelemetry's SDKs are advised to round thresholds to 4 hex digits
// (for 0.1, th:e666 rather than th:e6666666666666); the two then decide
// differently for fewer than one trace in 10^5, and for none when p is a
// multiple of 2^-16, such as 0.5 or 0.25.
//
// Floating point is used for this conversion only: sampling compares
// integers.
func NewRatioSampler(p float64) RatioSampler {
	switch {
	case p >= 1:
		return RatioSampler{threshold: 0}
	case !(p > 0): // also NaN
		return RatioSampler{threshold: thresholdNever}
	}
	return RatioSampler{threshold: thresholdNever - uint64(math.Round(p*thresholdNever))}
}

// Threshold returns the rejection threshold T: a trace is sampled when
// its randomness is at least T. 0 samples everything; 2^56 samples
// nothing.
func (r RatioSampler) Threshold() uint64 { return r.threshold }

// WithOTelMember returns r reading and writing OpenTelemetry's "ot"
// tracestate member (see OTelState), so that OpenTelemetry SDKs and
// collectors downstream know the probability a kept trace was sampled
// with and make consistent decisions of their own:
//
//   - R is the member's rv when it has a valid one, otherwise the low 56
//     bits of the trace id when the W3C random flag is set. When the root
//     has neither, the sampler draws R from crypto/rand and writes it as
//     rv, so that everyone downstream uses the same R.
//   - A sampled root carries th (its threshold T, "th:0" for a sampler
//     that keeps everything); a root that is not sampled carries no th,
//     since a threshold describes a kept trace.
//   - Other items of the member, and other members, are kept; the member
//     moves to the front of the list, as the W3C update rule says. A
//     member too malformed to read is replaced.
//
// Writing the member builds a new tracestate string (two small
// allocations per root); without it the sampler allocates nothing.
func (r RatioSampler) WithOTelMember(on bool) RatioSampler { r.otel = on; return r }

// SampleRoot decides root as described on RatioSampler and WithOTelMember.
func (r RatioSampler) SampleRoot(root SpanContext) (Sampling, TraceState) {
	if !r.otel {
		return r.decide(traceRandomness(root.traceID)), root.state
	}
	ts := root.state
	o, _ := ts.OTelState() // zero when unreadable, and so replaced below
	rnd, ok := o.randomness(root)
	if !ok {
		rnd = newRandomness()
		if o2, err := o.WithRandomness(rnd); err == nil {
			o = o2
		} else {
			// The member is full: decide on the trace id, as without
			// WithOTelMember, and write no threshold that others would
			// check against a randomness they cannot see.
			return r.decide(traceRandomness(root.traceID)), ts.WithOTelState(o.WithoutThreshold())
		}
	}
	d := r.decide(rnd)
	if d == SamplingAccept {
		if o2, err := o.WithThreshold(r.threshold); err == nil {
			o = o2
		} else {
			o = o.WithoutThreshold()
		}
	} else {
		o = o.WithoutThreshold()
	}
	return d, ts.WithOTelState(o)
}

func (r RatioSampler) decide(rnd uint64) Sampling {
	if rnd >= r.threshold {
		return SamplingAccept
	}
	return SamplingDeny
}

// newRandomness returns 56 random bits from crypto/rand.
func newRandomness() uint64 {
	var b [otRandomBits / 8]byte
	rand.Read(b[:])
	var r uint64
	for _, c := range b {
		r = r<<8 | uint64(c)
	}
	return r
}
