package carrier

// A Delete or DeleteFunc made after Sets drops the values set before it
// under the names it removes, as it would have deleted them from the
// carrier. The Batch records how many Sets came before each (deletion.at,
// funcAt) and drops those values in Flush, all at once: when each Delete
// scanned the values set so far, a batch interleaving n Sets and n
// Deletes cost O(n²). A composite clears before it sets, and pays nothing
// here.

// settleFuncs marks gone every live entry that a DeleteFunc made after its
// Set removes, asking it about the entry's key as the carrier holds it
// (after respell), as many calls as the DeleteFunc would make on a
// carrier holding the entries. It runs in seal, once b.str is made, and
// reports whether it marked any.
//
// Each entry it drops becomes a Delete of its key, made right after its
// Set: what the Set cleared (the name's other spellings, a list's records
// of the name in any case) stays cleared, as do the entries the Set
// replaced, though a DeleteFunc that tells spellings apart would not
// reach them.
func (b *Batch) settleFuncs() bool {
	dropped := false
	for j, at := range b.funcAt {
		del := b.funcs[j]
		for i := range b.sets[:at] {
			e := &b.sets[i]
			if e.gone || !del(b.key(e)) {
				continue
			}
			e.gone, dropped = true, true
			lo := len(b.names)
			appendInPlace(&b.names, b.key(e))
			pushInPlace(&b.dels, deletion{lo, len(b.names), i + 1})
			b.named(b.names[lo:])
		}
	}
	return dropped
}

// settle marks gone every live entry that a Delete made after its Set
// removes, and reports whether it marked any. It runs in prepare, after
// seal and dedupe. drop, the carrier's way of preparing (see prepare),
// says how a deleted name matches an entry's key: as Map's and
// NATSHeader's Delete finds its keys (isSpelling), as HTTPHeader's
// (equal but for case, but only itself for a name canonicalisation
// leaves as it is), or equal but for case, which every other carrier's
// Delete is, its keys respelled alike (an Env's into variable names, as
// its deleted names are).
//
// While the names are few enough to scan (b is not indexed, so at most
// indexAbove of them), each Delete scans the entries before it; past
// that, each entry's latest Delete is found by binary search in
// b.delOrder: O((n + m) log m) for n entries and m names.
func (b *Batch) settle(drop int) bool {
	if b.indexed {
		return b.settleIndexed(drop)
	}
	dropped := false
	for _, d := range b.dels {
		name := b.names[d.lo:d.hi]
		for i := range b.sets[:d.at] {
			e := &b.sets[i]
			if e.gone || e.c1-e.c0 != len(name) {
				continue
			}
			if k := b.key(e); deletes(drop, k, name) {
				e.gone, dropped = true, true
			}
		}
	}
	return dropped
}

// settleIndexed is settle's Deletes once b is indexed. b.delOrder holds
// each class of names equal but for case together, and within it each
// name latest first; latest holds, for each deleted name, the latest
// Delete of its class.
func (b *Batch) settleIndexed(drop int) bool {
	late := false
	for _, d := range b.dels {
		late = late || d.at > 0
	}
	if !late {
		return false
	}
	latest := make([]int, len(b.dels))
	for class := range foldClasses(b.delOrder, b.delName) {
		last := 0
		for _, i := range class {
			last = max(last, b.dels[i].at)
		}
		for _, i := range class {
			latest[i] = last
		}
	}
	dropped := false
	for _, i := range b.order {
		e := &b.sets[i]
		if e.gone {
			continue
		}
		k := b.key(e)
		at := 0
		if p, ok := b.findDel(k, false); ok {
			at = latest[b.delOrder[p]]
		}
		if at > int(i) && ownSpelling(drop, k) {
			// Only a Delete of k itself removes a key in a spelling of
			// its own: the first of its names is the latest.
			at = 0
			if p, ok := b.findDel(k, true); ok {
				at = b.dels[b.delOrder[p]].at
			}
		}
		if at > int(i) {
			e.gone, dropped = true, true
		}
	}
	return dropped
}

// deletes reports whether a Delete of name removes the entry whose
// carrier key is k, in a carrier prepared as drop says (see settle).
func deletes(drop int, k string, name []byte) bool {
	if drop == dropSpelled {
		return isSpelling(k, name)
	}
	return equalFoldASCII(k, name) && (!ownSpelling(drop, k) || k == string(name))
}

// ownSpelling reports whether k is a key that only a Delete of k itself
// removes, of the keys equal to it but for case, in a carrier prepared as
// drop says: in a Map or a NATSHeader a key in none of the spellings
// their Delete finds (commonSpelling), in an HTTPHeader a key that
// canonicalisation leaves as it is, though not canonical.
func ownSpelling(drop int, k string) bool {
	switch drop {
	case dropSpelled:
		return !commonSpelling(k)
	case keepCanonical:
		return !isCanonicalName(k)
	}
	return false
}
