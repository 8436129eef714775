package bench

import (
	"context"
	"net/http"
	"testing"

	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
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
	case "datadog":
		return nil // OpenTelemetry-Go has no Datadog propagator
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
	case "datadog":
		return func(g carrier.Getter) { sinkSC, sinkErr = datadog.Propagator{}.ExtractFrom(g) }
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
	p := twPropagatorNoTB(name)
	if p == nil {
		tb.Fatalf("no tracewire propagator for %q", name)
	}
	return p
}

// twPropagatorNoTB is twPropagator, nil for an unknown case.
func twPropagatorNoTB(name string) propagator.Propagator {
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
	case "datadog":
		return datadog.Propagator{}
	case "composite":
		c, err := propagator.New(compositeNames...)
		if err != nil {
			panic(err)
		}
		return c
	}
	return nil
}

// isB3 reports whether zipkin-go takes part in a case.
func isB3(name string) bool { return name == "b3single" || name == "b3multi" }

// extractLibs returns the libraries of one Extract or ExtractContext
// case over one carrier (http: an http.Header with canonical keys, as a
// server receives it; map: a map[string]string with lowercase keys, as a
// message carries it). withCtx selects the context-based calls: both
// libraries' Extract(ctx, carrier), and a floor that also stores its
// result in a context (one allocation).
func extractLibs(b *testing.B, name, kind string, in input, withCtx bool) []lib {
	ctx := context.Background()
	var h http.Header
	var m, om map[string]string
	var fc floorCarrier
	if kind == "http" {
		h = in.header()
		fc.h = h
	} else {
		m, om = in.mapOf(), in.otelMapOf(name)
		fc.m = m
	}
	var g carrier.Getter = carrier.HTTPHeader(h)
	var oc propagation.TextMapCarrier = propagation.HeaderCarrier(h)
	if kind == "map" {
		g, oc = carrier.Map(m), propagation.MapCarrier(om)
	}
	var libs []lib
	if withCtx {
		tw := twPropagator(b, name)
		libs = append(libs, lib{"tracewire", func(b *testing.B) {
			for b.Loop() {
				sinkCtx = tw.Extract(ctx, g)
			}
		}})
	} else {
		tw := twExtractFrom(b, name)
		libs = append(libs, lib{"tracewire", func(b *testing.B) {
			for b.Loop() {
				tw(g)
			}
		}})
	}
	if op := otelFor(b, name); op != nil {
		libs = append(libs, lib{"otel", func(b *testing.B) {
			for b.Loop() {
				sinkCtx = op.Extract(ctx, oc)
			}
		}})
	}
	if isB3(name) && !withCtx {
		if kind == "http" {
			req := &http.Request{Header: h}
			libs = append(libs, lib{"zipkin", func(b *testing.B) {
				for b.Loop() {
					sinkZ, sinkErr = zb3.ExtractHTTP(req)()
				}
			}})
		} else {
			zm := zb3.Map(m)
			libs = append(libs, lib{"zipkin", func(b *testing.B) {
				for b.Loop() {
					sinkZ, sinkErr = zm.Extract()
				}
			}})
		}
	}
	if ddStyle(name) != "" && !withCtx {
		dp, dc := ddFor(b, name), ddCarrier(h, m)
		libs = append(libs, lib{"ddtrace", func(b *testing.B) {
			for b.Loop() {
				sinkDD, sinkDDErr = dp.Extract(dc)
			}
		}})
	}
	if f := floorExtract[name]; f != nil {
		floor := func(fc *floorCarrier) func(b *testing.B) {
			return func(b *testing.B) {
				for b.Loop() {
					f(fc)
					if withCtx {
						sinkCtx = context.WithValue(ctx, floorKey{}, &sinkOut)
					}
				}
			}
		}
		libs = append(libs, lib{"floor", floor(&fc)})
		if kind == "map" {
			spelled := fc
			spelled.spellings = true
			libs = append(libs, lib{"floorspell", floor(&spelled)})
		}
	}
	return libs
}

// floorKey keys the context value the ExtractContext floor stores.
type floorKey struct{}

// BenchmarkExtract reads a span context (or baggage) from a carrier, over
// both carriers, each also holding five unrelated headers. tracewire is
// measured through ExtractFrom, which returns the value without building
// a context.Context; OpenTelemetry has no such entry point, so its Extract
// includes one context.WithValue (one allocation): BenchmarkExtractContext
// compares the two context-based calls. dd-trace-go's Extract returns its
// *SpanContext, zipkin-go's its *model.SpanContext.
func BenchmarkExtract(b *testing.B) {
	var cases []bcase
	for _, kind := range []string{"http", "map"} {
		for _, in := range extractInputs {
			cases = append(cases, bcase{in.name + "-" + kind, extractLibs(b, in.name, kind, in.in, false)})
		}
	}
	runCases(b, cases)
}

// BenchmarkExtractContext is Extract(ctx, carrier) in both libraries, the
// call an HTTP middleware or a message consumer makes, over both carriers.
func BenchmarkExtractContext(b *testing.B) {
	var cases []bcase
	for _, kind := range []string{"http", "map"} {
		for _, in := range extractInputs {
			cases = append(cases, bcase{in.name + "-" + kind, extractLibs(b, in.name, kind, in.in, true)})
		}
	}
	runCases(b, cases)
}
