package tracewire

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// TestContextForms: a span context comes back from a context exactly as
// stored, whichever of the three node forms holds it, each in one
// allocation of the size its form is for; a node of one form under
// another of a different form reads as the inner one.
func TestContextForms(t *testing.T) {
	ts, err := ParseTraceState("k=v")
	if err != nil {
		t.Fatal(err)
	}
	var emptyButSkipped TraceState
	emptyButSkipped.skip = 1 // not the zero TraceState: the whole form keeps it
	base := NewSpanContext(tT, tS, FlagSampled|FlagRandom).With64BitTraceID(true).WithFirehose(true).WithRemote(true)
	tests := []struct {
		name  string
		sc    SpanContext
		bytes uint64
	}{
		{"ids", base, 48},
		{"ids, deferred", base.WithSampling(SamplingDeferred), 48},
		{"ids, debug", base.WithSampling(SamplingDebug), 48},
		{"decision only", SpanContext{}.WithSampling(SamplingDeny), 48},
		{"zero", SpanContext{}, 48},
		{"parent", base.WithParentSpanID(tP), 64},
		{"trace state", base.WithTraceState(ts), 80},
		{"trace state and parent", base.WithTraceState(ts).WithParentSpanID(tP), 80},
		{"non-zero empty state", base.WithTraceState(emptyButSkipped), 80},
	}
	for _, tt := range tests {
		ctx := ContextWithSpanContext(context.Background(), tt.sc)
		if got := SpanContextFromContext(ctx); got != tt.sc {
			t.Errorf("%s: round trip gave %+v, want %+v", tt.name, viewOf(got), viewOf(tt.sc))
		}
		if got := fmt.Sprint(ctx); got != "tracewire.ContextWithSpanContext" {
			t.Errorf("%s: the context prints as %q", tt.name, got)
		}
		if n := testing.AllocsPerRun(10, func() { ctx = ContextWithSpanContext(context.Background(), tt.sc) }); n != 1 {
			t.Errorf("%s: %v allocations, want 1", tt.name, n)
		}
		if got := bytesPerCall(func() { ctx = ContextWithSpanContext(context.Background(), tt.sc) }); got != tt.bytes {
			t.Errorf("%s: %d bytes allocated, want %d", tt.name, got, tt.bytes)
		}
		for _, outer := range tests {
			inner := ContextWithSpanContext(ContextWithSpanContext(context.Background(), outer.sc), tt.sc)
			if got := SpanContextFromContext(inner); got != tt.sc {
				t.Errorf("%s over %s: read %+v", tt.name, outer.name, viewOf(got))
			}
		}
	}
}

// bytesPerCall returns the bytes f allocates, the least of a few
// measurements of a hundred calls, so that another test's goroutine
// allocating meanwhile cannot add to it.
func bytesPerCall(f func()) uint64 {
	least := ^uint64(0)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 100 {
			f()
		}
		runtime.ReadMemStats(&after)
		least = min(least, (after.TotalAlloc-before.TotalAlloc)/100)
	}
	return least
}
