package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "Format", "Propagator.Fields", "samplingOf",
		"ows.Trim[go.shape.string]", "ows.Trim[go.shape.[]uint8]",
		"hexid.AnyCaseRun[go.shape.string]", "hexid.AnyCaseRun[go.shape.[]uint8]")
}
