package traceparent

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Header names, lowercase as HTTP/2 requires and Trace Context recommends.
const (
	headerTraceparent = "traceparent"
	headerTracestate  = "tracestate"
)

// tracestateCap is the size up to which the spec says a tracestate SHOULD
// be propagated; InjectInto truncates longer lists to it, by whole members.
const tracestateCap = 512

// Propagator extracts and injects W3C Trace Context: the traceparent and
// tracestate headers. The zero value follows Level 2 with strict
// tracestate parsing, as OpenTelemetry's "tracecontext" propagator must.
type Propagator struct {
	// Level1 follows Trace Context Level 1: the random flag (a reserved
	// bit in Level 1) is neither read nor written, and tracestate keys are
	// checked with the Level 1 grammar.
	Level1 bool
	// LenientTraceState drops only the invalid tracestate members instead
	// of the whole header.
	LenientTraceState bool
}

// ExtractFrom reads the caller's span context from g, by the contract
// every format here follows: absent, the zero SpanContext and a nil
// error; invalid, the zero SpanContext and the *tracewire.ParseError;
// valid, the span context, marked remote, and a nil error. (W3C has no
// way to send a sampling decision without ids.)
//
// An empty traceparent, or one of only spaces and tabs, is absent, as an
// empty b3 or uber-trace-id is. More than one traceparent line (seen
// through a carrier.ValuesGetter) is invalid, as the comma-joined value
// would be: the error is the first line's own, or else ErrTrailingData at
// the joining comma.
//
// Only with a valid traceparent are the tracestate lines read: every
// line, in order, as one list. A tracestate failure never costs the
// traceparent, and it is not an error of the extraction: the spec asks a
// receiver to discard an invalid tracestate and continue the trace, so
// ExtractFrom returns the span context without trace state (or, with
// LenientTraceState, with the members that survived) and a nil error. To
// see why a tracestate was discarded, parse it with
// tracewire.TraceStateOptions.
//
// From a carrier.HTTPHeader holding one traceparent and at most one
// tracestate line, ExtractFrom allocates nothing; the trace state refers
// to the header's own string.
func (p Propagator) ExtractFrom(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	var v string
	vg, multi := g.(carrier.ValuesGetter)
	if multi {
		lines := vg.Values(headerTraceparent)
		if len(lines) > 1 {
			// Report the first line's own fault if it has one, else the
			// comma that joining the lines would put after it.
			if _, err := Parse(lines[0]); err != nil {
				return tracewire.SpanContext{}, err
			}
			return tracewire.SpanContext{}, errs.At(tracewire.ErrTrailingData, len(lines[0]))
		}
		if len(lines) == 1 {
			v = lines[0]
		}
	} else {
		v = g.Get(headerTraceparent)
	}
	if ows.Blank(v) {
		return tracewire.SpanContext{}, nil
	}
	if !parseFast(v, !p.Level1, &sc) {
		// What Parse returns once its fast path has refused v.
		if sc, err = parseSlow(v, &errs, 0); err != nil {
			return tracewire.SpanContext{}, err
		}
		sc = sc.WithRemote(true)
		if p.Level1 {
			sc = sc.WithRandom(false)
		}
	}
	var ts tracewire.TraceState
	opts := tracewire.TraceStateOptions{Level1: p.Level1, Lenient: p.LenientTraceState}
	if multi {
		lines := vg.Values(headerTracestate)
		if len(lines) == 0 {
			return sc, nil
		}
		ts, err = opts.Parse(lines...)
	} else {
		line := g.Get(headerTracestate)
		if line == "" {
			return sc, nil
		}
		ts, err = opts.Parse(line)
	}
	if err == nil || p.LenientTraceState {
		sc = sc.WithTraceState(ts)
	}
	return sc, nil
}

// InjectInto writes sc into s: a canonical traceparent, and the trace
// state truncated to 512 bytes by whole members (the size the spec asks
// every participant to propagate) when it is not empty. It writes nothing
// for an invalid sc. A traceparent alone costs one allocation, whatever
// the carrier (carrier.Set makes the string and an http.Header's value
// slice in one object); with a trace state, so do both headers together
// (carrier.SetAll makes both values and the array of both value slices
// in one object, or one string for a carrier.Map).
func (p Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	ts := sc.TraceState()
	if ts.Len() == 0 {
		p.injectAlone(s, &sc)
		return
	}
	var b [valueLen + tracestateCap]byte
	out := p.appendTraceparent(b[:0], sc)
	n := len(out)
	set(s, ts.AppendTruncated(out, tracestateCap), n)
}

// InjectWithTraceState writes what InjectInto writes of sc carrying the
// trace state whose canonical text is state, without a
// tracewire.TraceState: for an adapter that holds the trace state in a
// form of its own (OpenTelemetry's) and writes its text into a buffer.
// The caller vouches that state is the canonical text of a valid trace
// state (members joined by bare commas), or empty for none; sc's own
// trace state is not read. A state longer than the 512 bytes InjectInto
// keeps whole is one InjectInto would truncate: InjectWithTraceState
// then writes nothing and reports false, and the caller builds the trace
// state for InjectInto. Otherwise it reports true, having written, for a
// valid sc, the traceparent and the state beside it in one allocation as
// InjectInto does (the traceparent alone for an empty state), and for
// an invalid sc nothing, as InjectInto. It neither keeps state nor
// writes into it.
func (p Propagator) InjectWithTraceState(s carrier.Setter, sc tracewire.SpanContext, state []byte) bool {
	if !sc.IsValid() {
		return true
	}
	if len(state) > tracestateCap {
		return false
	}
	if len(state) == 0 {
		p.injectAlone(s, &sc)
		return true
	}
	var b [valueLen + tracestateCap]byte
	out := p.appendTraceparent(b[:0], sc)
	n := len(out)
	set(s, append(out, state...), n)
	return true
}

// injectAlone writes the traceparent of the valid *sc without a trace
// state, the common case, formatted in a buffer of its size: the one with
// room for a trace state would be zeroed on every call.
func (p Propagator) injectAlone(s carrier.Setter, sc *tracewire.SpanContext) {
	var b [valueLen]byte
	carrier.Set(s, headerTraceparent, p.appendTraceparent(b[:0], *sc))
}

// appendTraceparent appends the traceparent InjectInto writes of the
// valid sc: under Level1, without the random flag.
func (p Propagator) appendTraceparent(dst []byte, sc tracewire.SpanContext) []byte {
	if p.Level1 {
		sc = sc.WithRandom(false)
	}
	return appendValue(dst, "", sc)
}

// set stores out, a traceparent of n bytes followed by the tracestate
// (if any), in s: in one allocation, whatever the carrier.
func set(s carrier.Setter, out []byte, n int) {
	if len(out) == n {
		carrier.Set(s, headerTraceparent, out)
		return
	}
	carrier.SetAll(s, []string{headerTraceparent, headerTracestate}, out, []int{n, len(out)})
}

// Extract returns ctx carrying the span context extracted from g, marked
// remote, when it is valid; otherwise ctx itself, so that an earlier
// propagator's result survives. Errors are dropped here; call ExtractFrom
// to see them.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	return tracewire.ContextWithExtracted(ctx, sc)
}

// Inject writes the span context held by ctx into s, as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	p.InjectInto(s, tracewire.SpanContextFromContext(ctx))
}

// Fields returns the headers Inject writes, "traceparent" and
// "tracestate", in a new slice the caller may keep or modify. Delete them
// from a reused carrier before injecting.
func (p Propagator) Fields() []string {
	return []string{headerTraceparent, headerTracestate}
}

// Name returns "tracecontext", the propagator's OTEL_PROPAGATORS name.
func (Propagator) Name() string { return "tracecontext" }

// HasIDs reports whether g has a non-empty traceparent: the header without
// which ExtractFrom cannot return a valid span context. It is the cheap
// probe a composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(headerTraceparent) != "" }

// ReadNames returns the one name HasIDs looks up, traceparent, and no
// names for more: the survey a composite makes of a map carrier answers
// HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(headerTraceparent)

// ClearFields deletes traceparent and tracestate from s if s is a
// carrier.Deleter, so that a reused carrier keeps no stale tracestate
// beside a context that has none.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete(headerTraceparent)
		d.Delete(headerTracestate)
	}
}
