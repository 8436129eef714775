package grpctrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields.
func TestOptional(t *testing.T) {
	vectorcheck.Optional(t, grpctrace.Propagator{}, "grpc-trace-bin",
		[]carrier.Getter{carrier.Map{"grpc-trace-bin": specText}, carrier.HTTPHeader{"Grpc-Trace-Bin": {"x"}}},
		[]carrier.Getter{carrier.Map{}, carrier.Map{"other": specText}},
		carrier.Map{"grpc-trace-bin": specText, "baggage": "k=v"}, "baggage")
}
