package grpctrace

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "ParseBinary", "Propagator.Fields")
}
