package propagator

import (
	"net/http"

	"github.com/tracewire/tracewire/carrier"
)

// Middleware returns a handler that extracts p's concerns from each
// request's headers into the request's context before calling next. The
// handler continues the caller's trace with tracewire.ContextWithChild (or
// SpanContextFromContext(ctx).NewChild()).
func Middleware(p Propagator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := p.Extract(r.Context(), carrier.HTTPHeader(r.Header))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Transport is an http.RoundTripper that injects p's concerns from each
// request's context into its headers. As the RoundTripper contract
// requires, the caller's request is not modified: the headers are injected
// into a copy.
type Transport struct {
	Base       http.RoundTripper // nil means http.DefaultTransport
	Propagator Propagator
}

// RoundTrip injects into a copy of r's headers and sends the copy.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := *r
	r2.Header = r.Header.Clone()
	if r2.Header == nil {
		r2.Header = http.Header{}
	}
	t.Propagator.Inject(r.Context(), carrier.HTTPHeader(r2.Header))
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(&r2)
}
