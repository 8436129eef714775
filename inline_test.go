package tracewire

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

// TestInlining: the accessors and constructors every codec calls stay
// inlinable. ContextWithSpanContext and SpanContextFromContext are not
// among them: they choose among three node sizes (see context.go), and the
// allocation that saves outweighs a call.
func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"TraceID.IsValid", "TraceID.Is64Bit", "TraceID.AppendText", "SpanID.IsValid", "SpanID.AppendText",
		"Flags.IsSampled", "Flags.IsRandom", "Sampling.IsSampled",
		"NewSpanContext", "SpanContextConfig.SpanContext", "SpanContext.IsValid", "SpanContext.TraceID", "SpanContext.SpanID",
		"SpanContext.ParentSpanID", "SpanContext.Sampling", "SpanContext.IsSampled", "SpanContext.Flags",
		"SpanContext.Is64BitTraceID", "SpanContext.TraceState", "SpanContext.WithFlags",
		"SpanContext.WithSampling", "SpanContext.WithRemote", "SpanContext.WithTraceState",
		"TraceState.Len", "TraceState.All", "TraceState.AppendText", "ParseTraceState",
		"(*ParseError).Unwrap",
		"ows.TrimSpan[go.shape.string]", "hexid.Load8[go.shape.string]", "hexid.DecodeLower[go.shape.string]",
	)
}
