package bench

import (
	"context"
	"net/http"
	"testing"

	ddtracer "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
)

var sinkDDHeaders datadog.Headers

// TestDatadogInputs checks that tracewire and dd-trace-go read the datadog
// case in full over both carriers, priority, origin and tags included, and
// write all five headers back, so that no row times an error path or a
// partial read; and that tracewire's ExtractHeaders allocates nothing.
func TestDatadogInputs(t *testing.T) {
	var in input
	for _, c := range extractInputs {
		if c.name == "datadog" {
			in = c.in
		}
	}
	dd := ddFor(t, "datadog")
	for _, kind := range []string{"http", "map"} {
		var g carrier.Getter = carrier.Map(in.mapOf())
		var c any = ddtracer.TextMapCarrier(in.mapOf())
		if kind == "http" {
			h := in.header()
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
		for k := range in {
			if twOut.Get(k) == "" || ddOut.Get(k) == "" {
				t.Errorf("%s: %s written: tracewire %q, dd-trace-go %q", kind, k, twOut.Get(k), ddOut.Get(k))
			}
		}
		if n := testing.AllocsPerRun(100, func() { sinkDDHeaders, sinkErr = datadog.ExtractHeaders(g) }); n != 0 {
			t.Errorf("%s: tracewire ExtractHeaders: %v allocs, want 0", kind, n)
		}
	}
}
