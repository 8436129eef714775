package baggage

import "strings"

// Merge returns primary with every member of secondary appended whose key
// no member of primary has, keys compared ASCII case-insensitively. It is
// how a format that carries a lossy copy of baggage (Jaeger's uberctx-*
// headers, whose names HTTP lowercases and which hold no properties) joins
// the W3C baggage header: the primary member always wins, whichever header
// was read first, so "User=bob" beside "uberctx-user: alice" stays
// "User=bob".
//
// Either side alone, and a secondary that adds nothing, is returned as is
// without copying. Otherwise the result is built once under primary's
// limits, which may drop members past them; secondary's members keep
// their properties. Among secondary's own members a repeated key keeps its
// last value, as Builder.Set has it. The cost is linear in the members of
// both.
func Merge(primary, secondary Baggage) Baggage {
	switch {
	case secondary.n == 0:
		return primary
	case primary.n == 0:
		return secondary
	}
	keys := newKeySet(&primary)
	var bd Builder
	added := false
	for _, m := range secondary.All() {
		if keys.has(m.Key()) {
			continue
		}
		if !added {
			bd, added = primary.Builder(), true
		}
		var props []Property
		for p := range m.Properties() {
			props = append(props, p)
		}
		// Keys of parsed baggage are tokens, so Set cannot fail.
		_ = bd.Set(m.Key(), m.Value(), props...)
	}
	if !added {
		return primary
	}
	return bd.Baggage()
}

// keySet tests keys against a Baggage's case-insensitively: by a scan
// for a few members, through a set of lowercased keys for more, so that
// merging thousands of items costs no product of the two sizes.
type keySet struct {
	b   *Baggage
	set map[string]struct{}
}

func newKeySet(b *Baggage) keySet {
	const scanUpTo = 16
	ks := keySet{b: b}
	if b.n > scanUpTo {
		ks.set = make(map[string]struct{}, b.n)
		for _, m := range b.All() {
			ks.set[strings.ToLower(m.Key())] = struct{}{}
		}
	}
	return ks
}

func (ks keySet) has(key string) bool {
	if ks.set != nil {
		_, ok := ks.set[strings.ToLower(key)]
		return ok
	}
	for _, m := range ks.b.All() {
		if strings.EqualFold(m.Key(), key) {
			return true
		}
	}
	return false
}
