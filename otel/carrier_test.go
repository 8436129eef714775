package twotel_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/otel/propagation"
)

func TestGetter(t *testing.T) {
	h := http.Header{}
	h.Add("Traceparent", "tp")
	h.Add("Tracestate", "a=1")
	h.Add("Tracestate", "b=2")
	h.Add("X-Custom", "c")
	g := twotel.Getter(propagation.HeaderCarrier(h))
	vg, ok := g.(carrier.ValuesGetter)
	if !ok {
		t.Fatal("a HeaderCarrier's Getter is not a ValuesGetter")
	}
	got := []string{g.Get("traceparent"), g.Get("x-custom"), g.Get("absent")}
	if diff := cmp.Diff([]string{"tp", "c", ""}, got); diff != "" {
		t.Errorf("Get -want +got:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a=1", "b=2"}, vg.Values("tracestate")); diff != "" {
		t.Errorf("Values -want +got:\n%s", diff)
	}
	if n := testing.AllocsPerRun(100, func() { _ = g.Get("traceparent"); _ = vg.Values("tracestate") }); n != 0 {
		t.Errorf("HeaderCarrier lookups: %v allocations, want 0", n)
	}

	// A MapCarrier is read by exact name, as OpenTelemetry reads it, each
	// name spelled as OpenTelemetry's propagators spell it; a carrier.Map
	// is read case-insensitively.
	m := propagation.MapCarrier{"Traceparent": "upper", "b3": "x", "X-Amzn-Trace-Id": "root"}
	mg := twotel.Getter(m)
	if got := []string{mg.Get("traceparent"), mg.Get("b3"), mg.Get("x-amzn-trace-id")}; !cmp.Equal(got, []string{"", "x", "root"}) {
		t.Errorf("MapCarrier Get = %q", got)
	}
	if got := twotel.Getter(carrier.Map(m)).Get("traceparent"); got != "upper" {
		t.Errorf("carrier.Map Get = %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = mg.Get("b3"); _ = mg.Get("x-b3-traceid") }); n != 0 {
		t.Errorf("MapCarrier lookups: %v allocations, want 0", n)
	}

	// Any other carrier is used as it is.
	other := textMap{"traceparent": "t"}
	if got := twotel.Getter(other).Get("traceparent"); got != "t" {
		t.Errorf("other carrier Get = %q", got)
	}
}

// textMap is a carrier of neither of OpenTelemetry's two types.
type textMap = twotel.TextMap

// TestSetterSharedSlices: injecting into a header map that shares its
// value slices with another (a shallow copy of an incoming request's
// header) never changes the other, as http.Header.Set does not.
func TestSetterSharedSlices(t *testing.T) {
	in := http.Header{"Traceparent": {"00-" + tid + "-" + sid + "-01"}, "B3": {"old"}}
	out := http.Header{}
	for k, v := range in {
		out[k] = v // shares the slices
	}
	ctx := twotel.TraceContext().Extract(context.Background(), propagation.HeaderCarrier(in))
	p := mustProp(t, "b3")
	p.Inject(ctx, propagation.HeaderCarrier(out))
	if got := in.Get("b3"); got != "old" {
		t.Errorf("the incoming header changed: b3 %q", got)
	}
	if got := out.Get("b3"); got != tid+"-"+sid+"-1" {
		t.Errorf("b3 = %q", got)
	}
	s := twotel.Setter(propagation.HeaderCarrier(out))
	d, ok := s.(carrier.Deleter)
	if !ok {
		t.Fatal("a HeaderCarrier's Setter cannot delete")
	}
	d.Delete("b3")
	if _, ok := out["B3"]; ok {
		t.Error("Delete left the header")
	}

	// A MapCarrier gets the names OpenTelemetry's propagators write.
	m := propagation.MapCarrier{"x-amzn-trace-id": "stale"}
	ms := twotel.Setter(m)
	ms.Set("x-amzn-trace-id", "new")
	ms.Set("traceparent", "tp")
	if diff := cmp.Diff(propagation.MapCarrier{"X-Amzn-Trace-Id": "new", "traceparent": "tp"}, m); diff != "" {
		t.Errorf("MapCarrier after Set -want +got:\n%s", diff)
	}
	ms.(carrier.Deleter).Delete("x-amzn-trace-id")
	if diff := cmp.Diff(propagation.MapCarrier{"traceparent": "tp"}, m); diff != "" {
		t.Errorf("MapCarrier after Delete -want +got:\n%s", diff)
	}
	other := textMap{}
	twotel.Setter(other).Set("k", "v")
	if other["k"] != "v" {
		t.Error("other carrier not written")
	}
}

// TestCompositeClearsStaleFields: a composite deletes the fields it owns
// before writing, on a reused carrier of either type.
func TestCompositeClearsStaleFields(t *testing.T) {
	p := mustProp(t, "tracecontext,b3multi")
	ctx := p.Extract(context.Background(), propagation.HeaderCarrier(header("traceparent", "00-"+tid+"-"+sid+"-01")))
	h := header("tracestate", "stale=1", "x-b3-flags", "1", "x-b3-parentspanid", parent)
	p.Inject(ctx, propagation.HeaderCarrier(h))
	want := []string{"traceparent: 00-" + tid + "-" + sid + "-01", "x-b3-sampled: 1", "x-b3-spanid: " + sid, "x-b3-traceid: " + tid}
	if diff := cmp.Diff(want, flat(h)); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}
