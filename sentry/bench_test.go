package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/sentry"
)

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"sampled", valid},
		{"deferred", tT + "-" + tS},
		{"uppercase", "771A43A4192642F0B136D5159A501700-" + tS + "-1"},
		{"invalid", tT + "-" + tS + "-x"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = sentry.Parse(bc.in)
			}
		})
	}
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := sentry.Parse(valid)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = sentry.Append(buf[:0], sc)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	var g carrier.Getter = carrier.HTTPHeader{"Sentry-Trace": {valid}, "Accept": {"*/*"}}
	var p sentry.Propagator
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(g)
	}
}
