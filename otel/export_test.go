package twotel

// Fast reports whether p extracts through the context-free pair of its
// format (or formats and W3C baggage) when the carrier holds nothing
// more, rather than through its Extract.
func Fast(p Propagator) bool { return p.span != nil || p.bag != nil }

// FastInject reports whether p's Inject calls the context-free pair.
func FastInject(p Propagator) bool { return Fast(p) && len(p.more) == 0 }
