package jaeger

import (
	"cmp"
	"iter"
	"slices"
	"strings"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/ows"
)

// ExtractBaggage calls yield with every Jaeger baggage item in g until
// yield returns false.
//
// It first yields one item per uberctx-{key} header, the key being the
// rest of the header name in lowercase, in order of key so that the result
// does not depend on the carrier's key order (it uses carrier.AllKeys). A header
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
	type item struct{ name, key string }
	var items []item
	for k := range carrier.AllKeys(g) {
		if IsBaggageHeader(k) {
			items = append(items, item{ascii.Lower(k[len(baggagePrefix):]), k})
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(strings.Compare(a.name, b.name), strings.Compare(a.key, b.key))
	})
	for _, it := range items {
		if !yield(it.name, unescapeOrRaw(ows.TrimString(g.Get(it.key)))) {
			return
		}
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

// IsBaggageHeader reports whether name is a uberctx-{key} header with a
// non-empty key, the prefix matched ASCII case-insensitively. A carrier
// being reused can be cleared of stale baggage items with it.
func IsBaggageHeader(name string) bool {
	return len(name) > len(baggagePrefix) && strings.EqualFold(name[:len(baggagePrefix)], baggagePrefix)
}

// InjectBaggage writes each item as an uberctx-{key} header whose value is
// escaped with AppendEscaped. The key is lowercased, as HTTP/2 requires of
// header names; an item whose key is empty or not an HTTP token is
// skipped, because it cannot be sent as a header name.
//
// Names and escaped values are formed in buffers of its own and handed to
// carrier.Set, so that a carrier.Batch (a composite's) copies them without
// a string per header.
func InjectBaggage(s carrier.Setter, items iter.Seq2[string, string]) {
	for k, v := range items {
		injectItem(s, k, v)
	}
}

// injectItem writes one item as InjectBaggage does.
func injectItem(s carrier.Setter, k, v string) {
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
