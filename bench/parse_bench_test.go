package bench

import (
	"testing"

	zmodel "github.com/openzipkin/zipkin-go/model"
	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
	obaggage "go.opentelemetry.io/otel/baggage"
	otrace "go.opentelemetry.io/otel/trace"
)

// Typed sinks: storing a struct in an interface sink would allocate and be
// charged to the library.
var (
	sinkFloor floorSC
	sinkTS    tracewire.TraceState
	sinkOTS   otrace.TraceState
	sinkBag   baggage.Baggage
	sinkOBag  obaggage.Baggage
	sinkZ     *zmodel.SpanContext
)

// BenchmarkParse decodes a bare header value. OpenTelemetry exports no
// parser for traceparent, B3 or Jaeger (only its propagators, measured by
// BenchmarkExtract), so those rows have no otel column.
func BenchmarkParse(b *testing.B) {
	tracestate := func(in string) []lib {
		return []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkTS, sinkErr = tracewire.ParseTraceState(in)
				}
			}},
			{"otel", func(b *testing.B) {
				for b.Loop() {
					sinkOTS, sinkErr = otrace.ParseTraceState(in)
				}
			}},
		}
	}
	bag := func(in string) []lib {
		return []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkBag, sinkErr = baggage.Parse(in)
				}
			}},
			{"otel", func(b *testing.B) {
				for b.Loop() {
					sinkOBag, sinkErr = obaggage.Parse(in)
				}
			}},
		}
	}
	runCases(b, []bcase{
		{"traceparent", []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkSC, sinkErr = traceparent.Parse(inTraceparent)
				}
			}},
			{"floor", func(b *testing.B) {
				for b.Loop() {
					sinkFloor, sinkBool = floorParse(inTraceparent)
				}
			}},
		}},
		{"tracestate3", tracestate(inTracestate3)},
		{"tracestate32", tracestate(inTracestate32)},
		{"baggage5", bag(inBaggage5)},
		{"baggage64", bag(inBaggage64)},
		{"b3single", []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkSC, sinkErr = b3.Parse(inB3Single)
				}
			}},
			{"zipkin", func(b *testing.B) {
				for b.Loop() {
					sinkZ, sinkErr = zb3.ParseSingleHeader(inB3Single)
				}
			}},
		}},
		{"jaeger", []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkSC, sinkErr = jaeger.Parse(inJaeger)
				}
			}},
		}},
	})
}
