package twotel

import (
	"context"

	"github.com/tracewire/tracewire"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/embedded"
)

// OpenTelemetry-Go keeps the current span in a context under a key of an
// unexported type, and a remote span context costs two allocations there
// (the context node and the boxed span). The adapter stores an extracted
// context in one: a node that is at once the context, OpenTelemetry's
// current span (a non-recording span, as ContextWithRemoteSpanContext
// stores) and the holder of what OpenTelemetry's span context cannot
// hold. To answer OpenTelemetry's key it must know the key: spanKey is
// learnt once by watching which key trace.SpanFromContext asks a context
// for, and checked by reading a span stored with trace.ContextWithSpan
// back through it. Should a later OpenTelemetry-Go store spans otherwise,
// the check fails, spanKey stays nil, and the adapter stores the span
// with trace.ContextWithSpan instead.
var spanKey = findSpanKey()

// keyProbe is a context that remembers the first key it is asked for.
type keyProbe struct {
	context.Context
	key any
}

func (p *keyProbe) Value(key any) any {
	if p.key == nil {
		p.key = key
	}
	return nil
}

func findSpanKey() any {
	p := &keyProbe{Context: context.Background()}
	trace.SpanFromContext(p)
	if p.key == nil {
		return nil
	}
	probe := &remote{Context: context.Background()}
	if trace.ContextWithSpan(context.Background(), probe).Value(p.key) != any(probe) {
		return nil
	}
	return p.key
}

// sideKey keys the node an extraction added, for SpanContextFromContext
// and Inject.
type sideKey struct{}

// Bits of remote.bits: the SpanContext flags, and whether the node is the
// current span.
const (
	bitRandom uint8 = 1 << iota
	bitRemote
	bitTrace64
	bitFirehose
	bitOwnsSpan // the node answers OpenTelemetry's span key
)

// remote is the context node Extract adds: the extracted span context,
// in the fields of a tracewire.SpanContext that OpenTelemetry's cannot
// hold and OpenTelemetry's form of the trace state. It answers
// OpenTelemetry's span key with itself, a non-recording span, and sideKey
// with itself. Its fields are laid out to fit 112 bytes, less than the
// two allocations trace.ContextWithRemoteSpanContext makes.
type remote struct {
	context.Context
	embedded.Span

	traceID tracewire.TraceID
	spanID  tracewire.SpanID
	parent  tracewire.SpanID
	ots     trace.TraceState
	// state is the tracewire trace state when OpenTelemetry's form had to
	// leave members out (keys of the Level 2 grammar); otherwise it is
	// rebuilt from ots.
	state    *tracewire.TraceState
	sampling tracewire.Sampling
	bits     uint8
}

func (n *remote) set(sc tracewire.SpanContext) {
	n.traceID, n.spanID, n.parent, n.sampling = sc.TraceID(), sc.SpanID(), sc.ParentSpanID(), sc.Sampling()
	var bits uint8
	if sc.IsRandom() {
		bits |= bitRandom
	}
	if sc.IsRemote() {
		bits |= bitRemote
	}
	if sc.Is64BitTraceID() {
		bits |= bitTrace64
	}
	if sc.IsFirehose() {
		bits |= bitFirehose
	}
	n.bits = bits
	if ts := sc.TraceState(); ts.Len() > 0 {
		n.ots = traceStateToOTel(ts)
		if n.ots.Len() != ts.Len() {
			n.state = new(tracewire.TraceState)
			*n.state = ts
		}
	}
}

// spanContextOf returns the tracewire span context the node holds, its
// trace state apart (see traceStateOf.attach).
func (n *remote) spanContextOf() (tracewire.SpanContext, traceStateOf) {
	return tracewire.SpanContextConfig{
		TraceID:      n.traceID,
		SpanID:       n.spanID,
		ParentSpanID: n.parent,
		Sampling:     n.sampling,
		Random:       n.bits&bitRandom != 0,
		Remote:       n.bits&bitRemote != 0,
		TraceID64:    n.bits&bitTrace64 != 0,
		Firehose:     n.bits&bitFirehose != 0,
	}.SpanContext(), traceStateOf{ots: n.ots, tw: n.state}
}

func (n *remote) valid() bool { return n.traceID.IsValid() && n.spanID.IsValid() }

func (n *remote) Value(key any) any {
	switch {
	case key == (sideKey{}):
		return n
	case n.bits&bitOwnsSpan != 0 && key == spanKey:
		return n
	}
	return n.Context.Value(key)
}

// String names the node as the standard library's contexts name theirs.
func (n *remote) String() string { return "twotel.Extract" }

// The trace.Span methods: a non-recording span, as OpenTelemetry-Go's own
// remote span is.

// SpanContext returns the extracted span context.
func (n *remote) SpanContext() trace.SpanContext {
	var f trace.TraceFlags
	if n.sampling.IsSampled() {
		f = trace.FlagsSampled
	}
	if n.bits&bitRandom != 0 {
		f |= trace.FlagsRandom
	}
	return trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID(n.traceID),
		SpanID:     trace.SpanID(n.spanID),
		TraceFlags: f,
		TraceState: n.ots,
		Remote:     n.bits&bitRemote != 0,
	})
}

// IsRecording reports false: nothing is recorded for a remote span.
func (n *remote) IsRecording() bool { return false }

// End does nothing.
func (n *remote) End(...trace.SpanEndOption) {}

// AddEvent does nothing.
func (n *remote) AddEvent(string, ...trace.EventOption) {}

// AddLink does nothing.
func (n *remote) AddLink(trace.Link) {}

// RecordError does nothing.
func (n *remote) RecordError(error, ...trace.EventOption) {}

// SetStatus does nothing.
func (n *remote) SetStatus(codes.Code, string) {}

// SetName does nothing.
func (n *remote) SetName(string) {}

// SetAttributes does nothing.
func (n *remote) SetAttributes(...attribute.KeyValue) {}

// TracerProvider returns what OpenTelemetry-Go's own non-recording span
// returns: a no-op provider, or the auto-instrumentation one when that is
// attached.
func (n *remote) TracerProvider() trace.TracerProvider {
	return trace.SpanFromContext(context.Background()).TracerProvider()
}

// restNode is the node of a general tracewire propagator: remote, plus the
// context the propagator's own Extract returned, for its Inject.
type restNode struct {
	remote
	rest context.Context
}

// restKey keys a restNode.
type restKey struct{}

func (n *restNode) Value(key any) any {
	if key == (restKey{}) {
		return n
	}
	return n.remote.Value(key)
}

// withExtracted returns ctx carrying sc, which a tracewire propagator
// extracted, as OpenTelemetry's remote span context, the rest of sc
// beside it, and rest (what a general propagator stored), if not nil. A
// decision-only sc is kept beside only, and only when ctx holds no valid
// span context, the rule of tracewire.ContextWithExtracted; an sc with no
// decision leaves ctx as it is unless there is a rest to keep.
func withExtracted(ctx context.Context, sc tracewire.SpanContext, rest context.Context) context.Context {
	valid := sc.IsValid()
	if !valid && (sc.IsDeferred() || trace.SpanContextFromContext(ctx).IsValid()) {
		if rest == nil {
			return ctx
		}
		sc = tracewire.SpanContext{}
	}
	var n *remote
	var out context.Context
	if rest != nil {
		rn := &restNode{remote: remote{Context: ctx}, rest: rest}
		n, out = &rn.remote, rn
	} else {
		n = &remote{Context: ctx}
		out = n
	}
	n.set(sc)
	if !valid {
		return out
	}
	if spanKey == nil {
		return trace.ContextWithSpan(out, nonRecording{n})
	}
	n.bits |= bitOwnsSpan
	return out
}

// nonRecording is the span withExtracted stores when it cannot answer
// OpenTelemetry's key itself.
type nonRecording struct{ *remote }

// side returns the node of the extraction ctx descends from, or nil.
func side(ctx context.Context) *remote {
	n, _ := ctx.Value(sideKey{}).(*remote)
	return n
}

// sideRest returns what the general propagator that extracted into ctx
// stored, or nil.
func sideRest(ctx context.Context) context.Context {
	if n, ok := ctx.Value(restKey{}).(*restNode); ok {
		return n.rest
	}
	return nil
}
