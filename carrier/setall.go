package carrier

import (
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
		vals := onealloc.Strings(buf, ends)
		storeAll(c, keys, true, func(i int) []string { return vals[i : i+1 : i+1] })
		return
	case NATSHeader:
		if c == nil {
			return
		}
		vals := onealloc.Strings(buf, ends)
		storeAll(c, keys, false, func(i int) []string { return vals[i : i+1 : i+1] })
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
		storeAll(m, keys, false, func(i int) string {
			if i == 0 {
				return str[:ends[0]]
			}
			return str[ends[i-1]:ends[i]]
		})
		return
	}
	start = 0
	for i, k := range keys {
		s.Set(k, str[start:ends[i]])
		start = ends[i]
	}
}

// storeAll stores val(i) under keys[i] (lowercased, with lower) in a map
// carrier, in order, as that many Set calls would: each deletes the
// other spellings of its key first. A map that holds no more keys than
// are being set (a message's fresh header map, or one reused for the same
// format) takes the values first: if it then holds just those keys, none
// a spelling of another, no other spelling can be in it and their
// lookups are skipped; otherwise the Set calls are made after all, which
// leaves what they would have left.
func storeAll[V any](m map[string]V, keys []string, lower bool, val func(i int) V) {
	fresh := len(m) <= len(keys)
	for {
		for i, k := range keys {
			if lower {
				k = ascii.Lower(k)
			}
			if !fresh {
				deleteOthers(m, k)
			}
			m[k] = val(i)
		}
		if !fresh || len(m) == len(keys) && distinctFold(keys) {
			return
		}
		fresh = false
	}
}

// distinctFold reports whether no two of keys are equal but for ASCII
// case.
func distinctFold(keys []string) bool {
	for i, k := range keys {
		for _, l := range keys[i+1:] {
			if equalFoldASCII(k, l) {
				return false
			}
		}
	}
	return true
}
