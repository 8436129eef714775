package twotel_test

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"testing"

	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/contrib/propagators/autoprop"
	otelb3 "go.opentelemetry.io/contrib/propagators/b3"
	oteljaeger "go.opentelemetry.io/contrib/propagators/jaeger"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// The inputs of the bench module (bench/inputs_test.go), so that the
// numbers here compare with the codec benchmarks there.
var (
	inTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	inTracestate3 = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7,vendor@tenant=opaque"
	inBaggage5    = "userId=alice,serverNode=DF%2028,isProduction=false,tenant=acme;ttl=60,session=8f3a9c"
	inB3Single    = "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"
	inJaeger      = "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"
)

// noise is what a request carries besides trace headers.
var noise = map[string]string{
	"accept":          "*/*",
	"accept-encoding": "gzip, br",
	"content-type":    "application/json",
	"user-agent":      "bench/1.0",
	"x-request-id":    "7f6c1d9e-4a1b-4c1e-9d2f-0b8e5a3c2d10",
}

// benchCase is one format: the headers a request carries and the two
// propagators that read them.
type benchCase struct {
	name    string
	headers map[string]string
	otel    func() propagation.TextMapPropagator
	adapter func() propagation.TextMapPropagator
}

func mustAutoprop(names ...string) propagation.TextMapPropagator {
	p, err := autoprop.TextMapPropagator(names...)
	if err != nil {
		panic(err)
	}
	return p
}

func mustAdapter(names ...string) propagation.TextMapPropagator {
	p, err := twotel.TextMapPropagator(names...)
	if err != nil {
		panic(err)
	}
	return p
}

var benchCases = []benchCase{
	{
		name:    "tracecontext",
		headers: map[string]string{"traceparent": inTraceparent, "tracestate": inTracestate3},
		otel:    func() propagation.TextMapPropagator { return propagation.TraceContext{} },
		adapter: func() propagation.TextMapPropagator { return twotel.TraceContext() },
	},
	{
		name:    "baggage",
		headers: map[string]string{"baggage": inBaggage5},
		otel:    func() propagation.TextMapPropagator { return propagation.Baggage{} },
		adapter: func() propagation.TextMapPropagator { return twotel.Baggage() },
	},
	{
		name:    "b3",
		headers: map[string]string{"b3": inB3Single},
		otel:    func() propagation.TextMapPropagator { return otelb3.New() },
		adapter: func() propagation.TextMapPropagator { return twotel.B3() },
	},
	{
		name:    "jaeger",
		headers: map[string]string{"uber-trace-id": inJaeger},
		otel:    func() propagation.TextMapPropagator { return oteljaeger.Jaeger{} },
		adapter: func() propagation.TextMapPropagator { return twotel.Jaeger() },
	},
	{
		// OTEL_PROPAGATORS=tracecontext,baggage,b3,jaeger on a request
		// that carries W3C headers: what a service configured for several
		// formats spends on each request.
		name:    "composite",
		headers: map[string]string{"traceparent": inTraceparent, "tracestate": inTracestate3, "baggage": inBaggage5},
		otel:    func() propagation.TextMapPropagator { return mustAutoprop("tracecontext", "baggage", "b3", "jaeger") },
		adapter: func() propagation.TextMapPropagator { return mustAdapter("tracecontext", "baggage", "b3", "jaeger") },
	},
}

// carriers builds the two carriers OpenTelemetry provides, holding
// headers and noise: an http.Header as a server receives it (canonical
// keys), and a map with lowercase keys as message headers arrive.
var carriers = []struct {
	name string
	make func(h map[string]string) propagation.TextMapCarrier
}{
	{"HeaderCarrier", func(h map[string]string) propagation.TextMapCarrier {
		hh := http.Header{}
		for k, v := range noise {
			hh.Set(k, v)
		}
		for k, v := range h {
			hh.Set(k, v)
		}
		return propagation.HeaderCarrier(hh)
	}},
	{"MapCarrier", func(h map[string]string) propagation.TextMapCarrier {
		m := propagation.MapCarrier{}
		maps.Copy(m, noise)
		maps.Copy(m, h)
		return m
	}},
}

func implementations(bc benchCase) []struct {
	name string
	p    propagation.TextMapPropagator
} {
	return []struct {
		name string
		p    propagation.TextMapPropagator
	}{{"otel", bc.otel()}, {"tracewire", bc.adapter()}}
}

var (
	sinkCtx   context.Context
	sinkSC    trace.SpanContext
	sinkValue string
)

// BenchmarkExtract runs every format's Extract through the OpenTelemetry
// API, OpenTelemetry's own propagator beside the adapter, on both
// carriers.
func BenchmarkExtract(b *testing.B) {
	for _, bc := range benchCases {
		for _, cr := range carriers {
			for _, impl := range implementations(bc) {
				b.Run(bc.name+"/"+cr.name+"/"+impl.name, func(b *testing.B) {
					c := cr.make(bc.headers)
					ctx := context.Background()
					b.ReportAllocs()
					for b.Loop() {
						sinkCtx = impl.p.Extract(ctx, c)
					}
				})
			}
		}
	}
}

// BenchmarkExtractRead is BenchmarkExtract for the formats that carry
// baggage, followed by what a service reads: the span context and one
// baggage member. The adapter builds OpenTelemetry's baggage when it is
// first read, so this is where it pays for it.
func BenchmarkExtractRead(b *testing.B) {
	for _, bc := range benchCases {
		if _, ok := bc.headers["baggage"]; !ok {
			continue
		}
		for _, cr := range carriers {
			for _, impl := range implementations(bc) {
				b.Run(bc.name+"/"+cr.name+"/"+impl.name, func(b *testing.B) {
					c := cr.make(bc.headers)
					ctx := context.Background()
					b.ReportAllocs()
					for b.Loop() {
						ctx := impl.p.Extract(ctx, c)
						sinkSC = trace.SpanContextFromContext(ctx)
						sinkValue = baggage.FromContext(ctx).Member("userId").Value()
					}
					if sinkValue != "alice" {
						b.Fatalf("baggage member userId = %q, want alice", sinkValue)
					}
				})
			}
		}
	}
}

// BenchmarkInject writes the context of a client span, started by the
// OpenTelemetry SDK as the child of the extracted one (so the adapter's
// trace-wide extras apply), into a reused carrier.
func BenchmarkInject(b *testing.B) {
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	for _, bc := range benchCases {
		for _, cr := range carriers {
			for _, impl := range implementations(bc) {
				b.Run(bc.name+"/"+cr.name+"/"+impl.name, func(b *testing.B) {
					ctx := impl.p.Extract(context.Background(), cr.make(bc.headers))
					ctx, span := tp.Tracer("bench").Start(ctx, "client")
					defer span.End()
					out := cr.make(nil)
					b.ReportAllocs()
					for b.Loop() {
						impl.p.Inject(ctx, out)
					}
				})
			}
		}
	}
}

// TestBenchInputs checks that every benchmark input is read as a valid
// context by both propagators, so that no row measures an error path.
func TestBenchInputs(t *testing.T) {
	for _, bc := range benchCases {
		for _, cr := range carriers {
			for _, impl := range implementations(bc) {
				ctx := impl.p.Extract(context.Background(), cr.make(bc.headers))
				out := cr.make(nil)
				impl.p.Inject(ctx, out)
				var got []string
				for _, k := range out.Keys() {
					if _, isNoise := noise[strings.ToLower(k)]; !isNoise {
						got = append(got, strings.ToLower(k))
					}
				}
				if len(got) == 0 {
					t.Errorf("%s/%s/%s: extracted nothing that injects again", bc.name, cr.name, impl.name)
				}
			}
		}
	}
}
