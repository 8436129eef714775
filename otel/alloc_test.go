//go:build !race

package twotel_test

import (
	"context"
	"net/http"
	"testing"

	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// TestExtractAllocs pins the cost of Extract through the OpenTelemetry
// API: one allocation for a span context without trace state (the
// context node that is also OpenTelemetry's remote span, where
// OpenTelemetry-Go's own remote span context costs two), on either
// carrier, and none for a carrier with nothing to extract.
func TestExtractAllocs(t *testing.T) {
	for _, c := range []struct {
		name string
		p    twotel.Propagator
		in   map[string]string
		want float64
	}{
		{"tracecontext", twotel.TraceContext(), map[string]string{"traceparent": "00-" + tid + "-" + sid + "-01"}, 1},
		{"b3", twotel.B3(), map[string]string{"b3": tid + "-" + sid + "-1-" + parent}, 1},
		{"b3multi", twotel.B3Multi(), map[string]string{"x-b3-traceid": tid, "x-b3-spanid": sid, "x-b3-sampled": "1"}, 1},
		{"jaeger", twotel.Jaeger(), map[string]string{"uber-trace-id": tid + ":" + sid + ":0:1"}, 1},
		{"composite without baggage", mustProp(t, "tracecontext,baggage,b3"), map[string]string{"traceparent": "00-" + tid + "-" + sid + "-01"}, 1},
		{"nothing to extract", mustProp(t, "tracecontext,baggage,b3"), map[string]string{"other": "x"}, 0},
		{"invalid", twotel.TraceContext(), map[string]string{"traceparent": "00-zz"}, 0},
	} {
		h := http.Header{}
		m := propagation.MapCarrier{}
		for k, v := range c.in {
			h.Set(k, v)
			m[k] = v
		}
		if !twotel.Fast(c.p) {
			// A format that carries more than a span context (see
			// spanOnly) costs what its own Extract costs, and a node.
			t.Logf("%s: not a span-only format here; its cost is its Extract's", c.name)
			continue
		}
		want := c.want
		for _, carrier := range []propagation.TextMapCarrier{propagation.HeaderCarrier(h), m} {
			var ctx context.Context
			n := testing.AllocsPerRun(100, func() { ctx = c.p.Extract(context.Background(), carrier) })
			if n != want {
				t.Errorf("%s over %T: %v allocations, want %v", c.name, carrier, n, want)
			}
			if c.want > 0 && !trace.SpanContextFromContext(ctx).IsValid() {
				t.Errorf("%s over %T: nothing extracted", c.name, carrier)
			}
		}
	}
}

// TestInjectAllocs: injecting an extracted context costs the header
// values and nothing else for the fixed-width formats.
func TestInjectAllocs(t *testing.T) {
	for _, c := range []struct {
		name string
		p    twotel.Propagator
		in   map[string]string
		want float64
	}{
		{"b3", twotel.B3(), map[string]string{"b3": tid + "-" + sid + "-1-" + parent}, 1},
		{"jaeger", twotel.Jaeger(), map[string]string{"uber-trace-id": tid + ":" + sid + ":0:1"}, 1},
		{"tracecontext", twotel.TraceContext(), map[string]string{"traceparent": "00-" + tid + "-" + sid + "-01"}, 1},
		// The trace state goes into the same string.
		{"tracecontext", twotel.TraceContext(), map[string]string{"traceparent": "00-" + tid + "-" + sid + "-01", "tracestate": "a=1,b=2"}, 1},
		// OpenTelemetry's list of members, and the header.
		{"baggage", twotel.Baggage(), map[string]string{"baggage": "k=v,j=1"}, 2},
		// OpenTelemetry's list of members, and one Batch's string for
		// every header.
		{"composite", mustComposite("tracecontext", "baggage", "b3", "jaeger"), map[string]string{"traceparent": "00-" + tid + "-" + sid + "-01", "tracestate": "a=1", "baggage": "k=v,j=1"}, 2},
	} {
		if !twotel.FastInject(c.p) {
			t.Logf("%s: not a span-only format here; its cost is its Inject's", c.name)
			continue
		}
		ctx := c.p.Extract(context.Background(), propagation.MapCarrier(c.in))
		out := propagation.MapCarrier{}
		if n := testing.AllocsPerRun(100, func() { c.p.Inject(ctx, out) }); n != c.want {
			t.Errorf("%s: %v allocations, want %v", c.name, n, c.want)
		}
	}
}

// TestExtractBaggageAllocs: a one-line baggage header costs one
// allocation at Extract (the node that builds OpenTelemetry's form when
// first read), on either carrier.
func TestExtractBaggageAllocs(t *testing.T) {
	p := twotel.Baggage()
	h := http.Header{}
	h.Set("baggage", "userId=alice,serverNode=DF%2028,tenant=acme;ttl=60")
	m := propagation.MapCarrier{"baggage": h.Get("baggage")}
	for _, carrier := range []propagation.TextMapCarrier{propagation.HeaderCarrier(h), m} {
		n := testing.AllocsPerRun(100, func() { p.Extract(context.Background(), carrier) })
		if n != 1 {
			t.Errorf("over %T: %v allocations, want 1", carrier, n)
		}
	}
}

func mustComposite(names ...string) twotel.Propagator {
	p, err := twotel.TextMapPropagator(names...)
	if err != nil {
		panic(err)
	}
	return p
}
