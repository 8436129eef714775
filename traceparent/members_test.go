package traceparent

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// TestCompositeMethods covers what a composite asks of a member beside
// the Propagator interface: its name, the id probe and field clearing.
func TestCompositeMethods(t *testing.T) {
	var p Propagator
	if p.Name() != "tracecontext" {
		t.Errorf("Name = %q", p.Name())
	}
	if p.HasIDs(carrier.Map{"tracestate": "a=1"}) || !p.HasIDs(carrier.Map{"Traceparent": "x"}) {
		t.Error("HasIDs looks at the wrong header")
	}
	h := http.Header{"Traceparent": {"x"}, "Tracestate": {"old=1"}, "Accept": {"*/*"}}
	p.ClearFields(carrier.HTTPHeader(h))
	if diff := cmp.Diff(http.Header{"Accept": {"*/*"}}, h); diff != "" {
		t.Errorf("ClearFields (-want +got):\n%s", diff)
	}
}
