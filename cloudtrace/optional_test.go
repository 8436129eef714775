package cloudtrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields, which clears only the header the propagator writes.
func TestOptional(t *testing.T) {
	with := []carrier.Getter{carrier.Map{"x-cloud-trace-context": valid}, carrier.HTTPHeader{"X-Cloud-Trace-Context": {"x"}}}
	without := []carrier.Getter{carrier.Map{}}
	// One way: the header is not the propagator's; a proxy that copied
	// the load balancer's decides about it.
	vectorcheck.Optional(t, cloudtrace.Propagator{}, "cloudtrace", with, without,
		carrier.Map{"x-cloud-trace-context": valid, "accept": "*/*"}, "x-cloud-trace-context", "accept")
	vectorcheck.Optional(t, cloudtrace.Propagator{InjectHeader: true}, "cloudtrace", with, without,
		carrier.Map{"x-cloud-trace-context": valid, "accept": "*/*"}, "accept")
}
