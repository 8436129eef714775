package cloudtrace_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
)

func TestFields(t *testing.T) {
	if got := (cloudtrace.Propagator{}).Fields(); len(got) != 0 {
		t.Errorf("one-way Fields = %v, want none", got)
	}
	if d := cmp.Diff([]string{"x-cloud-trace-context"}, cloudtrace.Propagator{InjectHeader: true}.Fields()); d != "" {
		t.Error(d)
	}
	f := cloudtrace.Propagator{InjectHeader: true}.Fields()
	f[0] = "mutated"
	if (cloudtrace.Propagator{InjectHeader: true}).Fields()[0] != "x-cloud-trace-context" {
		t.Error("Fields shares its slice")
	}
}

func TestExtractInject(t *testing.T) {
	in := carrier.Map{"x-cloud-trace-context": valid}
	for _, p := range []cloudtrace.Propagator{{}, {InjectHeader: true}} {
		ctx := p.Extract(context.Background(), in)
		sc := tracewire.SpanContextFromContext(ctx)
		if !sc.IsValid() || !sc.IsRemote() || !sc.IsSampled() {
			t.Fatalf("%+v: extracted %v", p, sc)
		}
		ctx, child := tracewire.ContextWithChild(ctx)
		out := carrier.Map{}
		p.Inject(ctx, out)
		want := carrier.Map{}
		if p.InjectHeader {
			want["x-cloud-trace-context"] = cloudtrace.Format(child)
		}
		if d := cmp.Diff(want, out); d != "" {
			t.Errorf("%+v: Inject (-want +got):\n%s", p, d)
		}
	}
}

func TestExtractNothing(t *testing.T) {
	ctx := context.Background()
	for _, g := range []carrier.Map{{}, {"x-cloud-trace-context": ""}, {"x-cloud-trace-context": tT}} {
		if got := (cloudtrace.Propagator{}).Extract(ctx, g); got != ctx {
			t.Errorf("Extract(%v) changed the context", g)
		}
	}
	// An invalid header never replaces a context already found.
	existing := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, 0)
	ctx = tracewire.ContextWithSpanContext(ctx, existing)
	got := tracewire.SpanContextFromContext(cloudtrace.Propagator{}.Extract(ctx, carrier.Map{"x-cloud-trace-context": invalid}))
	if got != existing {
		t.Errorf("an invalid header replaced the context: %v", got)
	}
}

func TestInjectInvalid(t *testing.T) {
	out := carrier.Map{}
	p := cloudtrace.Propagator{InjectHeader: true}
	p.InjectInto(out, tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept))
	p.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("wrote %v for an invalid span context", out)
	}
}
