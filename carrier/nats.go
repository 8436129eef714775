package carrier

import (
	"maps"
	"slices"
)

// NATSHeader adapts a NATS message's header, nats.Header from
// github.com/nats-io/nats.go, or any other map[string][]string whose keys
// keep the case their writer gave them. Convert it in place:
//
//	p.InjectInto(carrier.NATSHeader(msg.Header), sc)
//	sc, err := p.ExtractFrom(carrier.NATSHeader(msg.Header))
//
// nats.Header looks like http.Header but is not one: NATS sends header
// names as written and nats.go compares them case-sensitively, without
// MIME canonicalization. HTTPHeader, which reads and writes only the
// canonical "Traceparent", would miss the "traceparent" that producers in
// other languages (and this adapter) write, and would write a name that
// nats.Header.Get("traceparent") does not find. NATSHeader therefore
// writes the lowercase name a propagator gives it, as the W3C
// specifications ask, and reads any case:
//
//   - Get and Values look the name up as given, then, for the trace
//     headers this module knows, in MIME-canonical form ("Traceparent",
//     as http.Header-style code writes it), both without allocating; only
//     then is every key compared ASCII case-insensitively, and of several
//     spellings the one that sorts first wins, so the answer does not
//     depend on map order. The values of one spelling are returned; those
//     of another spelling of the same name are not merged in.
//   - Set removes every spelling of the name and stores a new one-element
//     slice, never writing into a value slice the map already holds
//     (republishing a received message often shares them).
//
// A nil NATSHeader reads as empty; Set and Delete on it do nothing, since
// there is no map to write to (nats.NewMsg makes one).
type NATSHeader map[string][]string

// Get returns the first value of key, or "".
func (h NATSHeader) Get(key string) string {
	if v := h.Values(key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of key, in order. The slice is the header's
// own: do not modify it.
func (h NATSHeader) Values(key string) []string {
	if v, ok := h[key]; ok {
		return v
	}
	if k := knownCanonical(key); k != "" {
		if v, ok := h[k]; ok {
			return v
		}
	}
	var (
		found  string
		values []string
		seen   bool
	)
	for k, v := range h {
		if equalFoldASCII(k, key) && (!seen || k < found) {
			found, values, seen = k, v, true
		}
	}
	return values
}

// Keys returns the header names, as they are spelled in the map.
func (h NATSHeader) Keys() []string { return slices.Collect(maps.Keys(h)) }

// Set replaces every value of key, in any spelling, with value, under key
// as given.
func (h NATSHeader) Set(key, value string) {
	if h == nil {
		return
	}
	h.Delete(key)
	h[key] = []string{value}
}

// Delete removes key in every spelling.
func (h NATSHeader) Delete(key string) {
	for k := range h {
		if equalFoldASCII(k, key) {
			delete(h, k)
		}
	}
}
