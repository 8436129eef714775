package twotel

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/traceparent"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// extracted is what an Extract left in a context, comparably.
type extracted struct {
	OTel    string // the OpenTelemetry span context, traceparent-like, with its trace state
	TW      string // the tracewire span context as SpanContextFromContext has it
	Baggage []string
}

func observeExtract(ctx context.Context) extracted {
	var e extracted
	if osc := trace.SpanContextFromContext(ctx); osc.IsValid() {
		e.OTel = osc.TraceID().String() + "-" + osc.SpanID().String() + "-" + osc.TraceFlags().String() + " " + osc.TraceState().String()
		if osc.IsRemote() {
			e.OTel += " remote"
		}
	}
	sc := SpanContextFromContext(ctx)
	e.TW = sc.String() + " " + sc.Sampling().String() + " " + sc.TraceState().String()
	for _, m := range baggage.FromContext(ctx).Members() {
		v := m.Key() + "=" + m.Value()
		for _, p := range m.Properties() {
			pv, ok := p.Value()
			v += ";" + p.Key()
			if ok {
				v += "=" + pv
			}
		}
		e.Baggage = append(e.Baggage, v)
	}
	sort.Strings(e.Baggage)
	return e
}

// FuzzFastPaths: the W3C Trace Context and Baggage propagators store the
// same thing whether OpenTelemetry parses the tracestate or baggage line
// (the fast paths) or tracewire does (the general way), on both of
// OpenTelemetry's carriers.
func FuzzFastPaths(f *testing.F) {
	const tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	for _, s := range [][3]string{
		{tp, "", ""},
		{tp, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "k=v"},
		{tp, " a=1 ,\tb=2\t, ,c= x", "userId=alice,serverNode=DF%2028,isProduction=false,tenant=acme;ttl=60"},
		{tp, "a=1,a=2", "k=v;p;q=1;r=%20x"},
		{tp, "1ab=x,a=1", "k=v;"},
		{tp, "a@b=1,c@d=2", "k=v;;p=1"},
		{tp, "A=1", "k=v; ,j=2"},
		{tp, "a=1 2", "k=v;=x"},
		{tp, "a=", "k=v\f"},
		{tp, strings.Repeat("k=v,", 33), "a b=1"},
		{tp, "a=1,,,b=2,", "k=%zz,j=1"},
		{tp, "   ", "k=v,,j=1,"},
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03", "x=\x7f", "k=\u00e9"},
		{"zz", "a=1", "k=%FF"},
		{"", "a=1", "k=v;p=%41"},
		{tp, "a=1", " k = v ; p = 1 "},
		{tp, "t@" + strings.Repeat("s", 14) + "=1", strings.Repeat("k=v,", 70)},
	} {
		f.Add(s[0], s[1], s[2])
	}
	fast := TraceContext()
	slow := spanOnly(traceparent.Propagator{})
	bagFast := Baggage()
	composite, err := TextMapPropagator("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tp, ts, bag string) {
		hdr := http.Header{"Traceparent": {tp}, "Tracestate": {ts}, "Baggage": {bag}}
		m := propagation.MapCarrier{"traceparent": tp, "tracestate": ts, "baggage": bag}
		for _, c := range []propagation.TextMapCarrier{propagation.HeaderCarrier(hdr), m} {
			got := observeExtract(fast.Extract(context.Background(), c))
			want := observeExtract(slow.Extract(context.Background(), c))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tracecontext %T %q %q: -tracewire +fast:\n%s", c, tp, ts, diff)
			}
			got = observeExtract(bagFast.Extract(context.Background(), c))
			b, _ := twbaggage.Propagator{}.ExtractFrom(Getter(c))
			want = observeExtract(ContextWithBaggage(context.Background(), b))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("baggage %T %q: -tracewire +fast:\n%s", c, bag, diff)
			}
			// Inject writes what the general way writes from what was
			// extracted.
			for _, p := range []Propagator{fast, bagFast, composite} {
				ctx := p.Extract(context.Background(), c)
				got, want := propagation.MapCarrier{}, propagation.MapCarrier{}
				p.Inject(ctx, got)
				New(p.tw).Inject(ctx, want)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("inject %v %T %q %q %q: -general +fast:\n%s", p.Fields(), c, tp, ts, bag, diff)
				}
			}
		}
	})
}

// TestFastPathTaken: the fast paths are the ones the common headers take.
func TestFastPathTaken(t *testing.T) {
	p := TraceContext()
	g := Getter(propagation.MapCarrier{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "a=1,b=2"})
	if _, ok := p.extractTraceContext(context.Background(), g); !ok {
		t.Error("traceparent with a plain tracestate: fast path not taken")
	}
	g = Getter(propagation.MapCarrier{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "a=1,a=2"})
	if _, ok := p.extractTraceContext(context.Background(), g); ok {
		t.Error("a repeated key, which OpenTelemetry refuses: fast path taken")
	}
	// Jaeger's probe reads the span context in its walk; a MapCarrier
	// is still read by exact name.
	if Jaeger().probed == nil || B3().probed != nil {
		t.Error("extractProbed: not Jaeger's way alone")
	}
	for _, c := range []struct {
		m     propagation.MapCarrier
		valid bool
	}{
		{propagation.MapCarrier{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}, true},
		{propagation.MapCarrier{"Uber-Trace-Id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}, false},
	} {
		ctx := Jaeger().Extract(context.Background(), c.m)
		if got := trace.SpanContextFromContext(ctx).IsValid(); got != c.valid {
			t.Errorf("Jaeger on %v: valid %v, want %v", c.m, got, c.valid)
		}
	}
	b := Baggage()
	for _, c := range []struct {
		line string
		fast bool
	}{{"k=v,j=1;p=2", true}, {"k=v;", false}, {"k=v,bad", false}, {"", true}} {
		if _, ok := b.extractBaggageOTel(context.Background(), Getter(propagation.MapCarrier{"baggage": c.line})); ok != c.fast {
			t.Errorf("baggage %q: fast %v, want %v", c.line, ok, c.fast)
		}
	}
}

// TestLazyBaggage: a one-line baggage header on a context without baggage
// is kept as a lazyBaggage node, whose OpenTelemetry form is built once,
// whoever asks first, and is what the immediate way builds.
func TestLazyBaggage(t *testing.T) {
	if bagKey == nil {
		t.Skip("this OpenTelemetry-Go keeps baggage otherwise; Extract builds it at once")
	}
	const line = "userId=alice,serverNode=DF%2028,tenant=acme;ttl=60"
	p := Baggage()
	want := observeExtract(ContextWithBaggage(context.Background(), mustParseBaggage(t, line)))

	ctx := p.Extract(context.Background(), propagation.MapCarrier{"baggage": line})
	if _, ok := ctx.(*lazyBaggage); !ok {
		t.Fatalf("Extract stored %T, want *lazyBaggage", ctx)
	}
	got := make(chan extracted, 8)
	for range cap(got) {
		go func() { got <- observeExtract(ctx) }()
	}
	for range cap(got) {
		if diff := cmp.Diff(want, <-got); diff != "" {
			t.Errorf("concurrent readers: -want +got:\n%s", diff)
		}
	}

	// A context that has baggage already (perhaps with an OpenTracing
	// bridge's hooks) gets the new baggage at once, replacing the old.
	m, _ := baggage.NewMemberRaw("old", "1")
	old, _ := baggage.New(m)
	parent := baggage.ContextWithBaggage(context.Background(), old)
	ctx = p.Extract(parent, propagation.MapCarrier{"baggage": line})
	if _, ok := ctx.(*lazyBaggage); ok {
		t.Error("over existing baggage: lazy node stored")
	}
	if diff := cmp.Diff(want, observeExtract(ctx)); diff != "" {
		t.Errorf("over existing baggage: -want +got:\n%s", diff)
	}

	// A header with no valid member leaves the context as it is.
	bg := context.Background()
	if ctx := p.Extract(bg, propagation.MapCarrier{"baggage": "bad"}); ctx != bg {
		t.Errorf("no valid member: Extract returned %v, want the context it was given", ctx)
	}
}

func mustParseBaggage(t *testing.T, line string) twbaggage.Baggage {
	t.Helper()
	b, err := twbaggage.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
