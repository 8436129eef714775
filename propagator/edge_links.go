package propagator

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

// extractLinked returns what extractSpan returns for p and g and, when p
// is a Composite, the links Composite.Links finds among its members'
// results. A link needs two valid contexts, so while at most one member
// may hold ids (the usual request, with one format) this is ExtractFrom.
// Otherwise it is one extraction: the results ExtractAll gathers resolve
// to what ExtractFrom returns (members ExtractFrom skips hold no ids,
// which cannot change a first-wins or reparenting winner). The result and
// link buffers live on the stack: the links are copied out only when there
// are some.
func extractLinked(p Propagator, g carrier.Getter) (tracewire.SpanContext, []tracewire.Link) {
	c, ok := composite(p)
	if !ok {
		return extractSpan(p, g), nil
	}
	if !mayLink(c, g) {
		sc, _ := c.ExtractFrom(g)
		return sc, nil
	}
	var rb [12]Result // room for every format the registry has
	results := c.ExtractAll(g, rb[:0])
	sc, _ := c.Resolve(results)
	var lb [4]tracewire.Link
	if links := c.Links(lb[:0], results); len(links) > 0 {
		return sc, append([]tracewire.Link(nil), links...)
	}
	return sc, nil
}

// mayLink reports whether more than one of c's span-context members may
// hold ids in g, by their IDProber (a member without one may).
func mayLink(c Composite, g carrier.Getter) bool {
	n := 0
	for _, m := range c.Members {
		if _, ok := m.(SpanContextPropagator); !ok {
			continue
		}
		if p, ok := m.(IDProber); ok && !p.HasIDs(g) {
			continue
		}
		if n++; n > 1 {
			return true
		}
	}
	return false
}

// composite returns p as a Composite, looking through Composites of one
// member (the wrapping asComposite adds), which resolve exactly as that
// member does, so that the links come from the members that name formats.
func composite(p Propagator) (Composite, bool) {
	c, ok := compositeValue(p)
	for ok && len(c.Members) == 1 {
		inner, nested := compositeValue(c.Members[0])
		if !nested {
			break
		}
		c = inner
	}
	return c, ok
}

// compositeValue returns p as a Composite value, if it is one or a
// non-nil pointer to one.
func compositeValue(p Propagator) (Composite, bool) {
	switch v := p.(type) {
	case Composite:
		return v, true
	case *Composite:
		if v != nil {
			return *v, true
		}
	}
	return Composite{}, false
}
