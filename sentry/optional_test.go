package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/sentry"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields.
func TestOptional(t *testing.T) {
	vectorcheck.Optional(t, sentry.Propagator{}, "sentry",
		[]carrier.Getter{carrier.Map{"sentry-trace": valid}, carrier.HTTPHeader{"Sentry-Trace": {"x"}}},
		[]carrier.Getter{carrier.Map{}, carrier.Map{"other": valid}},
		carrier.Map{"sentry-trace": valid, "baggage": "k=v"}, "baggage")
}
