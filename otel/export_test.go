package twotel

// Fast reports whether p extracts through the context-free pair of its
// format (or formats and W3C baggage) when the carrier holds nothing
// more, rather than through its Extract.
func Fast(p Propagator) bool { return p.span != nil || p.bag != nil }

// FastInject reports whether p's Inject calls the context-free pair (and
// writes Jaeger's items itself) for a context extracted by p.
func FastInject(p Propagator) bool { return Fast(p) && (len(p.more) == 0 || len(p.items) > 0) }

// TextMap is a carrier of neither of OpenTelemetry's two types, which
// Inject writes with Set alone.
type TextMap map[string]string

func (m TextMap) Get(k string) string { return m[k] }
func (m TextMap) Set(k, v string)     { m[k] = v }
func (m TextMap) Keys() []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
