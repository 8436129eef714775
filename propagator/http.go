package propagator

import (
	"net/http"

	"github.com/tracewire/tracewire/carrier"
)

// Middleware returns next wrapped in an Edge with propagator p and
// everything else at its default: every caller is continued, the request's
// context carries this service's own span (a child of the caller's span,
// or a new sampled trace when the caller sent none), and
// DecisionFromContext gives the caller's. It is Edge{Propagator: p}.Handler(next).
//
// It panics if p or next is nil, as http.Handle does for a nil handler,
// so that the mistake shows at start-up rather than on the first request;
// a zero Edge is the way to ask for the default propagators.
func Middleware(p Propagator, next http.Handler) http.Handler {
	if p == nil {
		panic("propagator: Middleware: nil Propagator (use Edge{}.Handler for the default propagators)")
	}
	if next == nil {
		panic("propagator: Middleware: nil handler")
	}
	return Edge{Propagator: p}.Handler(next)
}

// Transport is an http.RoundTripper that injects Propagator's concerns from
// each request's context into its headers. As the RoundTripper contract
// requires, the caller's request is not modified: the headers are injected
// into a copy.
//
// The zero value works: it sends through http.DefaultTransport and injects
// W3C Trace Context and Baggage (DefaultNames). To follow OTEL_PROPAGATORS,
// set Propagator from FromEnv or EdgeFromEnv.
type Transport struct {
	Base       http.RoundTripper // nil means http.DefaultTransport
	Propagator Propagator        // nil means W3C Trace Context and Baggage

	// Allow reports whether a request may carry the trace context; nil
	// allows every request. A request it refuses carries no trace context
	// at all: nothing is injected, not even pass-through headers, and the
	// trace and baggage headers the request already holds (a proxy that
	// copied its incoming headers) are removed from the copy that is sent,
	// so a third party learns nothing of the trace. Other headers, the
	// application's own included, are sent as they are. See AllowHosts.
	Allow func(*http.Request) bool
}

// RoundTrip injects into a copy of r's headers (or, if Allow refuses r,
// clears the trace headers of the copy) and sends the copy.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := *r
	r2.Header = r.Header.Clone()
	if r2.Header == nil {
		r2.Header = http.Header{}
	}
	h := carrier.HTTPHeader(r2.Header)
	switch {
	case t.Allow != nil && !t.Allow(r):
		asComposite(t.Propagator).ClearFields(h)
	case t.Propagator == nil:
		w3cDefault.Inject(r.Context(), h)
	default:
		t.Propagator.Inject(r.Context(), h)
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(&r2)
}
