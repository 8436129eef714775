package propagator_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// injectContext is what a service injects: a span context with trace
// state, and two baggage members (which Jaeger also sends as uberctx-*).
func injectContext(t testing.TB) context.Context {
	sc, err := traceparent.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := tracewire.ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
	if err != nil {
		t.Fatal(err)
	}
	b, err := baggage.Parse("user=alice,tenant=acme")
	if err != nil {
		t.Fatal(err)
	}
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc.WithTraceState(ts))
	return baggage.ContextWith(ctx, b)
}

// TestCompositeInjectAllocs: the four formats of OTEL_PROPAGATORS
// "tracecontext,baggage,b3,jaeger" write six headers (traceparent,
// tracestate, baggage, b3, uber-trace-id and two uberctx-*) into a reused
// carrier in at most two allocations: one string holding every value, and
// for the carriers of value slices one array of them.
func TestCompositeInjectAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		t.Fatal(err)
	}
	ctx := injectContext(t)
	sc := tracewire.SpanContextFromContext(ctx)
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{
		{"HTTPHeader", carrier.HTTPHeader(http.Header{"Accept": {"*/*"}}), 2},
		{"Map", carrier.Map{"accept": "*/*"}, 1},
		{"Metadata", carrier.Metadata{"accept": {"*/*"}}, 2},
	} {
		c.Inject(ctx, tc.s)
		if n := testing.AllocsPerRun(100, func() { c.Inject(ctx, tc.s) }); n > tc.want {
			t.Errorf("Inject into %s: %v allocs, want %v", tc.name, n, tc.want)
		}
		// InjectInto must leave uberctx-* alone, so it clears Jaeger's
		// fields by the list Fields returns, a new slice each time.
		if n := testing.AllocsPerRun(100, func() { c.InjectInto(tc.s, sc) }); n > tc.want+1 {
			t.Errorf("InjectInto into %s: %v allocs, want %v", tc.name, n, tc.want+1)
		}
	}
	// One format alone: one allocation, the value's string, which for
	// http.Header shares its object with the new one-element slice
	// carrier.Set stores rather than write into one the header may share.
	tp := traceparent.Propagator{}
	plain := sc.WithTraceState(tracewire.TraceState{})
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{
		{"Map", carrier.Map{"accept": "*/*"}, 1},
		{"HTTPHeader", carrier.HTTPHeader{"Accept": {"*/*"}}, 1},
		{"Metadata", carrier.Metadata{"accept": {"*/*"}}, 1},
	} {
		if n := testing.AllocsPerRun(100, func() { tp.InjectInto(tc.s, plain) }); n != tc.want {
			t.Errorf("traceparent into %s: %v allocs, want %v", tc.name, n, tc.want)
		}
	}
}

// TestOneMemberCompositeAllocs: OTEL_PROPAGATORS naming one format
// (New("b3multi"), New("tracecontext")) gives a composite of one member,
// which writes as that format alone does, in one allocation into every
// carrier, and leaves the carrier as the format's own ClearFields and
// InjectInto would.
func TestOneMemberCompositeAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	ctx := injectContext(t)
	sc := tracewire.SpanContextFromContext(ctx)
	for _, f := range []struct {
		name   string
		member interface {
			propagator.FieldClearer
			InjectInto(carrier.Setter, tracewire.SpanContext)
		}
	}{
		{"b3multi", b3.Propagator{Multi: true}},
		{"b3", b3.Propagator{}},
	} {
		c, err := propagator.New(f.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			new  func() carrier.Setter
		}{
			{"Map", func() carrier.Setter { return carrier.Map{"accept": "*/*", "b3": "stale", "x-b3-flags": "1"} }},
			{"HTTPHeader", func() carrier.Setter {
				return carrier.HTTPHeader{"Accept": {"*/*"}, "B3": {"stale"}, "X-B3-Flags": {"1"}}
			}},
			{"Metadata", func() carrier.Setter { return carrier.Metadata{"accept": {"*/*"}, "b3": {"stale"}} }},
		} {
			got, want := tc.new(), tc.new()
			c.Inject(ctx, got)
			f.member.ClearFields(want)
			f.member.InjectInto(want, sc)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s into %s: composite differs from the member alone (-member +composite):\n%s", f.name, tc.name, d)
			}
			if n := testing.AllocsPerRun(100, func() { c.Inject(ctx, got) }); n != 1 {
				t.Errorf("%s into %s: Inject %v allocs, want 1", f.name, tc.name, n)
			}
			if n := testing.AllocsPerRun(100, func() { c.InjectInto(got, sc) }); n != 1 {
				t.Errorf("%s into %s: InjectInto %v allocs, want 1", f.name, tc.name, n)
			}
		}
	}
}

// TestMultiHeaderInjectAllocs: a format writing several headers alone
// costs one allocation too, whatever the carrier: carrier.SetAll makes
// every value and, for the carriers of value slices, the array their
// one-element slices are cut from in one object.
func TestMultiHeaderInjectAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	sc := tracewire.SpanContextFromContext(injectContext(t)) // with trace state
	for _, f := range []struct {
		name string
		p    interface {
			InjectInto(carrier.Setter, tracewire.SpanContext)
		}
	}{
		{"traceparent", traceparent.Propagator{}},
		{"b3 multi", b3.Propagator{Multi: true}},
		{"ottrace", ottrace.Propagator{}},
		{"datadog", datadog.Propagator{}},
	} {
		name, p := f.name, f.p
		for _, tc := range []struct {
			name string
			s    carrier.Setter
		}{
			{"Map", carrier.Map{"accept": "*/*"}},
			{"HTTPHeader", carrier.HTTPHeader{"Accept": {"*/*"}}},
			{"Metadata", carrier.Metadata{"accept": {"*/*"}}},
			{"NATSHeader", carrier.NATSHeader{"Accept": {"*/*"}}},
		} {
			p.InjectInto(tc.s, sc)
			got := 0
			for range carrier.AllKeys(tc.s.(carrier.Getter)) {
				got++
			}
			if got < 3 {
				t.Fatalf("%s into %s: %d headers, want the carrier's one and at least two", name, tc.name, got)
			}
			if n := testing.AllocsPerRun(100, func() { p.InjectInto(tc.s, sc) }); n != 1 {
				t.Errorf("%s into %s: %v allocs, want 1", name, tc.name, n)
			}
		}
	}
}

// TestProxyInjectKeepsIncoming: a proxy copies the incoming request's
// headers into the outgoing request with out[k] = in[k], then injects its
// own context into the outgoing ones. The incoming request must not
// change: no value slice it shares with the outgoing header is written.
func TestProxyInjectKeepsIncoming(t *testing.T) {
	in := http.Header{
		"Traceparent":   {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
		"Tracestate":    {"in=1", "in=2"},
		"Baggage":       {"user=bob"},
		"B3":            {"0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1"},
		"Uber-Trace-Id": {"0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331:0:1"},
		"Uberctx-User":  {"bob"},
		"Accept":        {"*/*"},
	}
	want := in.Clone()
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		t.Fatal(err)
	}
	ctx := injectContext(t)
	for name, inject := range map[string]func(http.Header){
		"Composite.Inject":     func(h http.Header) { c.Inject(ctx, carrier.HTTPHeader(h)) },
		"Composite.InjectInto": func(h http.Header) { c.InjectInto(carrier.HTTPHeader(h), tracewire.SpanContextFromContext(ctx)) },
		"traceparent.Inject":   func(h http.Header) { traceparent.Propagator{}.Inject(ctx, carrier.HTTPHeader(h)) },
		// One header alone, its value and slice in one object (carrier.Set).
		"traceparent.InjectInto without tracestate": func(h http.Header) {
			sc := tracewire.SpanContextFromContext(ctx)
			traceparent.Propagator{}.InjectInto(carrier.HTTPHeader(h), sc.WithTraceState(tracewire.TraceState{}))
		},
	} {
		out := http.Header{}
		for k, v := range in {
			out[k] = v
		}
		inject(out)
		if d := cmp.Diff(want, in); d != "" {
			t.Errorf("%s changed the incoming header (-want +got):\n%s", name, d)
		}
		if got := out.Get("Traceparent"); got != "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" {
			t.Errorf("%s: outgoing traceparent %q", name, got)
		}
	}
}
