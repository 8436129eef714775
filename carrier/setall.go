package carrier

import (
	"slices"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/onealloc"
)

// SetAll stores the values a format formatted into buf under keys, in
// order, as that many Set calls would: the value for keys[i] is
// buf[ends[i-1]:ends[i]] (buf[:ends[0]] for the first). A format that
// writes several headers calls it so that all of them cost one
// allocation together, whatever the carrier:
//
//   - into the carriers of value slices (HTTPHeader, Metadata,
//     NATSHeader), one block holding the values' bytes and the array the
//     one-element value slices are cut from (see internal/onealloc; two
//     allocations past eight values or 1,920 bytes). Each slice is
//     capped at its length, so appending to one never writes into the
//     next; as Set does, SetAll never writes into a slice the carrier
//     held, which another map may share;
//   - into a Map or any other Setter, one string, whose substrings go to
//     Set per key;
//   - into a Batch, none: it copies the bytes into its own buffer.
//
// keys and ends must have the same length; ends must not decrease and
// must end within buf, or SetAll panics as slicing buf would.
func SetAll(s Setter, keys []string, buf []byte, ends []int) {
	if len(ends) != len(keys) {
		panic("carrier: SetAll with keys and ends of different lengths")
	}
	if len(keys) == 0 {
		return
	}
	start := 0
	for _, e := range ends {
		_ = buf[start:e] // the panic, before anything is stored
		start = e
	}
	switch c := s.(type) {
	case HTTPHeader:
		vals := onealloc.Strings(buf, ends)
		for i, k := range keys {
			c[canonicalKey(k)] = vals[i : i+1 : i+1]
		}
		return
	case Metadata:
		storeAllSlices(c, keys, onealloc.Strings(buf, ends), true)
		return
	case NATSHeader:
		if c != nil {
			storeAllSlices(c, keys, onealloc.Strings(buf, ends), false)
		}
		return
	case *Batch:
		start = 0
		for i, k := range keys {
			batchAdd(c, k, buf[start:ends[i]])
			start = ends[i]
		}
		return
	}
	str := string(buf[:ends[len(ends)-1]])
	if m, ok := s.(Map); ok {
		fresh := len(m) <= len(keys)
		if setStrings(m, keys, str, ends, !fresh); fresh && !holdsOnly(m, keys) {
			setStrings(m, keys, str, ends, true)
		}
		return
	}
	start = 0
	for i, k := range keys {
		s.Set(k, str[start:ends[i]])
		start = ends[i]
	}
}

// A map that holds no more keys than SetAll is setting (a message's fresh
// header map, or one reused for the same format) takes the values first:
// if it then holds just those keys, none a spelling of another, no other
// spelling can be in it and their lookups are skipped; otherwise the Set
// calls are made after all (others true), which leaves what they would
// have left. Without a closure per value: it cost a few percent of a
// multi-header write.

// setStrings stores the substrings of str that ends delimit under keys in
// m, deleting each key's other spellings first when others is true.
func setStrings(m Map, keys []string, str string, ends []int, others bool) {
	start := 0
	for i, k := range keys {
		if others {
			deleteOthers(m, k)
		}
		m[k], start = str[start:ends[i]], ends[i]
	}
}

// storeAllSlices is SetAll's store of vals into a carrier of value
// slices, Metadata's (lower) or NATSHeader's: fresh or not, as above.
func storeAllSlices(m map[string][]string, keys, vals []string, lower bool) {
	fresh := len(m) <= len(keys)
	if setSlices(m, keys, vals, lower, !fresh); fresh && !holdsOnly(m, keys) {
		setSlices(m, keys, vals, lower, true)
	}
}

// setSlices stores vals[i], as a one-element slice capped at its length,
// under keys[i] (lowercased, with lower) in m, deleting each key's other
// spellings first when others is true.
func setSlices(m map[string][]string, keys, vals []string, lower, others bool) {
	for i, k := range keys {
		if lower {
			k = ascii.Lower(k)
		}
		if others {
			deleteOthers(m, k)
		}
		m[k] = vals[i : i+1 : i+1]
	}
}

// holdsOnly reports whether m, after keys were stored in it, holds only
// them, none a spelling of another.
func holdsOnly[V any](m map[string]V, keys []string) bool {
	return len(m) == len(keys) && distinctFold(keys)
}

// distinctFold reports whether no two of keys are equal but for ASCII
// case: by comparing every pair for the few keys a format writes, and
// past indexAbove keys by sorting a copy, so that a caller's long list
// costs O(n log n) rather than O(n²).
func distinctFold(keys []string) bool {
	if len(keys) > indexAbove {
		sorted := slices.SortedFunc(slices.Values(keys), foldCompare[string, string])
		for i := 1; i < len(sorted); i++ {
			if foldCompare(sorted[i-1], sorted[i]) == 0 {
				return false
			}
		}
		return true
	}
	for i, k := range keys {
		for _, l := range keys[i+1:] {
			if equalFoldASCII(k, l) {
				return false
			}
		}
	}
	return true
}
