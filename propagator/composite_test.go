package propagator_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

const (
	tT  = "4bf92f3577b34da6a3ce929d0e0e4736"
	tP  = "00f067aa0ba902b7"
	bT  = "80f198ee56343ba864fe8b2a57d3eff7"
	bS  = "e457b5a2e4d86bd1"
	tp  = "00-" + tT + "-" + tP + "-01"
	tp0 = "00-" + tT + "-" + tP + "-00"
)

// got flattens what a composite extracted, for cmp.Diff.
type got struct {
	Trace, Span, Sampling string
	Valid                 bool
	State                 string
	Baggage               [][2]string
}

func summarize(ctx context.Context) got {
	sc := tracewire.SpanContextFromContext(ctx)
	g := got{Valid: sc.IsValid(), Sampling: sc.Sampling().String(), State: sc.TraceState().String()}
	if sc.IsValid() {
		g.Trace, g.Span = sc.TraceID().String(), sc.SpanID().String()
	}
	for _, m := range baggage.FromContext(ctx).All() {
		g.Baggage = append(g.Baggage, [2]string{m.Key(), m.Value()})
	}
	return g
}

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func TestCompositeExtract(t *testing.T) {
	all := []propagator.Propagator{propagator.TraceContext(), propagator.B3Multi(), propagator.Jaeger(), propagator.Baggage()}
	tests := []struct {
		name    string
		members []propagator.Propagator
		policy  propagator.Policy
		h       http.Header
		want    got
	}{
		{
			name:    "spec §8: b3multi,tracecontext both valid: first (b3) wins by default",
			members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()},
			h:       header("X-B3-TraceId", bT, "X-B3-SpanId", bS, "X-B3-Sampled", "1", "traceparent", tp0),
			want:    got{Trace: bT, Span: bS, Sampling: "accept", Valid: true},
		},
		{
			name:    "spec §8: b3multi,tracecontext both valid: last (traceparent) wins in OTel order",
			members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()},
			policy:  propagator.LastWins,
			h:       header("X-B3-TraceId", bT, "X-B3-SpanId", bS, "X-B3-Sampled", "1", "traceparent", tp0),
			want:    got{Trace: tT, Span: tP, Sampling: "deny", Valid: true},
		},
		{
			name:    "spec §8: traceparent invalid: the B3 context survives in OTel order too",
			members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()},
			policy:  propagator.LastWins,
			h:       header("X-B3-TraceId", bT, "X-B3-SpanId", bS, "traceparent", "ff-"+tT+"-"+tP+"-01"),
			want:    got{Trace: bT, Span: bS, Sampling: "deferred", Valid: true},
		},
		{
			name:    "invalid first member, valid second",
			members: all,
			h:       header("traceparent", "00-"+tT+"-"+tP+"-0g", "uber-trace-id", bT+":"+bS+":0:1"),
			want:    got{Trace: bT, Span: bS, Sampling: "accept", Valid: true},
		},
		{
			name:    "conflicting trace ids: the first valid wins and the later never overrides",
			members: all,
			h:       header("traceparent", tp, "X-B3-TraceId", bT, "X-B3-SpanId", bS, "uber-trace-id", "1:2:0:0"),
			want:    got{Trace: tT, Span: tP, Sampling: "accept", Valid: true},
		},
		{
			name:    "tracestate kept when the winner has the traceparent's trace id",
			members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()},
			h:       header("X-B3-TraceId", tT, "X-B3-SpanId", bS, "traceparent", tp, "tracestate", "rojo=1,congo=2"),
			want:    got{Trace: tT, Span: bS, Sampling: "deferred", Valid: true, State: "rojo=1,congo=2"},
		},
		{
			name:    "tracestate dropped when the winner's trace id differs",
			members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()},
			h:       header("X-B3-TraceId", bT, "X-B3-SpanId", bS, "traceparent", tp, "tracestate", "rojo=1"),
			want:    got{Trace: bT, Span: bS, Sampling: "deferred", Valid: true},
		},
		{
			name:    "OTel order never carries tracestate across formats",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3Multi()},
			policy:  propagator.LastWins,
			h:       header("X-B3-TraceId", tT, "X-B3-SpanId", bS, "traceparent", tp, "tracestate", "rojo=1"),
			want:    got{Trace: tT, Span: bS, Sampling: "deferred", Valid: true},
		},
		{
			name:    "sampling-only b3 is kept when nothing is valid",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3()},
			h:       header("b3", "0"),
			want:    got{Sampling: "deny"},
		},
		{
			name:    "sampling-only b3 never overrides a valid context",
			members: []propagator.Propagator{propagator.B3(), propagator.TraceContext()},
			h:       header("b3", "d", "traceparent", tp0),
			want:    got{Trace: tT, Span: tP, Sampling: "deny", Valid: true},
		},
		{
			name:    "baggage merged from W3C and Jaeger; W3C listed first wins a shared key",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.Baggage(), propagator.Jaeger()},
			h:       header("baggage", "user=alice,tier=gold", "uberctx-user", "bob", "uberctx-region", "eu%20west"),
			want:    got{Sampling: "deferred", Baggage: [][2]string{{"user", "alice"}, {"tier", "gold"}, {"region", "eu west"}}},
		},
		{
			name:    "the W3C member beats its lossy uberctx copy whatever the order and mode",
			members: []propagator.Propagator{propagator.Jaeger(), propagator.Baggage()},
			policy:  propagator.LastWins,
			h:       header("baggage", "userId=alice;p=1", "uberctx-userid", "bob", "uberctx-zone", "z1"),
			want:    got{Sampling: "deferred", Baggage: [][2]string{{"userId", "alice"}, {"zone", "z1"}}},
		},
		{
			name:    "same ids in a later member refine the winner: B3 debug, parent, width",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3()},
			h:       header("traceparent", "00-0000000000000000"+bT[16:]+"-"+bS+"-01", "b3", bT[16:]+"-"+bS+"-d-"+tP),
			want:    got{Trace: "0000000000000000" + bT[16:], Span: bS, Sampling: "debug", Valid: true},
		},
		{
			name:    "same ids: B3 deferred refines W3C not-sampled",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3()},
			h:       header("traceparent", "00-"+bT+"-"+bS+"-00", "b3", bT+"-"+bS),
			want:    got{Trace: bT, Span: bS, Sampling: "deferred", Valid: true},
		},
		{
			name:    "same ids: B3 deferred does not override W3C sampled",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3()},
			h:       header("traceparent", "00-"+bT+"-"+bS+"-01", "b3", bT+"-"+bS),
			want:    got{Trace: bT, Span: bS, Sampling: "accept", Valid: true},
		},
		{
			name:    "different span ids: no refinement",
			members: []propagator.Propagator{propagator.TraceContext(), propagator.B3()},
			h:       header("traceparent", "00-"+bT+"-"+tP+"-01", "b3", bT+"-"+bS+"-d"),
			want:    got{Trace: bT, Span: tP, Sampling: "accept", Valid: true},
		},
		{
			name:    "nothing present leaves the context empty",
			members: all,
			h:       header("content-type", "text/plain"),
			want:    got{Sampling: "deferred"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := propagator.Composite{Members: tt.members, Policy: tt.policy}
			ctx := c.Extract(context.Background(), carrier.HTTPHeader(tt.h))
			if diff := cmp.Diff(tt.want, summarize(ctx)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if sc := tracewire.SpanContextFromContext(ctx); sc.IsValid() && !sc.IsRemote() {
				t.Error("extracted context is not marked remote")
			}
		})
	}
}

func TestCompositeExtractFromError(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.B3())
	_, err := c.ExtractFrom(carrier.HTTPHeader(header("traceparent", "00-"+tT+"-"+tP+"-0g")))
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) || pe.Header() != "traceparent" || pe.Kind() != tracewire.ErrFlags || pe.Offset() != 54 {
		t.Fatalf("error = %v, want traceparent flags error at 54", err)
	}
	_, err = c.ExtractFrom(carrier.HTTPHeader(header("traceparent", "00-"+tT+"-"+tP+"-0g", "b3", bT+"-"+bS)))
	if err != nil {
		t.Fatalf("an error was reported although B3 held a valid context: %v", err)
	}
}

func TestCompositeInjectAndFields(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.Baggage(), propagator.B3(), propagator.B3Multi(), propagator.Jaeger(), propagator.TraceContext())
	if diff := cmp.Diff([]string{"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id"}, c.Fields()); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}

	in := header("traceparent", tp, "tracestate", "rojo=1", "baggage", "user=alice")
	ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
	out := http.Header{}
	c.Inject(ctx, carrier.HTTPHeader(out))
	want := http.Header{
		"Traceparent":   {tp},
		"Tracestate":    {"rojo=1"},
		"Baggage":       {"user=alice"},
		"B3":            {tT + "-" + tP + "-1"},
		"X-B3-Traceid":  {tT},
		"X-B3-Spanid":   {tP},
		"X-B3-Sampled":  {"1"},
		"Uber-Trace-Id": {tT + ":" + tP + ":0:1"},
		"Uberctx-User":  {"alice"},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("Inject (-want +got):\n%s", diff)
	}

	// The context-free pair carries span contexts only.
	sc, _ := c.ExtractFrom(carrier.HTTPHeader(in))
	out2 := http.Header{}
	c.InjectInto(carrier.HTTPHeader(out2), sc)
	if out2.Get("Baggage") != "" || out2.Get("Traceparent") != tp || out2.Get("Tracestate") != "rojo=1" {
		t.Errorf("InjectInto wrote %v", out2)
	}
}

func TestJaegerDebugIDThroughComposite(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.Jaeger())
	ctx := c.Extract(context.Background(), carrier.HTTPHeader(header("jaeger-debug-id", "req-42")))
	if got := jaeger.DebugIDFromContext(ctx); got != "req-42" {
		t.Errorf("debug id = %q", got)
	}
	sc := tracewire.SpanContextFromContext(ctx)
	if sc.IsValid() || !sc.IsDebug() {
		t.Errorf("debug request gave %v/%v, want an invalid debug context", sc.IsValid(), sc.Sampling())
	}
	if child := sc.NewChild(); !child.IsValid() || !child.IsDebug() {
		t.Error("the debug request did not start a debug trace")
	}
}

func TestCompositeAllocs(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.Baggage(), propagator.B3(), propagator.Jaeger())
	h := carrier.HTTPHeader(header("traceparent", tp))
	if n := testing.AllocsPerRun(200, func() { _, _ = c.ExtractFrom(h) }); n != 0 {
		t.Errorf("4-format composite ExtractFrom with only traceparent: %v allocs, want 0", n)
	}
	every, _ := propagator.Parse("tracecontext,b3,jaeger,xray-lambda,ottrace,cloudtrace,sentry,baggage")
	if n := testing.AllocsPerRun(200, func() { _, _ = every.ExtractFrom(h) }); n != 0 {
		t.Errorf("every-format composite ExtractFrom with only traceparent: %v allocs, want 0", n)
	}
	formats := map[string]struct {
		p propagator.SpanContextPropagator
		h http.Header
	}{
		"tracecontext": {propagator.TraceContext(), header("traceparent", tp, "tracestate", "rojo=1")},
		"b3":           {propagator.B3(), header("b3", bT+"-"+bS+"-1")},
		"b3multi":      {propagator.B3Multi(), header("X-B3-TraceId", bT, "X-B3-SpanId", bS, "X-B3-Sampled", "1")},
		"jaeger":       {propagator.Jaeger(), header("uber-trace-id", bT+":"+bS+":0:1")},
		"xray":         {propagator.XRay(), header("X-Amzn-Trace-Id", "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent="+bS+";Sampled=1")},
		"ottrace":      {propagator.OTTrace(), header("Ot-Tracer-Traceid", bT[16:], "Ot-Tracer-Spanid", bS, "Ot-Tracer-Sampled", "true")},
		"cloudtrace":   {cloudtrace.Propagator{InjectHeader: true}, header("X-Cloud-Trace-Context", bT+"/67667974448284343;o=1")},
		"sentry":       {propagator.Sentry(), header("Sentry-Trace", bT+"-"+bS+"-1")},
	}
	for name, f := range formats {
		if n := testing.AllocsPerRun(200, func() { _, _ = f.p.ExtractFrom(carrier.HTTPHeader(f.h)) }); n != 0 {
			t.Errorf("%s ExtractFrom: %v allocs, want 0", name, n)
		}
		sc, err := f.p.ExtractFrom(carrier.HTTPHeader(f.h))
		if err != nil || !sc.IsValid() {
			t.Fatalf("%s: %v", name, err)
		}
		out := http.Header{}
		f.p.InjectInto(carrier.HTTPHeader(out), sc)
		written := len(out)
		// At most a value string and a value slice per header: Set never
		// writes into a slice the header already holds (it may be shared).
		if n := testing.AllocsPerRun(200, func() { f.p.InjectInto(carrier.HTTPHeader(out), sc) }); n > float64(2*written) {
			t.Errorf("%s InjectInto a reused header: %v allocs for %d headers, want at most two each", name, n, written)
		}
	}
	bh := carrier.HTTPHeader(header("baggage", "a=1,b=2"))
	if n := testing.AllocsPerRun(200, func() { _, _ = baggage.Propagator{}.ExtractFrom(bh) }); n != 0 {
		t.Errorf("baggage ExtractFrom: %v allocs, want 0", n)
	}
}

func TestCompositeInjectClearsStaleFields(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.B3Multi())
	out := header("Tracestate", "old=1", "X-B3-Sampled", "0", "X-B3-Parentspanid", bS, "Content-Type", "text/plain")
	sc := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, 0).WithSampling(tracewire.SamplingDebug)
	c.InjectInto(carrier.HTTPHeader(out), sc)
	want := http.Header{
		"Traceparent":  {"00-01000000000000000000000000000000-0200000000000000-01"},
		"X-B3-Traceid": {"01000000000000000000000000000000"},
		"X-B3-Spanid":  {"0200000000000000"},
		"X-B3-Flags":   {"1"},
		"Content-Type": {"text/plain"},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("InjectInto over a reused header (-want +got):\n%s", diff)
	}
	m := carrier.Map{"Tracestate": "old=1", "other": "x"}
	c.Inject(tracewire.ContextWithSpanContext(context.Background(), sc), m)
	if _, stale := m["Tracestate"]; stale || m["other"] != "x" || m["traceparent"] == "" {
		t.Errorf("Inject over a reused map left %v", m)
	}
}

func TestCompositeInjectClearsStaleUberctx(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.Jaeger(), propagator.Baggage())
	in := header("traceparent", tp, "baggage", "user=alice")
	ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
	out := header("Uberctx-Old", "stale", "Uberctx-User", "bob", "Accept", "*/*")
	c.Inject(ctx, carrier.HTTPHeader(out))
	if out.Get("Uberctx-Old") != "" || out.Get("Uberctx-User") != "alice" || out.Get("Accept") != "*/*" {
		t.Errorf("reused carrier after Inject: %v", out)
	}
}

// contributor is a member with a tracestate member of its own, and no
// headers.
type contributor struct{}

func (contributor) Extract(ctx context.Context, _ carrier.Getter) context.Context { return ctx }
func (contributor) Inject(context.Context, carrier.Setter)                        {}
func (contributor) Fields() []string                                              { return nil }
func (contributor) TraceStateMember(_ context.Context, sc tracewire.SpanContext) (string, string, bool) {
	return "vnd", sc.SpanID().String(), true
}

// TestTraceStateContributor: a contributor's member goes first into the
// tracestate the W3C member writes, in Inject and InjectInto alike, and
// nowhere without a W3C member.
func TestTraceStateContributor(t *testing.T) {
	ts, _ := tracewire.ParseTraceState("vnd=old,rojo=1")
	sc := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 2}, tracewire.FlagSampled).WithTraceState(ts)
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)
	for _, tc := range []struct {
		name string
		c    propagator.Composite
		want http.Header
	}{
		{"with tracecontext", propagator.Compose(contributor{}, propagator.TraceContext()), http.Header{
			"Traceparent": {"00-00000000000000000000000000000001-0000000000000002-01"},
			"Tracestate":  {"vnd=0000000000000002,rojo=1"},
		}},
		{"without", propagator.Compose(contributor{}, propagator.B3()), http.Header{
			"B3": {"00000000000000000000000000000001-0000000000000002-1"},
		}},
	} {
		out := http.Header{}
		tc.c.Inject(ctx, carrier.HTTPHeader(out))
		if diff := cmp.Diff(tc.want, out); diff != "" {
			t.Errorf("%s: Inject (-want +got):\n%s", tc.name, diff)
		}
		into := http.Header{}
		tc.c.InjectInto(carrier.HTTPHeader(into), sc)
		if diff := cmp.Diff(tc.want, into); diff != "" {
			t.Errorf("%s: InjectInto (-want +got):\n%s", tc.name, diff)
		}
	}
	if got := tracewire.SpanContextFromContext(ctx).TraceState().String(); got != "vnd=old,rojo=1" {
		t.Errorf("Inject changed the caller's context: %q", got)
	}
}

// TestCompositeExtractSkipsOnlyEmptyBaggage: the composite asks the
// baggage and Jaeger members for baggage only when the carrier may hold
// some, and that probe must not miss any: a baggage header whose first
// line is empty, a jaeger-baggage header, a uberctx-* item in any case,
// a jaeger-debug-id.
func TestCompositeExtractSkipsOnlyEmptyBaggage(t *testing.T) {
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		g       carrier.Getter
		baggage string
		debug   string
	}{
		{"nothing", carrier.Map{"traceparent": tp}, "", ""},
		{"empty baggage line", carrier.HTTPHeader{"Traceparent": {tp}, "Baggage": {""}}, "", ""},
		{"second baggage line", carrier.HTTPHeader{"Traceparent": {tp}, "Baggage": {"", "k=v"}}, "k=v", ""},
		{"baggage in a map", carrier.Map{"traceparent": tp, "baggage": "k=v"}, "k=v", ""},
		{"uberctx", carrier.Map{"traceparent": tp, "uberctx-k": "v"}, "k=v", ""},
		{"uberctx in an http.Header", carrier.HTTPHeader{"Traceparent": {tp}, "Uberctx-K": {"v"}}, "k=v", ""},
		{"jaeger-baggage", carrier.Map{"traceparent": tp, "jaeger-baggage": "k=v"}, "k=v", ""},
		{"jaeger-debug-id", carrier.Map{"traceparent": tp, "jaeger-debug-id": "abc"}, "", "abc"},
	} {
		ctx := c.Extract(context.Background(), tc.g)
		if got := baggage.FromContext(ctx).String(); got != tc.baggage {
			t.Errorf("%s: baggage %q, want %q", tc.name, got, tc.baggage)
		}
		if got := jaeger.DebugIDFromContext(ctx); got != tc.debug {
			t.Errorf("%s: debug id %q, want %q", tc.name, got, tc.debug)
		}
		if !tracewire.SpanContextFromContext(ctx).IsValid() {
			t.Errorf("%s: no span context", tc.name)
		}
	}
}
