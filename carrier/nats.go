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
// specifications ask, and reads the spellings Map reads:
//
//   - Get and Values look the name up as given, in lowercase, then in
//     MIME-canonical form ("Traceparent", as http.Header-style code writes
//     it) and as the B3 specification spells it ("X-B3-TraceId"), one
//     lookup each, in that order, and never walk the header: an absent
//     name costs about what a present one does. The values of the first
//     spelling found are returned; those of another spelling of the same
//     name are not merged in. A name stored in any other case
//     ("TRACEPARENT") is not found.
//   - Set removes those spellings of the name and stores a new
//     one-element slice, never writing into a value slice the map already
//     holds (republishing a received message often shares them).
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
	v, _ := lookup(h, key)
	return v
}

// Keys returns the header names, as they are spelled in the map.
func (h NATSHeader) Keys() []string { return slices.Collect(maps.Keys(h)) }

// Set replaces every value of key, under the spellings Get reads, with
// value, under key as given.
func (h NATSHeader) Set(key, value string) {
	if h == nil {
		return
	}
	h.store(key, []string{value})
}

func (h NATSHeader) store(key string, vals []string) {
	if h == nil {
		return
	}
	storeFirst(h, key, vals)
}

// Delete removes key under every spelling Get reads.
func (h NATSHeader) Delete(key string) {
	deletePresent(h, key)
	deleteOthers(h, key)
}
