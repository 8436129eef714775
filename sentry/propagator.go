package sentry

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator reads and writes the sentry-trace header. The zero value is
// ready to use. The Sentry members of the W3C baggage header travel with
// baggage.Propagator, untouched; see ContinueTrace for the one of them a
// service acts on.
type Propagator struct{}

// ExtractFrom returns the span context in g's sentry-trace header, marked
// remote. Only the first line of a repeated header counts. An absent
// header, or one of only spaces and tabs, yields the zero SpanContext and
// a nil error; an invalid one yields the zero SpanContext and Parse's
// error. sentry-trace has no decision-only form and no random flag.
func (Propagator) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	v := g.Get(header)
	var sc tracewire.SpanContext
	if parseFast(v, true, &sc) {
		return sc, nil // what SDKs send, built once, already remote
	}
	if ows.Blank(v) {
		return tracewire.SpanContext{}, nil
	}
	sc, err := parseWalk(v) // what Parse returns once its fast path has refused v
	if err != nil {
		return sc, err
	}
	return sc.WithRemote(true), nil
}

// InjectInto writes sc to s as Append forms it; nothing if sc is not
// valid.
func (Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	var b [maxLen]byte
	carrier.Set(s, header, Append(b[:0], sc))
}

// Extract returns ctx carrying the valid span context ExtractFrom finds in
// g, or ctx itself when there is none. See tracewire.ContextWithExtracted.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	return tracewire.ContextWithExtracted(ctx, sc)
}

// Inject writes the span context held by ctx into s, as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	p.InjectInto(s, tracewire.SpanContextFromContext(ctx))
}

// Fields returns the one header Inject writes: "sentry-trace".
func (Propagator) Fields() []string { return []string{header} }

// Name returns "sentry", the name this module's registry and
// OTEL_PROPAGATORS parsing give the propagator (an extension: the
// OpenTelemetry specification names no Sentry propagator).
func (Propagator) Name() string { return "sentry" }

// ReadsTraceState reports false: sentry-trace has no trace state (the
// sampling context travels in W3C baggage), so InjectInto writes the same
// header whatever trace state sc carries, and a caller holding one in a
// form of its own need not convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty sentry-trace header: without
// it, ExtractFrom cannot return a valid span context. It is the cheap
// probe a composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(header) != "" }

// ReadNames returns the one name HasIDs looks up, sentry-trace, and no
// names for more: the survey a composite makes of a map carrier answers
// HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(header)

// ClearFields deletes sentry-trace from s if s is a carrier.Deleter, so
// that a reused carrier keeps no stale header when the context to inject
// is not valid.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete(header)
	}
}
