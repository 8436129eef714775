package traceparent

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

var (
	sinkSC  tracewire.SpanContext
	sinkErr error
)

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"valid", testTP},
		{"ows", " " + testTP + "\t"},
		{"future", "cc-" + testT + "-" + testP + "-01-what-the-future"},
		{"invalid", "00-" + testT + "-" + testP + "-0g"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkSC, sinkErr = Parse(bc.in)
			}
		})
	}
	b.Run("bytes", func(b *testing.B) {
		in := []byte(testTP)
		b.ReportAllocs()
		for b.Loop() {
			sinkSC, sinkErr = ParseBytes(in)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := Parse(testTP)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = Append(buf[:0], sc)
	}
}

func BenchmarkParseServerTiming(b *testing.B) {
	in := "cache;desc=hit;dur=0.1, db;dur=53, trace;desc=" + testTP
	b.ReportAllocs()
	for b.Loop() {
		sinkSC, sinkErr = ParseServerTiming(in)
	}
}

func BenchmarkExtract(b *testing.B) {
	for name, h := range map[string]http.Header{
		"traceparent": {"Traceparent": {testTP}},
		"tracestate":  {"Traceparent": {testTP}, "Tracestate": {"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"}},
	} {
		b.Run(name, func(b *testing.B) {
			c := carrier.HTTPHeader(h)
			var p Propagator
			b.ReportAllocs()
			for b.Loop() {
				sinkSC, sinkErr = p.ExtractFrom(c)
			}
		})
	}
}

func BenchmarkInject(b *testing.B) {
	sc, _ := Parse(testTP)
	h := carrier.HTTPHeader(http.Header{})
	var p Propagator
	b.ReportAllocs()
	for b.Loop() {
		p.InjectInto(h, sc)
	}
}
