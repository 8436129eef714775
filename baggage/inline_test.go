package baggage

import (
	"testing"

	"github.com/tracewire/tracewire/internal/inlinetest"
)

func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Baggage.Len", "Baggage.All", "Baggage.Dropped", "Member.Key", "Member.RawValue",
		"Member.Value", "Member.AppendValue", "Member.Properties", "Limits.Parse", "ContextWith",
		"(*Baggage).small", "(*smallBaggage).baggage", "ows.Skip[go.shape.string]")
}
