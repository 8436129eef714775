package propagator

import (
	"context"

	"github.com/tracewire/tracewire/baggage"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

// Composite runs several propagators as one.
//
// Inject: every member writes its fields, in order, so all configured
// formats go out together.
//
// Extract, by default (first-wins):
//   - members run in order and the first valid span context wins; an
//     invalid or absent one never replaces a valid one;
//   - a later member that carries the same trace id and span id refines
//     the winner with what its format can say and the winner's cannot: the
//     W3C tracestate and random flag, the B3/Jaeger parent span id and
//     64-bit width, Jaeger's firehose bit, and a B3 "deferred" or "debug"
//     decision where W3C could only say "not sampled" or "sampled"; so a
//     chain of proxies configured alike writes at every hop what the first
//     one wrote;
//   - the W3C tracestate survives when the traceparent's trace id matches
//     the winner's, even if another format won;
//   - a context that carries only a sampling decision (a bare B3 "0", a
//     Jaeger debug request) is used only when no member found a valid one;
//   - baggage from W3C baggage and Jaeger's uberctx-* (and jaeger-baggage)
//     items is merged: the W3C members first, then the Jaeger items whose
//     key (compared case-insensitively) no W3C member has. The W3C member
//     wins whatever the member order, because a uberctx-* header is a
//     lossy copy of it: HTTP lowercases its name and it has no properties.
//
// With LastWins set, the span context of the last member that extracts a
// valid one wins and nothing is carried across formats: exactly what
// OpenTelemetry's composite propagator does, for parity.
type Composite struct {
	Members  []Propagator
	LastWins bool
}

// Compose returns a first-wins Composite of ps.
func Compose(ps ...Propagator) Composite { return Composite{Members: ps} }

// Fields returns the union of the members' fields, each once, in the
// order the members first name them.
func (c Composite) Fields() []string {
	var out []string
	for _, m := range c.Members {
		for _, f := range m.Fields() {
			if !contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// clear deletes the fields of the trace-context members (span context and
// baggage formats) if s can delete. Pass-through and foreign members are
// left alone: their headers may be the application's own.
func (c Composite) clear(s carrier.Setter, spanOnly bool) {
	d, ok := s.(carrier.Deleter)
	if !ok {
		return
	}
	for _, m := range c.Members {
		switch m.(type) {
		case SpanContextPropagator:
		case baggage.Propagator:
			if spanOnly {
				continue
			}
		default:
			continue
		}
		for _, f := range m.Fields() {
			d.Delete(f)
		}
		// Jaeger's baggage headers have no fixed names, so they are not
		// among its Fields; find them if the carrier can list its keys.
		if _, ok := m.(jaegerPropagator); ok && !spanOnly {
			if g, ok := s.(carrier.Getter); ok {
				for k := range carrier.AllKeys(g) {
					if jaeger.IsBaggageHeader(k) {
						d.Delete(k)
					}
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Inject writes every member's fields. If s is a carrier.Deleter, the
// fields of the trace-context members are deleted first, so a reused
// carrier keeps nothing stale from an earlier injection.
func (c Composite) Inject(ctx context.Context, s carrier.Setter) {
	c.clear(s, false)
	for _, m := range c.Members {
		m.Inject(ctx, s)
	}
}

// InjectInto writes sc with every member that carries span contexts,
// after deleting their fields if s is a carrier.Deleter.
func (c Composite) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	c.clear(s, true)
	for _, m := range c.Members {
		if sp, ok := m.(SpanContextPropagator); ok {
			sp.InjectInto(s, sc)
		}
	}
}

// ExtractFrom returns the span context the members agree on under c's
// rules (see Composite), marked remote. The error is the first member's
// error, reported only when no valid span context was found. It does not
// allocate when the members are this module's propagators.
func (c Composite) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	var (
		win, partial tracewire.SpanContext
		found        bool
		firstErr     error
		state        tracewire.TraceState
		stateTrace   tracewire.TraceID
	)
	for _, m := range c.Members {
		sp, ok := m.(SpanContextPropagator)
		if !ok {
			continue
		}
		if found && !c.LastWins {
			if p, ok := m.(idProber); ok && !p.hasIDs(g) {
				continue
			}
		}
		sc, err := sp.ExtractFrom(g)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if !sc.IsValid() {
			if !sc.IsDeferred() && partial.IsDeferred() {
				partial = sc
			}
			continue
		}
		if sc.TraceState().Len() > 0 && state.Len() == 0 {
			state, stateTrace = sc.TraceState(), sc.TraceID()
		}
		switch {
		case !found || c.LastWins:
			win, found = sc, true
		case sc.TraceID() == win.TraceID() && sc.SpanID() == win.SpanID():
			win = refine(win, sc)
		}
	}
	if !found {
		return partial, firstErr
	}
	if !c.LastWins && win.TraceState().Len() == 0 && state.Len() > 0 && stateTrace == win.TraceID() {
		win = win.WithTraceState(state)
	}
	return win.WithRemote(true), nil
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

// Extract stores the winning span context (see ExtractFrom) in ctx, then
// lets every member that is not a span-context propagator (baggage,
// pass-through, foreign propagators) add its concern.
func (c Composite) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := c.ExtractFrom(g)
	return c.extractRest(tracewire.ContextWithExtracted(ctx, sc), g)
}
