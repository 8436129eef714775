package interop

import (
	"context"
	"strings"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	oteljaeger "go.opentelemetry.io/contrib/propagators/jaeger"
	"go.opentelemetry.io/otel/trace"
)

const (
	jT = "4bf92f3577b34da6a3ce929d0e0e4736"
	jS = "00f067aa0ba902b7"
)

var jaegerEdges = []input{
	{"edge: hex flags a", []header{{"uber-trace-id", jT + ":" + jS + ":0:a"}}},
	{"edge: uppercase ids", []header{{"uber-trace-id", strings.ToUpper(jT) + ":" + strings.ToUpper(jS) + ":0:1"}}},
	{"edge: URL-encoded colons", []header{{"uber-trace-id", jT + "%3A" + jS + "%3A0%3A1"}}},
	{"edge: parent span id", []header{{"uber-trace-id", jT + ":" + jS + ":" + "05e3ac9a4f6e3b90" + ":1"}}},
	{"edge: empty flags", []header{{"uber-trace-id", jT + ":" + jS + ":0:"}}},
	{"edge: negative flags", []header{{"uber-trace-id", jT + ":" + jS + ":0:-1"}}},
	{"edge: three-digit flags", []header{{"uber-trace-id", jT + ":" + jS + ":0:001"}}},
	{"edge: garbage parent", []header{{"uber-trace-id", jT + ":" + jS + ":xyz:1"}}},
	{"edge: empty trace id", []header{{"uber-trace-id", ":" + jS + ":0:1"}}},
	{"edge: firehose", []header{{"uber-trace-id", jT + ":" + jS + ":0:9"}}},
	{"edge: OWS", []header{{"uber-trace-id", " " + jT + ":" + jS + ":0:1\t"}}},
}

// twJaeger runs tracewire's Jaeger propagator (uber-trace-id only; the
// Go contrib propagator has no baggage support to compare with).
func twJaeger(in input) outcome {
	sc, _ := jaeger.Propagator{}.ExtractFrom(carrier.HTTPHeader(in.httpHeader()))
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	o.Sampling = twSampling(sc)
	m := mapCarrier{}
	jaeger.Propagator{}.InjectInto(m, sc)
	o.Inject = m.String()
	return o
}

// otelJaeger runs the contrib Jaeger propagator; its debug state lives in
// an unexported context value, so it is read back from the injected flags.
func otelJaeger(in input) outcome {
	ctx := oteljaeger.Jaeger{}.Extract(context.Background(), propagationHeader(in))
	sc := trace.SpanContextFromContext(ctx)
	o := outcome{Valid: sc.IsValid()}
	if !o.Valid {
		return o
	}
	o.TraceID, o.SpanID = sc.TraceID().String(), sc.SpanID().String()
	m := mapCarrier{}
	oteljaeger.Jaeger{}.Inject(ctx, m)
	o.Inject = m.String()
	switch {
	case strings.HasSuffix(m["uber-trace-id"], ":3"):
		o.Sampling = "debug"
	case sc.IsSampled():
		o.Sampling = "accept"
	default:
		o.Sampling = "deny"
	}
	return o
}

func TestJaeger(t *testing.T) {
	vecs, valid := loadVectors(t, "jaeger")
	seeds := withHeader(valid, "uber-trace-id")
	inputs := merge(vecs, jaegerEdges)
	inputs = merge(inputs, mutate(4, seeds, 48, inputs))
	differential(t, "jaeger", inputs, twJaeger, []peer{{
		name:   "otel",
		fields: []string{"valid", "trace_id", "span_id", "sampling", "inject"},
		run:    otelJaeger,
	}})
}
