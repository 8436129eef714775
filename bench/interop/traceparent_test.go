package interop

import (
	"context"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/traceparent"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

const (
	tpT = "4bf92f3577b34da6a3ce929d0e0e4736"
	tpP = "00f067aa0ba902b7"
)

// traceparentEdges are inputs the vectors do not hold, chosen where the
// two implementations are most likely to part ways.
var traceparentEdges = []input{
	{"edge: reserved flag bits", []header{{"traceparent", "00-" + tpT + "-" + tpP + "-09"}}},
	{"edge: all flag bits", []header{{"traceparent", "00-" + tpT + "-" + tpP + "-ff"}}},
	{"edge: random flag", []header{{"traceparent", "00-" + tpT + "-" + tpP + "-02"}}},
	{"edge: OWS around the value", []header{{"traceparent", "\t 00-" + tpT + "-" + tpP + "-01 \t"}}},
	{"edge: version cc with extra field", []header{{"traceparent", "cc-" + tpT + "-" + tpP + "-01-what-the-future-will-be-like"}}},
	{"edge: version 01 with reserved flags", []header{{"traceparent", "01-" + tpT + "-" + tpP + "-09"}}},
	{"edge: version ff", []header{{"traceparent", "ff-" + tpT + "-" + tpP + "-01"}}},
	{"edge: two traceparent lines", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"}}},
	{"edge: tracestate over two lines", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"tracestate", "rojo=00f067aa0ba902b7"},
		{"tracestate", "congo=t61rcWkgMzE"}}},
	{"edge: tracestate longer than 512 bytes", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"tracestate", "a=" + strings.Repeat("x", 256) + ",b=" + strings.Repeat("y", 256) + ",c=1"}}},
	{"edge: tracestate Level 2 keys", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"tracestate", "1abc=x,a@b@c=1"}}},
	{"edge: tracestate duplicate key", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"tracestate", "a=1,b=2,a=3"}}},
	{"edge: tracestate value with inner space", []header{
		{"traceparent", "00-" + tpT + "-" + tpP + "-01"},
		{"tracestate", "a=hello world"}}},
}

// twTraceparent runs tracewire's tracecontext propagator.
func twTraceparent(in input) outcome {
	p := traceparent.Propagator{}
	sc, _ := p.ExtractFrom(carrier.HTTPHeader(in.httpHeader()))
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	o.Sampling = twSampling(sc)
	o.Random = sc.IsRandom()
	o.TraceState = sc.TraceState().String()
	m := mapCarrier{}
	p.InjectInto(m, sc)
	o.Inject = m.String()
	return o
}

// otelTraceparent runs OpenTelemetry-Go's propagation.TraceContext.
func otelTraceparent(in input) outcome {
	p := propagation.TraceContext{}
	ctx := p.Extract(context.Background(), propagation.HeaderCarrier(in.httpHeader()))
	sc := trace.SpanContextFromContext(ctx)
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	o.Sampling = "deny"
	if sc.IsSampled() {
		o.Sampling = "accept"
	}
	o.Random = sc.IsRandom()
	o.TraceState = sc.TraceState().String()
	m := mapCarrier{}
	p.Inject(ctx, m)
	o.Inject = m.String()
	return o
}

func twSampling(sc tracewire.SpanContext) string { return sc.Sampling().String() }

func TestTraceparent(t *testing.T) {
	vecs, valid := loadVectors(t, "traceparent")
	inputs := merge(vecs, traceparentEdges)
	inputs = merge(inputs, mutate(1, valid, 48, inputs))
	differential(t, "traceparent", inputs, twTraceparent, []peer{{
		name:   "otel",
		fields: []string{"valid", "trace_id", "span_id", "sampling", "random", "tracestate", "inject"},
		run:    otelTraceparent,
	}})
}

// tracestateEdges complement the tracestate vectors.
var tracestateEdges = []input{
	{"edge: Level 2 keys", []header{{"tracestate", "1abc=x,a@b@c=1"}}},
	{"edge: duplicate key", []header{{"tracestate", "a=1,b=2,a=3"}}},
	{"edge: 33 members", []header{{"tracestate", "k=1" + thirtyTwoMore()}}},
	{"edge: OWS and empty members", []header{{"tracestate", " a=1 ,, \t,b=2\t"}}},
}

func thirtyTwoMore() string {
	var b strings.Builder
	for i := range 32 {
		b.WriteString(",m")
		b.WriteByte('a' + byte(i%26))
		b.WriteByte('a' + byte(i/26))
		b.WriteString("=v")
	}
	return b.String()
}

// twTracestate parses the tracestate lines with tracewire's default rules
// (Level 2 keys, whole-list discard on error).
func twTracestate(in input) outcome {
	ts, err := tracewire.ParseTraceState(in.lines("tracestate")...)
	return outcome{Valid: err == nil, TraceState: ts.String()}
}

// otelTracestate parses the lines joined with "," (RFC 9110 list
// combination) with trace.ParseTraceState, the parser OpenTelemetry's
// propagator uses; the propagator itself reads only the first line, which
// the traceparent comparison covers.
func otelTracestate(in input) outcome {
	ts, err := trace.ParseTraceState(strings.Join(in.lines("tracestate"), ","))
	return outcome{Valid: err == nil, TraceState: ts.String()}
}

func TestTracestate(t *testing.T) {
	vecs, valid := loadVectors(t, "tracestate")
	inputs := merge(vecs, tracestateEdges)
	inputs = merge(inputs, mutate(2, valid, 48, inputs))
	differential(t, "tracestate", inputs, twTracestate, []peer{{
		name:   "otel",
		fields: []string{"valid", "tracestate"},
		run:    otelTracestate,
	}})
}
