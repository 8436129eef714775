package sentry_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/sentry"
)

func TestFields(t *testing.T) {
	if d := cmp.Diff([]string{"sentry-trace"}, sentry.Propagator{}.Fields()); d != "" {
		t.Error(d)
	}
	f := sentry.Propagator{}.Fields()
	f[0] = "mutated"
	if (sentry.Propagator{}).Fields()[0] != "sentry-trace" {
		t.Error("Fields shares its slice")
	}
}

// TestDownstream: a server continues the caller's trace and its client
// call carries the server's span, with the decision, and a deferred
// decision stays deferred.
func TestDownstream(t *testing.T) {
	var p sentry.Propagator
	for _, in := range []string{valid, tT + "-" + tS, tT + "-" + tS + "-0"} {
		ctx := p.Extract(context.Background(), carrier.Map{"sentry-trace": in})
		ctx, child := tracewire.ContextWithChild(ctx)
		out := carrier.Map{}
		p.Inject(ctx, out)
		want := tT + "-" + child.SpanID().String() + in[49:]
		if d := cmp.Diff(carrier.Map{"sentry-trace": want}, out); d != "" {
			t.Errorf("%q: downstream (-want +got):\n%s", in, d)
		}
	}
}

func TestExtractNothing(t *testing.T) {
	var p sentry.Propagator
	ctx := context.Background()
	for _, g := range []carrier.Map{{}, {"sentry-trace": " "}, {"sentry-trace": tT}, {"sentry-trace": "1"}} {
		if got := p.Extract(ctx, g); got != ctx {
			t.Errorf("Extract(%v) changed the context", g)
		}
	}
	existing := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, 0)
	ctx = tracewire.ContextWithSpanContext(ctx, existing)
	if got := tracewire.SpanContextFromContext(p.Extract(ctx, carrier.Map{"sentry-trace": tT})); got != existing {
		t.Errorf("an invalid header replaced the context: %v", got)
	}
}

func TestInjectInvalid(t *testing.T) {
	out := carrier.Map{}
	var p sentry.Propagator
	p.InjectInto(out, tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept))
	p.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("wrote %v for an invalid span context", out)
	}
}
