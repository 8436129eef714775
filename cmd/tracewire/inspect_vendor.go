package main

import (
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/xray"
)

// The vendor formats' sections of the report: AWS X-Ray, OpenTracing's
// ot-tracer-*, Google Cloud's X-Cloud-Trace-Context, Sentry's
// sentry-trace, Datadog's x-datadog-* and dd= tracestate member, and
// grpc-trace-bin. Each reads what its package's propagator reads, so the
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

// grpcTraceBin reads grpc-trace-bin as the propagator does: raw bytes or
// base64, the first of several values joined with ",".
func (r *report) grpcTraceBin(req headers) {
	r.singleHeader(req, "grpc-trace-bin", "grpc-trace-bin", func(v string) (tracewire.SpanContext, error) {
		return grpctrace.Propagator{}.ExtractFrom(carrier.Map{"grpc-trace-bin": v})
	})
}

func (r *report) datadog(req headers) {
	present := false
	for _, h := range req {
		present = present || hasPrefixFold(h.Name, "x-datadog-")
	}
	if present {
		h, err := datadog.ExtractHeaders(req)
		c := &contextResult{Format: "datadog", Header: "x-datadog-*", SC: h.SpanContext()}
		switch {
		case !h.SpanContext().TraceID().IsValid() && err == nil:
			r.addFinding("empty-header", "info", "the x-datadog-* headers are empty: receivers treat them as absent")
		case !h.SpanContext().TraceID().IsValid():
			c.Problem = newProblem(err, req.Get(headerOf(err)))
			c.Header, c.Value = c.Problem.Header, c.Problem.Value
			r.addContext(c)
		default:
			r.addContext(c)
			if err != nil {
				// A malformed origin or tags header costs only itself.
				p := newProblem(err, req.Get(headerOf(err)))
				r.Problems = append(r.Problems, p)
				r.addFinding("datadog-dropped", "warning",
					"%s is invalid (%s at offset %d): receivers drop it and keep the ids and the decision", p.Header, p.Kind.Error(), p.Offset)
			}
			r.datadogFields(h)
		}
	}
	r.datadogMember(req)
}

// datadogFields reports what the Datadog headers carry beside the ids
// and the decision: a user's priority, the origin, tags other than
// _dd.p.tid (the high half of the trace id).
func (r *report) datadogFields(h datadog.Headers) {
	var parts []string
	if p, ok := h.Priority(); ok && (p == datadog.UserReject || p == datadog.UserKeep) {
		parts = append(parts, "sampling priority "+p.String()+" ("+priorityText(p)+")")
	}
	if o := h.Origin(); o != "" {
		parts = append(parts, "origin "+o)
	}
	var tags []string
	for t := range strings.SplitSeq(string(h.AppendTags(nil)), ",") {
		if t != "" && !strings.HasPrefix(t, "_dd.p.tid=") {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		parts = append(parts, "tags "+strings.Join(tags, ","))
	}
	if len(parts) > 0 {
		r.addFinding("datadog-fields", "info",
			"x-datadog-* carry %s: passed on unchanged while the trace continues, and stated in the dd= tracestate member beside a traceparent", strings.Join(parts, ", "))
	}
}

func priorityText(p datadog.Priority) string {
	switch p {
	case datadog.UserReject:
		return "user reject"
	case datadog.AutoReject:
		return "auto reject"
	case datadog.AutoKeep:
		return "auto keep"
	}
	return "user keep"
}

// datadogMember checks the dd= member of a valid traceparent's
// tracestate: its syntax, its s: against the sampled flag, and the
// reparenting Datadog's rule would apply against the x-datadog-* headers.
func (r *report) datadogMember(req headers) {
	tp := r.context("traceparent")
	if tp == nil || !tp.valid() || !tp.SC.IsValid() {
		return
	}
	v, ok := r.TraceState.Get("dd")
	if ok {
		m, err := datadog.ParseTraceStateMember(v)
		if err != nil {
			// The tracestate is valid W3C; Datadog readers skip the
			// item, or drop the member. The error indexes the member's
			// value; say where it is in the tracestate as received.
			p := newProblem(err, v)
			if at := memberAt(strings.Join(req.Values("tracestate"), ","), "dd", v); at >= 0 {
				p.Offset += at
			}
			r.addFinding("dd-member-invalid", "warning",
				"the tracestate dd= member has %s at offset %d of the tracestate: Datadog readers skip that item (or, if the member is too long, drop it) and keep the rest",
				p.Kind.Error(), p.Offset)
		}
		if pr, ok := m.Priority(); ok && (pr > 0) != tp.SC.IsSampled() {
			r.addFinding("dd-member-sampling", "warning",
				"the tracestate dd= member says sampling priority %s but the traceparent says %s: the W3C flag wins, and Datadog rewrites the priority to %s",
				pr.String(), samplingText(tp.SC.Sampling()), map[bool]string{true: "1", false: "0"}[tp.SC.IsSampled()])
		}
	}
	if dd := r.context("datadog"); dd != nil && dd.valid() && dd.SC.IsValid() &&
		dd.SC.TraceID() == tp.SC.TraceID() && dd.SC.SpanID() != tp.SC.SpanID() {
		last, _ := datadog.LastParentID(tp.SC.WithTraceState(r.TraceState), dd.SC)
		r.addFinding("datadog-reparent", "info",
			"a W3C-only hop made span %s after the last Datadog span %s: Datadog's rule (convert --policy reparent) continues from the traceparent and reports %s as the last Datadog parent",
			tp.SC.SpanID(), dd.SC.SpanID(), last)
	}
}

// memberAt returns the offset in list of the value v of its member key,
// or -1.
func memberAt(list, key, v string) int {
	for from := 0; ; {
		i := strings.Index(list[from:], key+"="+v)
		if i < 0 {
			return -1
		}
		i += from
		if j := i - 1; j < 0 || list[j] == ',' || list[j] == ' ' || list[j] == '\t' {
			return i + len(key) + 1
		}
		from = i + 1
	}
}
