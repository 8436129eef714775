package tracewire

import "crypto/rand"

// NewTraceID returns a trace id of 16 bytes from crypto/rand. All of its
// bits are random, which is what the W3C random flag promises. It is never
// zero.
func NewTraceID() TraceID {
	var t TraceID
	for !t.IsValid() {
		rand.Read(t[:])
	}
	return t
}

// NewSpanID returns a random, never zero, span id from crypto/rand.
func NewSpanID() SpanID {
	var s SpanID
	for !s.IsValid() {
		rand.Read(s[:])
	}
	return s
}
