package interop

import (
	"fmt"
	"testing"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/ottrace"
	otelot "go.opentelemetry.io/contrib/propagators/ot"
	"go.opentelemetry.io/otel"
	otelbaggage "go.opentelemetry.io/otel/baggage"
)

const (
	otT = "a3ce929d0e0e4736"
	otS = "00f067aa0ba902b7"
)

func otHeaders(trace, span, sampled string, more ...header) []header {
	hs := []header{{"ot-tracer-traceid", trace}, {"ot-tracer-spanid", span}}
	if sampled != "" {
		hs = append(hs, header{"ot-tracer-sampled", sampled})
	}
	return append(hs, more...)
}

// otEdges are inputs the vectors do not hold: widths, case, the sampled
// spellings, and baggage values OpenTelemetry's member grammar refuses.
var otEdges = []input{
	{"edge: 128-bit trace id", otHeaders("4bf92f3577b34da6"+otT, otS, "true")},
	{"edge: short trace id", otHeaders("ff", otS, "true")},
	{"edge: short span id", otHeaders(otT, "ff", "true")},
	{"edge: uppercase ids", otHeaders("A3CE929D0E0E4736", "00F067AA0BA902B7", "true")},
	{"edge: sampled 1", otHeaders(otT, otS, "1")},
	{"edge: sampled TRUE", otHeaders(otT, otS, "TRUE")},
	{"edge: sampled t", otHeaders(otT, otS, "t")},
	{"edge: no sampled", otHeaders(otT, otS, "")},
	{"edge: baggage", otHeaders(otT, otS, "true", header{"ot-baggage-user", "alice"}, header{"ot-baggage-tenant", "acme"})},
	{"edge: baggage value with space", otHeaders(otT, otS, "true", header{"ot-baggage-user", "alice smith"})},
	{"edge: baggage value with percent", otHeaders(otT, otS, "true", header{"ot-baggage-rate", "50%"})},
	{"edge: baggage without context", []header{{"ot-baggage-user", "alice"}}},
	{"edge: OWS", otHeaders(" "+otT+"\t", otS, " true ")},
}

// twOT runs tracewire's OT propagator as a service does: Extract (span
// context and ot-baggage-*), then Inject of the same context.
func twOT(in input) outcome {
	o, ctx := twContextOutcome(ottrace.Propagator{}, in)
	if o.Valid {
		o.Baggage = itemsAsMap(func(add func(k, v string)) {
			for _, m := range baggage.FromContext(ctx).All() {
				add(m.Key(), m.Value())
			}
		})
	}
	return o
}

// otelOT runs the contrib ot propagator.
func otelOT(in input) outcome {
	o, ctx := otelContextOutcome(otelot.OT{}, in)
	if o.Valid {
		o.Baggage = itemsAsMap(func(add func(k, v string)) {
			for _, m := range otelbaggage.FromContext(ctx).Members() {
				add(m.Key(), m.Value())
			}
		})
	}
	return o
}

// itemsAsMap renders the baggage items each yields, keys and values only,
// as asMap does.
func itemsAsMap(each func(add func(k, v string))) string {
	var keys, ms []string
	each(func(k, v string) {
		keys = append(keys, k)
		ms = append(ms, fmt.Sprintf("%s=%q", k, v))
	})
	return asMap(keys, ms)
}

func TestOTTrace(t *testing.T) {
	// The ot propagator reports every baggage value it drops to the global
	// error handler, which logs; the drops are what the test compares.
	prev := otel.GetErrorHandler()
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(error) {}))
	t.Cleanup(func() { otel.SetErrorHandler(prev) })
	vecs, valid := loadVectors(t, "ottrace")
	seeds := withHeader(valid, "ot-tracer-traceid")
	inputs := merge(vecs, otEdges)
	inputs = merge(inputs, mutate(7, seeds, 48, inputs))
	differential(t, "ottrace", inputs, twOT, []peer{{
		name:   "otel",
		fields: []string{"valid", "trace_id", "span_id", "sampling", "baggage", "inject"},
		run:    otelOT,
	}})
}
