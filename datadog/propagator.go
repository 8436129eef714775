package datadog

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ctxnode"
	"github.com/tracewire/tracewire/internal/sckey"
)

// Propagator extracts and injects the x-datadog-* headers. The zero value
// is ready to use.
//
// ExtractFrom and InjectInto move a tracewire.SpanContext, which holds a
// sampling decision but not Datadog's exact priority, origin or tags;
// Extract and Inject keep those too, in the context (see
// HeadersFromContext), so that a service or proxy using them sends on
// exactly what it received.
type Propagator struct{}

// ExtractFrom returns the span context of the Datadog headers in g, as
// ExtractHeaders reads them, marked remote, by the one contract of every
// format's ExtractFrom: with no Datadog header, the zero SpanContext and a
// nil error; with an invalid one, the zero SpanContext and the
// *tracewire.ParseError; otherwise the span context and a nil error. That
// includes a Synthetics context, which has a trace id and a decision but
// no span id (see ParseHeaders), and a context whose malformed origin or
// tags were dropped: they cost only themselves, and ExtractHeaders
// reports them.
//
// From a carrier.HTTPHeader or a carrier.Map it allocates nothing.
func (Propagator) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	return extractFrom(g)
}

// extractFrom is ExtractFrom, kept out of line so that the method stays
// cheap enough to inline.
func extractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	var h Headers
	err := extractHeaders(&h, g)
	if h.sc.TraceID().IsValid() {
		return h.sc, nil
	}
	return tracewire.SpanContext{}, err
}

// InjectInto writes sc into s as InjectHeaders writes NewHeaders(sc): the
// ids, the priority for sc's decision and, when sc's tracestate holds a
// dd= member (because it arrived in W3C headers from a Datadog tracer),
// the priority, origin and tags that member states. It writes nothing for
// an invalid sc.
func (Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	InjectHeaders(s, NewHeaders(sc))
}

// Extract returns ctx carrying the span context of the Datadog headers in
// g, by the rule of tracewire.ContextWithExtracted, and the Headers
// themselves, for HeadersFromContext and Inject. Errors are dropped here;
// call ExtractHeaders to see them. Storing both costs one allocation, as
// storing either does.
func (Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	var h Headers
	_ = extractHeaders(&h, g) // errors are dropped here
	if !h.sc.TraceID().IsValid() {
		return tracewire.ContextWithExtracted(ctx, h.sc)
	}
	if sc, ok := sckey.Extracted(ctx, h.sc, tracewire.SpanContextFromContext); ok {
		return ctxnode.With2[headersKey, Headers, sckey.Key](ctx, h, sc)
	}
	return ContextWithHeaders(ctx, h)
}

// Inject writes the span context held by ctx into s. When ctx also holds
// Headers of the same trace (stored by Extract), they supply the exact
// priority, the origin and the tags (see Headers.WithSpanContext), so a
// request passed on, or a child span's request, carries what arrived;
// otherwise Inject writes what InjectInto writes.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	sc := tracewire.SpanContextFromContext(ctx)
	if h, ok := HeadersFromContext(ctx); ok {
		// A context without a trace id of its own (a Synthetics request
		// with parent 0 is stored only as Headers: with span id 0 it is
		// no valid span context) sends the Headers as they arrived.
		if !sc.TraceID().IsValid() {
			sc = h.sc
		}
		InjectHeaders(s, h.WithSpanContext(sc))
		return
	}
	p.InjectInto(s, sc)
}

// Fields returns the headers Inject may write, lowercase. The slice is
// new on every call.
func (Propagator) Fields() []string {
	return []string{hTraceID, hParentID, hPriority, hOrigin, hTags}
}

// headersKey keys Headers in a context.Context; see internal/ctxnode for
// why storing them costs one allocation (context.WithValue costs two: the
// Headers boxed, and the context).
type headersKey struct{}

func (headersKey) Name() string { return "datadog.ContextWithHeaders" }

// ContextWithHeaders returns a copy of ctx carrying h, for
// HeadersFromContext and Inject, in one allocation. Extract stores them
// itself; a composite propagator that extracts the span context by other
// means uses this.
func ContextWithHeaders(ctx context.Context, h Headers) context.Context {
	return ctxnode.With[headersKey](ctx, h)
}

// HeadersFromContext returns the Headers stored in ctx by Extract or
// ContextWithHeaders; ok is false if there are none. It allocates nothing.
func HeadersFromContext(ctx context.Context) (h Headers, ok bool) {
	return ctxnode.From[headersKey, Headers](ctx)
}

// LastParentID returns the span id Datadog reports as _dd.parent_id for a
// request that carried both W3C trace context (w3c, with its tracestate)
// and Datadog headers (dd, the zero SpanContext if there were none): the
// last Datadog span the trace passed through.
//
// When both name the same trace but different parent spans, a tracer
// between two Datadog services sent W3C headers only; Datadog's rule is
// then to continue from w3c's span, the true parent, and to remember the
// last Datadog span so that its backend can reattach the spans in between
// if that tracer's never arrive. That span is the p: of w3c's dd= member
// when it has one (a W3C-speaking tracer recorded it), else dd's span id.
// A dd= member's p: is reported even without Datadog headers. ok is false
// when there is nothing to report.
func LastParentID(w3c, dd tracewire.SpanContext) (id tracewire.SpanID, ok bool) {
	if !w3c.IsValid() {
		return id, false
	}
	if v, found := w3c.TraceState().Get(memberKey); found {
		if m, _ := ParseTraceStateMember(v); m.flags&mLastParent != 0 {
			return m.lastParent, true
		}
	}
	if dd.IsValid() && dd.TraceID() == w3c.TraceID() && dd.SpanID() != w3c.SpanID() {
		return dd.SpanID(), true
	}
	return id, false
}

// Name returns "datadog", the name this module's registry and
// OTEL_PROPAGATORS parsing give the propagator (an extension: the
// OpenTelemetry specification names no Datadog propagator; dd-trace-go's
// DD_TRACE_PROPAGATION_STYLE calls its style "datadog" too).
func (Propagator) Name() string { return "datadog" }

// HasIDs reports whether g has a non-empty x-datadog-trace-id: without it,
// ExtractFrom cannot return a valid span context. It is the cheap probe a
// composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(hTraceID) != "" }

// ReadNames returns the one name HasIDs looks up, x-datadog-trace-id, and
// no names for more: the survey a composite makes of a map carrier answers
// HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(hTraceID)

// ClearFields deletes the five x-datadog-* headers from s if s is a
// carrier.Deleter, so that a reused carrier keeps no stale origin or tags
// beside a context that has none.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		for _, f := range [...]string{hTraceID, hParentID, hPriority, hOrigin, hTags} {
			d.Delete(f)
		}
	}
}

// ExtractExtras returns ctx carrying the Headers of g's Datadog headers,
// for HeadersFromContext and Inject, or ctx itself when they hold no trace
// id: what Extract stores beside the span context. A composite that
// resolves span contexts across formats itself calls it, so that the
// exact priority, the origin and the tags go on whichever member's
// context won, as long as it continues the same trace.
func (Propagator) ExtractExtras(ctx context.Context, g carrier.Getter) context.Context {
	var h Headers
	_ = extractHeaders(&h, g) // errors are dropped here
	if h.sc.TraceID().IsValid() {
		ctx = ContextWithHeaders(ctx, h)
	}
	return ctx
}

// TraceStateMember returns the dd= tracestate member that says what the
// Datadog headers Inject writes for sc say (see
// Headers.AppendTraceStateMember): from the Headers stored in ctx when
// they are of sc's trace, else from sc itself (NewHeaders, which reads a
// dd= member sc's tracestate already has). A composite that also writes
// traceparent puts it first in the tracestate, as Datadog's tracers do,
// so that the W3C headers and the Datadog ones state the same priority,
// origin and tags.
//
// p: names the last Datadog span, which a service or proxy using this
// package passes on rather than replaces, since it is not a Datadog
// tracer: the p: of sc's own dd= member when it has one, else the span of
// the stored headers when sc continues from another span (LastParentID),
// else the span sc sends. ok is false for an invalid sc or when there is
// nothing to state.
func (Propagator) TraceStateMember(ctx context.Context, sc tracewire.SpanContext) (key, value string, ok bool) {
	if !sc.IsValid() {
		return "", "", false
	}
	var b [maxMember]byte
	var v []byte
	if stored, found := HeadersFromContext(ctx); found && stored.sc.TraceID() == sc.TraceID() {
		v = stored.WithSpanContext(sc).AppendTraceStateMember(b[:0])
		if id, ok := LastParentID(sc, stored.sc); ok {
			m, _ := ParseTraceStateMember(string(v))
			v = AppendTraceStateMember(b[:0], m.WithLastParent(id))
		}
	} else {
		v = NewHeaders(sc).AppendTraceStateMember(b[:0])
	}
	if len(v) == 0 {
		return "", "", false
	}
	return memberKey, string(v), true
}
