package cloudtrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "Format", "Propagator.Fields",
		"ows.Trim[go.shape.string]", "ows.Trim[go.shape.[]uint8]",
		"decimal.Scan[go.shape.string]", "decimal.Scan[go.shape.[]uint8]")
}
