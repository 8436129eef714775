package ottrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/ottrace"
)

func BenchmarkParseHeaders(b *testing.B) {
	for _, bc := range []struct{ name, t, s, p string }{
		{"64-bit", tT, tS, "true"},
		{"128-bit", tT32, tS, "false"},
		{"padded", "ff", "1", "TRUE"},
		{"invalid", tT, tS, "yes"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ottrace.ParseHeaders(bc.t, bc.s, bc.p)
			}
		})
	}
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := ottrace.ParseHeaders(tT, tS, "true")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = ottrace.AppendSpanID(ottrace.AppendTraceID(buf[:0], sc), sc)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	var g carrier.Getter = carrier.HTTPHeader{
		"Ot-Tracer-Traceid": {tT}, "Ot-Tracer-Spanid": {tS}, "Ot-Tracer-Sampled": {"true"}, "Accept": {"*/*"},
	}
	var p ottrace.Propagator
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(g)
	}
}

func BenchmarkExtractBaggage(b *testing.B) {
	g := carrier.HTTPHeader{"Ot-Baggage-User-Id": {"alice"}, "Ot-Baggage-Tenant": {"acme"}, "Accept": {"*/*"}}
	b.ReportAllocs()
	for b.Loop() {
		_ = ottrace.ExtractBaggage(g)
	}
}
