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
		for i, k := range keys {
			k = ascii.Lower(k)
			deleteOthers(c, k)
			c[k] = vals[i : i+1 : i+1]
		}
		return
	case NATSHeader:
		if c == nil {
			return
		}
		vals := onealloc.Strings(buf, ends)
		for i, k := range keys {
			deleteOthers(c, k)
			c[k] = vals[i : i+1 : i+1]
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
	start = 0
	if m, ok := s.(Map); ok {
		for i, k := range keys {
			deleteOthers(m, k)
			m[k], start = str[start:ends[i]], ends[i]
		}
		return
	}
	for i, k := range keys {
		s.Set(k, str[start:ends[i]])
		start = ends[i]
	}
}
