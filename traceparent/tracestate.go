package traceparent

import "github.com/tracewire/tracewire"

// ParseTraceState parses tracestate header lines, in order, as one list
// with the Level 2 rules and strict whole-list discard. It is
// tracewire.ParseTraceState, repeated here so that the W3C headers are
// found together; use tracewire.TraceStateOptions for Level 1 keys or
// lenient parsing.
func ParseTraceState(lines ...string) (tracewire.TraceState, error) {
	return tracewire.ParseTraceState(lines...)
}
