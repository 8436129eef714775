package carrier

import (
	"iter"
	"slices"
	"sort"
)

// A Batch answers the questions its clearing asks (is this carrier key
// set by the batch? is a name equal to it but for case set or deleted?)
// by scanning its entries and deleted names while there are few of them,
// as a composite's dozen are. Past indexAbove, it sorts them once per
// Flush by length, then case-folded bytes, then bytes (compareKeys), so
// that names equal but for case are neighbours and every question is a
// binary search: a Batch of n entries flushed into a carrier of m keys
// then costs O((n + m) log n), where the scans cost O(n·m). A composite
// writing the uberctx-* items of a large baggage into a reused map was
// quadratic in the number of items.

// indexAbove is the number of live entries and deleted names past which
// a Batch sorts them. A batch of n uberctx-* items rewritten into a map
// holding them took, with scans and with the sort: 1.0 and 1.3 µs for 8
// items, 4.0 and 3.6 µs for 24, 6.4 and 5.1 µs for 32, 29 and 11 µs for
// 64. A composite's dozen entries stay below it (its inject into a Map ran
// 8,600 instructions with scans, 10,700 with the sort).
const indexAbove = 24

// foldCompare orders a and b by length, then by their bytes folded to
// lowercase (ASCII letters only): 0 when they are equal but for case (see
// equalFoldASCII).
func foldCompare[K, L string | []byte](a K, b L) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// compareKeys orders a and b by foldCompare, then byte by byte: 0 only
// when they are equal.
func compareKeys[K, L string | []byte](a K, b L) int {
	if c := foldCompare(a, b); c != 0 {
		return c
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// index sorts the live entries into b.order by carrier key, the same key
// by position, and the names of b.dels into b.delOrder, the same name
// latest first, when there are more than indexAbove of them together.
func (b *Batch) index(live int) {
	if b.indexed = live+len(b.dels) > indexAbove; !b.indexed {
		return
	}
	b.order = b.order[:0]
	for i := range b.sets {
		if !b.sets[i].gone {
			pushInPlace(&b.order, int32(i))
		}
	}
	slices.SortFunc(b.order, func(x, y int32) int {
		if c := compareKeys(b.key(&b.sets[x]), b.key(&b.sets[y])); c != 0 {
			return c
		}
		return int(x - y)
	})
	b.delOrder = b.delOrder[:0]
	for i := range b.dels {
		pushInPlace(&b.delOrder, int32(i))
	}
	slices.SortFunc(b.delOrder, func(x, y int32) int {
		if c := compareKeys(b.delName(x), b.delName(y)); c != 0 {
			return c
		}
		return b.dels[y].at - b.dels[x].at
	})
}

// delName returns the deleted name b.dels[i].
func (b *Batch) delName(i int32) []byte {
	d := b.dels[i]
	return b.names[d.lo:d.hi]
}

// setAt reports whether a live entry's carrier key is k (exact) or equal
// to k but for case.
func (b *Batch) setAt(k string, exact bool) bool {
	if !b.indexed {
		for i := range b.sets {
			e := &b.sets[i]
			if e.gone || e.c1-e.c0 != len(k) {
				continue
			}
			if key := b.key(e); exact && key == k || !exact && equalFoldASCII(key, k) {
				return true
			}
		}
		return false
	}
	i := sort.Search(len(b.order), func(i int) bool { return b.compareSet(i, k, exact) >= 0 })
	return i < len(b.order) && b.compareSet(i, k, exact) == 0
}

func (b *Batch) compareSet(pos int, k string, exact bool) int {
	key := b.key(&b.sets[b.order[pos]])
	if exact {
		return compareKeys(key, k)
	}
	return foldCompare(key, k)
}

// deleted reports whether k (exact) or a name equal to it but for case
// is among the names of b.dels.
func (b *Batch) deleted(k string, exact bool) bool {
	if !b.indexed {
		for _, d := range b.dels {
			if name := b.names[d.lo:d.hi]; len(name) == len(k) && (exact && string(name) == k || !exact && equalFoldASCII(name, k)) {
				return true
			}
		}
		return false
	}
	_, ok := b.findDel(k, exact)
	return ok
}

// findDel returns the first position in b.delOrder of k (exact) or of a
// name equal to it but for case, once b is indexed.
func (b *Batch) findDel(k string, exact bool) (int, bool) {
	i := sort.Search(len(b.delOrder), func(i int) bool { return b.compareDel(i, k, exact) >= 0 })
	return i, i < len(b.delOrder) && b.compareDel(i, k, exact) == 0
}

func (b *Batch) compareDel(pos int, k string, exact bool) int {
	name := b.delName(b.delOrder[pos])
	if exact {
		return compareKeys(name, k)
	}
	return foldCompare(name, k)
}

// overwrites reports whether a live entry is set under exactly the carrier
// key k.
func (b *Batch) overwrites(k string) bool { return b.setAt(k, true) }

// distinctKeys reports whether no two live entries have the same carrier
// key, so that storing them made as many keys as there are entries.
func (b *Batch) distinctKeys() bool {
	if b.indexed {
		for j := 1; j < len(b.order); j++ {
			if b.key(&b.sets[b.order[j-1]]) == b.key(&b.sets[b.order[j]]) {
				return false
			}
		}
		return true
	}
	for i := range b.sets {
		e := &b.sets[i]
		if e.gone {
			continue
		}
		for j := i + 1; j < len(b.sets); j++ {
			if l := &b.sets[j]; !l.gone && l.c1-l.c0 == e.c1-e.c0 && b.key(l) == b.key(e) {
				return false
			}
		}
	}
	return true
}

// dedupe drops every live entry that a later one replaces. In a map
// carrier whose keys stay as set (anyCase false), that is a later Set of
// one of its spellings, which would have deleted it; in a list (anyCase
// true), a later Set of its name in any case. Only entries equal but for
// case can replace each other; b.order, when there is one, holds each
// such class together. The entries it drops stay in b.order, for
// dropGone.
func (b *Batch) dedupe(anyCase bool) {
	if !b.indexed {
		for i := range b.sets {
			e := &b.sets[i]
			for j := i + 1; j < len(b.sets) && !e.gone; j++ {
				l := &b.sets[j]
				if l.gone || l.c1-l.c0 != e.c1-e.c0 {
					continue
				}
				if anyCase && equalFoldASCII(b.key(e), b.key(l)) || !anyCase && isSpelling(b.key(e), b.key(l)) {
					e.gone = true
				}
			}
		}
		return
	}
	for class := range foldClasses(b.order, func(i int32) string { return b.key(&b.sets[i]) }) {
		if len(class) > 1 {
			b.dedupeClass(class, anyCase)
		}
	}
}

// dropGone removes from b.order the entries dropped since index, keeping
// it sorted.
func (b *Batch) dropGone() {
	n := 0
	for _, i := range b.order {
		if !b.sets[i].gone {
			b.order[n] = i
			n++
		}
	}
	b.order = b.order[:n]
}

// dedupeClass marks gone the entries of class, keys equal but for case in
// b.order's order, that a later entry replaces. In a list (anyCase), and
// by isSpelling for a key that is lowercase, MIME-canonical or the name's
// conventional spelling, any later entry of its class replaces it; any
// other key only a later Set of the same key, the entry after it in class.
func (b *Batch) dedupeClass(class []int32, anyCase bool) {
	last := slices.Max(class)
	conv := conventionalOf(b.key(&b.sets[class[0]]))
	for j, i := range class {
		k := b.key(&b.sets[i])
		if anyCase || isLower(k) || isCanonicalName(k) || k == conv {
			b.sets[i].gone = i != last
			continue
		}
		if j+1 < len(class) && b.key(&b.sets[class[j+1]]) == k {
			b.sets[i].gone = true
		}
	}
}

// foldClasses yields the runs of order whose names (name gives them) are
// equal but for case: order must be sorted by foldCompare of the names.
func foldClasses[K string | []byte](order []int32, name func(int32) K) iter.Seq[[]int32] {
	return func(yield func([]int32) bool) {
		for lo := 0; lo < len(order); {
			hi := lo + 1
			for hi < len(order) && foldCompare(name(order[lo]), name(order[hi])) == 0 {
				hi++
			}
			if !yield(order[lo:hi]) {
				return
			}
			lo = hi
		}
	}
}

// conventionalOf returns the conventional spelling of the known name k is
// a spelling of, or "". A name longer than every known name is none, and
// is not lowercased (on the heap, past the stack buffer).
func conventionalOf[K string | []byte](k K) string {
	if len(k) > maxKnownLen {
		return ""
	}
	var lb [maxKnownLen]byte
	return conventional(appendLower(lb[:0], k))
}
