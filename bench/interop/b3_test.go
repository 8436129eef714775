package interop

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	zmodel "github.com/openzipkin/zipkin-go/model"
	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	otelb3 "go.opentelemetry.io/contrib/propagators/b3"
	"go.opentelemetry.io/otel/trace"
)

const (
	b3T   = "80f198ee56343ba864fe8b2a57d3eff7"
	b3S   = "e457b5a2e4d86bd1"
	b3P   = "05e3ac9a4f6e3b90"
	b3T64 = "a3ce929d0e0e4736"
)

var b3Edges = []input{
	{"edge: uppercase trace id", []header{{"b3", strings.ToUpper(b3T) + "-" + b3S + "-1"}}},
	{"edge: uppercase multi ids", []header{{"x-b3-traceid", strings.ToUpper(b3T)}, {"x-b3-spanid", strings.ToUpper(b3S)}}},
	{"edge: 128-bit id with zero high half", []header{{"b3", "0000000000000000" + b3T64 + "-" + b3S + "-1"}}},
	{"edge: 40 bytes without a dash at 16 (zipkin-go slices past the end)", []header{{"b3", b3T + "-" + b3S[:7]}}},
	{"edge: OWS around the single header", []header{{"b3", " " + b3T + "-" + b3S + "-1 "}}},
	{"edge: short multi trace id", []header{{"x-b3-traceid", "abc"}, {"x-b3-spanid", b3S}}},
	{"edge: short multi span id", []header{{"x-b3-traceid", b3T}, {"x-b3-spanid", "1"}}},
	{"edge: zero ids in the single header", []header{{"b3", strings.Repeat("0", 32) + "-" + strings.Repeat("0", 16) + "-1"}}},
	{"edge: sampling-only single and multi ids", []header{{"b3", "1"}, {"x-b3-traceid", b3T}, {"x-b3-spanid", b3S}}},
	{"edge: flags 1 and sampled 0", []header{{"x-b3-traceid", b3T}, {"x-b3-spanid", b3S}, {"x-b3-sampled", "0"}, {"x-b3-flags", "1"}}},
}

// twB3 runs tracewire's B3 propagator, injecting single and multi.
func twB3(in input) outcome {
	sc, err := b3.Propagator{}.ExtractFrom(carrier.HTTPHeader(in.httpHeader()))
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		if err == nil && !sc.IsDeferred() {
			o.Decision = sc.Sampling().String()
		}
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	if p := sc.ParentSpanID(); p.IsValid() {
		o.ParentID = p.String()
	}
	o.Sampling = twSampling(sc)
	single, multi := mapCarrier{}, mapCarrier{}
	b3.Propagator{}.InjectInto(single, sc)
	b3.Propagator{Multi: true}.InjectInto(multi, sc)
	o.Inject, o.InjectMulti = single.String(), multi.String()
	return o
}

// otelB3 runs the contrib B3 propagator. OpenTelemetry keeps debug and
// deferred in context values it does not export, so the sampling state is
// read back from what its single-header injector writes.
func otelB3(in input) outcome {
	ctx := otelb3.New().Extract(context.Background(), propagationHeader(in))
	sc := trace.SpanContextFromContext(ctx)
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	single, multi := mapCarrier{}, mapCarrier{}
	otelb3.New().Inject(ctx, single)
	otelb3.New(otelb3.WithInjectEncoding(otelb3.B3MultipleHeader)).Inject(ctx, multi)
	o.Inject, o.InjectMulti = single.String(), multi.String()
	v := single["b3"]
	switch {
	case strings.HasSuffix(v, "-d"):
		o.Sampling = "debug"
	case strings.HasSuffix(v, "-1"):
		o.Sampling = "accept"
	case strings.HasSuffix(v, "-0"):
		o.Sampling = "deny"
	default:
		o.Sampling = "deferred"
	}
	return o
}

// zipkinB3 runs zipkin-go's HTTP extractor and injectors.
func zipkinB3(in input) outcome {
	sc, err := zb3.ExtractHTTP(&http.Request{Header: in.httpHeader()})()
	if err != nil || sc == nil {
		return outcome{}
	}
	o := outcome{Valid: !sc.TraceID.Empty() && sc.ID != 0}
	if !o.Valid {
		if s := zipkinSampling(sc); s != "deferred" {
			o.Decision = s
		}
		return o
	}
	o.TraceID = fmt.Sprintf("%016x%016x", sc.TraceID.High, sc.TraceID.Low)
	o.SpanID = sc.ID.String()
	if sc.ParentID != nil && *sc.ParentID != 0 {
		o.ParentID = sc.ParentID.String()
	}
	o.Sampling = zipkinSampling(sc)
	single := &http.Request{Header: http.Header{}}
	multi := &http.Request{Header: http.Header{}}
	_ = zb3.InjectHTTP(single, zb3.WithSingleHeaderOnly())(*sc)
	_ = zb3.InjectHTTP(multi)(*sc)
	o.Inject, o.InjectMulti = headerString(single.Header), headerString(multi.Header)
	return o
}

func zipkinSampling(sc *zmodel.SpanContext) string {
	switch {
	case sc.Debug:
		return "debug"
	case sc.Sampled == nil:
		return "deferred"
	case *sc.Sampled:
		return "accept"
	}
	return "deny"
}

func TestB3(t *testing.T) {
	vecs, valid := loadVectors(t, "b3")
	inputs := merge(vecs, b3Edges)
	inputs = merge(inputs, mutate(3, valid, 48, inputs))
	differential(t, "b3", inputs, twB3, []peer{{
		name:   "otel",
		fields: []string{"valid", "trace_id", "span_id", "sampling", "inject", "inject_multi"},
		run:    otelB3,
	}, {
		name:   "zipkin",
		fields: []string{"valid", "trace_id", "span_id", "parent", "sampling", "decision", "inject", "inject_multi"},
		run:    zipkinB3,
	}})
}
