package ottrace

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// IsBaggageHeader reports whether name is an ot-baggage-{key} header with
// a non-empty key, the prefix matched ASCII case-insensitively. A carrier
// being reused can be cleared of stale baggage items with it.
func IsBaggageHeader(name string) bool {
	return len(name) > len(baggagePrefix) && hasPrefix(name)
}

// hasPrefix reports whether name, longer than the prefix, starts with
// "ot-baggage-" in any ASCII case, in two word comparisons.
func hasPrefix(name string) bool {
	return hexid.Load8(name, 0)|foldHead == wordHead && hexid.Load8(name, 3)|foldTail == wordTail
}

// "ot-baggage-" as two overlapping words that hexid.Load8 reads (first
// byte lowest), "ot-bagga" and "baggage-", and the bits that fold an ASCII
// letter to lower case at each letter's position. Setting bit 0x20 maps
// exactly the two cases of a letter, and nothing else, onto the lowercase
// letter, so the test matches the prefix ASCII case-insensitively, as
// strings.EqualFold does: no letter of the prefix is the simple fold of a
// non-ASCII rune (only "k" and "s" are).
const (
	wordHead = uint64('o') | uint64('t')<<8 | uint64('-')<<16 | uint64('b')<<24 |
		uint64('a')<<32 | uint64('g')<<40 | uint64('g')<<48 | uint64('a')<<56
	foldHead = 0x2020202020002020
	wordTail = uint64('b') | uint64('a')<<8 | uint64('g')<<16 | uint64('g')<<24 |
		uint64('a')<<32 | uint64('g')<<40 | uint64('e')<<48 | uint64('-')<<56
	foldTail = 0x0020202020202020
)

// ExtractBaggage returns the items of g's ot-baggage-{key} headers as
// baggage, one member per header, in order of key so that the result does
// not depend on the carrier's key order. The key is the rest of the header
// name in lowercase, and the value the header's first line, trimmed of
// spaces and tabs, taken as it is: OT values are raw text, not
// percent-encoded. A key that is not a baggage token is skipped; when two
// spellings of a header name give the same key, the last in byte order
// wins. The result is held to baggage's default limits (64 members, 8192
// bytes), members past them dropped whole.
//
// It reads the ot-baggage-* headers of g in one walk (carrier.Family),
// and allocates only when g holds baggage headers. Propagator.Extract
// calls it only when the span context is valid, as OpenTelemetry does.
func ExtractBaggage(g carrier.Getter) baggage.Baggage {
	type item struct{ key, name, value string }
	var items []item
	// Read with their values in the one walk, which yields exactly the
	// names IsBaggageHeader accepts: a list carrier's Get scans the list,
	// and a Get per item would cost O(n²).
	for k, v := range carrier.Family(g, baggagePrefix) {
		items = append(items, item{ascii.Lower(k[len(baggagePrefix):]), k, v})
	}
	if len(items) == 0 {
		return baggage.Baggage{}
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.name, b.name))
	})
	var bd baggage.Builder
	for _, it := range items {
		v := it.value
		lo, hi := ows.Trim(v)
		_ = bd.Set(it.key, v[lo:hi]) // a key that is no token cannot be baggage
	}
	return bd.Baggage()
}

// InjectBaggage writes each member of b as an ot-baggage-{key} header
// holding its decoded value, raw, as OT expects. The key is lowercased,
// as HTTP/2 requires of header names (so keys that differ only in case
// collide, and the last wins). A value a header cannot carry unchanged is
// skipped: one with a control character, or with surrounding spaces or
// tabs, which receivers trim.
func InjectBaggage(s carrier.Setter, b baggage.Baggage) {
	for _, m := range b.All() {
		v := m.Value()
		if !isFieldValue(v) {
			continue
		}
		if _, batch := s.(*carrier.Batch); batch {
			// The Batch copies the name: it is formed, lowercased, on the stack.
			var kb [64]byte
			k := append(append(kb[:0], baggagePrefix...), m.Key()...)
			for i := len(baggagePrefix); i < len(k); i++ {
				if ascii.IsUpper(k[i]) {
					k[i] += 'a' - 'A'
				}
			}
			carrier.Set(s, k, v)
			continue
		}
		s.Set(baggagePrefix+ascii.Lower(m.Key()), v)
	}
}

// isFieldValue reports whether v travels unchanged as an HTTP field value
// (RFC 9110 §5.5): no control characters other than tab, and no spaces or
// tabs at either end.
func isFieldValue(v string) bool {
	if lo, hi := ows.Trim(v); lo != 0 || hi != len(v) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
