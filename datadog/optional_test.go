package datadog_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

// The methods a composite finds by interface: Name, HasIDs, ClearFields,
// ExtractExtras and TraceStateMember.

func fullHeaders() carrier.Map {
	return carrier.Map{
		"x-datadog-trace-id": ddTrace, "x-datadog-parent-id": ddSpan,
		"x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": ddTags,
	}
}

func TestOptional(t *testing.T) {
	stale := fullHeaders()
	stale["accept"] = "*/*"
	vectorcheck.Optional(t, datadog.Propagator{}, "datadog",
		[]carrier.Getter{carrier.Map{"x-datadog-trace-id": ddTrace}, carrier.HTTPHeader{"X-Datadog-Trace-Id": {ddTrace}}},
		[]carrier.Getter{carrier.Map{}, carrier.Map{"x-datadog-parent-id": ddSpan, "x-datadog-origin": "rum"}},
		stale, "accept")
}

// TestExtractExtras: the Headers are stored whatever decides the span
// context, so Inject of a context of the same trace keeps the priority,
// origin and tags.
func TestExtractExtras(t *testing.T) {
	p := datadog.Propagator{}
	ctx := context.Background()
	if got := p.ExtractExtras(ctx, carrier.Map{"x-datadog-trace-id": "x"}); got != ctx {
		t.Error("ExtractExtras changed the context for invalid headers")
	}
	ctx = p.ExtractExtras(ctx, fullHeaders())
	h, ok := datadog.HeadersFromContext(ctx)
	if pr, _ := h.Priority(); !ok || h.Origin() != "rum" || pr != datadog.UserKeep {
		t.Fatalf("stored %v, %v", h, ok)
	}
	if tracewire.SpanContextFromContext(ctx).IsValid() {
		t.Error("ExtractExtras stored a span context")
	}
	// Another member decided the context: the same span, from traceparent.
	out := carrier.Map{}
	p.Inject(tracewire.ContextWithSpanContext(ctx, w3c(t, tracewire.FlagSampled, "")), out)
	if d := cmp.Diff(fullHeaders(), out); d != "" {
		t.Errorf("Inject (-want +got):\n%s", d)
	}
}

func TestTraceStateMember(t *testing.T) {
	p := datadog.Propagator{}
	stored := p.ExtractExtras(context.Background(), fullHeaders())
	other, _ := tracewire.ParseTraceID("11111111111111111111111111111111")
	child, _ := tracewire.ParseSpanID("b7ad6b7169203331")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		sc   tracewire.SpanContext
		want string // "" for none
	}{
		{"invalid", context.Background(), tracewire.SpanContext{}, ""},
		{"from the context alone", context.Background(), w3c(t, tracewire.FlagSampled, ""), "s:1;p:00f067aa0ba902b7"},
		{"deferred", context.Background(), w3c(t, 0, "").WithSampling(tracewire.SamplingDeferred), "p:00f067aa0ba902b7"},
		{"from its own dd= member", context.Background(), w3c(t, tracewire.FlagSampled, "dd=s:2;o:rum;p:1111111111111111;t.dm:-4"), "s:2;o:rum;p:1111111111111111;t.dm:-4"},
		{"the flag wins over s:", context.Background(), w3c(t, 0, "dd=s:2;t.dm:-4"), "s:0;p:00f067aa0ba902b7"},
		{"from stored headers", stored, w3c(t, tracewire.FlagSampled, ""), "s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4"},
		{"stored headers, a child span", stored, w3c(t, tracewire.FlagSampled, "").WithSpanID(child), "s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4"},
		{"stored headers, the last Datadog span of sc's member", stored, w3c(t, tracewire.FlagSampled, "dd=s:2;p:1111111111111111").WithSpanID(child), "s:2;o:rum;p:1111111111111111;t.dm:-4"},
		{"stored headers of another trace", stored, w3c(t, tracewire.FlagSampled, "").WithTraceID(other), "s:1;p:00f067aa0ba902b7"},
	} {
		k, v, ok := p.TraceStateMember(tc.ctx, tc.sc)
		if tc.want == "" {
			if ok {
				t.Errorf("%s: TraceStateMember = %q, %q, true; want none", tc.name, k, v)
			}
			continue
		}
		if k != "dd" || v != tc.want || !ok {
			t.Errorf("%s: TraceStateMember = %q, %q, %v; want dd, %q", tc.name, k, v, ok, tc.want)
		}
	}
}
