package main

import (
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/xray"
)

// The vendor formats' sections of the report: AWS X-Ray, OpenTracing's
// ot-tracer-*, Google Cloud's X-Cloud-Trace-Context and Sentry's
// sentry-trace. Each reads what its package's propagator reads, so the
// report says what a service configured with that format sees.

// singleHeader reads the first line of a header that carries a whole
// context in one value, reporting an empty one as receivers treat it.
func (r *report) singleHeader(req headers, format, name string, parse func(string) (tracewire.SpanContext, error)) *contextResult {
	lines := req.Values(name)
	switch {
	case len(lines) == 0:
		return nil
	case blank(lines[:1]):
		r.addFinding("empty-header", "info", "%s is empty: receivers treat it as absent", name)
		return nil
	}
	v := lines[0]
	sc, err := parse(v)
	c := &contextResult{Format: format, Header: name, Value: v, SC: sc}
	if err != nil {
		c.SC, c.Problem = tracewire.SpanContext{}, newProblem(err, v)
	}
	r.addContext(c)
	return c
}

func (r *report) xray(req headers) {
	var h xray.Header
	c := r.singleHeader(req, "xray", "x-amzn-trace-id", func(v string) (tracewire.SpanContext, error) {
		var err error
		h, err = xray.ParseHeader(v)
		return h.SpanContext(), err
	})
	if c == nil || !c.valid() {
		return
	}
	// Canonical is what a service passing the header on writes: Root,
	// Parent and Sampled first, then the fields it keeps, in order.
	c.Canonical = string(h.Append(nil, h.SpanContext()))
	if sc := c.SC; !sc.SpanID().IsValid() {
		r.addFinding("xray-root-only", "info",
			"x-amzn-trace-id has a Root (trace %s) but no Parent, as a load balancer sends: OpenTelemetry ignores it and starts a new trace; the X-Ray SDK joins the trace without a parent span",
			sc.TraceID())
	}
	var kept, dropped []string
	lineages := 0
	for name, value := range h.All() {
		switch name {
		case "Root", "Parent", "Sampled":
		case "Lineage":
			// Only the first Lineage can go on, and only if it is valid.
			if lineages++; lineages == 1 && value == h.Lineage() {
				kept = append(kept, name+"="+value)
			} else {
				dropped = append(dropped, name+"="+value)
			}
		default:
			kept = append(kept, name+"="+value)
		}
	}
	if len(kept) > 0 {
		r.addFinding("xray-fields", "info",
			"x-amzn-trace-id also carries %s: passed on unchanged while the trace continues, never as this service's own", strings.Join(kept, ", "))
	}
	if len(dropped) > 0 {
		r.addFinding("xray-lineage-dropped", "warning",
			"x-amzn-trace-id carries %s, not a valid first Lineage (a hash and two counters): receivers drop it and keep the context", strings.Join(dropped, ", "))
	}
}

// otHeaders are the span-context headers of ottrace.
var otHeaders = []string{"ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled"}

func (r *report) ottrace(req headers) {
	present := false
	for _, n := range otHeaders {
		present = present || len(req.Values(n)) > 0
	}
	hasBaggage := false
	for _, h := range req {
		hasBaggage = hasBaggage || ottrace.IsBaggageHeader(h.Name)
	}
	var sc tracewire.SpanContext
	if present {
		var err error
		sc, err = ottrace.Propagator{}.ExtractFrom(req)
		c := &contextResult{Format: "ottrace", Header: "ot-tracer-*", SC: sc}
		if err != nil {
			c.Problem = newProblem(err, req.Get(headerOf(err)))
			c.Header, c.Value = c.Problem.Header, c.Problem.Value
		}
		if err != nil || sc.IsValid() {
			r.addContext(c)
		} else {
			r.addFinding("empty-header", "info", "the ot-tracer-* headers are empty: receivers treat them as absent")
		}
	}
	if hasBaggage && !sc.IsValid() {
		r.addFinding("ot-baggage-without-context", "warning",
			"ot-baggage-* headers arrived without a valid OT span context: OT receivers read baggage only beside one, so they drop it")
	}
}

func (r *report) cloudtrace(req headers) {
	r.singleHeader(req, "cloudtrace", "x-cloud-trace-context", cloudtrace.Parse)
}

func (r *report) sentry(req headers) {
	r.singleHeader(req, "sentry", "sentry-trace", sentry.Parse)
}

// otBaggage lists the ot-baggage-* items, as an OT receiver reads them
// (keys lowercased, values raw and trimmed).
func (r *report) otBaggage(req headers) {
	b := ottrace.ExtractBaggage(req.filter(func(h header) bool { return ottrace.IsBaggageHeader(h.Name) }).indexed())
	for _, m := range b.All() {
		r.Baggage = append(r.Baggage, baggageItem{Source: "ot-baggage", Key: m.Key(), Value: m.Value()})
	}
}
