package b3

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "Format", "Propagator.Fields",
		"ows.Trim[go.shape.string]", "ows.Trim[go.shape.[]uint8]",
		"hexid.DecodeLower[go.shape.string]", "hexid.DecodeLower[go.shape.[]uint8]")
}
