package jaeger_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"128bit", valid},
		{"64bit", "a3ce929d0e0e4736:" + sid + ":0:1"},
		{"encoded", valid3},
		{"invalid", "0:" + sid + ":0:1"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = jaeger.Parse(bc.in)
			}
		})
	}
	b.Run("bytes", func(b *testing.B) {
		in := []byte(valid)
		b.ReportAllocs()
		for b.Loop() {
			_, _ = jaeger.ParseBytes(in)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	sc, _ := jaeger.Parse(valid)
	buf := make([]byte, 0, 128)
	b.ReportAllocs()
	for b.Loop() {
		buf = jaeger.Append(buf[:0], sc)
	}
}

func BenchmarkExtract(b *testing.B) {
	var g carrier.Getter = carrier.HTTPHeader{
		"Uber-Trace-Id": {valid},
		"Accept":        {"*/*"},
		"User-Agent":    {"curl/8"},
	}
	p := jaeger.Propagator{}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(g)
	}
}

func BenchmarkExtractBaggage(b *testing.B) {
	g := header([][2]string{
		{"uber-trace-id", valid},
		{"uberctx-user-id", "alice%20smith"},
		{"uberctx-tenant", "acme"},
		{"jaeger-baggage", "k1=v1, k2=v2"},
	})
	b.ReportAllocs()
	for b.Loop() {
		jaeger.ExtractBaggage(g, func(k, v string) bool { return true })
	}
}
