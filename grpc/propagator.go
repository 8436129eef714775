package twgrpc

import (
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/propagator"
)

// forGRPC returns p as the Composite the handlers use: the default
// propagators (W3C Trace Context and Baggage) for nil, p's members with
// every grpctrace.Propagator in the binary form that gRPC metadata holds,
// and with traceBin a binary grpctrace.Propagator appended if p has none.
// p's member slices are only read.
func forGRPC(p propagator.Propagator, traceBin bool) propagator.Composite {
	if p == nil {
		p = propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	}
	c, has := binaryTraceBin(p)
	if traceBin && !has {
		c.Members = append(c.Members, grpctrace.Propagator{Binary: true})
	}
	return c
}

// binaryTraceBin returns p as a Composite with new members, each
// grpctrace.Propagator among them (nested Composites included) in the
// binary form, and whether there was one.
func binaryTraceBin(p propagator.Propagator) (propagator.Composite, bool) {
	var c propagator.Composite
	switch v := p.(type) {
	case propagator.Composite:
		c = v
	case *propagator.Composite:
		c = *v
	default:
		c.Members = []propagator.Propagator{p}
	}
	members := make([]propagator.Propagator, 0, len(c.Members)+1)
	found := false
	for _, m := range c.Members {
		switch m.(type) {
		case grpctrace.Propagator, *grpctrace.Propagator:
			m, found = grpctrace.Propagator{Binary: true}, true
		case propagator.Composite, *propagator.Composite:
			inner, has := binaryTraceBin(m)
			m, found = inner, found || has
		}
		members = append(members, m)
	}
	c.Members = members
	return c, found
}
