package datadog_test

import (
	"context"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
)

// TestExtractOneNode: Extract stores the span context and the Headers in
// one context node, and the context reads back what storing them
// separately (ContextWithExtracted, then ContextWithHeaders) gave, over
// an empty context, one holding a valid span context, and one holding a
// decision only.
func TestExtractOneNode(t *testing.T) {
	held := tracewire.NewSpanContext(tracewire.TraceID{15: 7}, tracewire.SpanID{7: 7}, tracewire.FlagSampled)
	decision := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny)
	bases := map[string]context.Context{
		"empty":    context.Background(),
		"valid":    tracewire.ContextWithSpanContext(context.Background(), held),
		"decision": tracewire.ContextWithSpanContext(context.Background(), decision),
	}
	for _, tc := range []struct {
		name string
		m    carrier.Map
	}{
		{"full", carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": ddSpan, "x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": ddTags}},
		{"ids", carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": ddSpan}},
		{"synthetics parent 0", carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": "0", "x-datadog-origin": "synthetics"}},
		{"decision only", carrier.Map{"x-datadog-sampling-priority": "0"}},
		{"invalid", carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": "12x"}},
		{"absent", carrier.Map{}},
	} {
		for base, ctx := range bases {
			h, _ := datadog.ExtractHeaders(tc.m)
			want := tracewire.ContextWithExtracted(ctx, h.SpanContext())
			if h.SpanContext().TraceID().IsValid() {
				want = datadog.ContextWithHeaders(want, h)
			}
			got := datadog.Propagator{}.Extract(ctx, tc.m)
			if g, w := tracewire.SpanContextFromContext(got), tracewire.SpanContextFromContext(want); g != w {
				t.Errorf("%s over %s: span context %v, want %v", tc.name, base, g, w)
			}
			gh, gok := datadog.HeadersFromContext(got)
			wh, wok := datadog.HeadersFromContext(want)
			if gh != wh || gok != wok {
				t.Errorf("%s over %s: Headers %v, %v, want %v, %v", tc.name, base, gh, gok, wh, wok)
			}
		}
	}
}

// TestExtractNested: a span context stored over Extract's node (a child
// span) wins while the extracted Headers stay readable, and Headers
// stored over it win while its span context stays readable.
func TestExtractNested(t *testing.T) {
	m := carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": ddSpan, "x-datadog-origin": "rum"}
	h, err := datadog.ExtractHeaders(m)
	if err != nil {
		t.Fatal(err)
	}
	ctx := datadog.Propagator{}.Extract(context.Background(), m)
	child := h.SpanContext().WithSpanID(tracewire.SpanID{7: 5})
	inner := tracewire.ContextWithSpanContext(ctx, child)
	if got := tracewire.SpanContextFromContext(inner); got != child {
		t.Errorf("span context over the node = %v, want %v", got, child)
	}
	if got, ok := datadog.HeadersFromContext(inner); !ok || got != h {
		t.Errorf("Headers under a span context = %v, %v, want %v", got, ok, h)
	}
	other, err := datadog.ParseHeaders("1", "2", "1", "", "")
	if err != nil {
		t.Fatal(err)
	}
	inner = datadog.ContextWithHeaders(ctx, other)
	if got, ok := datadog.HeadersFromContext(inner); !ok || got != other {
		t.Errorf("Headers over the node = %v, %v, want %v", got, ok, other)
	}
	if got, want := tracewire.SpanContextFromContext(inner), h.SpanContext().WithRemote(true); got != want {
		t.Errorf("span context under Headers = %v, want %v", got, want)
	}
}

func TestExtractAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	m := carrier.Map{"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": ddSpan, "x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": ddTags}
	ctx := context.Background()
	var p datadog.Propagator
	if n := testing.AllocsPerRun(100, func() { _ = p.Extract(ctx, m) }); n != 1 {
		t.Errorf("Extract: %v allocs, want 1 (the span context and the Headers in one node)", n)
	}
}
