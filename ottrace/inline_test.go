package ottrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "ParseHeaders", "ParseHeadersBytes", "AppendSpanID", "FormatHeaders",
		"IsBaggageHeader", "Propagator.Fields", "sampledValue", "narrowID",
		"foldEq[go.shape.string]", "foldEq[go.shape.[]uint8]",
		"hexid.AnyCaseRun[go.shape.string]", "ows.Trim[go.shape.string]")
}
