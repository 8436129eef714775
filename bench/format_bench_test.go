package bench

import (
	"testing"

	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
	obaggage "go.opentelemetry.io/otel/baggage"
	otrace "go.opentelemetry.io/otel/trace"
)

// BenchmarkFormat encodes a parsed value. tracewire appends into the
// caller's buffer (the proxy's path, no allocation); the peers can only
// return a new string, which is what they are measured doing.
func BenchmarkFormat(b *testing.B) {
	buf := make([]byte, 0, 2048)
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	tp, err := traceparent.Parse(inTraceparent)
	must(err)
	fl, ok := floorParse(inTraceparent)
	if !ok {
		b.Fatal("floor rejects the traceparent")
	}
	b3sc, err := b3.Parse(inB3Single)
	must(err)
	zsc, err := zb3.ParseSingleHeader(inB3Single)
	must(err)
	jsc, err := jaeger.Parse(inJaeger)
	must(err)

	tracestate := func(in string) []lib {
		ts, err := tracewire.ParseTraceState(in)
		must(err)
		ots, err := otrace.ParseTraceState(in)
		must(err)
		return []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkBytes, sinkErr = ts.AppendText(buf[:0])
				}
			}},
			{"otel", func(b *testing.B) {
				for b.Loop() {
					sinkStr = ots.String()
				}
			}},
		}
	}
	bag := func(in string) []lib {
		tb, err := baggage.Parse(in)
		must(err)
		ob, err := obaggage.Parse(in)
		must(err)
		return []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkBytes = baggage.Append(buf[:0], tb)
				}
			}},
			{"otel", func(b *testing.B) {
				for b.Loop() {
					sinkStr = ob.String()
				}
			}},
		}
	}
	runCases(b, []bcase{
		{"traceparent", []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkBytes = traceparent.Append(buf[:0], tp)
				}
			}},
			{"floor", func(b *testing.B) {
				for b.Loop() {
					sinkBytes = floorAppend(buf[:0], &fl)
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
					sinkBytes = b3.Append(buf[:0], b3sc)
				}
			}},
			{"zipkin", func(b *testing.B) {
				for b.Loop() {
					sinkStr = zb3.BuildSingleHeader(*zsc)
				}
			}},
		}},
		{"jaeger", []lib{
			{"tracewire", func(b *testing.B) {
				for b.Loop() {
					sinkBytes = jaeger.Append(buf[:0], jsc)
				}
			}},
		}},
	})
}
