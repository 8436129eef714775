package bench

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/traceparent"
	obaggage "go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	otrace "go.opentelemetry.io/otel/trace"
)

// TestInputs checks that every library accepts every benchmark input in
// full, over both carriers, so that no benchmark times an error path or a
// truncated list.
func TestInputs(t *testing.T) {
	if n := len(inTracestate32); n > 512 {
		t.Fatalf("32-member tracestate is %d bytes, over the 512 every vendor propagates", n)
	}
	want := map[string]struct{ members int }{
		"tracestate3": {3}, "tracestate32": {32}, "baggage5": {5}, "baggage64": {64},
	}
	bg := context.Background()
	for _, in := range extractInputs {
		for _, kind := range []string{"http", "map"} {
			var g carrier.Getter = carrier.Map(in.in.mapOf())
			var oc propagation.TextMapCarrier = propagation.MapCarrier(in.in.otelMapOf(in.name))
			if kind == "http" {
				h := in.in.header()
				g, oc = carrier.HTTPHeader(h), propagation.HeaderCarrier(h)
			}
			name := in.name + "-" + kind
			twExtractFrom(t, in.name)(g)
			if sinkErr != nil {
				t.Errorf("%s: tracewire ExtractFrom: %v", name, sinkErr)
			}
			twCtx := twPropagator(t, in.name).Extract(bg, g)
			if style := ddStyle(in.name); style != "" {
				dsc, err := ddFor(t, in.name).Extract(ddCarrier(asHeader(g), asMap(g)))
				if err != nil || dsc == nil {
					t.Errorf("%s: dd-trace-go %s: %v", name, style, err)
				} else if got, want := dsc.TraceID(), tracewire.SpanContextFromContext(twCtx).TraceID().String(); got != want {
					t.Errorf("%s: trace ids differ: dd-trace-go %s, tracewire %s", name, got, want)
				}
			}
			op := otelFor(t, in.name)
			if op == nil {
				if sc := tracewire.SpanContextFromContext(twCtx); !sc.IsValid() {
					t.Errorf("%s: tracewire found no valid span context", name)
				}
				continue
			}
			otelCtx := op.Extract(bg, oc)
			switch in.name {
			case "baggage5", "baggage64":
				b, err := baggage.Propagator{}.ExtractFrom(g)
				if err != nil || b.Len() != want[in.name].members {
					t.Errorf("%s: tracewire baggage has %d members, err %v", name, b.Len(), err)
				}
				if n := obaggage.FromContext(otelCtx).Len(); n != want[in.name].members {
					t.Errorf("%s: otel baggage has %d members", name, n)
				}
				continue
			}
			sc := tracewire.SpanContextFromContext(twCtx)
			osc := otrace.SpanContextFromContext(otelCtx)
			if !sc.IsValid() || !osc.IsValid() {
				t.Errorf("%s: valid: tracewire %v, otel %v", name, sc.IsValid(), osc.IsValid())
				continue
			}
			if got, want := sc.TraceID().String(), osc.TraceID().String(); got != want {
				t.Errorf("%s: trace ids differ: tracewire %s, otel %s", name, got, want)
			}
			if w, ok := want[in.name]; ok {
				if sc.TraceState().Len() != w.members || osc.TraceState().Len() != w.members {
					t.Errorf("%s: tracestate members: tracewire %d, otel %d, want %d",
						name, sc.TraceState().Len(), osc.TraceState().Len(), w.members)
				}
			}
			if isB3(in.name) {
				var zerr error
				if kind == "http" {
					_, zerr = zb3.ExtractHTTP(&http.Request{Header: in.in.header()})()
				} else {
					zm := zb3.Map(in.in.mapOf())
					_, zerr = zm.Extract()
				}
				if zerr != nil {
					t.Errorf("%s: zipkin: %v", name, zerr)
				}
			}
		}
	}
}

// asHeader and asMap return the container under a carrier, or nil.
func asHeader(g carrier.Getter) http.Header {
	if h, ok := g.(carrier.HTTPHeader); ok {
		return http.Header(h)
	}
	return nil
}

func asMap(g carrier.Getter) map[string]string {
	if m, ok := g.(carrier.Map); ok {
		return m
	}
	return nil
}

// TestFloor checks that the floor decodes and encodes what tracewire does,
// so that the reference line does the same job.
func TestFloor(t *testing.T) {
	sc, err := traceparent.Parse(inTraceparent)
	if err != nil {
		t.Fatal(err)
	}
	fl, ok := floorParse(inTraceparent)
	if !ok {
		t.Fatal("floor rejects the traceparent")
	}
	got := floorSC{traceID: fl.traceID, spanID: fl.spanID, flags: fl.flags}
	want := floorSC{traceID: sc.TraceID(), spanID: sc.SpanID(), flags: byte(sc.Flags())}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(floorSC{})); diff != "" {
		t.Errorf("floor decode (-tracewire +floor):\n%s", diff)
	}
	if got, want := string(floorAppend(nil, &fl)), string(traceparent.Append(nil, sc)); got != want {
		t.Errorf("floor format = %q, tracewire %q", got, want)
	}
	for _, bad := range []string{
		"", inTraceparent[:54], "01" + inTraceparent[2:], inTraceparent[:10] + "g" + inTraceparent[11:],
		inTraceparent[:35] + "_" + inTraceparent[36:], inTraceparent[:54] + "Z",
	} {
		if _, ok := floorParse(bad); ok {
			t.Errorf("floor accepts %q", bad)
		}
	}
}

// TestZeroAllocs asserts the allocation claims the benchmarks report, so
// that a regression fails `go test` and not only a reader of benchstat.
func TestZeroAllocs(t *testing.T) {
	buf := make([]byte, 0, 2048)
	sc, _ := traceparent.Parse(inTraceparent)
	checks := map[string]func(){
		"traceparent.Parse":  func() { sinkSC, sinkErr = traceparent.Parse(inTraceparent) },
		"traceparent.Append": func() { sinkBytes = traceparent.Append(buf[:0], sc) },
		"ParseTraceState/32": func() { sinkTS, sinkErr = tracewire.ParseTraceState(inTracestate32) },
		"baggage.Parse/64":   func() { sinkBag, sinkErr = baggage.Parse(inBaggage64) },
		"floorParse":         func() { sinkFloor, sinkBool = floorParse(inTraceparent) },
		"floorAppend":        func() { sinkBytes = floorAppend(buf[:0], &sinkFloor) },
	}
	for _, in := range extractInputs {
		from := twExtractFrom(t, in.name)
		h, m := carrier.HTTPHeader(in.in.header()), carrier.Map(in.in.mapOf())
		checks["ExtractFrom/"+in.name+"-http"] = func() { from(h) }
		checks["ExtractFrom/"+in.name+"-map"] = func() { from(m) }
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs, want 0", name, n)
		}
	}
}

// TestContextAllocs: the context path costs what storing the result in a
// context costs, one allocation: the span context (or the baggage) for
// every format; the Datadog headers (origin and tags), which that format
// keeps for re-injection, share the span context's node, as the X-Ray
// header does when it has fields a span context cannot hold (Lineage,
// Self, others; the case's Root, Parent and Sampled are not such
// fields). baggage.ContextWith alone is one.
func TestContextAllocs(t *testing.T) {
	ctx := context.Background()
	for _, in := range extractInputs {
		p := twPropagator(t, in.name)
		const want = 1.0
		for kind, g := range map[string]carrier.Getter{
			"http": carrier.HTTPHeader(in.in.header()), "map": carrier.Map(in.in.mapOf()),
		} {
			if n := testing.AllocsPerRun(100, func() { sinkCtx = p.Extract(ctx, g) }); n != want {
				t.Errorf("Extract/%s-%s: %v allocs, want %v", in.name, kind, n, want)
			}
		}
	}
	b, err := baggage.Parse(inBaggage5)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { sinkCtx = baggage.ContextWith(ctx, b) }); n != 1 {
		t.Errorf("baggage.ContextWith: %v allocs, want 1", n)
	}
}
