package cloudtrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
)

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"sampled", valid},
		{"largest span id", tT + "/18446744073709551615;o=0"},
		{"invalid", invalid},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = cloudtrace.Parse(bc.in)
			}
		})
	}
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := cloudtrace.Parse(valid)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = cloudtrace.Append(buf[:0], sc)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	var g carrier.Getter = carrier.HTTPHeader{"X-Cloud-Trace-Context": {valid}, "Accept": {"*/*"}}
	p := cloudtrace.Propagator{}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(g)
	}
}
