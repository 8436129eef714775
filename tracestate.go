package tracewire

// TraceState is a validated, immutable W3C tracestate list.
// (Placeholder: the full implementation lands with the tracestate codec.)
type TraceState struct {
	s string
}
