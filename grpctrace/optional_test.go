package grpctrace_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields.
func TestOptional(t *testing.T) {
	p := grpctrace.Propagator{}
	if got := p.Name(); got != "grpc-trace-bin" {
		t.Errorf("Name() = %q", got)
	}
	for _, tc := range []struct {
		g    carrier.Getter
		want bool
	}{
		{carrier.Map{}, false},
		{carrier.Map{"grpc-trace-bin": specText}, true},
		{carrier.Metadata{"grpc-trace-bin": {string(specBinary())}}, true},
	} {
		if got := p.HasIDs(tc.g); got != tc.want {
			t.Errorf("HasIDs(%v) = %v, want %v", tc.g, got, tc.want)
		}
	}
	h := http.Header{"Grpc-Trace-Bin": {specText}, "Accept": {"*/*"}}
	p.ClearFields(carrier.HTTPHeader(h))
	if d := cmp.Diff(http.Header{"Accept": {"*/*"}}, h); d != "" {
		t.Errorf("after ClearFields (-want +got):\n%s", d)
	}
}
