package cloudtrace_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields, which clears only the header the propagator writes.
func TestOptional(t *testing.T) {
	if got := (cloudtrace.Propagator{}).Name(); got != "cloudtrace" {
		t.Errorf("Name() = %q", got)
	}
	for _, tc := range []struct {
		g    carrier.Getter
		want bool
	}{
		{carrier.Map{}, false},
		{carrier.Map{"x-cloud-trace-context": valid}, true},
		{carrier.HTTPHeader{"X-Cloud-Trace-Context": {"x"}}, true},
	} {
		if got := (cloudtrace.Propagator{}).HasIDs(tc.g); got != tc.want {
			t.Errorf("HasIDs(%v) = %v, want %v", tc.g, got, tc.want)
		}
	}
	for _, tc := range []struct {
		p    cloudtrace.Propagator
		want http.Header
	}{
		// One way: the header is not the propagator's; a proxy that copied
		// the load balancer's decides about it.
		{cloudtrace.Propagator{}, http.Header{"X-Cloud-Trace-Context": {valid}, "Accept": {"*/*"}}},
		{cloudtrace.Propagator{InjectHeader: true}, http.Header{"Accept": {"*/*"}}},
	} {
		h := http.Header{"X-Cloud-Trace-Context": {valid}, "Accept": {"*/*"}}
		tc.p.ClearFields(carrier.HTTPHeader(h))
		if d := cmp.Diff(tc.want, h); d != "" {
			t.Errorf("InjectHeader %v: after ClearFields (-want +got):\n%s", tc.p.InjectHeader, d)
		}
	}
}
