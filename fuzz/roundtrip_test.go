package fuzz

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
)

// roundTripper is one propagator under FuzzRoundTrip, with what its
// Inject cannot carry by design.
type roundTripper struct {
	name string
	p    propagator.Propagator
	// writesTraceState: Inject truncates tracestate to 512 bytes, the size
	// W3C asks every participant to propagate, so a longer list comes back
	// truncated.
	writesTraceState bool
	// dropsDebugOnly: Jaeger's injector writes nothing for a context
	// without ids, so the "start a debug trace" request that
	// jaeger-debug-id makes (an invalid context with debug sampling)
	// is inbound only and does not come back.
	dropsDebugOnly bool
	// unorderedBaggage: uberctx-* headers have no order among themselves
	// (a carrier is a map), so Jaeger yields them sorted by key and the
	// baggage order after a round trip through them is not the order
	// received; members are compared sorted by key.
	unorderedBaggage bool
	// settles: with OpenTelemetry's last-wins order (where the first-wins
	// default refines its winner from later members with the same ids),
	// the last format in
	// the list decides what the second extraction sees, and it may carry
	// less than the format that won the first (Jaeger has no random flag
	// and no tracestate). So the first cycle may lose those, keeping the
	// ids and the sampled bit, and the second cycle must then be a fixed
	// point. A first-wins composite with OT settles too: OT writes a trace
	// id whose high half is zero 16 digits wide and reads it back as a
	// 64-bit id, which refines the winner's width (see marks64), so B3
	// and Jaeger write it 16 digits wide from the second cycle on.
	settles bool
	// deferredParent: the single b3 header can carry a parent only after
	// a sampling state, so a deferred context (from x-b3-* headers with a
	// parent and no X-B3-Sampled) goes out without its parent.
	deferredParent bool
	// narrowsTrace: OT writes the low 64 bits of a trace id, so a 128-bit
	// one it read comes back as its low half, padded and marked 64-bit.
	narrowsTrace bool
	// marks64: OT writes a trace id whose high half is zero 16 digits
	// wide whatever width it arrived in, and reads 16 digits as a 64-bit
	// id, so such an id comes back marked 64-bit.
	marks64 bool
}

func roundTrippers() []roundTripper {
	all := []propagator.Propagator{propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage()}
	every := []propagator.Propagator{propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.XRay(),
		propagator.OTTrace(), cloudtrace.Propagator{InjectHeader: true}, propagator.Sentry(), propagator.Datadog(),
		propagator.GRPCTraceBin(), propagator.Baggage()}
	return []roundTripper{
		{name: "xray", p: propagator.XRay()},
		{name: "ottrace", p: propagator.OTTrace(), narrowsTrace: true},
		{name: "ottrace-128", p: ottrace.Propagator{TraceID128: true}, marks64: true},
		{name: "cloudtrace", p: cloudtrace.Propagator{InjectHeader: true}},
		{name: "sentry", p: propagator.Sentry()},
		{name: "datadog", p: propagator.Datadog()},
		{name: "grpc-trace-bin", p: propagator.GRPCTraceBin()},
		{name: "composite-every", p: propagator.Compose(every...), writesTraceState: true, settles: true},
		{name: "tracecontext", p: propagator.TraceContext(), writesTraceState: true},
		{name: "b3", p: propagator.B3(), deferredParent: true},
		{name: "b3multi", p: propagator.B3Multi()},
		{name: "jaeger", p: propagator.Jaeger(), dropsDebugOnly: true, unorderedBaggage: true},
		{name: "baggage", p: propagator.Baggage()},
		{name: "composite", p: propagator.Compose(all...), writesTraceState: true},
		{name: "composite-lastwins", p: propagator.Composite{Members: all, Policy: propagator.LastWins}, writesTraceState: true, unorderedBaggage: true, settles: true},
	}
}

// ctxView is what an extracted context holds, for cmp.Diff.
type ctxView struct {
	Valid   bool
	Span    convView
	State   string
	Baggage []memberView
}

type memberView struct {
	Key, Value string
	Props      [][3]string // key, value, "=" if the property has a value
}

func ctxViewOf(ctx context.Context) ctxView {
	sc := tracewire.SpanContextFromContext(ctx)
	v := ctxView{Valid: sc.IsValid(), Span: viewOf(sc), State: sc.TraceState().String()}
	for _, m := range baggage.FromContext(ctx).All() {
		mv := memberView{Key: m.Key(), Value: m.Value()}
		for p := range m.Properties() {
			eq := ""
			if p.HasValue() {
				eq = "="
			}
			mv.Props = append(mv.Props, [3]string{p.Key(), p.Value(), eq})
		}
		v.Baggage = append(v.Baggage, mv)
	}
	return v
}

// sortMembers orders members by key, keeping the wire order of
// duplicates.
func sortMembers(ms []memberView) {
	slices.SortStableFunc(ms, func(a, b memberView) int { return strings.Compare(a.Key, b.Key) })
}

// FuzzRoundTrip checks that for every propagator, and for the composite of
// the four formats (first-wins and last-wins), extracting what Inject
// wrote for an extracted context gives that context again, and that
// writing it once more gives the same headers: Extract∘Inject is a fixed
// point after one step. The input is header lines, "name: value\n".
func FuzzRoundTrip(f *testing.F) {
	for _, hs := range seedHeaders(f) {
		f.Add(encodeLines(hs))
	}
	rts := roundTrippers()
	f.Fuzz(func(t *testing.T, lines string) {
		in := decodeLines(lines)
		for _, rt := range rts {
			ctx1 := rt.p.Extract(context.Background(), carrier.HTTPHeader(in))
			if sc := tracewire.SpanContextFromContext(ctx1); sc.IsValid() && !sc.IsRemote() {
				t.Errorf("%s: extracted context is not marked remote", rt.name)
			}
			out1 := http.Header{}
			rt.p.Inject(ctx1, carrier.HTTPHeader(out1))
			ctx2 := rt.p.Extract(context.Background(), carrier.HTTPHeader(out1))
			if rt.settles {
				sc1, sc2 := tracewire.SpanContextFromContext(ctx1), tracewire.SpanContextFromContext(ctx2)
				if sc1.TraceID() != sc2.TraceID() || sc1.SpanID() != sc2.SpanID() || sc1.IsSampled() != sc2.IsSampled() {
					t.Fatalf("%s: first cycle lost ids or sampling:\nin: %q\n%+v\n%+v", rt.name, in, viewOf(sc1), viewOf(sc2))
				}
				ctx1 = ctx2
				out1 = http.Header{}
				rt.p.Inject(ctx1, carrier.HTTPHeader(out1))
				ctx2 = rt.p.Extract(context.Background(), carrier.HTTPHeader(out1))
			}

			want := ctxViewOf(ctx1)
			sc1 := tracewire.SpanContextFromContext(ctx1)
			if rt.writesTraceState {
				want.State = sc1.TraceState().Truncate(512).String()
			}
			if rt.deferredParent && sc1.IsDeferred() {
				want.Span.Parent = ""
			}
			if rt.narrowsTrace && sc1.IsValid() && want.Span.Trace[16:] != "0000000000000000" {
				want.Span.Trace, want.Span.Trace64 = "0000000000000000"+want.Span.Trace[16:], true
			}
			if rt.marks64 && sc1.IsValid() && sc1.TraceID().Is64Bit() {
				want.Span.Trace64 = true
			}
			if rt.dropsDebugOnly && !sc1.IsValid() {
				want.Valid, want.Span, want.State = false, viewOf(tracewire.SpanContext{}), ""
			}
			got := ctxViewOf(ctx2)
			if rt.unorderedBaggage {
				sortMembers(want.Baggage)
				sortMembers(got.Baggage)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: Extract(Inject(Extract(h))) != Extract(h) (-first +second):\nin:  %q\nout: %q\n%s", rt.name, in, out1, diff)
			}

			out2 := http.Header{}
			rt.p.Inject(ctx2, carrier.HTTPHeader(out2))
			if diff := cmp.Diff(out1, out2); diff != "" {
				t.Fatalf("%s: injected headers are not a fixed point (-first +second):\nin: %q\n%s", rt.name, in, diff)
			}
		}
	})
}
