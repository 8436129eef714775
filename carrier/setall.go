package carrier

import "github.com/tracewire/tracewire/internal/ascii"

// SetAll stores values[i] under keys[i] in s, in order, as that many Set
// calls would, for a format that writes several headers. A propagator
// formats its values into one string and passes substrings of it, so
// that the values cost one allocation together; SetAll keeps the value
// slices of the carriers that hold them (HTTPHeader, Metadata,
// NATSHeader) to one allocation more: it stores one-element slices of a
// single array, each capped at its length so that appending to one never
// writes into the next, where a Set per header would allocate a slice
// per header. As Set does, it never writes into a slice the carrier
// held: another map may share it. A Map takes the substrings as they are,
// as its Set would; into a Batch or any other Setter it calls Set for
// each key, and a Batch gathers them for its own single flush.
//
// keys and values must have the same length. A Batch costs more than
// this for a format on its own, for it copies every key and value to
// serve a composite; SetAll writes in place.
func SetAll(s Setter, keys, values []string) {
	switch c := s.(type) {
	case HTTPHeader:
		vals := valueArray(values)
		for i, k := range keys {
			c[canonicalKey(k)] = vals[i : i+1 : i+1]
		}
	case Metadata:
		vals := valueArray(values)
		for i, k := range keys {
			k = ascii.Lower(k)
			deleteOthers(c, k)
			c[k] = vals[i : i+1 : i+1]
		}
	case Map:
		for i, k := range keys {
			deleteOthers(c, k)
			c[k] = values[i]
		}
	case NATSHeader:
		if c == nil {
			return
		}
		vals := valueArray(values)
		for i, k := range keys {
			deleteOthers(c, k)
			c[k] = vals[i : i+1 : i+1]
		}
	default:
		for i, k := range keys {
			s.Set(k, values[i])
		}
	}
}

// valueArray returns a copy of values, the one array SetAll slices.
func valueArray(values []string) []string {
	vals := make([]string, len(values))
	copy(vals, values)
	return vals
}
