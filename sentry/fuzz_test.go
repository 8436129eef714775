package sentry_test

import (
	"testing"

	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/sentry"
)

// codec is the package as the shared vector and fuzz checks see it.
var codec = vectorcheck.Codec{
	File: "sentry", Header: "sentry-trace", MinCases: 40,
	Parse: sentry.Parse, ParseBytes: sentry.ParseBytes,
	Append: sentry.Append, Format: sentry.Format,
	ExtractFrom: sentry.Propagator{}.ExtractFrom, InjectInto: sentry.Propagator{}.InjectInto,
}

// FuzzParse checks that Parse never panics, agrees with ParseBytes and
// with the reference grammar, reports errors inside the value, and that
// whatever parses survives Append, Parse and extract-inject-extract with
// the canonical form a fixed point (vectorcheck.Codec.CheckValue).
func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "sentry").Cases {
		for _, v := range c.Lines("sentry-trace") {
			f.Add(v)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		agree(t, s)
		sc, err := codec.CheckValue(t, s)
		if err == nil && (sc.IsRandom() || sc.Is64BitTraceID() || sc.IsDebug()) {
			t.Fatalf("Parse(%q) = %+v: random, 64-bit or debug", s, sc)
		}
	})
}
