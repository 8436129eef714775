package carrier

import (
	"math/bits"
	"sync"

	"github.com/tracewire/tracewire/internal/onealloc"
)

// Batch gathers what several propagators write into one carrier and
// stores it there at once. A composite of formats (tracecontext, baggage,
// b3, jaeger) writes five or more headers and clears a dozen stale ones,
// uberctx-* among them; one Set and one Delete at a time, that is an
// allocation per value (and per value slice, for carriers that hold
// slices) and a pass over the carrier for every name whose spelling may
// vary. Through a Batch it is:
//
//   - one string holding every key and value, of which the carrier's
//     keys and values are substrings, and, for HTTPHeader, Metadata and
//     NATSHeader, one array holding every one-element value slice (each
//     sliced with its capacity capped, so that appending to one never
//     writes into another): at most two allocations in all;
//   - the stale headers removed in one pass over the carrier when a
//     DeleteFunc (uberctx-*, ot-baggage-*) asks for one or the carrier is
//     small, otherwise by a lookup per name; none of that when the
//     carrier ends up holding only the batch's keys (see flushTo); each
//     key of the carrier costs a scan of the batch's few names, or past
//     24 of them a binary search, so that a batch as large as
//     the carrier (the uberctx-* items of a large baggage) costs
//     O((n + m) log n), not O(n·m);
//   - no value slice the carrier held written into: another map may
//     share it (a proxy that copied the incoming headers with
//     out[k] = in[k]).
//
// Get one with NewBatch, write into it as into any Setter (Set, Delete,
// DeleteFunc, or the function Set, which copies bytes without making a
// string first), then call Flush. The result is what the same calls made
// directly on the carrier would leave, in order: a Delete or DeleteFunc
// drops the values set before it under the names it removes, which Flush
// finds for all of them at once (see batchlate.go), so that a long
// interleaving of Sets and Deletes costs O(n log n), not a scan of the
// values set so far per Delete. Batches are pooled: after Flush the Batch
// must not be used again.
type Batch struct {
	to    batchSetter
	buf   []byte // every key and value, back to back
	sets  []batchEntry
	names []byte     // every name in dels, back to back
	dels  []deletion // the deleted names the known bits do not hold
	// known holds a bit per name of knownNames deleted before any Set,
	// at its slot: a composite clears a dozen such names, and a bit costs
	// none of the copying and none of the comparisons a name in names
	// costs.
	known uint32
	funcs []func(name string) bool
	// funcAt holds, for each of funcs, the number of Sets made before it:
	// the entries it may drop.
	funcAt []int
	str    string    // buf as one string, once the carrier has asked for it
	sigs   [4]uint64 // the nameSig bits of every deleted or set name
	// order and delOrder index the live entries of sets and the names of
	// dels, sorted for search (see batchindex.go).
	order, delOrder []int32
	indexed         bool // order and delOrder are in use
}

// deletion is one Delete: the name at names[lo:hi], and at, the number of
// Sets made before it, which are the entries it may drop. Names are kept
// as offsets into one []byte rather than as strings, so that recording
// them writes no pointer into the pooled Batch: a pointer write into the
// heap costs a write barrier while the garbage collector runs, which in a
// service that allocates is much of the time.
type deletion struct{ lo, hi, at int }

// nameSig returns a byte that two names equal but for ASCII case share:
// a mix of the length and of the first and last bytes with the case bit
// set (which folds letters and leaves every other byte as itself). The
// pass that clears stale headers tests each of the carrier's keys against
// the signatures of the batch's names before comparing any bytes, so that
// the unrelated headers of a request (accept, content-type, user-agent,
// x-request-id) cost a few instructions each rather than a comparison
// with every name of the same length.
func nameSig[K string | []byte](k K) uint8 {
	n := len(k)
	if n == 0 {
		return 0
	}
	return uint8(n*37) ^ (k[0]|0x20)*5 ^ (k[n-1] | 0x20)
}

// named records in b.sigs that some deleted or set name is k.
func (b *Batch) named(k []byte) {
	s := nameSig(k)
	b.sigs[s>>6] |= 1 << (s & 63)
}

// maybeName reports whether some deleted or set name may be a spelling
// of k: false means none is.
func (b *Batch) maybeName(k string) bool {
	s := nameSig(k)
	return b.sigs[s>>6]&(1<<(s&63)) != 0
}

// batchEntry is one Set: the key at buf[k0:k1], the value at buf[k1:v1],
// and the key as the carrier stores it at buf[c0:c1].
type batchEntry struct {
	k0, k1, v1, c0, c1 int
	gone               bool // deleted after it was set
}

// batchSetter is a carrier that can store a Batch at once.
type batchSetter interface {
	Setter
	setBatch(b *Batch)
}

// maxPooledBatch is the largest buffer a Batch keeps for reuse; one that
// carried an unusually large baggage gives its buffer back to the garbage
// collector.
const maxPooledBatch = 64 << 10

// maxPooledEntries is the most entries and deleted names a pooled Batch
// keeps room for.
const maxPooledEntries = 1024

var batchPool = sync.Pool{New: func() any { return new(Batch) }}

// NewBatch returns a Batch that writes into s when s can take one
// (HTTPHeader, Map, Metadata, NATSHeader, the lists KafkaHeaders,
// SaramaHeaders and SaramaHeaderPtrs, and *Packed and *Env: those it
// rebuilds once rather than copying them on every write), and nil
// otherwise (a Setter of the caller's): then write into s directly.
func NewBatch(s Setter) *Batch {
	bs, ok := s.(batchSetter)
	if !ok {
		return nil
	}
	b := batchPool.Get().(*Batch)
	b.to = bs
	return b
}

// Set records value for key.
func (b *Batch) Set(key, value string) { batchAdd(b, key, value) }

// Delete records that key is to be deleted, and that the values set for
// it so far are to be dropped.
func (b *Batch) Delete(key string) {
	if len(b.sets) == 0 {
		// A composite clears before any member sets: a known name is a
		// bit, and drops nothing.
		if slot, ok := knownIndex(key); ok {
			b.known |= 1 << slot
			return
		}
	}
	lo := len(b.names)
	appendInPlace(&b.names, key)
	pushInPlace(&b.dels, deletion{lo, len(b.names), len(b.sets)})
	b.named(b.names[lo:])
}

// DeleteFunc records that every header of the carrier whose name del
// reports true for is to be deleted, and that the values set so far under
// such a name are to be dropped. del sees the name of such a value as the
// carrier would hold it (MIME-canonical for an HTTPHeader, the variable
// name for an Env), as it sees the carrier's own.
func (b *Batch) DeleteFunc(del func(name string) bool) {
	b.funcs = append(b.funcs, del)
	pushInPlace(&b.funcAt, len(b.sets))
}

// Flush stores what b holds in its carrier and gives b back for reuse.
func (b *Batch) Flush() {
	if b.to != nil {
		b.to.setBatch(b)
	}
	b.reset()
	batchPool.Put(b)
}

// reset empties b for the pool.
func (b *Batch) reset() {
	b.to, b.str, b.sigs, b.known = nil, "", [4]uint64{}, 0
	b.buf, b.sets, b.names, b.dels, b.funcs = b.buf[:0], b.sets[:0], b.names[:0], b.dels[:0], clearFuncs(b.funcs)
	b.funcAt = b.funcAt[:0]
	b.order, b.delOrder, b.indexed = b.order[:0], b.delOrder[:0], false
	if cap(b.buf) > maxPooledBatch || cap(b.sets)+cap(b.dels) > maxPooledEntries {
		// A Batch that carried a large baggage, or many small headers,
		// gives all its slices back rather than keeping them pooled.
		b.buf, b.sets, b.names, b.dels, b.order, b.delOrder = nil, nil, nil, nil, nil, nil
	}
}

// clearFuncs empties fs, dropping the functions it held so that a pooled
// Batch keeps nothing alive.
func clearFuncs(fs []func(string) bool) []func(string) bool {
	clear(fs)
	return fs[:0]
}

// Set stores value under key in s. When s is a Batch, key and value are
// copied into its buffer, without allocating. A []byte value stored in
// one of the carriers of value slices (HTTPHeader, Metadata, NATSHeader)
// costs one allocation holding both the copy and its one-element slice
// (see internal/onealloc), where s.Set(key, string(value)) costs two;
// otherwise it calls s.Set(string(key), string(value)), which allocates
// only for a []byte. A propagator writes with it the values it formats
// into a buffer of its own, so that a single format's value costs one
// allocation whatever the carrier, and a composite's values one in all.
func Set[K, V string | []byte](s Setter, key K, value V) {
	switch c := s.(type) {
	case *Batch:
		batchAdd(c, key, value)
		return
	case sliceStorer:
		var zero V
		if _, isBytes := any(zero).([]byte); isBytes {
			c.store(string(key), onealloc.Slice(value))
			return
		}
	}
	s.Set(string(key), string(value))
}

// sliceStorer is a carrier of value slices (HTTPHeader, Metadata,
// NATSHeader): store puts vals, a new one-element slice, under key as its
// Set puts value.
type sliceStorer interface {
	Setter
	store(key string, vals []string)
}

// batchAdd records key and value, copied into b's buffer.
func batchAdd[K, V string | []byte](b *Batch, key K, value V) {
	k0 := len(b.buf)
	appendInPlace(&b.buf, key)
	k1 := len(b.buf)
	appendInPlace(&b.buf, value)
	pushInPlace(&b.sets, batchEntry{k0: k0, k1: k1, v1: len(b.buf), c0: k0, c1: k1})
	b.named(b.buf[k0:k1])
}

// appendInPlace appends s to *dst, and pushInPlace e. When the slice has
// room they reslice it in place, which stores only the length: append
// stores the slice's pointer again, and a pointer stored into the pooled
// Batch costs a write barrier while the garbage collector runs, which in
// a service that allocates is much of the time (a composite's dozen names
// and values made it a sixth of an inject's time).
func appendInPlace[S string | []byte](dst *[]byte, s S) {
	lo := len(*dst)
	if hi := lo + len(s); hi <= cap(*dst) {
		*dst = (*dst)[:hi]
		copy((*dst)[lo:], s)
		return
	}
	*dst = append(*dst, s...)
}

func pushInPlace[E any](dst *[]E, e E) {
	if n := len(*dst); n < cap(*dst) {
		*dst = (*dst)[:n+1]
		(*dst)[n] = e
		return
	}
	*dst = append(*dst, e)
}

// The forms a carrier stores keys in, for respell.
const (
	lowerForm     = iota // Metadata
	canonicalForm        // HTTPHeader: MIME-canonical
	envForm              // Env: the variable name (EnvName)
)

// respell points every live entry's carrier key at the key as the
// carrier stores it, in form, appended to the buffer when that differs
// from the key as set. It must run before seal.
func (b *Batch) respell(form int) {
	for i := range b.sets {
		e := &b.sets[i]
		if e.gone {
			continue
		}
		k := b.buf[e.k0:e.k1]
		c0 := len(b.buf)
		switch form {
		case lowerForm:
			if isLower(k) {
				continue
			}
			b.buf = appendLower(b.buf, k)
		case canonicalForm:
			// The names propagators here write have their canonical
			// spelling at hand: no pass over the bytes.
			if c := knownCanonical(string(k)); c != "" {
				appendInPlace(&b.buf, c)
				e.c0, e.c1 = c0, len(b.buf)
				continue
			}
			if isCanonical(k) {
				continue
			}
			b.buf = appendCanonical(b.buf, k)
		default:
			if isEnvName(k) {
				continue
			}
			b.buf = appendEnvName(b.buf, k)
		}
		e.c0, e.c1 = c0, len(b.buf)
		b.named(b.buf[e.c0:e.c1])
	}
}

// seal makes the one string every key and value is a substring of,
// drops the entries a later DeleteFunc removes (settleFuncs), indexes the
// entries, and returns the number of live entries.
func (b *Batch) seal() int {
	live := b.live()
	if live > 0 {
		b.str = string(b.buf)
		if b.settleFuncs() {
			live = b.live()
		}
	}
	b.index(live)
	return live
}

// live returns the number of live entries.
func (b *Batch) live() int {
	n := 0
	for i := range b.sets {
		if !b.sets[i].gone {
			n++
		}
	}
	return n
}

// The ways prepare drops the entries a later one replaces (see dedupe).
const (
	keepAll       = iota // Metadata: two spellings become one key anyway
	keepCanonical        // HTTPHeader: so too, but for a name canonicalisation leaves as it is (see isCanonicalName)
	dropSpelled          // Map, NATSHeader: a later Set of a spelling
	dropAnyCase          // the lists: a later Set of the name in any case
)

// prepare seals b, drops the entries a later one replaces as drop says
// and those a later Delete removes, and returns the number of live
// entries.
func (b *Batch) prepare(drop int) int {
	live := b.seal()
	if live == 0 {
		return 0
	}
	dropped := drop == dropSpelled || drop == dropAnyCase
	if dropped {
		b.dedupe(drop == dropAnyCase)
	}
	if b.settle(drop) {
		dropped = true
	}
	if !dropped {
		return live
	}
	if b.indexed {
		b.dropGone()
		return len(b.order)
	}
	return b.live()
}

// key and value return entry e's carrier key and value, after seal.
func (b *Batch) key(e *batchEntry) string   { return b.str[e.c0:e.c1] }
func (b *Batch) value(e *batchEntry) string { return b.str[e.k1:e.v1] }

// walkFactor decides between the two ways of clearing stale headers when
// no DeleteFunc forces a pass over the carrier: a pass when the carrier
// holds at most walkFactor keys per name to clear, a lookup per name
// otherwise. A pass costs about a lookup per key; deleting a name costs
// one to three lookups, one per spelling.
const walkFactor = 2

// clearStale deletes from m, before b's values are stored, every key a
// DeleteFunc asks for and every spelling of a deleted name; in a map
// carrier (spelled true) also the spellings of a name being set other
// than the one it is set under. In an HTTPHeader (spelled false) a name
// has one spelling, its canonical one.
func clearStale[V any](b *Batch, m map[string]V, spelled bool) {
	if len(b.dels) == 0 && b.known == 0 && len(b.funcs) == 0 && !spelled {
		return
	}
	names := len(b.dels) + bits.OnesCount32(b.known)
	if spelled {
		names += len(b.sets)
	}
	if len(b.funcs) == 0 && len(m) > walkFactor*names {
		for k := b.known; k != 0; k &= k - 1 {
			// The name as this carrier stores it: as propagators set
			// it, or MIME-canonical in an HTTPHeader.
			e := &knownNames[bits.TrailingZeros32(k)]
			name := e.lower
			if !spelled {
				name = e.canonical
			}
			if b.overwrites(name) {
				continue
			}
			deletePresent(m, name)
			if spelled {
				deleteOthers(m, name)
			}
		}
		for _, ds := range b.dels {
			// Converted where it is used, the name is not copied to the heap.
			d := b.names[ds.lo:ds.hi]
			if b.overwrites(string(d)) {
				continue
			}
			if spelled {
				//lint:ignore S1033 as in deleteCanonical: the lookup does not copy the bytes, and the name is seldom there
				if _, ok := m[string(d)]; ok {
					delete(m, string(d))
				}
				deleteOthers(m, string(d))
			} else {
				deleteCanonical(m, string(d))
			}
		}
		if spelled {
			for i := range b.sets {
				if e := &b.sets[i]; !e.gone {
					deleteOthers(m, b.key(e))
				}
			}
		}
		return
	}
	clearByWalk(b, m, spelled)
}

// clearByWalk is clearStale's one pass over m. It never deletes a key a
// live entry is set under, so it may also run after they are stored.
func clearByWalk[V any](b *Batch, m map[string]V, spelled bool) {
	for k := range m {
		if b.stale(k, spelled) {
			delete(m, k)
		}
	}
}

// flushTo stores b's n live entries in m with store and clears what is
// stale around them. A carrier that holds no more keys than the batch
// sets (a message's fresh header map, or one reused for the same formats)
// takes its values first: if m then holds exactly the n keys, nothing
// stale can be in it, and the lookups of a dozen absent names and the
// pass for uberctx-* are skipped; otherwise the few keys it holds are
// walked once. Any larger carrier is cleared first and stored after.
func flushTo[V any](b *Batch, m map[string]V, spelled bool, n int, store func()) {
	if n > 0 && len(m) <= n {
		store()
		if len(m) != n || !b.distinctKeys() {
			clearByWalk(b, m, spelled)
		}
		return
	}
	clearStale(b, m, spelled)
	store()
}

// stale reports whether the carrier key k is to be deleted (see
// clearStale). A key a live entry is about to overwrite is not: deleting
// it first would only cost a second insertion. That is asked first, of a
// key whose signature some name has: a reused carrier holds the keys the
// batch sets, and each is then settled by one scan of the entries, where
// the DeleteFuncs and the known names would each be asked about it first.
func (b *Batch) stale(k string, spelled bool) bool {
	named := b.maybeName(k)
	if named && b.overwrites(k) {
		return false
	}
	for _, del := range b.funcs {
		if del(k) {
			return true
		}
	}
	if b.deletesKnown(k, spelled) {
		return true
	}
	if !named {
		return false
	}
	// k is no key an entry is set under. In a map carrier, the spellings
	// of a deleted name, and those of a name set under another spelling,
	// are the name itself and the keys equal to it but for case that are
	// lowercase, MIME-canonical or the name's conventional spelling
	// (isSpelling); in an HTTPHeader, a deleted name's canonical spelling.
	if !spelled {
		if isCanonicalName(k) {
			return b.deleted(k, false)
		}
		// A key canonicalisation leaves as it is ("bad:name") is
		// deleted by its own Delete alone.
		return isCanonical(k) && b.deleted(k, true)
	}
	if b.deleted(k, true) {
		return true
	}
	if !commonSpelling(k) {
		return false
	}
	if b.deleted(k, false) {
		return true
	}
	return b.setAt(k, false)
}

// deletesKnown reports whether k is a spelling of a deleted name of
// knownNames, under the rules stale applies to every deleted name: in a
// map carrier (spelled) one of the spellings Get finds it by, in an
// HTTPHeader its MIME-canonical form, the one key HTTPHeader's Delete
// removes.
func (b *Batch) deletesKnown(k string, spelled bool) bool {
	if b.known == 0 {
		return false
	}
	slot, ok := foldedSlot(k)
	if !ok || b.known&(1<<slot) == 0 {
		return false
	}
	e := &knownNames[slot]
	if spelled {
		return len(e.lower) == len(k) && isSpelling(k, e.lower)
	}
	return k == e.canonical
}

// deleteCanonical deletes the MIME-canonical spelling of key from m.
func deleteCanonical[V any](m map[string]V, key string) {
	if isCanonical(key) {
		deletePresent(m, key)
		return
	}
	var cb [maxStackName]byte
	canon := appendCanonical(cb[:0], key)
	//lint:ignore S1033 the lookup converts the bytes without copying them; delete would copy them to the heap every time
	if _, ok := m[string(canon)]; ok {
		delete(m, string(canon))
	}
}

// storeSlices stores b's live entries in m as one-element slices of one
// array, each capped at its length.
func storeSlices(b *Batch, m map[string][]string, n int) {
	if n == 0 {
		return
	}
	vals := make([]string, n)
	j := 0
	for i := range b.sets {
		e := &b.sets[i]
		if e.gone {
			continue
		}
		vals[j] = b.value(e)
		m[b.key(e)] = vals[j : j+1 : j+1]
		j++
	}
}

// setBatch stores b in h under MIME-canonical keys.
func (h HTTPHeader) setBatch(b *Batch) {
	b.respell(canonicalForm)
	n := b.prepare(keepCanonical)
	flushTo(b, h, false, n, func() { storeSlices(b, h, n) })
}

// setBatch stores b in m under the keys as set.
func (m Map) setBatch(b *Batch) {
	n := b.prepare(dropSpelled)
	flushTo(b, m, true, n, func() {
		for i := range b.sets {
			if e := &b.sets[i]; !e.gone {
				m[b.key(e)] = b.value(e)
			}
		}
	})
}

// setBatch stores b in md under lowercase keys.
func (md Metadata) setBatch(b *Batch) {
	b.respell(lowerForm)
	n := b.prepare(keepAll)
	flushTo(b, md, true, n, func() { storeSlices(b, md, n) })
}

// setBatch stores b in h under the keys as set; a nil header takes
// nothing, as its Set does.
func (h NATSHeader) setBatch(b *Batch) {
	if h == nil {
		return
	}
	n := b.prepare(dropSpelled)
	flushTo(b, h, true, n, func() { storeSlices(b, h, n) })
}
