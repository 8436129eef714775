package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/sentry"
)

// TestVectors runs testdata/sentry.json.
func TestVectors(t *testing.T) {
	var p sentry.Propagator
	vectorcheck.Codec{
		Format: "sentry", Header: "sentry-trace", MinCases: 40,
		Parse: sentry.Parse, ParseBytes: sentry.ParseBytes,
		ExtractFrom: p.ExtractFrom, InjectInto: p.InjectInto,
	}.Run(t, nil)
}
