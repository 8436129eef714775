package carrier

import (
	"iter"
	"slices"
	"sort"
	"strings"
)

// Family yields every header of g whose name starts with prefix, ASCII
// case-insensitively, and is longer than it, each with the value Get
// returns for it: how a propagator reads a family of headers whose names
// vary (Jaeger's uberctx-{key}, OT's ot-baggage-{key}).
//
// Over this package's map adapters it makes one pass over the map, with
// no lookup but for a key an HTTPHeader holds in a form that is not
// canonical. Over the list carriers (KafkaHeaders, SaramaHeaders,
// SaramaHeaderPtrs, Packed, Env), whose Get scans the list, it makes one
// pass and a sort, so that a message of n headers costs O(n log n): a Get
// per name would cost O(n²), and the message's producer chooses n. Over
// any other Getter (EnvLookup, a Getter of the caller's) it calls Get for
// each name of the family Keys returns.
func Family(g Getter, prefix string) iter.Seq2[string, string] {
	f := newFamilyOf(prefix)
	return func(yield func(name, value string) bool) {
		// The map adapters by name, and the lists through an interface
		// whose method takes no function: yield, handed to a method
		// called through an interface, would escape, and with it the
		// caller's loop and all it captures.
		switch c := g.(type) {
		case Map:
			for k, v := range c {
				if f.may(k) && f.has(k) && !yield(k, v) {
					return
				}
			}
		case Metadata:
			f.slices(c, yield)
		case NATSHeader:
			f.slices(c, yield)
		case HTTPHeader:
			for k, vs := range c {
				if !f.may(k) || !f.has(k) {
					continue
				}
				// Get reads a name under its canonical spelling: a key
				// written into the map in another form is read so too.
				v := firstValue(vs)
				if !isCanonical(k) {
					v = c.Get(k)
				}
				if !yield(k, v) {
					return
				}
			}
		case lister:
			names, values := c.pairs(f)
			for i, k := range names {
				if !yield(k, values[i]) {
					return
				}
			}
		default:
			for _, k := range g.Keys() {
				if f.has(k) && !yield(k, g.Get(k)) {
					return
				}
			}
		}
	}
}

// familyOf tests names against a prefix, ASCII case-insensitively: may,
// inlined into a walk where it can be, rejects by its length and the
// prefix's first and last bytes a name that cannot be of the family (most
// of a request's headers, and ot-tracer-* beside ot-baggage-*), and has
// decides.
type familyOf struct {
	prefix      string
	min, lastAt int  // len(prefix)+1, for a name past the prefix; len(prefix)-1
	first, last byte // the prefix's first and last bytes, with the case bit set
	mask        byte // 0 for the empty prefix, which every name has
}

func newFamilyOf(prefix string) familyOf {
	n := len(prefix)
	if n == 0 {
		return familyOf{min: 1}
	}
	return familyOf{prefix, n + 1, n - 1, prefix[0] | 0x20, prefix[n-1] | 0x20, 0xff}
}

func (f familyOf) may(k string) bool {
	return len(k) >= f.min && (k[0]|0x20)&f.mask == f.first && (k[f.lastAt]|0x20)&f.mask == f.last
}

func (f familyOf) has(k string) bool {
	return f.may(k) && foldCompare(k[:len(f.prefix)], f.prefix) == 0
}

// slices is Family over Metadata or NATSHeader, whose Get finds a key of
// the map under its own spelling first.
func (f familyOf) slices(m map[string][]string, yield func(name, value string) bool) {
	for k, vs := range m {
		if f.may(k) && f.has(k) && !yield(k, firstValue(vs)) {
			return
		}
	}
}

// lister is a carrier that keeps its headers in a list: pairs returns
// every name of the family f in it, in order, each with the value Get
// returns for it.
type lister interface {
	pairs(f familyOf) (names, values []string)
}

// firstValue returns the first of vals, or "".
func firstValue(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return vals[0]
}

// firstOfName returns, for each of names, the position of the first name
// equal to it but for ASCII case: where a list carrier's Get, which
// returns the first matching entry, finds that name's value.
func firstOfName(names []string) []int32 {
	order := make([]int32, len(names))
	for i := range order {
		order[i] = int32(i)
	}
	// Stable: within a class of names equal but for case, the first
	// position stays first.
	slices.SortStableFunc(order, func(a, b int32) int { return foldCompare(names[a], names[b]) })
	first := make([]int32, len(names))
	for class := range foldClasses(order, func(i int32) string { return names[i] }) {
		for _, i := range class {
			first[i] = class[0]
		}
	}
	return first
}

// recordsPairs is pairs over *list. Names equal but for case share their
// prefix, so Get's first match for a name of the family is in the family.
func recordsPairs[R any, O recordOps[R]](list *[]R, f familyOf) (names, values []string) {
	if list == nil {
		return nil, nil
	}
	var o O
	var at []int // the position in *list of each of names
	for i, r := range *list {
		if k, ok := o.key(r); ok && f.has(k) {
			names = append(names, k)
			at = append(at, i)
		}
	}
	first := firstOfName(names)
	values = make([]string, len(names))
	for i := range names {
		values[i] = string(o.value((*list)[at[first[i]]]))
	}
	return names, values
}

func (c KafkaHeaders[H]) pairs(f familyOf) (names, values []string) {
	return recordsPairs[H, kafkaOps[H]](c.list, f)
}

func (c SaramaHeaders[H]) pairs(f familyOf) (names, values []string) {
	return recordsPairs[H, saramaOps[H]](c.list, f)
}

func (c SaramaHeaderPtrs[H]) pairs(f familyOf) (names, values []string) {
	return recordsPairs[*H, saramaPtrOps[H]](c.list, f)
}

func (p Packed) pairs(f familyOf) (names, values []string) {
	var own []string
	for s := string(p); s != ""; {
		name, value, rest, ok := packedLine(s)
		if ok && f.has(name) {
			names, own = append(names, name), append(own, value)
		}
		s = rest
	}
	first := firstOfName(names)
	values = make([]string, len(names))
	for i := range names {
		values[i] = own[first[i]]
	}
	return names, values
}

// pairs is Family over e. Get reads the last entry whose name is the
// variable name of the name asked for, which need not be in the family
// (uberctx-a reads UBERCTX_A), nor that name itself: so every entry's
// name is sorted, equal names in the order of their entries, and each
// name of the family looked up by binary search.
func (e Env) pairs(f familyOf) (names, values []string) {
	for _, kv := range e {
		if name := envVar(kv); name != "" && f.has(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	vars := make([]string, len(e))
	order := make([]int32, 0, len(e))
	for i, kv := range e {
		if vars[i] = envVar(kv); vars[i] != "" {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(vars[a], vars[b]) })
	values = make([]string, len(names))
	var vb [64]byte
	for i, k := range names {
		if !validEnvKey(k) {
			continue
		}
		v := appendEnvName(vb[:0], k)
		// The last entry of the name: the one before the first greater.
		p := sort.Search(len(order), func(p int) bool { return vars[order[p]] > string(v) })
		if p > 0 && vars[order[p-1]] == string(v) {
			values[i] = e[order[p-1]][len(v)+1:]
		}
	}
	return names, values
}
