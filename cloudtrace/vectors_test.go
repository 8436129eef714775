package cloudtrace_test

import (
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/internal/vectors"
)

// TestVectors runs testdata/cloudtrace.json. The canonical form is what
// the two-way propagator writes; the one-way default writes nothing.
func TestVectors(t *testing.T) {
	codec.Run(t, func(t *testing.T, _ vectors.Case, sc tracewire.SpanContext) {
		var oneWay vectors.Recorder
		cloudtrace.Propagator{}.InjectInto(&oneWay, sc)
		if len(oneWay) != 0 {
			t.Errorf("the one-way propagator wrote %v", oneWay)
		}
	})
}
