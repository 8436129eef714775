package interop

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	ddtracer "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/propagator"
)

const (
	ddT   = "11803532876627986230" // low half of 4bf92f3577b34da6a3ce929d0e0e4736
	ddP   = "67667974448284343"    // 00f067aa0ba902b7
	ddTID = "4bf92f3577b34da6"
)

// ddHeaders returns the Datadog header lines for the ids and priority,
// followed by more.
func ddHeaders(trace, parent, priority string, more ...header) []header {
	hs := []header{{"x-datadog-trace-id", trace}, {"x-datadog-parent-id", parent}}
	if priority != "" {
		hs = append(hs, header{"x-datadog-sampling-priority", priority})
	}
	return append(hs, more...)
}

// datadogEdges are inputs the vectors do not hold, where dd-trace-go's
// strconv-based reading and tracewire's grammar are most likely to part
// ways: signs and zeros, out-of-range priorities, origin and tags edits,
// repeated lines, and the order of the priority and tags headers.
var datadogEdges = []input{
	{"edge: priority 5", ddHeaders(ddT, ddP, "5")},
	{"edge: priority -3", ddHeaders(ddT, ddP, "-3")},
	{"edge: priority 127", ddHeaders(ddT, ddP, "127")},
	{"edge: priority -01", ddHeaders(ddT, ddP, "-01")},
	{"edge: priority empty", ddHeaders(ddT, ddP, "", header{"x-datadog-sampling-priority", ""})},
	{"edge: trace id 25 digits with leading zeros", ddHeaders("00000"+ddT, ddP, "1")},
	{"edge: parent id max uint64", ddHeaders(ddT, "18446744073709551615", "1")},
	{"edge: parent id most negative", ddHeaders(ddT, "-9223372036854775808", "1")},
	{"edge: parent id -0", ddHeaders(ddT, "-0", "1")},
	{"edge: parent id plus sign", ddHeaders(ddT, "+"+ddP, "1")},
	{"edge: parent id leading zeros", ddHeaders(ddT, "000"+ddP, "1")},
	{"edge: origin with spaces", ddHeaders(ddT, ddP, "1", header{"x-datadog-origin", " rum\t"})},
	{"edge: origin with comma", ddHeaders(ddT, ddP, "1", header{"x-datadog-origin", "a,b"})},
	{"edge: origin inner space", ddHeaders(ddT, ddP, "1", header{"x-datadog-origin", "synthetics browser"})},
	{"edge: origin Synthetics capitalised, parent 0", ddHeaders(ddT, "0", "1", header{"x-datadog-origin", "Synthetics"})},
	{"edge: synthetics parent 0 with tags", ddHeaders(ddT, "0", "1", header{"x-datadog-origin", "synthetics"}, header{"x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=" + ddTID})},
	{"edge: two origin lines", ddHeaders(ddT, ddP, "1", header{"x-datadog-origin", "rum"}, header{"x-datadog-origin", "lambda"})},
	{"edge: two priority lines", ddHeaders(ddT, ddP, "1", header{"x-datadog-sampling-priority", "2"})},
	{"edge: two parent lines", ddHeaders(ddT, ddP, "1", header{"x-datadog-parent-id", "42"})},
	{"edge: tags space around =", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.dm = -4"})},
	{"edge: tags uppercase key", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_DD.P.TID=" + ddTID})},
	{"edge: tags tid 17 digits", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.tid=" + ddTID + "0"})},
	{"edge: tags leading comma", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", ",_dd.p.dm=-4"})},
	{"edge: tags non-ASCII value", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.usr=caf\xc3\xa9"})},
	{"edge: tags foreign keys only", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "a=1,b=2"})},
	{"edge: tags tid twice", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.tid=" + ddTID + ",_dd.p.tid=1111111111111111"})},
	{"edge: tags over two lines, key repeated", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.dm=-4"}, header{"x-datadog-tags", "_dd.p.dm=-1"})},
	{"edge: priority 0 before tags with dm", ddHeaders(ddT, ddP, "0", header{"x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=" + ddTID})},
	{"edge: priority 0 after tags with dm", []header{
		{"x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=" + ddTID},
		{"x-datadog-trace-id", ddT}, {"x-datadog-parent-id", ddP}, {"x-datadog-sampling-priority", "0"}}},
	{"edge: priority -1 after tags with dm", []header{
		{"x-datadog-tags", "_dd.p.dm=-3"},
		{"x-datadog-trace-id", ddT}, {"x-datadog-parent-id", ddP}, {"x-datadog-sampling-priority", "-1"}}},
	{"edge: priority 2 after tags with dm", []header{
		{"x-datadog-tags", "_dd.p.dm=-4"},
		{"x-datadog-trace-id", ddT}, {"x-datadog-parent-id", ddP}, {"x-datadog-sampling-priority", "2"}}},
	{"edge: tags alone", []header{{"x-datadog-tags", "_dd.p.dm=-4"}}},
	{"edge: parent id and priority, no trace id", []header{{"x-datadog-parent-id", ddP}, {"x-datadog-sampling-priority", "2"}}},
}

// ddReader hands dd-trace-go the header lines in the order they arrived.
// Its HTTPHeadersCarrier walks an http.Header in map order, and the result
// of its extraction can depend on that order (a priority of 0 or -1 read
// after the tags deletes _dd.p.dm, read before it does not), so the test
// fixes the order to stay deterministic; the "priority ... tags with dm"
// edges show both orders.
type ddReader []header

func (r ddReader) ForeachKey(f func(k, v string) error) error {
	for _, h := range r {
		if err := f(h[0], h[1]); err != nil {
			return err
		}
	}
	return nil
}

// ddPropagators builds dd-trace-go's propagators once, outside any
// tracer: NewPropagator needs no running tracer and no agent, so nothing
// here opens a connection. Every setting that would otherwise come from
// the environment is given, and MaxTagsHeaderLen is set to the 512 bytes
// tracer.Start would give it (left zero, tags are neither read nor sent).
var ddPropagators = sync.OnceValues(func() (datadogOnly, withTraceContext ddtracer.Propagator) {
	ddtracer.UseLogger(ddtracer.AdaptLogger(func(ddtracer.LogLevel, string, ...any) {}))
	cfg := func(styles string) *ddtracer.PropagatorConfig {
		first := false
		return &ddtracer.PropagatorConfig{
			MaxTagsHeaderLen: 512,
			InjectStyle:      styles,
			ExtractStyle:     styles,
			BehaviorExtract:  "continue",
			ExtractFirst:     &first,
		}
	}
	return ddtracer.NewPropagator(cfg("datadog")), ddtracer.NewPropagator(cfg("datadog,tracecontext"))
})

// twDatadog runs tracewire's datadog propagator as a service does:
// Extract, then Inject of the same context. A context with a trace id
// counts as extracted, so that a Synthetics context without a parent span
// compares with dd-trace-go's, which has one too.
func twDatadog(in input) outcome {
	p := datadog.Propagator{}
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in.httpHeader()))
	h, ok := datadog.HeadersFromContext(ctx)
	if !ok {
		return outcome{}
	}
	return twOutcome(h.SpanContext(), h, func(m mapCarrier) { p.Inject(ctx, m) })
}

// twOutcome is the outcome of tracewire's extraction of sc with the
// Datadog headers h it would send, and of inject writing into a carrier.
func twOutcome(sc tracewire.SpanContext, h datadog.Headers, inject func(mapCarrier)) outcome {
	o := outcome{Valid: true, TraceID: sc.TraceID().String(), SpanID: sc.SpanID().String()}
	if pr, ok := h.Priority(); ok {
		o.Priority = pr.String()
	}
	o.Origin = h.Origin()
	o.Tags = sortedTags(string(h.AppendTags(nil)))
	m := mapCarrier{}
	inject(m)
	o.TraceState = sortedDDMember(m["tracestate"])
	o.Inject = ddInjected(m)
	return o
}

// ddtraceDatadog runs dd-trace-go's datadog propagator: Extract, then
// Inject of the extracted span context. Its SpanContext exposes neither
// the origin nor the propagated tags, so those are read from what it
// injects.
func ddtraceDatadog(in input) outcome {
	p, _ := ddPropagators()
	return ddtraceOutcome(p, in)
}

func ddtraceOutcome(p ddtracer.Propagator, in input) outcome {
	return ddtraceOutcomeWith(p, in, nil)
}

// ddtraceOutcomeWith is ddtraceOutcome with fix, if not nil, applied to
// the injected headers before they are read.
func ddtraceOutcomeWith(p ddtracer.Propagator, in input, fix func(m mapCarrier, traceID, spanID string)) outcome {
	sc, err := p.Extract(ddReader(in.headers))
	if err != nil || sc == nil {
		return outcome{}
	}
	o := outcome{Valid: true}
	o.TraceID = sc.TraceID()
	o.SpanID = hex16(sc.SpanID())
	if pr, ok := sc.SamplingPriority(); ok {
		o.Priority = strconv.Itoa(pr)
	}
	m := mapCarrier{}
	_ = p.Inject(sc, ddtracer.TextMapCarrier(m))
	if fix != nil {
		fix(m, o.TraceID, o.SpanID)
	}
	o.Origin = m["x-datadog-origin"]
	o.Tags = sortedTags(m["x-datadog-tags"])
	o.TraceState = sortedDDMember(m["tracestate"])
	o.Inject = ddInjected(m)
	return o
}

func hex16(v uint64) string {
	s := strconv.FormatUint(v, 16)
	return strings.Repeat("0", 16-len(s)) + s
}

// sortedTags sorts the members of an x-datadog-tags value: dd-trace-go
// keeps the tags in a map and writes them in its random order.
func sortedTags(v string) string {
	if v == "" {
		return ""
	}
	ts := strings.Split(v, ",")
	sort.Strings(ts)
	return strings.Join(ts, ",")
}

// ddInjected renders injected headers with the tags and the dd= member's
// items sorted.
func ddInjected(m mapCarrier) string {
	if v, ok := m["x-datadog-tags"]; ok {
		m["x-datadog-tags"] = sortedTags(v)
	}
	if v, ok := m["tracestate"]; ok {
		m["tracestate"] = sortedDDMember(v)
	}
	return m.String()
}

func TestDatadog(t *testing.T) {
	vecs, valid := loadVectors(t, "datadog")
	seeds := withHeader(valid, "x-datadog-trace-id")
	inputs := merge(vecs, datadogEdges)
	inputs = merge(inputs, mutate(8, seeds, 64, inputs))
	differential(t, "datadog", inputs, twDatadog, []peer{{
		name:   "ddtrace",
		fields: []string{"valid", "trace_id", "span_id", "priority", "origin", "tags", "inject"},
		run:    ddtraceDatadog,
	}})
}

// datadogW3CEdges are inputs for datadog and tracecontext together that
// the vectors do not hold: Datadog headers whose priority, origin and tags
// must be restated in the dd= member, and W3C headers beside them.
var datadogW3CEdges = []input{
	{"edge: datadog priority -1 with dm", ddHeaders(ddT, ddP, "-1", header{"x-datadog-tags", "_dd.p.dm=-3,_dd.p.tid=" + ddTID})},
	{"edge: datadog priority 0", ddHeaders(ddT, ddP, "0", header{"x-datadog-tags", "_dd.p.tid=" + ddTID})},
	{"edge: datadog no priority", ddHeaders(ddT, ddP, "", header{"x-datadog-tags", "_dd.p.tid=" + ddTID})},
	{"edge: datadog 64-bit", ddHeaders(ddT, ddP, "1")},
	{"edge: datadog origin with = and space", ddHeaders(ddT, ddP, "1", header{"x-datadog-origin", "a=b c"})},
	{"edge: datadog tags with = and a foreign key", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.usr.id=YWJj==,foo=bar,_dd.p.tid=" + ddTID})},
	{"edge: datadog tags with ; and ~", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.a=x;y~z,_dd.p.tid=" + ddTID})},
	{"edge: synthetics parent 0 beside traceparent", ddHeaders(ddT, "0", "1",
		header{"x-datadog-origin", "synthetics"}, header{"x-datadog-tags", "_dd.p.tid=" + ddTID},
		header{"traceparent", "00-" + tpT + "-" + tpP + "-01"})},
	{"edge: traceparent uppercase beside datadog", ddHeaders(ddT, ddP, "1",
		header{"x-datadog-tags", "_dd.p.tid=" + ddTID}, header{"traceparent", "00-" + strings.ToUpper(tpT) + "-" + tpP + "-01"})},
	{"edge: dd member on the second tracestate line", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"}, {"tracestate", "rojo=1"}, {"tracestate", "dd=s:2;o:rum"}}},
	{"edge: dd member after OWS", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"}, {"tracestate", "rojo=1, dd=s:2;o:rum"}}},
	{"edge: dd member s:1 on a sampled traceparent, t.dm", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"}, {"tracestate", "dd=s:1;t.dm:-1;t.usr.id:YWJj~~"}}},
	{"edge: dd member without s", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-00"}, {"tracestate", "dd=o:rum;t.dm:-4"}}},
	{"edge: dd member priority 2 beside datadog priority 1", ddHeaders(ddT, ddP, "1",
		header{"x-datadog-tags", "_dd.p.tid=" + ddTID},
		header{"traceparent", "00-" + tpT + "-" + tpP + "-01"}, header{"tracestate", "dd=s:2;o:rum"})},
}

// ddPair is the pair the datadog,tracecontext comparison runs: Datadog
// first, as dd-trace-go's default DD_TRACE_PROPAGATION_STYLE has it, and
// tracewire's Reparent policy, its rule.
var ddPair = propagator.Composite{
	Members: []propagator.Propagator{propagator.Datadog(), propagator.TraceContext()},
	Policy:  propagator.Reparent,
}

// twDatadogW3C runs tracewire's composite of datadog and tracecontext:
// Extract, then Inject of the same context. Priority, origin and tags are
// those of the Datadog headers it would send.
func twDatadogW3C(in input) outcome {
	ctx := ddPair.Extract(context.Background(), carrier.HTTPHeader(in.httpHeader()))
	sc := tracewire.SpanContextFromContext(ctx)
	if !sc.TraceID().IsValid() {
		return outcome{}
	}
	h, ok := datadog.HeadersFromContext(ctx)
	if ok && h.SpanContext().TraceID() == sc.TraceID() {
		h = h.WithSpanContext(sc)
	} else {
		h = datadog.NewHeaders(sc)
	}
	return twOutcome(sc, h, func(m mapCarrier) { ddPair.Inject(ctx, m) })
}

// ddtraceDatadogW3C runs dd-trace-go's propagator with the datadog and
// tracecontext styles, with two differences that would otherwise show on
// nearly every input, and hide any other, evened out: its dd= member
// restates the high half of the trace id as t.tid, which tracewire leaves
// out (the traceparent carries it), and it has no p: when it passes on a
// context that arrived with a traceparent and was not reparented, where
// tracewire names the span it sends. So t.tid is dropped when it restates
// the trace id, and a missing p: is added as tracewire would write it;
// TestDatadogTraceContext compares both once, as dd-trace-go writes them.
func ddtraceDatadogW3C(in input) outcome {
	_, p := ddPropagators()
	return ddtraceOutcomeWith(p, in, func(m mapCarrier, traceID, spanID string) {
		ts, ok := m["tracestate"]
		if !ok {
			return
		}
		ms := strings.Split(ts, ",")
		v, isDD := strings.CutPrefix(ms[0], "dd=")
		if !isDD {
			return
		}
		var items []string
		hasP := false
		for _, it := range strings.Split(v, ";") {
			if it == "t.tid:"+traceID[:16] {
				continue
			}
			hasP = hasP || strings.HasPrefix(it, "p:")
			items = append(items, it)
		}
		if !hasP {
			items = append(items, "p:"+spanID)
		}
		ms[0] = "dd=" + strings.Join(items, ";")
		m["tracestate"] = strings.Join(ms, ",")
	})
}

// ddtraceDatadogW3CRaw is ddtraceDatadogW3C as dd-trace-go writes it.
func ddtraceDatadogW3CRaw(in input) outcome {
	_, p := ddPropagators()
	return ddtraceOutcome(p, in)
}

// sortedDDMember sorts the items of the dd= member of a tracestate value:
// dd-trace-go writes its t. items in map order.
func sortedDDMember(ts string) string {
	ms := strings.Split(ts, ",")
	for i, m := range ms {
		if v, ok := strings.CutPrefix(m, "dd="); ok {
			items := strings.Split(v, ";")
			sort.Strings(items)
			ms[i] = "dd=" + strings.Join(items, ";")
		}
	}
	return strings.Join(ms, ",")
}

func TestDatadogTraceContext(t *testing.T) {
	dd, _ := loadVectors(t, "datadog")
	comp, _ := loadVectors(t, "composite")
	vecs := withHeader(dd, "traceparent")
	for _, in := range comp {
		if len(in.lines("x-datadog-trace-id")) > 0 || strings.Contains(in.source, "dd=") {
			vecs = append(vecs, in)
		}
	}
	seeds := withHeader(vecs, "traceparent")
	inputs := merge(vecs, datadogW3CEdges)
	inputs = merge(inputs, mutate(9, seeds, 48, inputs))
	differential(t, "datadog,tracecontext", inputs, twDatadogW3C, []peer{{
		name:   "ddtrace",
		fields: []string{"valid", "trace_id", "span_id", "priority", "origin", "tags", "tracestate", "inject"},
		run:    ddtraceDatadogW3C,
	}})
	// t.tid and p:, evened out above, compared as dd-trace-go writes them,
	// each on an input where it is the only difference.
	differential(t, "datadog,tracecontext raw", []input{
		{"raw: t.tid", ddHeaders(ddT, ddP, "1", header{"x-datadog-tags", "_dd.p.tid=" + ddTID})},
		{"raw: p:", []header{{"traceparent", "00-0000000000000000" + tpT[16:] + "-" + tpP + "-01"}}},
	}, twDatadogW3C, []peer{{name: "ddtrace", fields: []string{"tracestate"}, run: ddtraceDatadogW3CRaw}})
}
