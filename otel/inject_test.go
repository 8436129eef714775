package twotel

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// injectPropagators are every per-format Propagator and the composites
// whose Inject takes the direct way.
func injectPropagators(t *testing.T) []Propagator {
	t.Helper()
	var props []Propagator
	for _, f := range formats {
		props = append(props, f.new())
	}
	for _, names := range [][]string{
		{"tracecontext", "baggage", "b3", "jaeger"},
		{"tracecontext", "baggage", "b3multi"},
		{"jaeger", "baggage"},
		{"b3", "jaeger"},
		{"baggage", "tracecontext"},
	} {
		p, err := TextMapPropagator(names...)
		if err != nil {
			t.Fatal(err)
		}
		props = append(props, p)
	}
	return props
}

// stale is what a reused carrier holds from an earlier injection, for
// Inject to clear or overwrite, beside a header of the application's.
var stale = map[string]string{
	"traceparent":      "00-11111111111111111111111111111111-2222222222222222-01",
	"tracestate":       "old=1",
	"baggage":          "old=1",
	"b3":               "1",
	"x-b3-sampled":     "1",
	"x-b3-traceid":     "11111111111111111111111111111111",
	"uber-trace-id":    "1:2:0:1",
	"uberctx-old":      "1",
	"jaeger-baggage":   "old=1",
	"x-amzn-trace-id":  "Root=1-5759e988-bd862e3fe1be46a994272793",
	"x-application-id": "keep",
}

// TestFastInjectEqualsGeneral: Inject without a tracewire context writes
// what the tracewire propagator's own Inject writes from the context
// injectContext builds, for extracted contexts, SDK spans below them,
// baggage changed through OpenTelemetry (properties, keys the header
// cannot carry, values to escape, more members than the limits let
// through), on fresh and reused carriers of every kind.
func TestFastInjectEqualsGeneral(t *testing.T) {
	const tp, b3v = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-d-05e3ac9a4f6e3b90"
	inputs := []map[string]string{
		{},
		{"traceparent": tp, "tracestate": "a=1,b@c=2", "baggage": "k=v;p=1,j=%20x"},
		{"traceparent": tp, "tracestate": "1ab=x,a=1"},
		{"traceparent": tp, "tracestate": "t@" + strings.Repeat("s", 14) + "=" + strings.Repeat("v", 250) + ",a=" + strings.Repeat("w", 250) + ",b=1"},
		{"b3": b3v, "baggage": "k=v"},
		{"b3": "0"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:b"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "uberctx-user": "alice", "baggage": "User=bob"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "jaeger-debug-id": "x", "uberctx-k": "v"},
		{"jaeger-debug-id": "x"},
		{"X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-67891233-abcdef012345678912345678"},
		{"traceparent": tp, "b3": b3v, "uber-trace-id": "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "baggage": "a=1"},
	}
	tracer := sdktrace.NewTracerProvider().Tracer("test")
	// Baggage changed through OpenTelemetry after Extract.
	edits := []func(ctx context.Context) context.Context{
		func(ctx context.Context) context.Context { return ctx },
		func(ctx context.Context) context.Context {
			ctx, _ = tracer.Start(ctx, "child")
			return ctx
		},
		func(ctx context.Context) context.Context {
			b := baggage.FromContext(ctx)
			for _, kv := range [][2]string{{"User", "Zoë, 100%"}, {"user", "x;y=z"}, {"bad key", "1"}, {"é", "2"}} {
				m, err := baggage.NewMemberRaw(kv[0], kv[1])
				if err != nil {
					t.Fatal(err)
				}
				b, _ = b.SetMember(m)
			}
			p1, _ := baggage.NewKeyValuePropertyRaw("ttl", "6 0")
			p2, _ := baggage.NewKeyProperty("flag")
			m, _ := baggage.NewMemberRaw("props", "v", p1, p2)
			b, _ = b.SetMember(m)
			ctx, _ = tracer.Start(baggage.ContextWithBaggage(ctx, b), "child")
			return ctx
		},
		func(ctx context.Context) context.Context {
			// 70 members: the default limit of 64 leaves some out.
			var ms []baggage.Member
			for i := range 70 {
				m, _ := baggage.NewMemberRaw("k"+strings.Repeat("x", i), "v")
				ms = append(ms, m)
			}
			b, _ := baggage.New(ms...)
			return baggage.ContextWithBaggage(ctx, b)
		},
		func(ctx context.Context) context.Context {
			// The span replaced by an invalid one.
			return trace.ContextWithSpanContext(ctx, trace.SpanContext{})
		},
	}
	carriers := []struct {
		name string
		make func(stale bool) propagation.TextMapCarrier
		dump func(c propagation.TextMapCarrier) map[string][]string
	}{
		{"HeaderCarrier", func(withStale bool) propagation.TextMapCarrier {
			h := http.Header{}
			if withStale {
				for k, v := range stale {
					h.Set(k, v)
				}
			}
			return propagation.HeaderCarrier(h)
		}, func(c propagation.TextMapCarrier) map[string][]string { return c.(propagation.HeaderCarrier) }},
		{"MapCarrier", func(withStale bool) propagation.TextMapCarrier {
			m := propagation.MapCarrier{}
			if withStale {
				maps.Copy(m, stale)
				m["Traceparent"] = "other spelling"
				m["X-Amzn-Trace-Id"] = stale["x-amzn-trace-id"]
			}
			return m
		}, dumpMap},
		{"other", func(withStale bool) propagation.TextMapCarrier {
			m := TextMap{}
			if withStale {
				maps.Copy(m, stale)
			}
			return m
		}, func(c propagation.TextMapCarrier) map[string][]string {
			return dumpMap(propagation.MapCarrier(c.(TextMap)))
		}},
	}
	runs := 0
	for _, p := range injectPropagators(t) {
		general := New(p.tw)
		for _, in := range inputs {
			for ei, edit := range edits {
				ctx := edit(p.Extract(context.Background(), propagation.MapCarrier(in)))
				for _, c := range carriers {
					for _, withStale := range []bool{false, true} {
						got, want := c.make(withStale), c.make(withStale)
						p.Inject(ctx, got)
						general.Inject(ctx, want)
						runs++
						if diff := cmp.Diff(c.dump(want), c.dump(got)); diff != "" {
							t.Errorf("%v %v edit %d %s stale %v: -general +fast:\n%s", p.Fields(), in, ei, c.name, withStale, diff)
						}
					}
				}
			}
		}
	}
	t.Logf("%d injections compared", runs)
}

func dumpMap(c propagation.TextMapCarrier) map[string][]string {
	out := map[string][]string{}
	for k, v := range c.(propagation.MapCarrier) {
		out[k] = []string{v}
	}
	return out
}

// TestOTelMemberEncoding: appendOTelMember writes every byte of a value
// and of a property value as the tracewire Builder does, and leaves out
// the properties the Builder cannot carry.
func TestOTelMemberEncoding(t *testing.T) {
	checked := 0
	for c := range 256 {
		// Runes past 0x7f are their UTF-8 bytes, 0x80 to 0xc3:
		// OpenTelemetry takes only UTF-8.
		v := "a" + string(rune(c)) + "b"
		p1, err1 := baggage.NewKeyValuePropertyRaw("p", v)
		p2, err2 := baggage.NewKeyProperty("q")
		p3, err3 := baggage.NewKeyValuePropertyRaw("bad key", "1")
		var props []baggage.Property
		for _, p := range []struct {
			p   baggage.Property
			err error
		}{{p1, err1}, {p2, err2}, {p3, err3}} {
			if p.err == nil {
				props = append(props, p.p)
			}
		}
		m, err := baggage.NewMemberRaw("key", v, props...)
		if err != nil {
			continue
		}
		checked++
		got := string(appendOTelMember(nil, &m))
		var bd twbaggage.Builder
		setMember(&bd, m.Key(), &m)
		if want := bd.String(); got != want {
			t.Errorf("byte %#x: appendOTelMember %q, Builder %q", c, got, want)
		}
	}
	if checked < 256 {
		t.Errorf("only %d of 256 values made a member", checked)
	}
}
