package bench

import (
	"context"
	"net/http"
	"testing"

	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
	"go.opentelemetry.io/contrib/propagators/autoprop"
	oxray "go.opentelemetry.io/contrib/propagators/aws/xray"
	ob3 "go.opentelemetry.io/contrib/propagators/b3"
	ojaeger "go.opentelemetry.io/contrib/propagators/jaeger"
	oot "go.opentelemetry.io/contrib/propagators/ot"
	"go.opentelemetry.io/otel/propagation"
)

// twComposite and otelComposite are the 4-format composites, built the way
// each library builds one from OTEL_PROPAGATORS.
func twComposite(tb testing.TB) propagator.Composite {
	c, err := propagator.New(compositeNames...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func otelComposite(tb testing.TB) propagation.TextMapPropagator {
	p, err := autoprop.TextMapPropagator(compositeNames...)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// otelFor returns the OpenTelemetry propagator for an extraction case.
func otelFor(tb testing.TB, name string) propagation.TextMapPropagator {
	switch name {
	case "traceparent", "tracestate3", "tracestate32":
		return propagation.TraceContext{}
	case "baggage5", "baggage64":
		return propagation.Baggage{}
	case "b3single":
		return ob3.New()
	case "b3multi":
		return ob3.New(ob3.WithInjectEncoding(ob3.B3MultipleHeader))
	case "jaeger":
		return ojaeger.Jaeger{}
	case "xray":
		return oxray.Propagator{}
	case "ottrace":
		return oot.OT{}
	case "composite":
		return otelComposite(tb)
	}
	tb.Fatalf("no otel propagator for %q", name)
	return nil
}

// twExtractFrom returns tracewire's context-free extraction for a case: what
// a proxy calls, returning the span context (or baggage) and its error into
// the sinks. It is called through a func value, an indirect call like the
// interface call OpenTelemetry's propagators are measured through.
func twExtractFrom(tb testing.TB, name string) func(g carrier.Getter) {
	switch name {
	case "traceparent", "tracestate3", "tracestate32":
		return func(g carrier.Getter) { sinkSC, sinkErr = traceparent.Propagator{}.ExtractFrom(g) }
	case "baggage5", "baggage64":
		return func(g carrier.Getter) { sinkBag, sinkErr = baggage.Propagator{}.ExtractFrom(g) }
	case "b3single", "b3multi":
		return func(g carrier.Getter) { sinkSC, sinkErr = b3.Propagator{}.ExtractFrom(g) }
	case "jaeger":
		return func(g carrier.Getter) { sinkSC, sinkErr = jaeger.Propagator{}.ExtractFrom(g) }
	case "xray":
		return func(g carrier.Getter) { sinkSC, sinkErr = xray.Propagator{}.ExtractFrom(g) }
	case "ottrace":
		return func(g carrier.Getter) { sinkSC, sinkErr = ottrace.Propagator{}.ExtractFrom(g) }
	case "composite":
		p := twComposite(tb)
		return func(g carrier.Getter) { sinkSC, sinkErr = p.ExtractFrom(g) }
	}
	tb.Fatalf("no tracewire extractor for %q", name)
	return nil
}

// twPropagator returns tracewire's context-based propagator for a case, the
// exact counterpart of OpenTelemetry's Extract(ctx, carrier).
func twPropagator(tb testing.TB, name string) propagator.Propagator {
	switch name {
	case "traceparent", "tracestate3", "tracestate32":
		return traceparent.Propagator{}
	case "baggage5", "baggage64":
		return baggage.Propagator{}
	case "b3single":
		return b3.Propagator{}
	case "b3multi":
		return b3.Propagator{Multi: true}
	case "jaeger":
		return jaeger.Propagator{}
	case "xray":
		return xray.Propagator{}
	case "ottrace":
		return ottrace.Propagator{}
	case "composite":
		return twComposite(tb)
	}
	tb.Fatalf("no tracewire propagator for %q", name)
	return nil
}

// isB3 reports whether zipkin-go takes part in a case.
func isB3(name string) bool { return name == "b3single" || name == "b3multi" }

// BenchmarkExtract reads a span context (or baggage) from a carrier:
// case=<format>-http over an http.Header with canonical keys, as a server
// receives it, and case=<format>-map over a map[string]string with lowercase
// keys, as a message carries it. Both carriers also hold five unrelated
// headers. tracewire is measured through ExtractFrom, which returns the value
// without building a context.Context; OpenTelemetry has no such entry point,
// so its Extract includes one context.WithValue (about 30 ns, 1 alloc):
// BenchmarkExtractContext compares the two context-based calls.
func BenchmarkExtract(b *testing.B) {
	ctx := context.Background()
	var cases []bcase
	for _, carrierKind := range []string{"http", "map"} {
		for _, in := range extractInputs {
			h, m, om := in.in.header(), in.in.mapOf(), in.in.otelMapOf(in.name)
			tw := twExtractFrom(b, in.name)
			op := otelFor(b, in.name)
			c := bcase{name: in.name + "-" + carrierKind}
			if carrierKind == "http" {
				c.libs = []lib{
					{"tracewire", func(b *testing.B) {
						g := carrier.HTTPHeader(h)
						for b.Loop() {
							tw(g)
						}
					}},
					{"otel", func(b *testing.B) {
						oc := propagation.HeaderCarrier(h)
						for b.Loop() {
							sinkCtx = op.Extract(ctx, oc)
						}
					}},
				}
				if isB3(in.name) {
					req := &http.Request{Header: h}
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						for b.Loop() {
							sinkZ, sinkErr = zb3.ExtractHTTP(req)()
						}
					}})
				}
			} else {
				c.libs = []lib{
					{"tracewire", func(b *testing.B) {
						g := carrier.Map(m)
						for b.Loop() {
							tw(g)
						}
					}},
					{"otel", func(b *testing.B) {
						oc := propagation.MapCarrier(om)
						for b.Loop() {
							sinkCtx = op.Extract(ctx, oc)
						}
					}},
				}
				if isB3(in.name) {
					zm := zb3.Map(m)
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						for b.Loop() {
							sinkZ, sinkErr = zm.Extract()
						}
					}})
				}
			}
			cases = append(cases, c)
		}
	}
	cases = append(cases, datadogExtractCases()...)
	runCases(b, cases)
}

// BenchmarkExtractContext is Extract(ctx, carrier) in both libraries, over
// http.Header: the like-for-like call an HTTP middleware makes.
func BenchmarkExtractContext(b *testing.B) {
	ctx := context.Background()
	var cases []bcase
	for _, in := range extractInputs {
		h := in.in.header()
		tw := twPropagator(b, in.name)
		op := otelFor(b, in.name)
		cases = append(cases, bcase{in.name + "-http", []lib{
			{"tracewire", func(b *testing.B) {
				g := carrier.HTTPHeader(h)
				for b.Loop() {
					sinkCtx = tw.Extract(ctx, g)
				}
			}},
			{"otel", func(b *testing.B) {
				oc := propagation.HeaderCarrier(h)
				for b.Loop() {
					sinkCtx = op.Extract(ctx, oc)
				}
			}},
		}})
	}
	runCases(b, cases)
}
