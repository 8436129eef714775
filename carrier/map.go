package carrier

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
)

// Map adapts a map[string]string, such as the header map of a queued
// message. Lookups are ASCII case-insensitive: an exact match is tried
// first, then, for the trace headers this module knows, their
// MIME-canonical spelling ("Traceparent", "X-B3-Traceid"), and only then
// is every key compared with strings.EqualFold, which does not allocate.
// Set writes the lowercase name it is given, replacing any entry that
// differs from it only in case.
type Map map[string]string

// Get returns the value of key, matched case-insensitively.
func (m Map) Get(key string) string {
	if v, ok := m[key]; ok {
		return v
	}
	if k := knownCanonical(key); k != "" {
		if v, ok := m[k]; ok {
			return v
		}
	}
	for k, v := range m {
		if len(k) == len(key) && strings.EqualFold(k, key) {
			return v
		}
	}
	return ""
}

// Keys returns the map's keys.
func (m Map) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// Set replaces the value of key, removing every entry whose name differs
// from key only in case: even when key itself is present, another
// spelling left behind would be a stale value for a reader that looks
// the name up differently.
func (m Map) Set(key, value string) {
	for k := range m {
		if len(k) == len(key) && k != key && strings.EqualFold(k, key) {
			delete(m, k)
		}
	}
	m[key] = value
}

// Metadata adapts gRPC-style metadata, a map[string][]string whose keys
// are lowercase (as google.golang.org/grpc/metadata.MD is), without
// importing gRPC. Keys given in another case are lowered before use.
type Metadata map[string][]string

// Get returns the first value of key.
func (md Metadata) Get(key string) string {
	if v := md[ascii.Lower(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of key, in order.
func (md Metadata) Values(key string) []string { return md[ascii.Lower(key)] }

// Keys returns the metadata keys.
func (md Metadata) Keys() []string {
	keys := make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	return keys
}

// Set replaces the values of key with value. Like HTTPHeader.Set, it
// stores a new one-element slice and never writes into the one the
// metadata held, which may be shared with another map (after maps.Copy).
func (md Metadata) Set(key, value string) { md[ascii.Lower(key)] = []string{value} }

// Delete removes key and every key that differs from it only in case.
func (m Map) Delete(key string) {
	delete(m, key)
	for k := range m {
		if strings.EqualFold(k, key) {
			delete(m, k)
		}
	}
}

// Delete removes key.
func (md Metadata) Delete(key string) { delete(md, ascii.Lower(key)) }
