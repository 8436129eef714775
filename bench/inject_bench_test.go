package bench

import (
	"context"
	"net/http"
	"testing"

	zb3 "github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"go.opentelemetry.io/otel/propagation"
)

// floorIDsOf returns the ids the inject floor formats for a case and the
// list header it copies (tracestate, baggage or x-datadog-tags), taken
// from tracewire's extraction of the case's headers.
func floorIDsOf(name string, in input) (floorIDs, string) {
	sc := tracewire.SpanContextFromContext(twPropagatorNoTB(name).Extract(context.Background(), carrier.Map(in.mapOf())))
	ids := floorIDs{trace: sc.TraceID(), span: sc.SpanID(), parent: sc.ParentSpanID()}
	switch name {
	case "tracestate3", "tracestate32":
		return ids, in["tracestate"]
	case "baggage5", "baggage64":
		return ids, in["baggage"]
	case "datadog":
		return ids, in["x-datadog-tags"]
	}
	return ids, ""
}

// BenchmarkInject writes what a context holds into a carrier, through
// Inject(ctx, carrier) in every library. Each library's context comes from
// extracting the case's headers with its own propagator, so trace state
// and baggage are carried. The carrier is reused across iterations, as a
// proxy reuses an outgoing header, and holds five unrelated headers.
// tracewire clears the fields it owns from the reused carrier first (a
// stale x-b3-sampled or uberctx-* would otherwise survive); the peers
// only set theirs. So do the single-format floors; the composite floor
// clears as the composite contract requires, in one pass over the
// carrier's keys (see floorCarrier.clearOwned).
func BenchmarkInject(b *testing.B) {
	bg := context.Background()
	var cases []bcase
	for _, kind := range []string{"http", "map"} {
		for _, in := range extractInputs {
			h := in.in.header()
			tw := twPropagator(b, in.name)
			twCtx := tw.Extract(bg, carrier.HTTPHeader(h))
			newOut := func() (carrier.Setter, propagation.TextMapCarrier, *floorCarrier) {
				if kind == "http" {
					return carrier.HTTPHeader(input{}.header()), propagation.HeaderCarrier(input{}.header()),
						&floorCarrier{h: input{}.header()}
				}
				return carrier.Map(input{}.mapOf()), propagation.MapCarrier(input{}.mapOf()), &floorCarrier{m: input{}.mapOf()}
			}
			c := bcase{name: in.name + "-" + kind}
			c.libs = append(c.libs, lib{"tracewire", func(b *testing.B) {
				out, _, _ := newOut()
				for b.Loop() {
					tw.Inject(twCtx, out)
				}
				sinkAny = out
			}})
			if op := otelFor(b, in.name); op != nil {
				otelCtx := op.Extract(bg, propagation.HeaderCarrier(h))
				c.libs = append(c.libs, lib{"otel", func(b *testing.B) {
					_, out, _ := newOut()
					for b.Loop() {
						op.Inject(otelCtx, out)
					}
					sinkAny = out
				}})
			}
			if isB3(in.name) {
				var zopts []zb3.InjectOption
				if in.name == "b3single" {
					zopts = append(zopts, zb3.WithSingleHeaderOnly())
				}
				zsc, err := zb3.ExtractHTTP(&http.Request{Header: h})()
				if err != nil {
					b.Fatal(err)
				}
				if kind == "http" {
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						req := &http.Request{Header: input{}.header()}
						for b.Loop() {
							sinkErr = zb3.InjectHTTP(req, zopts...)(*zsc)
						}
					}})
				} else {
					c.libs = append(c.libs, lib{"zipkin", func(b *testing.B) {
						out := zb3.Map(input{}.mapOf())
						for b.Loop() {
							sinkErr = out.Inject(zopts...)(*zsc)
						}
					}})
				}
			}
			if ddStyle(in.name) != "" {
				dp := ddFor(b, in.name)
				dsc, err := dp.Extract(ddCarrier(h, nil))
				if err != nil {
					b.Fatal(err)
				}
				c.libs = append(c.libs, lib{"ddtrace", func(b *testing.B) {
					var out any = ddCarrier(input{}.header(), nil)
					if kind == "map" {
						out = ddCarrier(nil, input{}.mapOf())
					}
					for b.Loop() {
						sinkDDErr = dp.Inject(dsc, out)
					}
				}})
			}
			ids, list := floorIDsOf(in.name, in.in)
			if f := floorInject(in.name, ids, list); f != nil {
				floor := func(spellings bool) func(b *testing.B) {
					return func(b *testing.B) {
						_, _, out := newOut()
						out.spellings = spellings
						for b.Loop() {
							f(out)
						}
					}
				}
				c.libs = append(c.libs, lib{"floor", floor(false)})
				if kind == "map" {
					c.libs = append(c.libs, lib{"floorspell", floor(true)})
				}
			}
			cases = append(cases, c)
		}
	}
	runCases(b, cases)
}
