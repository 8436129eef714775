package cloudtrace_test

import (
	"testing"

	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// codec is the package as the shared vector and fuzz checks see it; its
// canonical form is the two-way propagator's.
var codec = func() vectorcheck.Codec {
	twoWay := cloudtrace.Propagator{InjectHeader: true}
	return vectorcheck.Codec{
		File: "cloudtrace", Header: "x-cloud-trace-context", MinCases: 40,
		Parse: cloudtrace.Parse, ParseBytes: cloudtrace.ParseBytes,
		Append: cloudtrace.Append, Format: cloudtrace.Format,
		ExtractFrom: twoWay.ExtractFrom, InjectInto: twoWay.InjectInto,
	}
}()

// FuzzParse checks that Parse never panics, agrees with ParseBytes and
// with the reference grammar, reports errors inside the value, and that
// whatever parses survives Append, Parse and extract-inject-extract with
// the canonical form a fixed point (vectorcheck.Codec.CheckValue).
func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "cloudtrace").Cases {
		for _, v := range c.Lines("x-cloud-trace-context") {
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
