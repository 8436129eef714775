package twotel

import (
	"context"
	"net/http"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"go.opentelemetry.io/otel/propagation"
)

// TestNode: OpenTelemetry's span key was found, and the node fits the 112
// bytes that keep one extraction cheaper than OpenTelemetry's own two
// allocations (a 48-byte context node and an 80-byte span).
func TestNode(t *testing.T) {
	if spanKey == nil {
		t.Fatal("OpenTelemetry's span key was not found; Extract falls back to trace.ContextWithSpan")
	}
	if s := unsafe.Sizeof(remote{}); s > 112 {
		t.Errorf("remote is %d bytes, want at most 112", s)
	}
}

// TestSpanOnly guards the shortcut the span-only formats take: their
// Extract must store nothing that their Inject or OpenTelemetry would
// read beyond the span context ExtractFrom returns (no baggage), and
// their Inject must write what InjectInto writes for the context's span
// context. A format that carries more without saying so by
// propagator's optional interfaces (see spanOnly) fails here.
func TestSpanOnly(t *testing.T) {
	inputs := []carrier.Map{
		{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "a=1"},
		{"b3": "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-d-05e3ac9a4f6e3b90"},
		{"b3": "0"},
		{"x-b3-traceid": "a3ce929d0e0e4736", "x-b3-spanid": "00f067aa0ba902b7", "x-b3-flags": "1"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:b", "uberctx-user": "alice", "jaeger-baggage": "k=v"},
		{"jaeger-debug-id": "abc", "uberctx-user": "alice", "baggage": "x=1"},
	}
	for _, f := range formats {
		p := f.new()
		if p.span == nil || len(p.more) > 0 {
			continue
		}
		for _, in := range inputs {
			ctx := p.tw.Extract(context.Background(), in)
			sc, _ := p.span.ExtractFrom(in)
			if got, want := tracewire.SpanContextFromContext(ctx), tracewire.SpanContextFromContext(tracewire.ContextWithExtracted(context.Background(), sc)); got != want {
				t.Errorf("%s %v: Extract stored %v, ExtractFrom gives %v", f.name, in, got, want)
			}
			if b := twbaggage.FromContext(ctx); b.Len() > 0 {
				t.Errorf("%s %v: Extract stored baggage %v", f.name, in, b)
			}
			viaInject, viaInjectInto := carrier.Map{}, carrier.Map{}
			p.tw.Inject(twbaggage.ContextWith(ctx, must(twbaggage.Parse("x=1"))), viaInject)
			p.span.InjectInto(viaInjectInto, tracewire.SpanContextFromContext(ctx))
			if diff := cmp.Diff(viaInjectInto, viaInject); diff != "" {
				t.Errorf("%s %v: Inject -InjectInto +Inject:\n%s", f.name, in, diff)
			}
		}
	}
}

// TestComposeSplit: a composite of span-only formats and W3C baggage is
// split into the composite's context-free pair and the baggage codec,
// and extracts what the composite's own Extract finds.
func TestComposeSplit(t *testing.T) {
	p, err := TextMapPropagator("tracecontext", "baggage", "b3")
	if err != nil {
		t.Fatal(err)
	}
	if p.span == nil || p.bag == nil {
		t.Fatalf("not split: %+v", p)
	}
	in := carrier.Map{"b3": "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1-05e3ac9a4f6e3b90",
		"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03", "tracestate": "a=1", "baggage": "k=v"}
	full := p.tw.Extract(context.Background(), in)
	sc, _ := p.span.ExtractFrom(in)
	if want := tracewire.SpanContextFromContext(full); sc.WithRemote(true) != want {
		t.Errorf("split %v, composite %v", sc, want)
	}
	x, err := TextMapPropagator("tracecontext", "xray")
	if err != nil {
		t.Fatal(err)
	}
	if x.span != nil || x.bag != nil {
		t.Error("a composite with a general member was split")
	}
	if _, ok := x.tw.(propagator.Composite); !ok {
		t.Errorf("tracecontext,xray is %T", x.tw)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestFastEqualsGeneral: whichever way Extract takes, the context-free
// pair or the tracewire propagator's own Extract, OpenTelemetry and
// SpanContextFromContext see the same thing: for every format and the
// split composite, on carriers with and without baggage and extras of
// the formats that carry them.
func TestFastEqualsGeneral(t *testing.T) {
	const tp, b3v = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-d-05e3ac9a4f6e3b90"
	inputs := []map[string]string{
		{"traceparent": tp, "tracestate": "a=1", "baggage": "k=v;p=1"},
		{"b3": b3v, "baggage": "k=v"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:b"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "uberctx-user": "alice", "baggage": "User=bob"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "jaeger-debug-id": "x", "uberctx-k": "v"},
		{"jaeger-debug-id": "x"},
		// Jaeger's probed way (extractProbed): a name a MapCarrier does
		// not read, an invalid and a blank value, no header at all.
		{"Uber-Trace-Id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1"},
		{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:zz:1"},
		{"uber-trace-id": " ", "accept": "*/*"},
		{"accept": "*/*"},
		{"ot-tracer-traceid": "a3ce929d0e0e4736", "ot-tracer-spanid": "00f067aa0ba902b7", "ot-tracer-sampled": "true", "ot-baggage-k": "v"},
		{"traceparent": tp, "b3": b3v, "uber-trace-id": "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "baggage": "a=1"},
	}
	props := []Propagator{}
	for _, f := range formats {
		props = append(props, f.new())
	}
	for _, names := range [][]string{{"tracecontext", "baggage", "b3", "jaeger"}, {"tracecontext", "baggage", "b3multi"}, {"jaeger", "baggage"}} {
		p, err := TextMapPropagator(names...)
		if err != nil {
			t.Fatal(err)
		}
		props = append(props, p)
	}
	for _, p := range props {
		if p.span == nil && p.bag == nil {
			continue
		}
		general := New(p.tw)
		for _, in := range inputs {
			for _, c := range []propagation.TextMapCarrier{propagation.MapCarrier(in), headerOf(in)} {
				got := observeExtract(p.Extract(context.Background(), c))
				want := observeExtract(general.Extract(context.Background(), c))
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%v %T %v: -general +fast:\n%s", p.Fields(), c, in, diff)
				}
			}
		}
	}
}

func headerOf(m map[string]string) propagation.HeaderCarrier {
	h := http.Header{}
	for k, v := range m {
		h.Set(k, v)
	}
	return propagation.HeaderCarrier(h)
}
