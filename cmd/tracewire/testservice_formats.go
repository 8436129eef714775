package main

import (
	"net/http"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// The format extension of the harness protocol (testdata/README.md,
// "Checking a live service"). The W3C protocol fixes the format to W3C
// Trace Context; a harness that checks other formats tells the service,
// per request, which ones to propagate:
//
//	Tracewire-Propagators: b3,jaeger      (OTEL_PROPAGATORS syntax)
//	Tracewire-Policy: last-wins           (optional conflict policy)
//
// The service then extracts with those propagators, continues the context
// as the request's span, and injects a child of it with the same
// propagators into every callback, baggage included. It answers with the
// names it configured (Tracewire-Propagators: b3,jaeger; "none" for none)
// and the policy it applied, so that the harness can tell a format the
// service does not have from one it propagates wrongly. A request without
// the header is the W3C protocol, unchanged.
const (
	testServiceFormatsHeader = "Tracewire-Propagators"
	testServicePolicyHeader  = "Tracewire-Policy"
)

// registryFormats is the service's default Formats: the registry's
// propagators, by OTEL_PROPAGATORS's rules (propagator.Parse), and the
// names they go by (every registry propagator has one).
func registryFormats(value string) (propagator.Composite, []string) {
	c, _ := propagator.Parse(value) // unknown names are left out, and the echo shows which
	names := make([]string, 0, len(c.Members))
	for _, m := range c.Members {
		name := "unnamed"
		if n, ok := m.(propagator.Namer); ok {
			name = n.Name()
		}
		names = append(names, name)
	}
	return c, names
}

// serveFormats answers a request of the format extension: the span of the
// request continues what the configured propagators extract (or starts a
// trace, keeping a decision-only context's sampling), and each callback
// carries a child of it, with the incoming baggage.
func (s *testService) serveFormats(w http.ResponseWriter, r *http.Request, actions []testServiceAction) {
	formats := s.cfg.Formats
	if formats == nil {
		formats = registryFormats
	}
	comp, names := formats(strings.Join(r.Header.Values(testServiceFormatsHeader), ","))
	if v := r.Header.Values(testServicePolicyHeader); len(v) > 0 {
		policy, err := propagator.ParsePolicy(v[0])
		if err != nil {
			s.reply(w, r, http.StatusBadRequest, testServiceReply{Error: err.Error()})
			return
		}
		comp.Policy = policy
		w.Header().Set(testServicePolicyHeader, policy.String())
	}
	echo := strings.Join(names, ",")
	if len(names) == 0 {
		echo = "none"
	}
	w.Header().Set(testServiceFormatsHeader, echo)

	ctx := comp.Extract(r.Context(), carrier.HTTPHeader(r.Header))
	var reply testServiceReply
	if !tracewire.SpanContextFromContext(ctx).IsValid() {
		reply.Restarted = true
		reply.Reason = "no valid context in " + echo
	}
	ctx, span := tracewire.ContextWithChild(ctx)
	reply.TraceID = span.TraceID().String()

	status := http.StatusOK
	for _, a := range actions {
		if r.Context().Err() != nil {
			break
		}
		cctx, _ := tracewire.ContextWithChild(ctx)
		res := s.callWith(r.Context(), a, func(h http.Header) { comp.Inject(cctx, carrier.HTTPHeader(h)) })
		if res.Error != "" {
			status = http.StatusBadGateway
		}
		reply.Results = append(reply.Results, res)
	}
	s.reply(w, r, status, reply)
}
