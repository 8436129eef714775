package carrier

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

// TestInlining: the lookups every propagator's Get and Set make stay
// inlinable, the perfect hash of the known names above all.
func TestInlining(t *testing.T) {
	inlinetest.Check(t, "knownSlot", "knownSpellings", "HTTPHeader.Get", "HTTPHeader.Values",
		"HTTPHeader.Delete", "Map.Set", "Metadata.Get", "deletePresent[go.shape.string]")
}
