package bench

import (
	"context"
	"net/http"
	"testing"

	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire/carrier"
	"go.opentelemetry.io/otel/propagation"
)

// BenchmarkInject writes what a context holds into a carrier, through
// Inject(ctx, carrier) in both libraries. Each library's context comes from
// extracting the case's headers with its own propagator, so trace state and
// baggage are carried. The carrier is reused across iterations, as a proxy
// reuses an outgoing header, and holds five unrelated headers. Every library
// pays one allocation per header value written, the string itself.
func BenchmarkInject(b *testing.B) {
	bg := context.Background()
	var cases []bcase
	for _, carrierKind := range []string{"http", "map"} {
		for _, in := range extractInputs {
			h := in.in.header()
			tw := twPropagator(b, in.name)
			op := otelFor(b, in.name)
			twCtx := tw.Extract(bg, carrier.HTTPHeader(h))
			otelCtx := op.Extract(bg, propagation.HeaderCarrier(h))
			c := bcase{name: in.name + "-" + carrierKind}
			var zopts []zb3.InjectOption
			if in.name == "b3single" {
				zopts = append(zopts, zb3.WithSingleHeaderOnly())
			}
			if carrierKind == "http" {
				c.libs = []lib{
					{"tracewire", func(b *testing.B) {
						out := carrier.HTTPHeader(input{}.header())
						for b.Loop() {
							tw.Inject(twCtx, out)
						}
						sinkAny = out
					}},
					{"otel", func(b *testing.B) {
						out := propagation.HeaderCarrier(input{}.header())
						for b.Loop() {
							op.Inject(otelCtx, out)
						}
						sinkAny = out
					}},
				}
				if isB3(in.name) {
					zsc, err := zb3.ExtractHTTP(&http.Request{Header: h})()
					if err != nil {
						b.Fatal(err)
					}
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						req := &http.Request{Header: input{}.header()}
						for b.Loop() {
							sinkErr = zb3.InjectHTTP(req, zopts...)(*zsc)
						}
					}})
				}
			} else {
				c.libs = []lib{
					{"tracewire", func(b *testing.B) {
						out := carrier.Map(input{}.mapOf())
						for b.Loop() {
							tw.Inject(twCtx, out)
						}
						sinkAny = out
					}},
					{"otel", func(b *testing.B) {
						out := propagation.MapCarrier(input{}.mapOf())
						for b.Loop() {
							op.Inject(otelCtx, out)
						}
						sinkAny = out
					}},
				}
				if isB3(in.name) {
					zm := zb3.Map(in.in.mapOf())
					zsc, err := zm.Extract()
					if err != nil {
						b.Fatal(err)
					}
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						out := zb3.Map(input{}.mapOf())
						for b.Loop() {
							sinkErr = out.Inject(zopts...)(*zsc)
						}
					}})
				}
			}
			cases = append(cases, c)
		}
	}
	cases = append(cases, datadogInjectCases(b)...)
	runCases(b, cases)
}
