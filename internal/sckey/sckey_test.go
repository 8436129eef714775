package sckey_test

import (
	"context"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/sckey"
)

// TestExtracted: the rule of tracewire.ContextWithExtracted, over an
// empty context and one holding a valid span context.
func TestExtracted(t *testing.T) {
	valid := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 1}, tracewire.FlagSampled)
	decision := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny)
	held := tracewire.ContextWithSpanContext(context.Background(), valid.WithSpanID(tracewire.SpanID{7: 2}))
	for _, tc := range []struct {
		name   string
		ctx    context.Context
		sc     tracewire.SpanContext
		stored bool
	}{
		{"valid", context.Background(), valid, true},
		{"valid over valid", held, valid, true},
		{"decision", context.Background(), decision, true},
		{"decision over valid", held, decision, false},
		{"zero", context.Background(), tracewire.SpanContext{}, false},
		{"no ids, deferred", context.Background(), tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeferred), false},
	} {
		got, ok := sckey.Extracted(tc.ctx, tc.sc, tracewire.SpanContextFromContext)
		if ok != tc.stored {
			t.Errorf("%s: stored %v, want %v", tc.name, ok, tc.stored)
		}
		if ok && got != tc.sc.WithRemote(true) {
			t.Errorf("%s: stores %v, want %v marked remote", tc.name, got, tc.sc)
		}
	}
}
