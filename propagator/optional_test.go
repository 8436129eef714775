package propagator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// The format packages implement the optional interfaces with plain
// methods; these say which ones do.
var (
	_ propagator.TraceStateTextInjector = traceparent.Propagator{}
	_ propagator.ItemInjector           = jaeger.Propagator{}
)

// stateFormats are every registry member with a span context, and the
// other forms their options give.
func stateFormats(t *testing.T) map[string]propagator.SpanContextPropagator {
	t.Helper()
	ps := map[string]propagator.SpanContextPropagator{
		"tracecontext Level1":      traceparent.Propagator{Level1: true},
		"b3 pointer":               &b3.Propagator{},
		"jaeger pointer":           &jaeger.Propagator{},
		"ottrace 128-bit":          ottrace.Propagator{TraceID128: true},
		"cloudtrace two-way":       cloudtrace.Propagator{InjectHeader: true},
		"grpc-trace-bin binary":    grpctrace.Propagator{Binary: true},
		"tracecontext pointer":     &traceparent.Propagator{},
		"grpc-trace-bin pointer":   &grpctrace.Propagator{},
		"cloudtrace two-way ptr":   &cloudtrace.Propagator{InjectHeader: true},
		"ottrace 128-bit pointer":  &ottrace.Propagator{TraceID128: true},
		"tracecontext Level1 ptr":  &traceparent.Propagator{Level1: true},
		"b3multi pointer":          &b3.Propagator{Multi: true},
		"jaeger, from the package": jaeger.Propagator{},
	}
	for _, name := range propagator.Names() {
		p, _ := propagator.ByName(name) // nil for "none"
		if sp, ok := p.(propagator.SpanContextPropagator); ok {
			ps[name] = sp
		}
	}
	return ps
}

// TestReadsTraceState checks TraceStateReader against what InjectInto
// writes: every member reporting false writes the same headers for span
// contexts with a trace state (a dd= member among it, and one longer than
// traceparent keeps) as without, into both kinds of map carrier; and the
// members that read it (traceparent, Datadog) are seen to differ, so the
// comparison can fail.
func TestReadsTraceState(t *testing.T) {
	ids := tracewire.SpanContextConfig{
		TraceID: tracewire.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36},
		SpanID:  tracewire.SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7},
	}
	short := ids
	short.TraceID = tracewire.TraceID{8: 0xe4, 15: 0x01}
	short.TraceID64 = true
	short.ParentSpanID = tracewire.SpanID{7: 0x05}
	contexts := map[string]tracewire.SpanContext{
		"sampled":       with(ids, tracewire.SamplingAccept, false),
		"not sampled":   with(ids, tracewire.SamplingDeny, false),
		"debug":         with(ids, tracewire.SamplingDebug, false),
		"deferred":      with(ids, tracewire.SamplingDeferred, false),
		"random":        with(ids, tracewire.SamplingAccept, true),
		"64-bit parent": with(short, tracewire.SamplingAccept, false),
		"decision only": tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept),
		"invalid":       {},
	}
	var states []tracewire.TraceState
	for _, text := range []string{
		"rojo=00f067aa0ba902b7",
		"dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4,congo=t61rcWkgMzE",
		"dd=s:-1;o:synthetics,a=" + strings.Repeat("x", 250) + ",b=" + strings.Repeat("y", 250),
	} {
		ts, err := tracewire.ParseTraceState(text)
		if err != nil {
			t.Fatal(err)
		}
		states = append(states, ts)
	}
	wantReads := map[string]bool{
		"tracecontext": true, "tracecontext Level1": true, "tracecontext pointer": true,
		"tracecontext Level1 ptr": true, "datadog": true,
	}
	for name, p := range stateFormats(t) {
		reads := true
		if r, ok := p.(propagator.TraceStateReader); ok {
			reads = r.ReadsTraceState()
		}
		if reads != wantReads[name] {
			t.Errorf("%s: reads the trace state: %v, want %v", name, reads, wantReads[name])
		}
		differs := false
		for scName, sc := range contexts {
			for _, ts := range states {
				for _, kind := range []string{"Map", "HTTPHeader"} {
					without, with := setterOf(kind), setterOf(kind)
					p.InjectInto(without, sc)
					p.InjectInto(with, sc.WithTraceState(ts))
					d := cmp.Diff(without, with)
					if d != "" && !reads {
						t.Errorf("%s, %s, %s: reports that InjectInto does not read the trace state, but it wrote (-without +with):\n%s", name, scName, kind, d)
					}
					differs = differs || d != ""
				}
			}
		}
		if reads && !differs {
			t.Errorf("%s: no trace state changed what InjectInto writes; the test cannot tell", name)
		}
	}
}

// with returns the span context c describes, with sampling s and the
// random flag.
func with(c tracewire.SpanContextConfig, s tracewire.Sampling, random bool) tracewire.SpanContext {
	c.Sampling, c.Random = s, random
	return c.SpanContext()
}

// setterOf returns an empty carrier of the kind named.
func setterOf(kind string) carrier.Setter {
	if kind == "Map" {
		return carrier.Map{}
	}
	return carrier.HTTPHeader(http.Header{})
}

// TestItemInjector checks ItemInjector's promise for every registry
// member that makes it: Inject of a context with a span context and
// baggage writes what InjectInto and InjectItem write, and nothing else.
func TestItemInjector(t *testing.T) {
	sc := with(tracewire.SpanContextConfig{
		TraceID: tracewire.TraceID{0x4b, 15: 0x36},
		SpanID:  tracewire.SpanID{0x00, 7: 0xb7},
	}, tracewire.SamplingAccept, false)
	bags := map[string]string{
		"one":                 "user-id=alice",
		"to escape":           "user-id=alice%20smith,ratio=100%25",
		"upper-case key":      "User-Id=bob",
		"several":             "c=3,a=1,b=2",
		"with properties":     "k=v;p=1,j=w",
		"no span context yet": "k=v",
	}
	found := 0
	for _, name := range propagator.Names() {
		p, _ := propagator.ByName(name)
		ii, ok := p.(propagator.ItemInjector)
		if !ok {
			continue
		}
		found++
		sp, ok := p.(propagator.SpanContextPropagator)
		if !ok {
			t.Errorf("%s: an ItemInjector without InjectInto", name)
			continue
		}
		for bagName, line := range bags {
			b, err := baggage.Parse(line)
			if err != nil {
				t.Fatal(err)
			}
			ctx := baggage.ContextWith(context.Background(), b)
			isc := sc
			if bagName == "no span context yet" {
				isc = tracewire.SpanContext{}
			}
			ctx = tracewire.ContextWithSpanContext(ctx, isc)
			for _, kind := range []string{"Map", "HTTPHeader"} {
				want, got := setterOf(kind), setterOf(kind)
				p.Inject(ctx, want)
				sp.InjectInto(got, isc)
				for _, m := range b.All() {
					ii.InjectItem(got, m.Key(), m.Value())
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s, %s, %s: (-Inject +InjectInto and InjectItem):\n%s", name, bagName, kind, d)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no registry member is an ItemInjector")
	}
}
