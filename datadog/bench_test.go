package datadog_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
)

func BenchmarkParseHeaders(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = datadog.ParseHeaders(ddTrace, ddSpan, "2", "rum", ddTags)
	}
}

func BenchmarkExtractFrom(b *testing.B) {
	h := carrier.HTTPHeader(http.Header{
		"X-Datadog-Trace-Id":          {ddTrace},
		"X-Datadog-Parent-Id":         {ddSpan},
		"X-Datadog-Sampling-Priority": {"1"},
		"X-Datadog-Tags":              {ddTags},
	})
	var p datadog.Propagator
	b.ReportAllocs()
	for b.Loop() {
		_, _ = p.ExtractFrom(h)
	}
}

func BenchmarkParseTraceStateMember(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = datadog.ParseTraceStateMember("s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:YWJj~~")
	}
}

func BenchmarkInjectHeaders(b *testing.B) {
	h, _ := datadog.ParseHeaders(ddTrace, ddSpan, "2", "rum", ddTags)
	out := carrier.Map{}
	b.ReportAllocs()
	for b.Loop() {
		datadog.InjectHeaders(out, h)
	}
}
