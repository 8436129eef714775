package tracewire

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	tT = TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36}
	tS = SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7}
	tP = SpanID{0x05, 0xe3, 0xac, 0x9a, 0x4f, 0x6e, 0x3b, 0x90}
)

// view flattens a SpanContext for cmp.Diff.
type view struct {
	Trace, Span, Parent                     string
	Sampling                                string
	Flags                                   Flags
	Valid, Sampled, Debug, Deferred, Random bool
	Remote, Firehose, Trace64               bool
}

func viewOf(sc SpanContext) view {
	return view{
		Trace: sc.TraceID().String(), Span: sc.SpanID().String(), Parent: sc.ParentSpanID().String(),
		Sampling: sc.Sampling().String(), Flags: sc.Flags(),
		Valid: sc.IsValid(), Sampled: sc.IsSampled(), Debug: sc.IsDebug(), Deferred: sc.IsDeferred(),
		Random: sc.IsRandom(), Remote: sc.IsRemote(), Firehose: sc.IsFirehose(), Trace64: sc.Is64BitTraceID(),
	}
}

func TestSpanContextAccessors(t *testing.T) {
	const zs, zt = "0000000000000000", "00000000000000000000000000000000"
	tests := []struct {
		name string
		sc   SpanContext
		want view
	}{
		{"zero", SpanContext{}, view{Trace: zt, Span: zs, Parent: zs, Sampling: "deferred", Deferred: true}},
		{"w3c sampled random", NewSpanContext(tT, tS, FlagSampled|FlagRandom),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "accept", Flags: 3, Valid: true, Sampled: true, Random: true}},
		{"w3c reserved bits dropped", NewSpanContext(tT, tS, 0xfc),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "deny", Valid: true}},
		{"debug reads as sampled", NewSpanContext(tT, tS, 0).WithSampling(SamplingDebug),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "debug", Flags: FlagSampled, Valid: true, Sampled: true, Debug: true}},
		{"WithFlags keeps debug when sampled", NewSpanContext(tT, tS, 0).WithSampling(SamplingDebug).WithFlags(FlagSampled),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "debug", Flags: FlagSampled, Valid: true, Sampled: true, Debug: true}},
		{"WithFlags clears debug when not sampled", NewSpanContext(tT, tS, 0).WithSampling(SamplingDebug).WithFlags(0),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "deny", Valid: true}},
		{"bad sampling value is deferred", SpanContext{}.WithSampling(9),
			view{Trace: zt, Span: zs, Parent: zs, Sampling: "deferred", Deferred: true}},
		{"b3 64-bit with parent", SpanContext{}.WithTraceID(TraceID{15: 1}).WithSpanID(tS).WithParentSpanID(tP).With64BitTraceID(true).WithRemote(true),
			view{Trace: "00000000000000000000000000000001", Span: tS.String(), Parent: tP.String(), Sampling: "deferred", Valid: true, Deferred: true, Remote: true, Trace64: true}},
		{"64-bit mark ignored for a wide id", NewSpanContext(tT, tS, 1).With64BitTraceID(true),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "accept", Flags: 1, Valid: true, Sampled: true}},
		{"firehose on and off", NewSpanContext(tT, tS, 1).WithFirehose(true).WithFirehose(false).WithRandom(true).WithRandom(false),
			view{Trace: tT.String(), Span: tS.String(), Parent: zs, Sampling: "accept", Flags: 1, Valid: true, Sampled: true}},
		{"sampling only", SpanContext{}.WithSampling(SamplingDeny),
			view{Trace: zt, Span: zs, Parent: zs, Sampling: "deny"}},
		{"span without trace is invalid", SpanContext{}.WithSpanID(tS).WithFirehose(true),
			view{Trace: zt, Span: tS.String(), Parent: zs, Sampling: "deferred", Deferred: true, Firehose: true}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, viewOf(tt.sc)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestSpanContextComparable(t *testing.T) {
	a := NewSpanContext(tT, tS, FlagSampled)
	b := NewSpanContext(tT, tS, FlagSampled)
	if a != b {
		t.Fatal("equal contexts are not ==")
	}
	if a == b.WithParentSpanID(tP) || a == b.WithRemote(true) {
		t.Fatal("different contexts are ==")
	}
}

func TestNewChild(t *testing.T) {
	parent := NewSpanContext(tT, tS, FlagRandom).WithSampling(SamplingDebug).WithRemote(true).With64BitTraceID(true)
	child := parent.NewChild()
	if child.TraceID() != tT || child.ParentSpanID() != tS || child.SpanID() == tS || !child.SpanID().IsValid() {
		t.Fatalf("child ids wrong: %+v", viewOf(child))
	}
	if child.IsRemote() || !child.IsRandom() || !child.IsDebug() {
		t.Fatalf("child flags wrong: %+v", viewOf(child))
	}
	notRandom := NewSpanContext(tT, tS, FlagSampled).NewChild()
	if notRandom.IsRandom() {
		t.Fatal("child set the random flag its parent did not have (W3C L2: must equal incoming)")
	}

	root := SpanContext{}.WithSampling(SamplingAccept).NewChild()
	if !root.IsValid() || root.TraceID() == tT || root.ParentSpanID().IsValid() || !root.IsRandom() || root.Sampling() != SamplingAccept {
		t.Fatalf("child of an invalid context is not a sampled new root: %+v", viewOf(root))
	}
	if r := NewRoot(SamplingDeferred); !r.IsValid() || !r.IsRandom() || !r.IsDeferred() {
		t.Fatalf("NewRoot: %+v", viewOf(r))
	}
}

func TestContextHelpers(t *testing.T) {
	ctx := context.Background()
	if sc := SpanContextFromContext(ctx); sc != (SpanContext{}) {
		t.Fatalf("empty context gave %+v", viewOf(sc))
	}
	sc := NewSpanContext(tT, tS, FlagSampled)
	ctx = ContextWithRemoteSpanContext(ctx, sc)
	got := SpanContextFromContext(ctx)
	if got != sc.WithRemote(true) {
		t.Fatalf("round trip gave %+v", viewOf(got))
	}
	ctx2, child := ContextWithChild(ctx)
	if SpanContextFromContext(ctx2) != child || child.ParentSpanID() != tS || child.TraceID() != tT || child.IsRemote() {
		t.Fatalf("ContextWithChild gave %+v", viewOf(child))
	}
	if SpanContextFromContext(ctx) != got {
		t.Fatal("ContextWithChild changed the parent context")
	}
}

func TestSamplingString(t *testing.T) {
	want := []string{"deferred", "deny", "accept", "debug", "invalid"}
	for i, w := range want {
		if got := Sampling(i).String(); got != w {
			t.Errorf("Sampling(%d) = %q, want %q", i, got, w)
		}
	}
}

func TestSpanContextConfig(t *testing.T) {
	ts, err := ParseTraceState("a=1")
	if err != nil {
		t.Fatal(err)
	}
	got := SpanContextConfig{
		TraceID: TraceID{15: 1}, SpanID: tS, ParentSpanID: tP, Sampling: SamplingDebug, TraceState: ts,
		Random: true, Remote: true, TraceID64: true, Firehose: true,
	}.SpanContext()
	want := SpanContext{}.WithTraceID(TraceID{15: 1}).WithSpanID(tS).WithParentSpanID(tP).WithSampling(SamplingDebug).
		WithTraceState(ts).WithRandom(true).WithRemote(true).With64BitTraceID(true).WithFirehose(true)
	if got != want {
		t.Errorf("config gave %+v, want %+v", viewOf(got), viewOf(want))
	}
	if sc := (SpanContextConfig{Sampling: 7}).SpanContext(); sc != (SpanContext{}) {
		t.Errorf("out-of-range sampling gave %+v", viewOf(sc))
	}
}

// TestBuild: Build stores what SpanContext returns, every field of it,
// whatever *dst held before.
func TestBuild(t *testing.T) {
	ts, err := ParseTraceState("a=1")
	if err != nil {
		t.Fatal(err)
	}
	full := SpanContextConfig{
		TraceID: tT, SpanID: tS, ParentSpanID: tP, Sampling: SamplingDebug, TraceState: ts,
		Random: true, Remote: true, TraceID64: true, Firehose: true,
	}
	for _, c := range []SpanContextConfig{
		{},
		full,
		{TraceID: TraceID{0: 1}, SpanID: tS, Sampling: SamplingAccept},
		{TraceID: TraceID{15: 1}, Sampling: SamplingDeny, Remote: true},
		{SpanID: tS, Sampling: 7, TraceID64: true},
	} {
		for _, before := range []SpanContext{{}, full.SpanContext()} {
			got := before
			c.Build(&got)
			if want := c.SpanContext(); got != want {
				t.Errorf("Build(%+v) over %+v stored %+v, want %+v", c, viewOf(before), viewOf(got), viewOf(want))
			}
		}
	}
}

func TestContextWithExtracted(t *testing.T) {
	valid := NewSpanContext(tT, tS, FlagSampled)
	other := NewSpanContext(TraceID{1}, SpanID{2}, 0)
	denyOnly := SpanContext{}.WithSampling(SamplingDeny)
	base := context.Background()
	withValid := ContextWithSpanContext(base, valid)
	tests := []struct {
		name string
		ctx  context.Context
		sc   SpanContext
		want SpanContext
	}{
		{"valid into empty", base, valid, valid.WithRemote(true)},
		{"valid replaces valid", withValid, other, other.WithRemote(true)},
		{"sampling-only into empty", base, denyOnly, denyOnly.WithRemote(true)},
		{"sampling-only never replaces valid", withValid, denyOnly, valid},
		{"nothing leaves ctx alone", withValid, SpanContext{}, valid},
		{"nothing into empty stays empty", base, SpanContext{}, SpanContext{}},
	}
	for _, tt := range tests {
		got := SpanContextFromContext(ContextWithExtracted(tt.ctx, tt.sc))
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, viewOf(got), viewOf(tt.want))
		}
	}
	if ContextWithExtracted(base, SpanContext{}) != base {
		t.Error("an empty extraction built a new context")
	}
}

type otherKey struct{}

func TestContextAllocs(t *testing.T) {
	base := context.WithValue(context.Background(), otherKey{}, "other")
	sc := NewSpanContext(tT, tS, FlagSampled)
	var ctx context.Context
	if n := testing.AllocsPerRun(100, func() { ctx = ContextWithRemoteSpanContext(base, sc) }); n != 1 {
		t.Errorf("storing a span context: %v allocs, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = SpanContextFromContext(ctx) }); n != 0 {
		t.Errorf("reading it back: %v allocs, want 0", n)
	}
	if ctx.Value(otherKey{}) != "other" {
		t.Error("the span context hid the parent context's values")
	}
	if got := SpanContextFromContext(ctx); got != sc.WithRemote(true) {
		t.Errorf("round trip gave %+v", viewOf(got))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if SpanContextFromContext(cancelled) != sc.WithRemote(true) || cancelled.Err() == nil {
		t.Error("a derived context lost the span context or its cancellation")
	}
}
