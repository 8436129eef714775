package jaeger_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

func TestExtractInjectContext(t *testing.T) {
	p := jaeger.Propagator{}
	in := carrier.Map{"uber-trace-id": tid + ":" + sid + ":0:1", "jaeger-debug-id": "req-1"}
	ctx := p.Extract(context.Background(), in)
	sc := tracewire.SpanContextFromContext(ctx)
	if !sc.IsValid() || !sc.IsRemote() || sc.Sampling() != tracewire.SamplingAccept {
		t.Fatalf("extracted %+v", sc)
	}
	if got := jaeger.DebugIDFromContext(ctx); got != "req-1" {
		t.Errorf("DebugIDFromContext = %q, want req-1", got)
	}
	out := carrier.Map{}
	p.Inject(ctx, out)
	if d := cmp.Diff(carrier.Map{"uber-trace-id": tid + ":" + sid + ":0:1"}, out); d != "" {
		t.Errorf("Inject mismatch (-want +got):\n%s", d)
	}
}

func TestExtractDebugOnly(t *testing.T) {
	p := jaeger.Propagator{}
	ctx := p.Extract(context.Background(), carrier.Map{"jaeger-debug-id": "req-42"})
	sc := tracewire.SpanContextFromContext(ctx)
	if sc.IsValid() || !sc.IsDebug() || !sc.IsRemote() {
		t.Fatalf("extracted %+v, want invalid remote debug", sc)
	}
	if got := jaeger.DebugIDFromContext(ctx); got != "req-42" {
		t.Errorf("DebugIDFromContext = %q", got)
	}
	_, child := tracewire.ContextWithChild(ctx)
	if !child.IsValid() || !child.IsDebug() {
		t.Fatalf("child %+v, want a valid debug root", child)
	}
	out := carrier.Map{}
	p.InjectInto(out, child)
	got, err := jaeger.Parse(out["uber-trace-id"])
	if err != nil || got.Sampling() != tracewire.SamplingDebug || got.TraceID() != child.TraceID() {
		t.Errorf("injected %q: %v, %v", out["uber-trace-id"], got, err)
	}
	if v := out["uber-trace-id"]; v[len(v)-2:] != ":3" {
		t.Errorf("injected %q, want flags 3", v)
	}
}

func TestExtractNothing(t *testing.T) {
	p := jaeger.Propagator{}
	ctx := context.Background()
	for _, g := range []carrier.Map{
		{},
		{"uber-trace-id": ""},
		{"uber-trace-id": "garbage"},
		{"jaeger-debug-id": " "},
	} {
		if got := p.Extract(ctx, g); got != ctx {
			t.Errorf("Extract(%v) changed the context", g)
		}
	}
	if sc, err := p.ExtractFrom(carrier.Map{"uber-trace-id": " "}); sc != (tracewire.SpanContext{}) || err != nil {
		t.Errorf("ExtractFrom(blank) = %v, %v; want zero, nil", sc, err)
	}
	if _, err := p.ExtractFrom(carrier.Map{"uber-trace-id": "garbage"}); err == nil {
		t.Error("ExtractFrom(garbage): no error")
	}
}

func TestInjectInvalid(t *testing.T) {
	out := carrier.Map{}
	jaeger.Propagator{}.InjectInto(out, tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug))
	jaeger.Propagator{}.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("wrote %v for an invalid span context", out)
	}
	if got := jaeger.Format(tracewire.SpanContext{}); got != "" {
		t.Errorf("Format(invalid) = %q", got)
	}
}

func TestAppendStates(t *testing.T) {
	var traceID tracewire.TraceID
	traceID[15] = 1
	base := tracewire.SpanContext{}.WithTraceID(traceID).WithSpanID(tracewire.SpanID{7: 2})
	for _, tc := range []struct {
		sc   tracewire.SpanContext
		want string
	}{
		{base, "00000000000000000000000000000001:0000000000000002:0:0"},
		{base.With64BitTraceID(true).WithSampling(tracewire.SamplingDeny), "0000000000000001:0000000000000002:0:0"},
		{base.WithSampling(tracewire.SamplingAccept), "00000000000000000000000000000001:0000000000000002:0:1"},
		{base.WithSampling(tracewire.SamplingDebug).WithFirehose(true), "00000000000000000000000000000001:0000000000000002:0:b"},
		{base.WithFirehose(true), "00000000000000000000000000000001:0000000000000002:0:8"},
		{base.WithSampling(tracewire.SamplingAccept).WithFirehose(true).WithParentSpanID(tracewire.SpanID{0: 0xab}),
			"00000000000000000000000000000001:0000000000000002:ab00000000000000:9"},
		// The W3C random flag has no Jaeger bit.
		{base.WithSampling(tracewire.SamplingAccept).WithRandom(true), "00000000000000000000000000000001:0000000000000002:0:1"},
		// A 64-bit mark cannot shorten a trace id whose high half is set.
		{base.WithTraceID(tracewire.TraceID{0: 1, 15: 1}).With64BitTraceID(true),
			"01000000000000000000000000000001:0000000000000002:0:0"},
	} {
		if got := jaeger.Format(tc.sc); got != tc.want {
			t.Errorf("Format(%+v) = %q, want %q", tc.sc, got, tc.want)
		}
	}
}

func TestFields(t *testing.T) {
	if d := cmp.Diff([]string{"uber-trace-id"}, jaeger.Propagator{}.Fields()); d != "" {
		t.Error(d)
	}
}

// TestBaggage: the propagator carries uberctx-* and jaeger-baggage items
// as baggage.Baggage, merged under the baggage already in the context.
func TestBaggage(t *testing.T) {
	p := jaeger.Propagator{}
	in := carrier.Map{
		"uber-trace-id":   tid + ":" + sid + ":0:1",
		"uberctx-user":    "alice",
		"Uberctx-Region":  "eu%20west",
		"jaeger-baggage":  "team=core, bad",
		"uberctx-bad key": "dropped",
	}
	ctx := p.Extract(context.Background(), in)
	if got, want := baggage.Format(baggage.FromContext(ctx)), "region=eu%20west,user=alice,team=core"; got != want {
		t.Errorf("baggage = %q, want %q", got, want)
	}

	// A member already in the context wins a key, compared
	// case-insensitively.
	w3c, _ := baggage.Parse("User=bob;p=1")
	ctx = p.Extract(baggage.ContextWith(context.Background(), w3c), in)
	if got, want := baggage.Format(baggage.FromContext(ctx)), "User=bob;p=1,region=eu%20west,team=core"; got != want {
		t.Errorf("merged baggage = %q, want %q", got, want)
	}

	out := carrier.Map{}
	p.Inject(ctx, out)
	want := carrier.Map{
		"uber-trace-id":  tid + ":" + sid + ":0:1",
		"uberctx-user":   "bob",
		"uberctx-region": "eu%20west",
		"uberctx-team":   "core",
	}
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("Inject (-want +got):\n%s", d)
	}

	// Nothing to merge leaves the context's baggage as it was.
	ctx = p.Extract(baggage.ContextWith(context.Background(), w3c), carrier.Map{})
	if got := baggage.Format(baggage.FromContext(ctx)); got != "User=bob;p=1" {
		t.Errorf("baggage without items = %q", got)
	}
	if b, lossy := p.BaggageFrom(carrier.Map{}); b.Len() != 0 || !lossy {
		t.Errorf("BaggageFrom(empty) = %v, %v", b, lossy)
	}
}

func TestClearFields(t *testing.T) {
	h := http.Header{
		"Uber-Trace-Id":   {"1:2:0:1"},
		"Uberctx-User":    {"bob"},
		"Uberctx-":        {"no key"},
		"Jaeger-Baggage":  {"a=1"},
		"Jaeger-Debug-Id": {"req-1"},
		"Accept":          {"*/*"},
	}
	jaeger.Propagator{}.ClearFields(carrier.HTTPHeader(h))
	want := http.Header{"Uberctx-": {"no key"}, "Jaeger-Debug-Id": {"req-1"}, "Accept": {"*/*"}}
	if d := cmp.Diff(want, h); d != "" {
		t.Errorf("HTTPHeader (-want +got):\n%s", d)
	}
	m := carrier.Map{"uber-trace-id": "x", "UBERCTX-A": "1", "uberctx-b": "2", "other": "y"}
	jaeger.Propagator{}.ClearFields(m)
	if d := cmp.Diff(carrier.Map{"other": "y"}, m); d != "" {
		t.Errorf("Map (-want +got):\n%s", d)
	}
}

func TestNameAndHasIDs(t *testing.T) {
	p := jaeger.Propagator{}
	if p.Name() != "jaeger" {
		t.Errorf("Name = %q", p.Name())
	}
	if p.HasIDs(carrier.Map{"jaeger-debug-id": "x"}) || !p.HasIDs(carrier.Map{"uber-trace-id": "x"}) {
		t.Error("HasIDs looks at the wrong header")
	}
}

// TestExtractAgreesWithExtractFrom: Extract, which reads uber-trace-id
// during its walk over the names where it can, stores the span context
// ExtractFrom finds, whatever the spelling or spellings the carrier holds.
func TestExtractAgreesWithExtractFrom(t *testing.T) {
	other := "a3ce929d0e0e4736:" + sid + ":0:3"
	for name, g := range map[string]carrier.Getter{
		"map lowercase":        carrier.Map{"uber-trace-id": valid, "accept": "*/*"},
		"map canonical":        carrier.Map{"Uber-Trace-Id": valid, "user-agent": "x"},
		"map both":             carrier.Map{"uber-trace-id": valid, "Uber-Trace-Id": other},
		"map blank, canonical": carrier.Map{"uber-trace-id": " ", "Uber-Trace-Id": other},
		"map invalid":          carrier.Map{"uber-trace-id": "x:y:z:1"},
		"header":               carrier.HTTPHeader{"Uber-Trace-Id": {valid, other}},
		"header empty":         carrier.HTTPHeader{"Uber-Trace-Id": {}},
		"header lowercase key": carrier.HTTPHeader{"uber-trace-id": {valid}},
		"metadata":             carrier.Metadata{"uber-trace-id": {other}},
		"debug only":           carrier.Map{"jaeger-debug-id": "abc"},
	} {
		want, _ := jaeger.Propagator{}.ExtractFrom(g)
		got := tracewire.SpanContextFromContext(jaeger.Propagator{}.Extract(context.Background(), g))
		if got != want {
			t.Errorf("%s: Extract stored %v, ExtractFrom found %v", name, got, want)
		}
	}
}
