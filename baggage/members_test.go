package baggage

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// TestCompositeMethods covers what a composite asks of a member beside
// the Propagator interface: its name, its baggage and field clearing.
func TestCompositeMethods(t *testing.T) {
	var p Propagator
	if p.Name() != "baggage" {
		t.Errorf("Name = %q", p.Name())
	}
	b, lossy := p.BaggageFrom(carrier.Map{"baggage": "a=1,bad key=2"})
	if Format(b) != "a=1" || lossy {
		t.Errorf("BaggageFrom = %q, lossy %v; want a=1, false", Format(b), lossy)
	}
	m := carrier.Map{"Baggage": "old=1", "other": "x"}
	p.ClearFields(m)
	if len(m) != 1 || m["other"] != "x" {
		t.Errorf("ClearFields left %v", m)
	}
}
