package b3_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
)

// TestCompositeMethods covers what a composite asks of a member beside
// the Propagator interface: its name, the id probe and field clearing.
func TestCompositeMethods(t *testing.T) {
	if got := []string{b3.Propagator{}.Name(), b3.Propagator{Multi: true}.Name()}; !cmp.Equal(got, []string{"b3", "b3multi"}) {
		t.Errorf("Name = %v", got)
	}
	for _, tt := range []struct {
		h    carrier.Map
		want bool
	}{
		{carrier.Map{}, false},
		{carrier.Map{"b3": "0"}, true}, // may hold ids; ExtractFrom decides
		{carrier.Map{"x-b3-sampled": "1"}, false},
		{carrier.Map{"X-B3-TraceId": "a"}, true},
	} {
		if got := (b3.Propagator{}).HasIDs(tt.h); got != tt.want {
			t.Errorf("HasIDs(%v) = %v, want %v", tt.h, got, tt.want)
		}
	}
	// Both forms go, whichever form p writes: a stale b3 would hide fresh
	// x-b3-* headers from a receiver that reads b3 first.
	h := http.Header{"B3": {"1"}, "X-B3-Traceid": {"a"}, "X-B3-Spanid": {"b"}, "X-B3-Parentspanid": {"c"},
		"X-B3-Sampled": {"1"}, "X-B3-Flags": {"1"}, "Accept": {"*/*"}}
	b3.Propagator{Multi: true}.ClearFields(carrier.HTTPHeader(h))
	if diff := cmp.Diff(http.Header{"Accept": {"*/*"}}, h); diff != "" {
		t.Errorf("ClearFields (-want +got):\n%s", diff)
	}
}
