package tracewire

import "github.com/tracewire/tracewire/internal/hexid"

// Link is a span context that a service received but did not continue,
// and why: the context of another format that named another trace than the
// one the service joined, or the span a W3C traceparent reparented. A
// tracer records it as a span link, so that the trace the caller meant
// stays reachable.
//
// Link is a small comparable value, like SpanContext. The zero value has
// no context and no reason.
type Link struct {
	SpanContext SpanContext
	Reason      LinkReason
}

// LinkReason says why a received span context became a Link rather than
// the parent of the service's next span.
type LinkReason uint8

// The reasons for a Link. Zero is not a reason.
const (
	// LinkConflict: a format named another trace than the one continued
	// (say, B3 and traceparent disagree after a proxy rewrote only one).
	LinkConflict LinkReason = iota + 1
	// LinkReparented: the span a W3C traceparent of the same trace
	// replaced as the parent (Datadog's reparenting: a W3C-only hop in
	// between made a span that the other format did not hear about).
	LinkReparented
	// LinkRestarted: the caller's context, which the service refused to
	// continue (an untrusted caller) and started a new trace instead.
	LinkRestarted
)

// String returns the reason's stable name: "conflict", "reparented",
// "restarted", or "none" for the zero value and unknown values.
func (r LinkReason) String() string {
	switch r {
	case LinkConflict:
		return "conflict"
	case LinkReparented:
		return "reparented"
	case LinkRestarted:
		return "restarted"
	}
	return "none"
}

// String returns the reason and the span context in traceparent form,
// such as "conflict 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
// for logs. The trace state and the fields traceparent cannot carry are
// left out.
func (l Link) String() string {
	sc := l.SpanContext
	t, s := sc.TraceID(), sc.SpanID()
	b := make([]byte, 0, len("reparented")+1+55)
	b = append(b, l.Reason.String()...)
	b = append(b, " 00-"...)
	b = hexid.Append(b, t[:])
	b = append(b, '-')
	b = hexid.Append(b, s[:])
	b = append(b, '-')
	b = hexid.Append(b, []byte{byte(sc.Flags())})
	return string(b)
}
