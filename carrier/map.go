package carrier

import "github.com/tracewire/tracewire/internal/ascii"

// Map adapts a map[string]string, such as the header map of a queued
// message.
//
// Get finds a header stored in the lowercase spelling propagators write
// with one map lookup, and costs about as much when it is absent: it then
// tries the name's other common spellings, "Traceparent" (MIME-canonical,
// as Go code copying an http.Header writes it) and "X-B3-TraceId" (the B3
// specification's), one lookup each, and never walks the map. A name
// asked for in another case is folded to lowercase first, on the stack.
// Keys stored in any other case ("TRACEPARENT", "x-B3-traceId") are not
// found: read such a map through NewMap, which lowercases it once.
//
// Set stores the name as given (propagators give it in lowercase, as
// HTTP/2 and the W3C specifications ask) and deletes the other spellings
// Get would find, so that no reader is left a stale value under one of
// them; Delete removes all of them. Every operation costs a few lookups,
// whatever the map's size, and a write into a map that then holds only
// what was written costs none beyond the store: no other spelling can be
// there.
//
// A composite injecting into a Map writes through a Batch: all its
// values in one string, and its stale fields, uberctx-* included, cleared
// in at most one pass over the map.
//
// A nil Map reads as empty; Set on it panics, as storing into a nil Go
// map does: a propagator given nowhere to write is a mistake to see, not
// a context to drop unseen.
type Map map[string]string

// NewMap returns a Map that reads m whatever the case of its keys: m
// itself when every key is lowercase, found in one pass over the keys
// without allocating; otherwise a copy whose keys are lowercased (ASCII),
// in linear time. Of several keys that lowercase to the same name, the
// lowercase one wins, then the one that sorts first, so that the result
// does not depend on the map's order. m is never changed: inject into it
// through Map(m), which keeps its keys as they are.
func NewMap(m map[string]string) Map {
	mixed := false
	for k := range m {
		if !isLower(k) {
			mixed = true
			break
		}
	}
	if !mixed {
		return Map(m)
	}
	out := make(Map, len(m))
	from := map[string]string{} // lowercased name -> the key its value came from
	for k, v := range m {
		if isLower(k) {
			out[k] = v
			continue
		}
		lk := string(appendLower(nil, k))
		if _, lower := m[lk]; lower {
			continue
		}
		if f, ok := from[lk]; ok && f < k {
			continue
		}
		out[lk], from[lk] = v, k
	}
	return out
}

// Get returns the value of key, or "" when it is absent (see Map for the
// spellings it tries).
func (m Map) Get(key string) string {
	// The spelling as given, indexed here rather than through lookup:
	// the generic call did not inline, and the hit is the common case.
	if v, ok := m[key]; ok {
		return v
	}
	v, _ := lookupOther(m, key)
	return v
}

// Keys returns the map's keys.
func (m Map) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// Set stores value under key and deletes the other spellings of key that
// Get would find.
func (m Map) Set(key, value string) {
	// Stored first: a map left holding this one key has no other spelling
	// in it, and the lookups for them are skipped. Written out here rather
	// than through storeFirst, which would keep Set from inlining.
	m[key] = value
	if len(m) > 1 {
		deleteOthers(m, key)
	}
}

// storeFirst is Map.Set for the carriers of value slices, Metadata and
// NATSHeader: vals stored under key, then key's other spellings deleted.
func storeFirst(m map[string][]string, key string, vals []string) {
	m[key] = vals
	if len(m) > 1 {
		deleteOthers(m, key)
	}
}

// Delete removes key under every spelling Get would find it by.
func (m Map) Delete(key string) {
	deletePresent(m, key)
	deleteOthers(m, key)
}

// Metadata adapts gRPC-style metadata, a map[string][]string whose keys
// are lowercase (as google.golang.org/grpc/metadata.MD is), without
// importing gRPC. It reads as Map does: the name as given, in lowercase,
// then its MIME-canonical and conventional spellings, so that metadata
// filled by hand with "Traceparent" is read too. It writes lowercase
// names, as gRPC sends them, and never writes into a value slice the
// metadata holds: another map may share it (after maps.Copy, or a proxy's
// out[k] = in[k]). Nil metadata reads as empty, and Set on it panics, as
// on a nil Map.
type Metadata map[string][]string

// Get returns the first value of key.
func (md Metadata) Get(key string) string {
	if v, _ := lookup(md, key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of key, in order. The slice is the
// metadata's own: do not modify it.
func (md Metadata) Values(key string) []string {
	v, _ := lookup(md, key)
	return v
}

// Keys returns the metadata keys.
func (md Metadata) Keys() []string {
	keys := make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	return keys
}

// Set replaces the values of key, lowercased, with value, in a new slice,
// and deletes the other spellings Get would find.
func (md Metadata) Set(key, value string) { md.store(key, []string{value}) }

func (md Metadata) store(key string, vals []string) {
	storeFirst(md, ascii.Lower(key), vals)
}

// Delete removes key under every spelling Get would find it by.
func (md Metadata) Delete(key string) {
	deletePresent(md, key)
	deleteOthers(md, key)
}
