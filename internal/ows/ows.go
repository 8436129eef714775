// Package ows trims the optional whitespace, spaces and horizontal tabs
// (RFC 9110 §5.6.3), that may surround a header value. HTTP parsers strip
// it, but map, Kafka, gRPC and environment carriers do not, so every
// parser here trims it itself.
package ows

import "github.com/tracewire/tracewire/internal/hexid"

// Trim returns the bounds of s without its leading and trailing spaces and
// tabs: s[lo:hi] is the value. Parsers keep indexing s itself, so that the
// offsets in their errors point into the value as received.
func Trim[S hexid.Bytes](s S) (lo, hi int) { return TrimSpan(s, 0, len(s)) }
