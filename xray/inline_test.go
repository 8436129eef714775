package xray_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"Parse", "ParseBytes", "ParseHeader", "Append", "Format", "Header.SpanContext", "Header.String", "Header.Lineage",
		"ContextWithHeader", "HeaderFromContext", "Propagator.Fields", "sampling",
		"trim[go.shape.string]", "trim[go.shape.[]uint8]", "hexRun[go.shape.string]", "hexRun[go.shape.[]uint8]",
	)
}
