package twotel

import (
	"github.com/tracewire/tracewire"
	"go.opentelemetry.io/otel/trace"
)

// SpanContextToOTel returns sc as an OpenTelemetry span context: the ids,
// the sampled flag (set for accept and debug), the random flag, the trace
// state and the remote mark. What OpenTelemetry cannot hold (the parent
// span id, the deferred and debug states, the 64-bit width, Jaeger's
// firehose bit) is left out; ContextWithSpanContext keeps it beside.
//
// A trace state member whose key OpenTelemetry-Go's stricter Level 1
// grammar refuses (a Level 2 key such as "1abc") is left out; the others
// keep their order.
func SpanContextToOTel(sc tracewire.SpanContext) trace.SpanContext {
	return otelSpanContext(sc, traceStateToOTel(sc.TraceState()))
}

// otelSpanContext is SpanContextToOTel with the trace state already
// converted.
func otelSpanContext(sc tracewire.SpanContext, ts trace.TraceState) trace.SpanContext {
	var f trace.TraceFlags
	if sc.IsSampled() {
		f = trace.FlagsSampled
	}
	if sc.IsRandom() {
		f |= trace.FlagsRandom
	}
	return trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID(sc.TraceID()),
		SpanID:     trace.SpanID(sc.SpanID()),
		TraceFlags: f,
		TraceState: ts,
		Remote:     sc.IsRemote(),
	})
}

// SpanContextFromOTel returns the tracewire form of an OpenTelemetry span
// context: the ids, accept or deny from the sampled flag, the random flag,
// the trace state and the remote mark. An invalid span context (one
// without both ids) gives the zero SpanContext: OpenTelemetry attaches no
// meaning to the flags of a context it will not propagate, so neither
// does the conversion invent a decision-only context from them.
//
// To get back what OpenTelemetry could not hold of a context this package
// extracted, use SpanContextFromContext instead.
func SpanContextFromOTel(osc trace.SpanContext) tracewire.SpanContext {
	sc, st := spanContextFromOTel(osc)
	return st.attach(sc)
}

// spanContextFromOTel is SpanContextFromOTel with the trace state apart.
func spanContextFromOTel(osc trace.SpanContext) (tracewire.SpanContext, traceStateOf) {
	if !osc.IsValid() {
		return tracewire.SpanContext{}, traceStateOf{}
	}
	s := tracewire.SamplingDeny
	if osc.IsSampled() {
		s = tracewire.SamplingAccept
	}
	return tracewire.SpanContextConfig{
		TraceID:  tracewire.TraceID(osc.TraceID()),
		SpanID:   tracewire.SpanID(osc.SpanID()),
		Sampling: s,
		Random:   osc.IsRandom(),
		Remote:   osc.IsRemote(),
	}.SpanContext(), traceStateOf{ots: osc.TraceState()}
}

// traceStateToOTel converts a trace state in one parse of its canonical
// form, which refers to ts's own text when that is already canonical.
func traceStateToOTel(ts tracewire.TraceState) trace.TraceState {
	if ts.Len() == 0 {
		return trace.TraceState{}
	}
	if ots, err := trace.ParseTraceState(ts.String()); err == nil {
		return ots
	}
	// OpenTelemetry refused a member tracewire accepts: keep those it
	// takes, in order. Insert puts a member first, so go from the end.
	var kv [32][2]string
	n := 0
	for k, v := range ts.All() {
		if n < len(kv) {
			kv[n] = [2]string{k, v}
			n++
		}
	}
	var ots trace.TraceState
	for i := n - 1; i >= 0; i-- {
		if next, err := ots.Insert(kv[i][0], kv[i][1]); err == nil {
			ots = next
		}
	}
	return ots
}

// traceStateFromOTel converts through the canonical text, which
// OpenTelemetry-Go's grammar keeps within tracewire's.
func traceStateFromOTel(ots trace.TraceState) tracewire.TraceState {
	if ots.Len() == 0 {
		return tracewire.TraceState{}
	}
	ts, err := tracewire.ParseTraceState(ots.String())
	if err != nil {
		return tracewire.TraceState{}
	}
	return ts
}

// sameTraceState reports whether a and b hold the same members in the
// same order, without allocating.
func sameTraceState(a, b trace.TraceState) bool {
	if a.Len() != b.Len() {
		return false
	}
	if a.Len() == 0 {
		return true
	}
	var kv [32][2]string
	n := 0
	a.Walk(func(k, v string) bool {
		if n == len(kv) {
			return false
		}
		kv[n] = [2]string{k, v}
		n++
		return true
	})
	same, i := true, 0
	b.Walk(func(k, v string) bool {
		if i >= n || kv[i] != [2]string{k, v} {
			same = false
			return false
		}
		i++
		return true
	})
	return same && i == n
}
