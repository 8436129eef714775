package grpctrace_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
)

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = grpctrace.Parse(specText)
	}
}

func BenchmarkParseBinary(b *testing.B) {
	bin := specBinary()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = grpctrace.ParseBinary(bin)
	}
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := grpctrace.Parse(specText)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = grpctrace.Append(buf[:0], sc)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	h := carrier.HTTPHeader(http.Header{"Grpc-Trace-Bin": {specText}})
	var p grpctrace.Propagator
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(h)
	}
}
