package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/sentry"
)

// TestContinueTrace walks Sentry's table for strictTraceContinuation.
func TestContinueTrace(t *testing.T) {
	for _, tc := range []struct {
		baggage      string
		orgID        string
		loose, stric bool // the verdict without and with strict
	}{
		{"sentry-org_id=1", "1", true, true},
		{"sentry-org_id=1", "2", false, false},
		{"", "1", true, false},
		{"sentry-trace_id=771a43a4192642f0b136d5159a501700", "1", true, false},
		{"sentry-org_id=1", "", true, false},
		{"", "", true, true},
		{"other=1", "", true, true},
		{"sentry-org_id=", "1", true, false},                 // an empty id is no id
		{"sentry-org_id=1,sentry-org_id=2", "2", true, true}, // the last member counts
		{"sentry-org_id=%31", "1", true, true},               // decoded before comparing
		{"Sentry-Org_Id=1", "2", true, false},                // keys are case-sensitive
		{"sentry-org_id=01", "1", false, false},              // compared as strings
		{"sentry-org_id=1;p=x,sentry-sampled=true", "1", true, true},
	} {
		b, err := baggage.Parse(tc.baggage)
		if err != nil {
			t.Fatalf("baggage %q: %v", tc.baggage, err)
		}
		if got := sentry.ContinueTrace(b, tc.orgID, false); got != tc.loose {
			t.Errorf("ContinueTrace(%q, %q, false) = %v, want %v", tc.baggage, tc.orgID, got, tc.loose)
		}
		if got := sentry.ContinueTrace(b, tc.orgID, true); got != tc.stric {
			t.Errorf("ContinueTrace(%q, %q, true) = %v, want %v", tc.baggage, tc.orgID, got, tc.stric)
		}
	}
}
