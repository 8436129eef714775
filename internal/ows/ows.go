// Package ows trims the optional whitespace (spaces and tabs) that HTTP
// strips around a field value and that map, Kafka and gRPC carriers may
// leave in place.
package ows

import "github.com/tracewire/tracewire/internal/hexid"

// Trim returns the bounds of v without leading and trailing spaces and
// tabs. Parsers report offsets in v itself, so they add lo to offsets in
// v[lo:hi].
func Trim[S hexid.Bytes](v S) (lo, hi int) {
	lo, hi = 0, len(v)
	for lo < hi && (v[lo] == ' ' || v[lo] == '\t') {
		lo++
	}
	for hi > lo && (v[hi-1] == ' ' || v[hi-1] == '\t') {
		hi--
	}
	return lo, hi
}
