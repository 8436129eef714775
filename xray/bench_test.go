package xray_test

import (
	"context"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/xray"
)

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"canonical", valid},
		{"with fields", rich},
		{"uppercase", "Root=1-4BF92F35-77B34DA6A3CE929D0E0E4736;Parent=00F067AA0BA902B7;Sampled=1"},
		{"invalid", "Root=1-4bf92f35-77b34da6a3ce929d0e0e473;Parent=" + sid},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = xray.Parse(bc.in)
			}
		})
	}
	b.Run("bytes", func(b *testing.B) {
		in := []byte(valid)
		b.ReportAllocs()
		for b.Loop() {
			_, _ = xray.ParseBytes(in)
		}
	})
	b.Run("header", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = xray.ParseHeader(rich)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	h, _ := xray.ParseHeader(rich)
	sc := h.SpanContext()
	buf := make([]byte, 0, xray.MaxLen)
	b.Run("span context", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = xray.Append(buf[:0], sc)
		}
	})
	b.Run("header", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = h.Append(buf[:0], sc)
		}
	})
}

func BenchmarkExtractFrom(b *testing.B) {
	var p xray.Propagator
	for name, g := range map[string]carrier.Getter{
		"http.Header": carrier.HTTPHeader{"X-Amzn-Trace-Id": {valid}, "Accept": {"*/*"}},
		"map":         carrier.Map{"x-amzn-trace-id": valid},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = p.ExtractFrom(g)
			}
		})
	}
}

func BenchmarkExtractInject(b *testing.B) {
	var p xray.Propagator
	in := carrier.HTTPHeader{"X-Amzn-Trace-Id": {rich}}
	out := carrier.HTTPHeader{}
	b.ReportAllocs()
	for b.Loop() {
		p.Inject(p.Extract(context.Background(), in), out)
	}
}
