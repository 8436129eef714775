package carrier_test

import (
	"maps"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// noise is what a reused carrier holds beside the trace headers in the
// benchmarks: five unrelated request headers.
var noise = map[string]string{"accept": "*/*", "accept-encoding": "gzip, br", "content-type": "application/json",
	"user-agent": "bench/1.0", "x-request-id": "7f6c1d9e"}

// BenchmarkCompositeWrites times what a composite of tracecontext,
// baggage, b3 and jaeger does to a reused carrier holding five unrelated
// headers: one at a time, and through a Batch.
func BenchmarkCompositeWrites(b *testing.B) {
	for _, tc := range []struct {
		name string
		s    carrier.Setter
	}{
		{"map", carrier.Map(maps.Clone(noise))},
		{"http", carrier.HTTPHeader(slicesOf(noise, http.CanonicalHeaderKey))},
	} {
		b.Run(tc.name+"/direct", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compositeWrites(tc.s)
			}
		})
		b.Run(tc.name+"/batch", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bt := carrier.NewBatch(tc.s)
				compositeWrites(bt)
				bt.Flush()
			}
		})
	}
}
