package propagator_test

import (
	"context"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// TestCompositeExtractAllocs bounds what a 4-format composite's Extract
// allocates into a context: the span context's node, and one more for W3C
// baggage. Jaeger's uberctx-* items cost more: the carrier's keys, the
// items built into a Baggage and its merge with the W3C one; the bounds
// are the counts measured, so that a new allocation on any of these
// paths fails here.
func TestCompositeExtractAllocs(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.Baggage(), propagator.B3(), propagator.Jaeger())
	for _, tc := range []struct {
		name string
		kv   []string
		want float64
	}{
		{"traceparent only", []string{"traceparent", tp}, 1},
		{"W3C baggage", []string{"traceparent", tp, "baggage", "a=1,b=2"}, 2},
		{"uberctx items", []string{"traceparent", tp, "uberctx-a", "1"}, 6},
		{"both", []string{"traceparent", tp, "baggage", "a=1", "uberctx-b", "2"}, 8},
	} {
		for _, g := range []carrier.Getter{carrier.HTTPHeader(header(tc.kv...)), mapOf(tc.kv...)} {
			n := testing.AllocsPerRun(200, func() { _ = c.Extract(context.Background(), g) })
			if n > tc.want {
				t.Errorf("%s, %T: %v allocs, want at most %v", tc.name, g, n, tc.want)
			}
		}
	}
}

// mapOf returns a carrier.Map of the key, value pairs kv.
func mapOf(kv ...string) carrier.Map {
	m := carrier.Map{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}
