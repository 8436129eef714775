package propagator_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// BenchmarkEdgeReceive is what a server's edge costs per call with
// OTEL_PROPAGATORS=tracecontext,baggage,b3,jaeger, for a request that
// carries a traceparent beside five other headers, over an http.Header
// (what Handler reads) and a map (a message's headers).
func BenchmarkEdgeReceive(b *testing.B) {
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		b.Fatal(err)
	}
	e := propagator.Edge{Propagator: c}
	other := map[string]string{
		"accept": "*/*", "content-type": "application/json", "user-agent": "bench/1",
		"x-request-id": "7f1c2d", "authorization": "Bearer x",
	}
	h, m := http.Header{}, carrier.Map{}
	for k, v := range other {
		h.Set(k, v)
		m[k] = v
	}
	h.Set("traceparent", tp)
	m["traceparent"] = tp
	for _, tc := range []struct {
		name string
		g    carrier.Getter
	}{{"http", carrier.HTTPHeader(h)}, {"map", m}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = e.Receive(context.Background(), tc.g, propagator.Continue)
			}
		})
	}
}
