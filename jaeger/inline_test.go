package jaeger_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"Parse", "ParseBytes", "Format", "DebugIDFromContext", "ContextWithDebugID", "Propagator.Fields",
		"ows.Trim[go.shape.string]", "ows.Trim[go.shape.[]uint8]", "delimWidth[go.shape.string]", "delimWidth[go.shape.[]uint8]",
		"sampling", "unreserved", "needsUnescape",
	)
}
