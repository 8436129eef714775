package b3

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "ParseSingle", "ParseSingleBytes", "Append", "Format", "FormatSingle", "Propagator.Fields")
}
