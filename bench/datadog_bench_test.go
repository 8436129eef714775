package bench

import (
	"context"
	"net/http"
	"sync"
	"testing"

	ddtracer "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
)

// The datadog case: all five x-datadog-* headers, a 128-bit trace id and a
// user-keep priority, as a Datadog tracer sends them. OpenTelemetry-Go has
// no Datadog propagator, so the peer is dd-trace-go's.
var inDatadog = input{
	"x-datadog-trace-id":          "11803532876627986230",
	"x-datadog-parent-id":         "67667974448284343",
	"x-datadog-sampling-priority": "2",
	"x-datadog-origin":            "rum",
	"x-datadog-tags":              "_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6",
}

var sinkDDHeaders datadog.Headers

// ddPropagator is dd-trace-go's propagator with the datadog style alone,
// built without starting a tracer: nothing contacts an agent. Every
// setting the environment would give is set, MaxTagsHeaderLen to the 512
// bytes tracer.Start gives it, and its logger is silenced.
var ddPropagator = sync.OnceValue(func() ddtracer.Propagator {
	ddtracer.UseLogger(ddtracer.AdaptLogger(func(ddtracer.LogLevel, string, ...any) {}))
	first := false
	return ddtracer.NewPropagator(&ddtracer.PropagatorConfig{
		MaxTagsHeaderLen: 512,
		InjectStyle:      "datadog",
		ExtractStyle:     "datadog",
		BehaviorExtract:  "continue",
		ExtractFirst:     &first,
	})
})

// datadogExtractCases are BenchmarkExtract's datadog rows. tracewire is
// measured through ExtractHeaders, which returns what dd-trace-go's
// Extract does (ids, exact priority, origin and tags) without a
// context.Context.
func datadogExtractCases() []bcase {
	h, m := inDatadog.header(), inDatadog.mapOf()
	dd := ddPropagator()
	return []bcase{
		{"datadog-http", []lib{
			{"tracewire", func(b *testing.B) {
				g := carrier.HTTPHeader(h)
				for b.Loop() {
					sinkDDHeaders, sinkErr = datadog.ExtractHeaders(g)
				}
			}},
			{"ddtrace", func(b *testing.B) {
				c := ddtracer.HTTPHeadersCarrier(h)
				for b.Loop() {
					sinkAny, sinkErr = dd.Extract(c)
				}
			}},
		}},
		{"datadog-map", []lib{
			{"tracewire", func(b *testing.B) {
				g := carrier.Map(m)
				for b.Loop() {
					sinkDDHeaders, sinkErr = datadog.ExtractHeaders(g)
				}
			}},
			{"ddtrace", func(b *testing.B) {
				c := ddtracer.TextMapCarrier(m)
				for b.Loop() {
					sinkAny, sinkErr = dd.Extract(c)
				}
			}},
		}},
	}
}

// datadogInjectCases are BenchmarkInject's datadog rows: each library
// injects what it extracted from the case's headers (all five go out
// again) into a reused carrier.
func datadogInjectCases(b *testing.B) []bcase {
	h := inDatadog.header()
	twCtx := datadog.Propagator{}.Extract(context.Background(), carrier.HTTPHeader(h))
	dd := ddPropagator()
	ddSC, err := dd.Extract(ddtracer.HTTPHeadersCarrier(h))
	if err != nil {
		b.Fatal(err)
	}
	return []bcase{
		{"datadog-http", []lib{
			{"tracewire", func(b *testing.B) {
				out := carrier.HTTPHeader(input{}.header())
				for b.Loop() {
					datadog.Propagator{}.Inject(twCtx, out)
				}
				sinkAny = out
			}},
			{"ddtrace", func(b *testing.B) {
				out := ddtracer.HTTPHeadersCarrier(input{}.header())
				for b.Loop() {
					sinkErr = dd.Inject(ddSC, out)
				}
				sinkAny = out
			}},
		}},
		{"datadog-map", []lib{
			{"tracewire", func(b *testing.B) {
				out := carrier.Map(input{}.mapOf())
				for b.Loop() {
					datadog.Propagator{}.Inject(twCtx, out)
				}
				sinkAny = out
			}},
			{"ddtrace", func(b *testing.B) {
				out := ddtracer.TextMapCarrier(input{}.mapOf())
				for b.Loop() {
					sinkErr = dd.Inject(ddSC, out)
				}
				sinkAny = out
			}},
		}},
	}
}

// TestDatadogInputs checks that both libraries read the datadog case in
// full over both carriers, and write all five headers back, so that no row
// times an error path or a partial read; and that tracewire's extraction
// allocates nothing.
func TestDatadogInputs(t *testing.T) {
	dd := ddPropagator()
	for _, kind := range []string{"http", "map"} {
		var g carrier.Getter = carrier.Map(inDatadog.mapOf())
		var c any = ddtracer.TextMapCarrier(inDatadog.mapOf())
		if kind == "http" {
			h := inDatadog.header()
			g, c = carrier.HTTPHeader(h), ddtracer.HTTPHeadersCarrier(h)
		}
		h, err := datadog.ExtractHeaders(g)
		if err != nil {
			t.Fatalf("%s: tracewire: %v", kind, err)
		}
		pr, _ := h.Priority()
		if got := h.SpanContext().TraceID().String() + " " + pr.String() + " " + h.Origin() + " " + string(h.AppendTags(nil)); got != "4bf92f3577b34da6a3ce929d0e0e4736 2 rum _dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6" {
			t.Errorf("%s: tracewire read %q", kind, got)
		}
		sc, err := dd.Extract(c)
		if err != nil {
			t.Fatalf("%s: dd-trace-go: %v", kind, err)
		}
		if p, _ := sc.SamplingPriority(); sc.TraceID() != "4bf92f3577b34da6a3ce929d0e0e4736" || p != 2 {
			t.Errorf("%s: dd-trace-go read trace %s priority %d", kind, sc.TraceID(), p)
		}
		twOut, ddOut := http.Header{}, http.Header{}
		datadog.Propagator{}.Inject(datadog.Propagator{}.Extract(context.Background(), g), carrier.HTTPHeader(twOut))
		if err := dd.Inject(sc, ddtracer.HTTPHeadersCarrier(ddOut)); err != nil {
			t.Fatal(err)
		}
		for k := range inDatadog {
			if twOut.Get(k) == "" || ddOut.Get(k) == "" {
				t.Errorf("%s: %s written: tracewire %q, dd-trace-go %q", kind, k, twOut.Get(k), ddOut.Get(k))
			}
		}
		if n := testing.AllocsPerRun(100, func() { sinkDDHeaders, sinkErr = datadog.ExtractHeaders(g) }); n != 0 {
			t.Errorf("%s: tracewire ExtractHeaders: %v allocs, want 0", kind, n)
		}
	}
}
