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
func extractLinked(p Propagator, g carrier.Getter, sv survey) (tracewire.SpanContext, []tracewire.Link) {
	c, ok := composite(p)
	if !ok {
		return extractSpan(p, g), nil
	}
	if !mayLink(c, g, sv) {
		sc, _ := c.extractFrom(g, sv)
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
func mayLink(c Composite, g carrier.Getter, sv survey) bool {
	n := 0
	for _, m := range c.Members {
		if _, ok := m.(SpanContextPropagator); !ok {
			continue
		}
		if p, ok := m.(IDProber); ok && !sv.hasIDs(m, p, g) {
			continue
		}
		if n++; n > 1 {
			return true
		}
	}
	return false
}

// composite returns p as a Composite, looking through a Composite whose
// only span-context member is a Composite (the wrapping asComposite adds,
// or Compose(FromEnv's, PassThrough{...})): its span context is exactly
// what that member resolves, so the links come from the members that
// name formats.
func composite(p Propagator) (Composite, bool) {
	c, ok := compositeValue(p)
	for ok {
		inner, nested := onlySpanMember(c)
		if !nested {
			break
		}
		c = inner
	}
	return c, ok
}

// onlySpanMember returns c's one span-context member as a Composite, when
// it has exactly one and that one is a Composite.
func onlySpanMember(c Composite) (Composite, bool) {
	var only Propagator
	for _, m := range c.Members {
		if _, ok := m.(SpanContextPropagator); !ok {
			continue
		}
		if only != nil {
			return Composite{}, false
		}
		only = m
	}
	if only == nil {
		return Composite{}, false
	}
	return compositeValue(only)
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
