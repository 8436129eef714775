package jaeger

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator reads and writes the uber-trace-id header and reads
// jaeger-debug-id. Baggage travels separately, through ExtractBaggage and
// InjectBaggage, because it is not part of a span context. The zero value
// is ready to use.
type Propagator struct{}

// ExtractFrom returns the span context in g's uber-trace-id header, marked
// remote. An absent or empty header is not an error.
//
// When there is no valid uber-trace-id but g carries a jaeger-debug-id,
// the caller asks for a new trace that is forced to debug: ExtractFrom then
// returns an invalid span context whose sampling is
// tracewire.SamplingDebug, so that NewChild starts a debug trace, together
// with the header's parse error, if any.
func (Propagator) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	v := g.Get(headerTraceID)
	var err error
	if lo, hi := ows.Trim(v); lo != hi {
		var sc tracewire.SpanContext
		if sc, err = Parse(v); err == nil {
			return sc.WithRemote(true), nil
		}
	}
	if DebugID(g) != "" {
		return tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug).WithRemote(true), err
	}
	return tracewire.SpanContext{}, err
}

// InjectInto writes sc to s as an uber-trace-id header in canonical form
// (see Append). It writes nothing if sc is not valid; jaeger-debug-id is
// never written, as it only ever comes from outside the tracing system.
func (Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	var b [maxLen]byte
	s.Set(headerTraceID, string(Append(b[:0], sc)))
}

type debugIDKey struct{}

// Extract returns ctx carrying what ExtractFrom finds in g (a valid span
// context, or the invalid debug-only one, which never replaces a valid
// context already in ctx; see tracewire.ContextWithExtracted) and the
// jaeger-debug-id, if any, for DebugIDFromContext. If g holds neither, ctx
// is returned unchanged.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	ctx = tracewire.ContextWithExtracted(ctx, sc)
	if id := DebugID(g); id != "" {
		ctx = ContextWithDebugID(ctx, id)
	}
	return ctx
}

// Inject writes the span context in ctx to s, as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	p.InjectInto(s, tracewire.SpanContextFromContext(ctx))
}

// Fields returns the header Inject writes: uber-trace-id. The uberctx-*
// baggage headers are left out because their names vary.
func (Propagator) Fields() []string { return []string{headerTraceID} }

// DebugIDFromContext returns the jaeger-debug-id stored by Extract, or "".
// A tracer tags the root span of the debug trace with it, which makes the
// trace searchable by that id.
func DebugIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(debugIDKey{}).(string)
	return id
}
