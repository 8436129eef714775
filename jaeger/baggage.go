package jaeger

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/ows"
)

// ExtractBaggage calls yield with every Jaeger baggage item in g until
// yield returns false.
//
// It first yields one item per uberctx-{key} header, the key being the
// rest of the header name in lowercase, in order of key so that the result
// does not depend on the carrier's key order (one walk over its names). A header
// with an empty key is skipped. The value, trimmed of spaces and tabs, is
// decoded with AppendUnescaped; a value without "%" or "+" is passed on as
// it is, without allocating, and one that does not decode is passed on
// raw, as jaeger-client-go does, because such values come from clients
// that never escaped them.
//
// It then yields the pairs of every jaeger-baggage line, "k1=v1, k2=v2",
// in order: pairs are split at ",", each needs exactly one "=", key and
// value are trimmed and then decoded like uberctx values, and a pair that
// is malformed or has an empty key is skipped. Splitting before decoding
// lets an escaped "," or "=" (%2C, %3D) travel inside a value.
//
// Items are yielded as they are found; a key may repeat, and a caller
// building a map sees jaeger-baggage win.
func ExtractBaggage(g carrier.Getter, yield func(key, value string) bool) {
	var sc keyScan
	sc.walk(g)
	sc.yield(g, yield)
}

// baggageOf returns the items yield finds as baggage, building none when
// there are none.
func (sc *keyScan) baggageOf(g carrier.Getter) baggage.Baggage {
	var bd baggage.Builder
	sc.yield(g, func(k, v string) bool {
		_ = bd.Set(k, v)
		return true
	})
	if bd.Len() == 0 {
		return baggage.Baggage{}
	}
	return bd.Baggage()
}

// yield is ExtractBaggage after its walk over g's names, which found sc.
func (sc *keyScan) yield(g carrier.Getter, yield func(key, value string) bool) {
	items := sc.items
	slices.SortFunc(items, func(a, b baggageHeader) int {
		return cmp.Or(strings.Compare(a.name, b.name), strings.Compare(a.key, b.key))
	})
	for _, it := range items {
		v := it.value
		if !it.hasValue {
			v = g.Get(it.key)
		}
		if !yield(it.name, unescapeOrRaw(ows.TrimString(v))) {
			return
		}
	}
	if !sc.baggage {
		return
	}
	for _, line := range carrier.Values(g, headerBaggage) {
		for line != "" {
			var pair string
			pair, line, _ = strings.Cut(line, ",")
			k, v, ok := strings.Cut(pair, "=")
			if !ok || strings.IndexByte(v, '=') >= 0 {
				continue
			}
			k = unescapeOrRaw(ows.TrimString(k))
			if k == "" {
				continue
			}
			if !yield(k, unescapeOrRaw(ows.TrimString(v))) {
				return
			}
		}
	}
}

// baggageHeader is a uberctx-{key} header found by ExtractBaggage: the
// key, lowercased, the header name as the carrier spells it, and its value
// when the walk read it (carrier.Family), which spares a Get per item: over a
// list carrier, whose Get scans the list, n items cost O(n²) that way.
type baggageHeader struct {
	name, key string
	value     string
	hasValue  bool
}

// keyScan is what ExtractBaggage's one walk over a carrier's names finds:
// the uberctx-* headers and whether a name may be jaeger-baggage, so that
// a carrier without one costs no lookup of its spellings.
type keyScan struct {
	items   []baggageHeader
	baggage bool
	probe   bool // stop at the first uberctx-* header, recording only found
	found   bool
	debug   bool // a name may be jaeger-debug-id

	// The uber-trace-id value, when the walk met the key Get reads it
	// from (Map and HTTPHeader only), so that Extract need not look it
	// up again.
	traceID    string
	hasTraceID bool
}

// see records name, and reports whether the walk may stop. A name that is
// a spelling of jaeger-baggage or jaeger-debug-id has its length and
// starts with "j" or "J": the carrier adapters' lookups only change the
// case of letters. Every name is seen, so the common one, none of these,
// costs a length test and one byte.
func (sc *keyScan) see(name string) bool {
	if len(name) <= len(baggagePrefix) {
		return false
	}
	switch name[0] | 0x20 {
	case 'j':
		switch len(name) {
		case len(headerBaggage):
			sc.baggage = true
		case len(headerDebugID):
			sc.debug = true
		}
	case 'u':
		if !ascii.HasUberctxPrefix(name) {
			return false
		}
		if sc.probe {
			sc.found = true
			return true
		}
		sc.items = append(sc.items, baggageHeader{name: ascii.Lower(name[len(baggagePrefix):]), key: name})
	}
	return false
}

// hasMore reports whether g may hold Jaeger baggage or a debug id: a
// uberctx-* header, or a jaeger-baggage or jaeger-debug-id header with a
// value, each looked up only when the walk saw a name that may be it. The
// walk stops at the first uberctx-* header.
func hasMore(g carrier.Getter) bool {
	var sc keyScan
	return sc.probeMore(g)
}

// probeMore is hasMore, leaving in sc what the walk met: the uber-trace-id
// value, for ProbeSpan, when the walk did not stop early.
func (sc *keyScan) probeMore(g carrier.Getter) bool {
	sc.probe = true
	sc.walk(g)
	return sc.found ||
		sc.debug && DebugID(g) != "" ||
		sc.baggage && len(carrier.Values(g, headerBaggage)) > 0
}

// walk sees g's names: the carrier package's map adapters, which list
// every name Get can find, by ranging over the map; any other Getter
// through Keys, which may leave names out (a Getter that only looks
// names up), so that jaeger-baggage and jaeger-debug-id are looked up
// whatever the walk saw.
func (sc *keyScan) walk(g carrier.Getter) {
	switch c := g.(type) {
	case carrier.HTTPHeader:
		// Get reads the first line under the canonical name.
		scanKeys(c, sc, "Uber-Trace-Id", func(v []string) string {
			if len(v) > 0 {
				return v[0]
			}
			return ""
		})
	case carrier.Map:
		// Get reads the name as given first.
		scanKeys(c, sc, headerTraceID, func(v string) string { return v })
	case carrier.Metadata:
		scanKeys(c, sc, "", nil)
	case carrier.NATSHeader:
		scanKeys(c, sc, "", nil)
	default:
		sc.baggage, sc.debug = true, true
		if sc.probe {
			for k := range carrier.AllKeys(g) {
				if sc.see(k) {
					return
				}
			}
			return
		}
		sc.items = appendItems(sc.items, g)
	}
}

// appendItems appends to items the uberctx-* headers of g with their
// values, read in one walk (carrier.Family, which yields exactly the
// names IsBaggageHeader accepts): over a list carrier, a Get per item
// would scan the list once per item.
func appendItems(items []baggageHeader, g carrier.Getter) []baggageHeader {
	for k, v := range carrier.Family(g, baggagePrefix) {
		items = append(items, baggageHeader{name: ascii.Lower(k[len(baggagePrefix):]), key: k, value: v, hasValue: true})
	}
	return items
}

// scanKeys walks the names of one of the carrier package's map adapters,
// which list every name Get can find. A name see would pass over (too
// short, or not starting with "j" or "u" in either case) is skipped here,
// without the call: most of a request's headers are such names. The
// value under traceKey, the key the adapter's Get reads uber-trace-id
// from, is kept as value gives it, as Get would return it.
func scanKeys[V any](m map[string]V, sc *keyScan, traceKey string, value func(V) string) {
	for k, v := range m {
		if len(k) <= len(baggagePrefix) || k[0]|0x20 != 'j' && k[0]|0x20 != 'u' {
			continue
		}
		if k == traceKey {
			sc.traceID, sc.hasTraceID = value(v), true
			continue
		}
		if sc.see(k) {
			return
		}
	}
}

// IsBaggageHeader reports whether name is a uberctx-{key} header with a
// non-empty key, the prefix matched ASCII case-insensitively. A carrier
// being reused can be cleared of stale baggage items with it.
func IsBaggageHeader(name string) bool {
	return len(name) > len(baggagePrefix) && ascii.HasUberctxPrefix(name)
}

// InjectItem writes the item k=v as an uberctx-{k} header whose value is
// escaped with AppendEscaped. The key is lowercased, as HTTP/2 requires of
// header names; an item whose key is empty or not an HTTP token is
// skipped, because it cannot be sent as a header name. Inject writes each
// member of the context's baggage so, beside what InjectInto writes, and
// nothing else: a caller that holds items of its own (an adapter holding
// OpenTelemetry's baggage) writes what Inject writes with InjectInto and
// an InjectItem per item.
//
// The name and the escaped value are formed in buffers of its own and
// handed to carrier.Set, so that a carrier.Batch (a composite's) copies
// them without a string per header.
func (Propagator) InjectItem(s carrier.Setter, k, v string) {
	if !ascii.IsToken(k) {
		return
	}
	var kb [64]byte
	name := append(kb[:0], baggagePrefix...)
	// Lowercased into the buffer: ascii.Lower would make a string of a
	// key with an upper-case letter first.
	for i := 0; i < len(k); i++ {
		c := k[i]
		if ascii.IsUpper(c) {
			c += 'a' - 'A'
		}
		name = append(name, c)
	}
	if needsEscape(v) {
		var vb [256]byte
		carrier.Set(s, name, AppendEscaped(vb[:0], v))
		return
	}
	carrier.Set(s, name, v)
}

// DebugID returns the jaeger-debug-id value in g, trimmed of spaces and
// tabs, or "" if there is none.
func DebugID(g carrier.Getter) string { return ows.TrimString(g.Get(headerDebugID)) }

// unescapeOrRaw decodes s, returning s itself when it holds nothing to
// decode or does not decode.
func unescapeOrRaw(s string) string {
	if !needsUnescape(s) {
		return s
	}
	size, bad := unescapedSize(s)
	if bad >= 0 {
		return s
	}
	b, _ := AppendUnescaped(make([]byte, 0, size), s)
	return string(b)
}
