package propagator

import (
	"errors"
	"strings"

	"github.com/tracewire/tracewire"
)

// Policy decides which member's span context a Composite extracts when its
// members disagree. The zero value is FirstWins.
type Policy uint8

const (
	// FirstWins: the first member, in order, that extracts a valid span
	// context wins. A later member carrying the same trace id and span id
	// refines the winner with what its format can say and the winner's
	// cannot: the W3C tracestate and random flag, the B3/Jaeger parent
	// span id and 64-bit width, Jaeger's firehose bit, and a B3 "deferred"
	// or "debug" decision where W3C could only say "not sampled" or
	// "sampled"; so a chain of proxies configured alike writes at every
	// hop what the first one wrote. The W3C tracestate also survives when
	// the traceparent's trace id matches the winner's, even if another
	// format won. Without a valid context, the first decision without ids
	// wins, taking the trace id of a later member's agreeing decision if
	// it has none (a bare B3 "1" beside a load balancer's X-Ray Root).
	FirstWins Policy = iota
	// LastWins: the last member that extracts a valid span context wins
	// and nothing is carried across formats, exactly what OpenTelemetry's
	// composite propagator does, for parity.
	LastWins
	// Reparent is FirstWins plus Datadog's W3C reparenting (dd-trace-go's
	// rule): when the member named "tracecontext" extracts a traceparent
	// of the winner's trace but with another span id, a hop that speaks
	// only W3C made a span the winner's format never heard of, so the
	// traceparent's span id becomes the parent of the service's next span.
	// The winner's parent span id, which belonged to the replaced span, is
	// dropped, and the replaced context is reported by Composite.Links
	// with tracewire.LinkReparented.
	Reparent
)

// String returns the policy's name: "first-wins", "last-wins" or
// "reparent".
func (p Policy) String() string {
	switch p {
	case FirstWins:
		return "first-wins"
	case LastWins:
		return "last-wins"
	case Reparent:
		return "reparent"
	}
	return "unknown"
}

// ParsePolicy returns the Policy whose String is s, compared
// case-insensitively after trimming spaces, for configuration such as a
// command-line flag.
func ParsePolicy(s string) (Policy, error) {
	s = strings.TrimSpace(s)
	for _, p := range [...]Policy{FirstWins, LastWins, Reparent} {
		if strings.EqualFold(s, p.String()) {
			return p, nil
		}
	}
	return FirstWins, errors.New(`propagator: unknown policy "` + s + `" (first-wins, last-wins or reparent)`)
}

// w3cName is the name of the member the Reparent policy takes the W3C
// traceparent from.
const w3cName = "tracecontext"

// resolver applies a Policy to the members' results, one at a time, so
// that ExtractFrom can stop asking members once they cannot matter and
// Resolve can replay the results of ExtractAll to the same end.
type resolver struct {
	policy     Policy
	win        tracewire.SpanContext // the winner so far
	found      bool
	partial    tracewire.SpanContext // the first decision without ids
	firstErr   error
	state      tracewire.TraceState // the first valid result's tracestate
	stateTrace tracewire.TraceID
	w3c        tracewire.SpanContext // the first valid "tracecontext" result
}

// skips reports whether a member that has no ids cannot change the
// outcome any more: under first-wins rules, once there is a winner, only
// a valid context refines or reparents it.
func (r *resolver) skips() bool { return r.found && r.policy != LastWins }

// add takes one member's result.
func (r *resolver) add(format string, sc tracewire.SpanContext, err error) {
	if err != nil && r.firstErr == nil {
		r.firstErr = err
	}
	if !sc.IsValid() {
		switch {
		case sc.IsDeferred():
		case r.partial.IsDeferred():
			r.partial = sc
		case r.policy != LastWins && sc.Sampling() == r.partial.Sampling() &&
			!r.partial.TraceID().IsValid() && sc.TraceID().IsValid():
			// The same decision, with the trace id the first lacked (an
			// X-Ray Root without Parent beside a bare B3 "1").
			r.partial = r.partial.WithTraceID(sc.TraceID())
		}
		return
	}
	if r.policy == Reparent && format == w3cName && !r.w3c.IsValid() {
		r.w3c = sc
	}
	if sc.TraceState().Len() > 0 && r.state.Len() == 0 {
		r.state, r.stateTrace = sc.TraceState(), sc.TraceID()
	}
	switch {
	case !r.found || r.policy == LastWins:
		r.win, r.found = sc, true
	case sc.TraceID() == r.win.TraceID() && sc.SpanID() == r.win.SpanID():
		r.win = refine(r.win, sc)
	}
}

// done returns the span context resolved, marked remote, by the contract
// of SpanContextPropagator: a valid winner; else a decision without ids;
// else the zero context and the first member's error. replaced is the
// winner that Reparent moved off, or the zero SpanContext.
func (r *resolver) done() (sc, replaced tracewire.SpanContext, err error) {
	if !r.found {
		if !r.partial.IsDeferred() {
			return r.partial.WithRemote(true), replaced, nil
		}
		return tracewire.SpanContext{}, replaced, r.firstErr
	}
	win := r.win
	if r.policy != LastWins && r.state.Len() > 0 && win.TraceState().Len() == 0 && r.stateTrace == win.TraceID() {
		win = win.WithTraceState(r.state)
	}
	// Only Reparent records a W3C result: the others skip copying it.
	if w := &r.w3c; r.policy == Reparent && w.IsValid() && w.TraceID() == win.TraceID() && w.SpanID() != win.SpanID() {
		replaced = r.win.WithRemote(true)
		win = win.WithSpanID(w.SpanID()).WithParentSpanID(tracewire.SpanID{})
		if w.IsRandom() {
			win = win.WithRandom(true)
		}
	}
	return win.WithRemote(true), replaced, nil
}

// refine returns win with what other, a context with the same ids from a
// later member, says and win's format could not.
func refine(win, other tracewire.SpanContext) tracewire.SpanContext {
	if !win.ParentSpanID().IsValid() {
		win = win.WithParentSpanID(other.ParentSpanID())
	}
	if other.Is64BitTraceID() {
		win = win.With64BitTraceID(true)
	}
	if other.IsFirehose() {
		win = win.WithFirehose(true)
	}
	if other.IsRandom() {
		win = win.WithRandom(true)
	}
	switch {
	case win.Sampling() == tracewire.SamplingAccept && other.Sampling() == tracewire.SamplingDebug,
		win.Sampling() == tracewire.SamplingDeny && other.Sampling() == tracewire.SamplingDeferred:
		win = win.WithSampling(other.Sampling())
	}
	return win
}
