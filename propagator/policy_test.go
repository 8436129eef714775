package propagator_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// resultView flattens a Result for cmp.Diff.
type resultView struct {
	Format, Trace, Span string
	Valid               bool
	Kind                string
}

func resultViews(rs []propagator.Result) []resultView {
	out := []resultView{}
	for _, r := range rs {
		v := resultView{Format: r.Format, Valid: r.SpanContext.IsValid()}
		if v.Valid {
			v.Trace, v.Span = r.SpanContext.TraceID().String(), r.SpanContext.SpanID().String()
		}
		for _, k := range []tracewire.ErrorKind{tracewire.ErrFlags, tracewire.ErrSampling, tracewire.ErrZeroTraceID} {
			if errors.Is(r.Err, k) {
				v.Kind = k.String()
			}
		}
		out = append(out, v)
	}
	return out
}

func TestExtractAllAndLinks(t *testing.T) {
	members := []propagator.Propagator{propagator.B3Multi(), propagator.Baggage(), propagator.TraceContext(), propagator.Jaeger(), propagator.B3()}
	h := carrier.HTTPHeader(header(
		"X-B3-Traceid", bT, "X-B3-Spanid", bS, "X-B3-Sampled", "1",
		"traceparent", "00-"+bT+"-"+tP+"-01",
		"uber-trace-id", tT+":"+tP+":0:1",
	))
	wantResults := []resultView{
		{Format: "b3multi", Trace: bT, Span: bS, Valid: true},
		{Format: "tracecontext", Trace: bT, Span: tP, Valid: true},
		{Format: "jaeger", Trace: tT, Span: tP, Valid: true},
		{Format: "b3", Trace: bT, Span: bS, Valid: true},
	}
	sc := func(trace, span string) tracewire.SpanContext {
		t, _ := tracewire.ParseTraceID(trace)
		s, _ := tracewire.ParseSpanID(span)
		return tracewire.NewSpanContext(t, s, tracewire.FlagSampled).WithRemote(true)
	}
	tests := []struct {
		policy      propagator.Policy
		trace, span string
		links       []tracewire.Link
	}{
		{propagator.FirstWins, bT, bS, []tracewire.Link{{SpanContext: sc(tT, tP), Reason: tracewire.LinkConflict}}},
		{propagator.LastWins, bT, bS, []tracewire.Link{{SpanContext: sc(tT, tP), Reason: tracewire.LinkConflict}}},
		{propagator.Reparent, bT, tP, []tracewire.Link{
			{SpanContext: sc(bT, bS), Reason: tracewire.LinkReparented},
			{SpanContext: sc(tT, tP), Reason: tracewire.LinkConflict},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			c := propagator.Composite{Members: members, Policy: tt.policy}
			results := c.ExtractAll(h, nil)
			if diff := cmp.Diff(wantResults, resultViews(results)); diff != "" {
				t.Errorf("ExtractAll (-want +got):\n%s", diff)
			}
			got, err := c.Resolve(results)
			if err != nil || got.TraceID().String() != tt.trace || got.SpanID().String() != tt.span {
				t.Errorf("Resolve = %v %v, %v; want %s %s", got.TraceID(), got.SpanID(), err, tt.trace, tt.span)
			}
			if from, _ := c.ExtractFrom(h); from != got {
				t.Errorf("ExtractFrom = %v, Resolve = %v", from, got)
			}
			if diff := cmp.Diff(tt.links, c.Links(nil, results), cmp.Comparer(func(a, b tracewire.Link) bool { return a == b })); diff != "" {
				t.Errorf("Links (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLinksNoWinner(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.B3())
	results := c.ExtractAll(carrier.HTTPHeader(header("traceparent", "00-"+tT+"-"+tP+"-0g", "b3", "0")), nil)
	if links := c.Links(nil, results); len(links) != 0 {
		t.Errorf("Links without a valid winner = %v", links)
	}
}

func TestExtractAllAllocs(t *testing.T) {
	c := propagator.Composite{
		Members: []propagator.Propagator{propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage()},
		Policy:  propagator.Reparent,
	}
	h := carrier.HTTPHeader(header("traceparent", tp, "b3", bT+"-"+bS+"-1", "uber-trace-id", tT+":"+bS+":0:1"))
	buf := make([]propagator.Result, 0, 4)
	links := make([]tracewire.Link, 0, 4)
	n := testing.AllocsPerRun(100, func() {
		rs := c.ExtractAll(h, buf[:0])
		_, _ = c.Resolve(rs)
		_ = c.Links(links[:0], rs)
		_, _ = c.ExtractFrom(h)
	})
	if n != 0 {
		t.Errorf("ExtractAll, Resolve, Links and ExtractFrom with room: %v allocs, want 0", n)
	}
}

func TestPolicyString(t *testing.T) {
	got := []string{propagator.FirstWins.String(), propagator.LastWins.String(), propagator.Reparent.String(), propagator.Policy(9).String()}
	if diff := cmp.Diff([]string{"first-wins", "last-wins", "reparent", "unknown"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, p := range []propagator.Policy{propagator.FirstWins, propagator.LastWins, propagator.Reparent} {
		if back, err := propagator.ParsePolicy(" " + strings.ToUpper(p.String()) + " "); back != p || err != nil {
			t.Errorf("ParsePolicy(%v) = %v, %v", p, back, err)
		}
	}
	if _, err := propagator.ParsePolicy("newest"); err == nil {
		t.Error("ParsePolicy(newest): no error")
	}
}

// vendor is a span-context member from another module, with its own
// headers ("vendor-id", "vendor-bag-{key}", "vendor-note"), implementing
// every optional interface. The composite must treat it as it treats this
// module's formats.
type vendor struct{ calls *[]string }

func (v vendor) log(s string) {
	if v.calls != nil {
		*v.calls = append(*v.calls, s)
	}
}

func (vendor) Name() string { return "vendor" }

func (v vendor) HasIDs(g carrier.Getter) bool {
	v.log("HasIDs")
	return g.Get("vendor-id") != ""
}

func (v vendor) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	v.log("ExtractFrom")
	raw := g.Get("vendor-id")
	if raw == "" {
		return tracewire.SpanContext{}, nil
	}
	t, err := tracewire.ParseTraceID(raw[:32])
	if err != nil {
		return tracewire.SpanContext{}, err
	}
	s, err := tracewire.ParseSpanID(raw[33:])
	if err != nil {
		return tracewire.SpanContext{}, err
	}
	return tracewire.NewSpanContext(t, s, tracewire.FlagSampled).WithRemote(true), nil
}

func (vendor) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if sc.IsValid() {
		s.Set("vendor-id", sc.TraceID().String()+"/"+sc.SpanID().String())
	}
}

func (v vendor) Extract(ctx context.Context, g carrier.Getter) context.Context {
	v.log("Extract")
	return ctx
}

func (v vendor) Inject(ctx context.Context, s carrier.Setter) {
	v.InjectInto(s, tracewire.SpanContextFromContext(ctx))
	for _, m := range baggage.FromContext(ctx).All() {
		s.Set("vendor-bag-"+m.Key(), m.Value())
	}
}

func (vendor) Fields() []string { return []string{"vendor-id"} }

func (vendor) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete("vendor-id")
	}
	carrier.DeleteFunc(s, func(k string) bool {
		return len(k) > 11 && (k[:11] == "vendor-bag-" || k[:11] == "Vendor-Bag-")
	})
}

func (vendor) BaggageFrom(g carrier.Getter) (baggage.Baggage, bool) {
	var bd baggage.Builder
	for _, k := range g.Keys() {
		if len(k) > 11 && (k[:11] == "vendor-bag-" || k[:11] == "Vendor-Bag-") {
			_ = bd.Set(k[11:], g.Get(k))
		}
	}
	return bd.Baggage(), true
}

type noteKey struct{}

func (vendor) ExtractExtras(ctx context.Context, g carrier.Getter) context.Context {
	if n := g.Get("vendor-note"); n != "" {
		ctx = context.WithValue(ctx, noteKey{}, n)
	}
	return ctx
}

func TestThirdPartyMember(t *testing.T) {
	var calls []string
	c := propagator.Compose(propagator.TraceContext(), vendor{&calls}, propagator.Baggage())

	// Once traceparent won, the vendor member is only probed.
	h := carrier.HTTPHeader(header("traceparent", tp))
	if sc, err := c.ExtractFrom(h); err != nil || sc.TraceID().String() != tT {
		t.Fatalf("ExtractFrom = %v, %v", sc, err)
	}
	if diff := cmp.Diff([]string{"HasIDs"}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}

	// Its baggage is a lossy copy: the W3C member wins the key. Its
	// extras are stored; its Extract is never called.
	calls = nil
	in := http.Header{}
	in.Set("vendor-id", bT+"/"+bS)
	in.Set("Vendor-Bag-User", "mallory")
	in.Set("Vendor-Bag-Zone", "z1")
	in.Set("Vendor-Note", "hello")
	in.Set("Baggage", "User=alice")
	ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
	if got := baggage.Format(baggage.FromContext(ctx)); got != "User=alice,Zone=z1" {
		t.Errorf("baggage = %q", got)
	}
	if got, _ := ctx.Value(noteKey{}).(string); got != "hello" {
		t.Errorf("extras: note = %q", got)
	}
	if sc := tracewire.SpanContextFromContext(ctx); sc.TraceID().String() != bT {
		t.Errorf("span context = %v", sc)
	}
	if diff := cmp.Diff([]string{"ExtractFrom"}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	results := c.ExtractAll(carrier.HTTPHeader(in), nil)
	if len(results) != 2 || results[1].Format != "vendor" || !results[1].SpanContext.IsValid() {
		t.Errorf("ExtractAll = %+v", results)
	}

	// Its stale headers are cleared from a reused carrier.
	out := header("Vendor-Id", "old", "Vendor-Bag-Old", "x", "Accept", "*/*")
	c.Inject(ctx, carrier.HTTPHeader(out))
	want := http.Header{
		"Traceparent":     {"00-" + bT + "-" + bS + "-01"},
		"Vendor-Id":       {bT + "/" + bS},
		"Vendor-Bag-User": {"alice"},
		"Vendor-Bag-Zone": {"z1"},
		"Baggage":         {"User=alice,Zone=z1"},
		"Accept":          {"*/*"},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("Inject into a reused carrier (-want +got):\n%s", diff)
	}
}

// TestNestedComposite: a composite inside another (the configured one
// beside the application's pass-through headers) keeps its members'
// baggage and extras, and clears their stale headers.
func TestNestedComposite(t *testing.T) {
	inner := propagator.Compose(propagator.TraceContext(), propagator.Jaeger(), propagator.Baggage())
	outer := propagator.Compose(inner, propagator.PassThrough{Headers: []string{"x-tenant"}})
	in := header("traceparent", tp, "Baggage", "User=bob", "Uberctx-User", "alice", "Uberctx-Zone", "z1",
		"Jaeger-Debug-Id", "req-1", "X-Tenant", "acme")
	ctx := outer.Extract(context.Background(), carrier.HTTPHeader(in))
	got := extractedOf(ctx)
	want := extractedOf(inner.Extract(context.Background(), carrier.HTTPHeader(in)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nested (-inner alone +nested):\n%s", diff)
	}
	if propagator.PassThroughValue(ctx, "x-tenant") != "acme" || got.Baggage != "User=bob,zone=z1" || got.DebugID != "req-1" {
		t.Errorf("nested extract: %+v, tenant %q", got, propagator.PassThroughValue(ctx, "x-tenant"))
	}
	out := header("Uberctx-Old", "x", "Tracestate", "old=1")
	outer.Inject(ctx, carrier.HTTPHeader(out))
	if out.Get("Uberctx-Old") != "" || out.Get("Tracestate") != "" || out.Get("Uberctx-Zone") != "z1" || out.Get("X-Tenant") != "acme" {
		t.Errorf("nested inject into a reused carrier: %v", out)
	}
}

// TestDecisionTraceID: a decision without ids (a bare B3 "1") takes the
// trace id of a later decision that agrees and has one (an X-Ray Root
// without Parent, as a load balancer sends), so that extracting what the
// composite injected gives the same context; a disagreeing decision, and
// last-wins, do not mix formats.
func TestDecisionTraceID(t *testing.T) {
	const root = "Root=1-5759e988-bd862e3fe1be46a994272793"
	trace, _ := tracewire.ParseTraceID("5759e988bd862e3fe1be46a994272793")
	for _, tc := range []struct {
		name    string
		policy  propagator.Policy
		b3, xr  string
		want    tracewire.TraceID
		wantDec tracewire.Sampling
	}{
		{"agree", propagator.FirstWins, "1", root + ";Sampled=1", trace, tracewire.SamplingAccept},
		{"agree, reparent", propagator.Reparent, "1", root + ";Sampled=1", trace, tracewire.SamplingAccept},
		{"disagree", propagator.FirstWins, "0", root + ";Sampled=1", tracewire.TraceID{}, tracewire.SamplingDeny},
		{"last wins", propagator.LastWins, "1", root + ";Sampled=1", tracewire.TraceID{}, tracewire.SamplingAccept},
		{"X-Ray deferred", propagator.FirstWins, "1", root, tracewire.TraceID{}, tracewire.SamplingAccept},
	} {
		c := propagator.Composite{Members: []propagator.Propagator{propagator.B3(), propagator.XRay()}, Policy: tc.policy}
		sc, err := c.ExtractFrom(carrier.HTTPHeader(header("b3", tc.b3, "x-amzn-trace-id", tc.xr)))
		if err != nil || sc.IsValid() || sc.TraceID() != tc.want || sc.Sampling() != tc.wantDec {
			t.Errorf("%s: ExtractFrom = %v (trace %s, %s), %v; want trace %s, %s", tc.name, sc, sc.TraceID(), sc.Sampling(), err, tc.want, tc.wantDec)
		}
	}
}
