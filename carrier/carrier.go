// Package carrier defines how propagators read and write headers, and
// adapts the common header containers to it.
//
// Getter and Setter have the method sets of OpenTelemetry-Go's
// TextMapCarrier (Get, Keys, Set) and ValuesGetter (Values), so a carrier
// written for OpenTelemetry works here unchanged, without either module
// importing the other.
//
// Propagators always ask for lowercase header names ("traceparent",
// "x-b3-traceid"); adapters map them to the container's own convention
// without allocating.
//
// # Spellings and cost
//
// HTTPHeader looks a name up in MIME-canonical form, as net/http stores
// it: one map lookup, present or absent, the canonical spelling of a name
// propagators use found by a perfect hash of its length and three bytes
// and one comparison. The map carriers (Map, Metadata, NATSHeader) hold
// keys written by other programs, so they look a name up as given (the
// lowercase spelling propagators write: one lookup when it is there),
// then in lowercase, MIME-canonical ("Traceparent") and the format
// specification's spelling ("X-B3-TraceId"): an absent name costs one to
// three lookups, and no operation walks the map. Set and Delete look each
// other spelling up and delete only one that is there (a miss costs less
// than a delete): a b3multi inject into a Map makes seven such lookups
// beside its four stores, the price of leaving no stale copy under a
// spelling another reader may use. A map whose keys come in any other
// case ("TRACEPARENT") is read through NewMap, which lowercases it once.
// A walk per miss, which the map carriers once made to find any case,
// made a composite's dozen absent names cost a dozen passes over the map;
// carrying a lowercase index would need state that a map converted in
// place (carrier.Map(m)) cannot hold.
//
// Where a pass over the keys is made anyway (Jaeger's look for
// uberctx-*), Survey makes it for all the names propagators read: a
// composite extracting into a context then answers each member's probe
// (propagator.NameReader) from the one pass instead of the lookups of
// every absent name.
//
// Writing never touches a value slice the container already holds, which
// another map may share (a proxy that copied the incoming headers with
// out[k] = in[k]). A composite writes through a Batch: every value in one
// string, for the slice carriers one array of one-element slices, and the
// stale fields cleared in at most one pass over the container.
package carrier

import "iter"

// Getter reads headers from a carrier.
type Getter interface {
	// Get returns the first value of the header key, or "" if absent.
	Get(key string) string
	// Keys returns the header names present, for prefix scans such as
	// Jaeger's "uberctx-". Propagators call it only when they need one.
	Keys() []string
}

// ValuesGetter is a Getter that can return every line of a repeated header.
// Propagators use it, when a carrier implements it, to read all
// "tracestate" and "baggage" lines in order.
type ValuesGetter interface {
	Getter
	// Values returns every value of the header key, in order.
	Values(key string) []string
}

// Setter writes headers into a carrier.
type Setter interface {
	// Set replaces the value of the header key.
	Set(key, value string)
}

// Values returns every value of key in g: all lines if g is a
// ValuesGetter, else the single value from Get (nil if it is empty).
func Values(g Getter, key string) []string {
	if vg, ok := g.(ValuesGetter); ok {
		return vg.Values(key)
	}
	if v := g.Get(key); v != "" {
		return []string{v}
	}
	return nil
}

// Deleter is a Setter that can also remove a header. Composite injection
// uses it to clear every field it owns before writing, so that a reused
// carrier keeps no stale header (an old x-b3-sampled beside a new
// x-b3-flags, an old tracestate beside a context that has none), as the
// OpenTelemetry carrier guidance asks.
type Deleter interface {
	Setter
	Delete(key string)
}

// AllKeys yields the header names in g. For this package's adapters it
// walks the container itself, without the slice Keys allocates; for any
// other Getter it ranges over Keys.
func AllKeys(g Getter) iter.Seq[string] {
	return func(yield func(string) bool) {
		switch c := g.(type) {
		case HTTPHeader:
			for k := range c {
				if !yield(k) {
					return
				}
			}
		case Map:
			for k := range c {
				if !yield(k) {
					return
				}
			}
		case Metadata:
			for k := range c {
				if !yield(k) {
					return
				}
			}
		case NATSHeader:
			for k := range c {
				if !yield(k) {
					return
				}
			}
		default:
			for _, k := range g.Keys() {
				if !yield(k) {
					return
				}
			}
		}
	}
}
