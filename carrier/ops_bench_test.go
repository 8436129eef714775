package carrier_test

import (
	"maps"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// BenchmarkCarrierOps times the carrier operations a single format's
// Extract and Inject make on a carrier holding five unrelated headers
// beside the format's own: the b3multi reads (two of them absent), the
// ottrace reads, and the b3multi and ottrace writes; and the b3multi
// writes into a map holding nothing else.
func BenchmarkCarrierOps(b *testing.B) {
	b3 := maps.Clone(noise)
	b3["x-b3-traceid"], b3["x-b3-spanid"], b3["x-b3-parentspanid"], b3["x-b3-sampled"] = "a", "b", "c", "1"
	ot := maps.Clone(noise)
	ot["ot-tracer-traceid"], ot["ot-tracer-spanid"], ot["ot-tracer-sampled"] = "a", "b", "true"
	b3Reads := []string{"b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags"}
	otReads := []string{"ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled"}
	b3Keys := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled"}
	b3Buf, b3Ends := joined([]string{"a", "b", "c", "1"})
	var sink string
	read := func(g carrier.Getter, names []string) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					sink = g.Get(n)
				}
			}
		}
	}
	b.Run("get/b3multi-map", read(carrier.Map(b3), b3Reads))
	b.Run("get/ottrace-map", read(carrier.Map(ot), otReads))
	b.Run("get/b3multi-http", read(carrier.HTTPHeader(slicesOf(b3, http.CanonicalHeaderKey)), b3Reads))
	b.Run("get/ottrace-http", read(carrier.HTTPHeader(slicesOf(ot, http.CanonicalHeaderKey)), otReads))
	b.Run("setall/b3multi-map", func(b *testing.B) {
		m := carrier.Map(maps.Clone(noise))
		for b.Loop() {
			carrier.SetAll(m, b3Keys, b3Buf, b3Ends)
		}
	})
	b.Run("setall/ottrace-map", func(b *testing.B) {
		m := carrier.Map(maps.Clone(noise))
		for b.Loop() {
			carrier.SetAll(m, otReads, b3Buf, b3Ends[:3])
		}
	})
	// A message's own header map, holding only what is injected into it:
	// no other spelling can be there, and no lookup looks for one.
	b.Run("setall/b3multi-fresh-map", func(b *testing.B) {
		m := carrier.Map{}
		for b.Loop() {
			carrier.SetAll(m, b3Keys, b3Buf, b3Ends)
		}
	})
	b.Run("set/b3-map", func(b *testing.B) {
		m := carrier.Map(maps.Clone(noise))
		for b.Loop() {
			m.Set("b3", "x")
		}
	})
	_ = sink
}
