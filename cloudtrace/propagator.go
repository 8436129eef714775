package cloudtrace

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator reads X-Cloud-Trace-Context and, only when asked to, writes
// it. The zero value is Google's recommended one-way propagator: it
// extracts and never injects, so that a service joins the trace a Google
// load balancer or Cloud Run started while its own calls carry W3C
// traceparent (compose it with traceparent.Propagator for that).
//
// Google recommends one way because "o=1" does not mean what the W3C
// sampled flag means: it forces the next Google service to trace, so
// forwarding a context whose decision was merely inherited makes every
// downstream hop trace every request.
type Propagator struct {
	// InjectHeader makes InjectInto and Inject write the header too, for
	// the services that read nothing else (Google's two-way
	// "CloudTraceFormatPropagator").
	InjectHeader bool
}

// ExtractFrom returns the span context in g's X-Cloud-Trace-Context
// header, marked remote. Only the first line of a repeated header counts.
// An absent header, or one of only spaces and tabs, yields the zero
// SpanContext and a nil error; an invalid one yields the zero SpanContext
// and Parse's error. The format has no decision-only form and no random
// flag, so the result never has the random flag set.
func (Propagator) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	v := g.Get(header)
	if ows.Blank(v) {
		return tracewire.SpanContext{}, nil
	}
	return parse(v, true)
}

// InjectInto writes sc as Append forms it, if p.InjectHeader is set and
// sc is valid; otherwise it writes nothing.
func (p Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !p.InjectHeader || !sc.IsValid() {
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

// Fields returns the headers Inject writes: "x-cloud-trace-context" with
// InjectHeader, and none (nil) for the one-way default.
func (p Propagator) Fields() []string {
	if p.InjectHeader {
		return []string{header}
	}
	return nil
}

// Name returns "cloudtrace", the name this module's registry and
// OTEL_PROPAGATORS parsing give the propagator (an extension: the
// OpenTelemetry specification names no Google Cloud propagator).
func (Propagator) Name() string { return "cloudtrace" }

// ReadsTraceState reports false: X-Cloud-Trace-Context has no trace
// state, so InjectInto writes the same header (or none) whatever trace
// state sc carries, and a caller holding one in a form of its own need
// not convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty X-Cloud-Trace-Context: without
// it, ExtractFrom cannot return a valid span context. It is the cheap
// probe a composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(header) != "" }

// ReadNames returns the one name HasIDs looks up, x-cloud-trace-context,
// and no names for more: the survey a composite makes of a map carrier
// answers HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(header)

// ClearFields deletes X-Cloud-Trace-Context from s, if s is a
// carrier.Deleter and p writes the header (InjectHeader), so that a
// reused carrier keeps no stale one when the context to inject is not
// valid. The one-way default clears nothing: it never writes the header,
// so one in the carrier is not its own to remove (a proxy that copied the
// load balancer's header decides about it).
func (p Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok && p.InjectHeader {
		d.Delete(header)
	}
}
