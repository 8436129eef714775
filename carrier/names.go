package carrier

import "github.com/tracewire/tracewire/internal/ascii"

// Names is a set of header names: the names the propagators of this
// module read (see the table behind knownSpellings) and the family of
// Jaeger's uberctx-{key} headers, which only a pass over a carrier's names
// can find. It is what a composite asks a carrier for, in a form that one
// pass over a map carrier fills in (Survey), so that the composite can
// answer its members' probes without their lookups.
//
// A set may also hold "another name", one outside the table: a set
// holding it intersects every set, since no survey can say it is absent.
type Names uint64

const (
	// namesFamily is the bit of the uberctx-* family, above the 32 slots
	// of the known names.
	namesFamily Names = 1 << 32
	// namesOther stands for every name outside the table.
	namesOther Names = 1 << 63
	// familyPrefix is the prefix of the one family, as NamesOf takes it
	// with a trailing "*".
	familyPrefix = "uberctx-"
)

// NamesOf returns the set of names, each a lowercase header name or
// "uberctx-*" for the family of Jaeger's baggage headers. A name that no
// propagator here reads, or that is not lowercase, adds "another name" to
// the set (see Names).
func NamesOf(names ...string) Names {
	var n Names
	for _, name := range names {
		if name == familyPrefix+"*" {
			n |= namesFamily
		} else if slot, ok := knownIndex(name); ok {
			n |= 1 << slot
		} else {
			n |= namesOther
		}
	}
	return n
}

// Intersects reports whether n and o may share a name: whether they share
// one, or either holds another name (see Names).
func (n Names) Intersects(o Names) bool {
	return n&o != 0 || (n|o)&namesOther != 0
}

// HasFamily reports whether n holds the uberctx-* family, which a
// propagator can only look for by a pass over the carrier's names.
func (n Names) HasFamily() bool { return n&namesFamily != 0 }

// Survey returns the names of the set Names describes that g holds, when
// g is one of this package's map adapters, found in one pass over its
// keys: a known name is in the set when a key is one of the spellings Get
// finds it by (the MIME-canonical one in an HTTPHeader; in Map, Metadata
// and NATSHeader, those Map describes), and the uberctx-* family when a
// key longer than "uberctx-" starts with it in any case. ok is false for
// any other Getter, whose names it cannot list without allocating.
//
// A pass over a map costs about as much as four or five lookups; a
// composite makes one only when a member would walk the carrier anyway
// (Jaeger's look for uberctx-*), and then answers every member's probe
// from the set.
func Survey(g Getter) (present Names, ok bool) {
	switch c := g.(type) {
	case HTTPHeader:
		return surveyKeys(c, true), true
	case Map:
		return surveyKeys(c, false), true
	case Metadata:
		return surveyKeys(c, false), true
	case NATSHeader:
		return surveyKeys(c, false), true
	}
	return 0, false
}

// surveyKeys is Survey's pass over the keys of m, which Get reads under
// the MIME-canonical spelling alone when canonical is set.
func surveyKeys[V any](m map[string]V, canonical bool) Names {
	var n Names
	for k := range m {
		n |= nameOf(k, canonical)
	}
	return n
}

// nameOf returns the set holding what the key k is a spelling of (see
// Survey), or the empty set.
func nameOf(k string, canonical bool) Names {
	n := len(k)
	if n > len(familyPrefix) && ascii.HasUberctxPrefix(k) {
		return namesFamily
	}
	slot, ok := foldedSlot(k)
	if !ok {
		return 0
	}
	e := &knownNames[slot]
	if canonical && k == e.canonical || !canonical && len(e.lower) == n && isSpelling(k, e.lower) {
		return 1 << slot
	}
	return 0
}
