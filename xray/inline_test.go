package xray_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"Parse", "ParseBytes", "ParseHeader", "Append", "Format",
		"Header.SpanContext", "Header.String", "Header.Lineage",
		"ContextWithHeader", "HeaderFromContext", "Propagator.Fields", "sampling",
		"scan[go.shape.string]", "scan[go.shape.[]uint8]",
		"ows.TrimSpan[go.shape.string]", "ows.TrimSpan[go.shape.[]uint8]", "hexRun[go.shape.string]", "hexRun[go.shape.[]uint8]",
		"is[go.shape.string]", "is[go.shape.[]uint8]", "fastSpan[go.shape.string]", "fastSpan[go.shape.[]uint8]",
		"badValueByte[go.shape.string]", "badValueByte[go.shape.[]uint8]",
	)
}
