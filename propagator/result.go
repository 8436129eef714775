package propagator

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

// Result is what one span-context member of a Composite extracted, by
// the contract of SpanContextPropagator.ExtractFrom.
type Result struct {
	// Format is the member's Name ("tracecontext", "b3", ...), or "" for a
	// member that has none.
	Format      string
	SpanContext tracewire.SpanContext
	Err         error
}

// ExtractAll appends to dst the Result of every span-context member of c,
// in member order, and returns the extended slice. Unlike ExtractFrom it
// asks every member, so that a caller (a proxy's logs, the CLI, an edge
// policy) sees where formats disagree or fail; Resolve and Links then
// work on the results without extracting again. It allocates nothing when
// dst has room for them all and the members are this module's
// propagators.
func (c Composite) ExtractAll(g carrier.Getter, dst []Result) []Result {
	for _, m := range c.Members {
		sp, ok := m.(SpanContextPropagator)
		if !ok {
			continue
		}
		sc, err := sp.ExtractFrom(g)
		dst = append(dst, Result{Format: nameOf(m), SpanContext: sc, Err: err})
	}
	return dst
}

// Resolve returns the span context results resolve to under c.Policy, as
// ExtractFrom does for the carrier they were extracted from (results as
// ExtractAll returns them).
func (c Composite) Resolve(results []Result) (tracewire.SpanContext, error) {
	sc, _, err := c.resolve(results)
	return sc, err
}

func (c Composite) resolve(results []Result) (sc, replaced tracewire.SpanContext, err error) {
	r := resolver{policy: c.Policy}
	for _, res := range results {
		r.add(res.Format, res.SpanContext, res.Err)
	}
	return r.done()
}

// Links appends to dst, and returns, the span contexts among results (as
// ExtractAll returns them) that the context Resolve picks does not
// continue:
//
//   - under Reparent, the winner that a traceparent of the same trace
//     replaced as the parent, with tracewire.LinkReparented;
//   - every valid context of another trace than the winner's, with
//     tracewire.LinkConflict, once per trace id and span id (two formats
//     naming the same foreign span give one link).
//
// Without a valid winner there is nothing to conflict with, and dst is
// returned as is. It allocates nothing when dst has room.
func (c Composite) Links(dst []tracewire.Link, results []Result) []tracewire.Link {
	win, replaced, _ := c.resolve(results)
	if !win.IsValid() {
		return dst
	}
	start := len(dst)
	if replaced.IsValid() {
		dst = append(dst, tracewire.Link{SpanContext: replaced, Reason: tracewire.LinkReparented})
	}
	for _, res := range results {
		sc := res.SpanContext
		if !sc.IsValid() || sc.TraceID() == win.TraceID() || linked(dst[start:], sc) {
			continue
		}
		dst = append(dst, tracewire.Link{SpanContext: sc.WithRemote(true), Reason: tracewire.LinkConflict})
	}
	return dst
}

// linked reports whether links already hold a context with sc's ids.
func linked(links []tracewire.Link, sc tracewire.SpanContext) bool {
	for _, l := range links {
		if l.SpanContext.TraceID() == sc.TraceID() && l.SpanContext.SpanID() == sc.SpanID() {
			return true
		}
	}
	return false
}
