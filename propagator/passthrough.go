package propagator

import (
	"context"
	"strings"

	"github.com/tracewire/tracewire/carrier"
)

// PassThrough is a Propagator for named application headers (a session or
// tenant id, say) that travel with the trace context: Extract keeps their
// values in the context and Inject writes them downstream unchanged.
type PassThrough struct {
	Headers []string // header names; matched case-insensitively, written lowercase
}

type passThroughKey struct{}

// passValues holds the extracted values, in the order of Headers.
type passValues struct {
	names, values []string
}

// Extract stores the values of the named headers present in g.
func (p PassThrough) Extract(ctx context.Context, g carrier.Getter) context.Context {
	var pv passValues
	for _, h := range p.Headers {
		name := strings.ToLower(h)
		if v := g.Get(name); v != "" {
			pv.names = append(pv.names, name)
			pv.values = append(pv.values, v)
		}
	}
	if len(pv.names) == 0 {
		return ctx
	}
	// Keep what other PassThrough members stored for other headers.
	old, _ := ctx.Value(passThroughKey{}).(passValues)
	for i, name := range old.names {
		if !contains(pv.names, name) {
			pv.names = append(pv.names, name)
			pv.values = append(pv.values, old.values[i])
		}
	}
	return context.WithValue(ctx, passThroughKey{}, pv)
}

// Inject writes the values of p's headers that Extract stored in ctx.
func (p PassThrough) Inject(ctx context.Context, s carrier.Setter) {
	pv, _ := ctx.Value(passThroughKey{}).(passValues)
	for i, name := range pv.names {
		for _, h := range p.Headers {
			if strings.EqualFold(h, name) {
				s.Set(name, pv.values[i])
				break
			}
		}
	}
}

// Fields returns the header names, lowercase.
func (p PassThrough) Fields() []string {
	out := make([]string, len(p.Headers))
	for i, h := range p.Headers {
		out[i] = strings.ToLower(h)
	}
	return out
}

// ContextWithPassThrough returns a copy of ctx in which the pass-through
// header name (case-insensitive) has value, replacing any value stored for
// it, so that a service at the edge can start what its callers did not
// send (a session id it issues). A PassThrough member whose Headers name
// the header then injects it like an extracted one; the values stored for
// other headers are kept, and what ctx already holds is never modified.
// An empty value removes the header.
func ContextWithPassThrough(ctx context.Context, name, value string) context.Context {
	name = strings.ToLower(name)
	old, _ := ctx.Value(passThroughKey{}).(passValues)
	var pv passValues
	for i, n := range old.names {
		if n != name {
			pv.names = append(pv.names, n)
			pv.values = append(pv.values, old.values[i])
		}
	}
	if value != "" {
		pv.names = append(pv.names, name)
		pv.values = append(pv.values, value)
	}
	return context.WithValue(ctx, passThroughKey{}, pv)
}

// PassThroughValue returns the value of the pass-through header name
// stored in ctx, or "".
func PassThroughValue(ctx context.Context, name string) string {
	pv, _ := ctx.Value(passThroughKey{}).(passValues)
	for i, n := range pv.names {
		if strings.EqualFold(n, name) {
			return pv.values[i]
		}
	}
	return ""
}
