package datadog

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"AppendTraceID", "AppendSpanID", "PriorityFor", "Priority.IsValid", "Priority.Sampling",
		"Headers.SpanContext", "Headers.Priority", "Headers.Origin", "Headers.LastParent",
		"Member.Priority", "Member.LastParent", "Member.WithLastParent", "FormatTraceStateMember",
		"Propagator.ExtractFrom", "Propagator.Fields", "ContextWithHeaders", "HeadersFromContext",
		"parsePriority", "low64", "isTagKeyChar", "isTagValueChar", "memberItem",
	)
}
