package xray_test

import (
	"context"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/xray"
)

// TestExtractOneNode: Extract, which stores the span context and the
// Header in one context node, reads back what storing them separately
// gave (ContextWithExtracted, then ExtractExtras over its result), over
// an empty context, one holding a valid span context, and one holding a
// decision only.
func TestExtractOneNode(t *testing.T) {
	held := tracewire.NewSpanContext(tracewire.TraceID{15: 7}, tracewire.SpanID{7: 7}, tracewire.FlagSampled)
	bases := map[string]context.Context{
		"empty":    context.Background(),
		"valid":    tracewire.ContextWithSpanContext(context.Background(), held),
		"decision": tracewire.ContextWithSpanContext(context.Background(), tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny)),
	}
	for _, header := range []string{
		valid,
		"Root=" + root + ";Parent=" + sid,
		"Root=" + root + ";Sampled=1",
		"Root=" + root + ";Sampled=?",
		valid + ";Lineage=a87bd80c:1:68",
		"Root=" + root + ";Parent=" + sid + ";Sampled=1;Foo=bar",
		"Root=" + root + ";Self=1-67891234-12456789abcdef012345678;Sampled=0",
		"Root=1-xyz",
		"",
	} {
		g := carrier.Map{"x-amzn-trace-id": header}
		for base, ctx := range bases {
			h, _ := xray.Propagator{}.ExtractHeader(g)
			want := xray.Propagator{}.ExtractExtras(tracewire.ContextWithExtracted(ctx, h.SpanContext()), g)
			got := xray.Propagator{}.Extract(ctx, g)
			if g, w := tracewire.SpanContextFromContext(got), tracewire.SpanContextFromContext(want); g != w {
				t.Errorf("%q over %s: span context %v, want %v", header, base, g, w)
			}
			if g, w := xray.HeaderFromContext(got), xray.HeaderFromContext(want); g != w {
				t.Errorf("%q over %s: Header %q, want %q", header, base, g.String(), w.String())
			}
		}
	}
}

// TestExtractNested: a span context stored over Extract's node (a child
// span) wins while the Header stays readable, and a Header stored over it
// wins while its span context stays readable.
func TestExtractNested(t *testing.T) {
	g := carrier.Map{"x-amzn-trace-id": valid + ";Lineage=a87bd80c:1:68"}
	h, err := xray.Propagator{}.ExtractHeader(g)
	if err != nil {
		t.Fatal(err)
	}
	ctx := xray.Propagator{}.Extract(context.Background(), g)
	child := h.SpanContext().WithSpanID(tracewire.SpanID{7: 5})
	inner := tracewire.ContextWithSpanContext(ctx, child)
	if got := tracewire.SpanContextFromContext(inner); got != child {
		t.Errorf("span context over the node = %v, want %v", got, child)
	}
	if got := xray.HeaderFromContext(inner); got != h {
		t.Errorf("Header under a span context = %q, want %q", got.String(), h.String())
	}
	other, err := xray.ParseHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Foo=bar")
	if err != nil {
		t.Fatal(err)
	}
	inner = xray.ContextWithHeader(ctx, other)
	if got := xray.HeaderFromContext(inner); got != other {
		t.Errorf("Header over the node = %q, want %q", got.String(), other.String())
	}
	if got, want := tracewire.SpanContextFromContext(inner), h.SpanContext().WithRemote(true); got != want {
		t.Errorf("span context under a Header = %v, want %v", got, want)
	}
}
