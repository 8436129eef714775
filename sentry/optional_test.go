package sentry_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/sentry"
)

// The methods a composite finds by interface: Name, HasIDs and
// ClearFields.
func TestOptional(t *testing.T) {
	p := sentry.Propagator{}
	if got := p.Name(); got != "sentry" {
		t.Errorf("Name() = %q", got)
	}
	for _, tc := range []struct {
		g    carrier.Getter
		want bool
	}{
		{carrier.Map{}, false},
		{carrier.Map{"sentry-trace": valid}, true},
		{carrier.HTTPHeader{"Sentry-Trace": {"x"}}, true},
	} {
		if got := p.HasIDs(tc.g); got != tc.want {
			t.Errorf("HasIDs(%v) = %v, want %v", tc.g, got, tc.want)
		}
	}
	h := http.Header{"Sentry-Trace": {valid}, "Baggage": {"sentry-sampled=true"}}
	p.ClearFields(carrier.HTTPHeader(h))
	if d := cmp.Diff(http.Header{"Baggage": {"sentry-sampled=true"}}, h); d != "" {
		t.Errorf("after ClearFields (-want +got):\n%s", d)
	}
}
