package b3_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
)

func BenchmarkParseSingle(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"full", tT + "-" + tS + "-1-" + tP},
		{"ids", tT64 + "-" + tS},
		{"sampling-only", "0"},
		{"invalid", tT + "-e457b5a2"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = b3.Parse(bc.in)
			}
		})
	}
}

func BenchmarkAppendSingle(b *testing.B) {
	sc, _ := b3.Parse(tT + "-" + tS + "-1-" + tP)
	buf := make([]byte, 0, 68)
	b.ReportAllocs()
	for b.Loop() {
		buf = b3.Append(buf[:0], sc)
	}
}

func BenchmarkExtractMulti(b *testing.B) {
	h := carrier.HTTPHeader(http.Header{
		"X-B3-Traceid":      {tT},
		"X-B3-Spanid":       {tS},
		"X-B3-Parentspanid": {tP},
		"X-B3-Sampled":      {"1"},
	})
	b.ReportAllocs()
	for b.Loop() {
		_, _ = b3.ExtractMulti(h)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	h := carrier.HTTPHeader(http.Header{"B3": {tT + "-" + tS + "-1-" + tP}})
	var p b3.Propagator
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(h)
	}
}

// BenchmarkExtractFromMultiMap reads the multi headers from a map
// carrier among five unrelated headers, as bench/'s b3multi-map row does:
// the absent b3 and x-b3-flags names are the lookups that cost most.
func BenchmarkExtractFromMultiMap(b *testing.B) {
	m := carrier.Map{
		"x-b3-traceid": tT, "x-b3-spanid": tS, "x-b3-parentspanid": tP, "x-b3-sampled": "1",
		"accept": "*/*", "user-agent": "bench", "content-type": "application/json",
		"x-request-id": "abc", "authorization": "Bearer x",
	}
	p := b3.Propagator{Multi: true}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(m)
	}
}

// BenchmarkInjectMulti writes the multi headers into a reused carrier
// among five unrelated headers, as bench/'s b3multi rows do.
func BenchmarkInjectMulti(b *testing.B) {
	sc, err := b3.Parse(tT + "-" + tS + "-1-" + tP)
	if err != nil {
		b.Fatal(err)
	}
	p := b3.Propagator{Multi: true}
	for _, c := range []struct {
		name string
		s    carrier.Setter
	}{
		{"map", carrier.Map{
			"accept": "*/*", "user-agent": "bench", "content-type": "application/json",
			"x-request-id": "abc", "authorization": "Bearer x",
		}},
		{"http", carrier.HTTPHeader(http.Header{
			"Accept": {"*/*"}, "User-Agent": {"bench"}, "Content-Type": {"application/json"},
			"X-Request-Id": {"abc"}, "Authorization": {"Bearer x"},
		})},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.InjectInto(c.s, sc)
			}
		})
	}
}
