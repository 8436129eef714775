package carrier

import (
	"iter"
	"slices"
)

// All yields every header name of g, as AllKeys does, each with the value
// Get returns for it. A propagator that reads a family of headers whose
// names vary (Jaeger's uberctx-*, OT's ot-baggage-*) reads them with it.
//
// Over this package's map adapters it makes one pass over the map, with
// no lookup but for a key an HTTPHeader holds in a form that is not
// canonical. Over the list carriers (KafkaHeaders, SaramaHeaders,
// SaramaHeaderPtrs, Packed), whose Get scans the list, it makes one pass
// and one sort, so that a message of n headers costs O(n log n): n calls
// of Get would cost O(n²), and the message's producer chooses n. Over any
// other Getter (Env, EnvLookup, a Getter of the caller's) it calls Get
// for each name Keys returns.
func All(g Getter) iter.Seq2[string, string] {
	return func(yield func(name, value string) bool) {
		// The map adapters by name, and the lists through an interface
		// whose method takes no function: yield, handed to a method
		// called through an interface, would escape, and with it the
		// caller's loop and all it captures.
		switch c := g.(type) {
		case Map:
			for k, v := range c {
				if !yield(k, v) {
					return
				}
			}
		case Metadata:
			for k, vs := range c {
				if !yield(k, first(vs)) {
					return
				}
			}
		case NATSHeader:
			for k, vs := range c {
				if !yield(k, first(vs)) {
					return
				}
			}
		case HTTPHeader:
			for k, vs := range c {
				// Get reads a name under its canonical spelling: a key
				// written into the map in another form is read so too.
				v := first(vs)
				if !isCanonical(k) {
					v = c.Get(k)
				}
				if !yield(k, v) {
					return
				}
			}
		case lister:
			names, values := c.pairs()
			for i, k := range names {
				if !yield(k, values[i]) {
					return
				}
			}
		default:
			for _, k := range g.Keys() {
				if !yield(k, g.Get(k)) {
					return
				}
			}
		}
	}
}

// lister is a carrier that keeps its headers in a list: pairs returns
// every name in it, in order, each with the value Get returns for it.
type lister interface {
	pairs() (names, values []string)
}

// first returns the first of vals, or "".
func first(vals []string) string {
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
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && foldCompare(names[order[lo]], names[order[hi]]) == 0 {
			hi++
		}
		for _, i := range order[lo:hi] {
			first[i] = order[lo]
		}
		lo = hi
	}
	return first
}

// recordsPairs is pairs over *list.
func recordsPairs[R any, O recordOps[R]](list *[]R) (names, values []string) {
	if list == nil {
		return nil, nil
	}
	var o O
	var at []int // the position in *list of each of names
	for i, r := range *list {
		if k, ok := o.key(r); ok {
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

func (c KafkaHeaders[H]) pairs() (names, values []string) {
	return recordsPairs[H, kafkaOps[H]](c.list)
}

func (c SaramaHeaders[H]) pairs() (names, values []string) {
	return recordsPairs[H, saramaOps[H]](c.list)
}

func (c SaramaHeaderPtrs[H]) pairs() (names, values []string) {
	return recordsPairs[*H, saramaPtrOps[H]](c.list)
}

func (p Packed) pairs() (names, values []string) {
	var own []string
	for s := string(p); s != ""; {
		name, value, rest, ok := packedLine(s)
		if ok {
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
