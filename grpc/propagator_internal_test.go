package twgrpc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/propagator"
)

// describe names p's members, nested composites in parentheses, and
// grpc-trace-bin's form.
func describe(p propagator.Propagator) string {
	switch v := p.(type) {
	case propagator.Composite:
		parts := make([]string, len(v.Members))
		for i, m := range v.Members {
			parts[i] = describe(m)
		}
		return "(" + strings.Join(parts, " ") + ")" + v.Policy.String()
	case grpctrace.Propagator:
		return fmt.Sprintf("%T%+v", v, v)
	}
	return fmt.Sprintf("%T", p)
}

func TestForGRPC(t *testing.T) {
	nested := propagator.Compose(propagator.B3(), &grpctrace.Propagator{})
	outer := propagator.Composite{Members: []propagator.Propagator{propagator.TraceContext(), nested}, Policy: propagator.LastWins}
	before := describe(outer)
	const bin = "grpctrace.Propagator{Binary:true}"
	tests := []struct {
		name     string
		p        propagator.Propagator
		traceBin bool
		want     string
	}{
		{"nil: the default", nil, false, "(traceparent.Propagator baggage.Propagator)first-wins"},
		{"nil with TraceBin", nil, true, "(traceparent.Propagator baggage.Propagator " + bin + ")first-wins"},
		{"a single propagator", propagator.B3(), false, "(b3.Propagator)first-wins"},
		{"text grpc-trace-bin becomes binary, and TraceBin adds no second", grpctrace.Propagator{}, true, "(" + bin + ")first-wins"},
		{"nested and by pointer, policies kept", &outer, true, "(traceparent.Propagator (b3.Propagator " + bin + ")first-wins)last-wins"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, describe(forGRPC(tc.p, tc.traceBin))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if after := describe(outer); after != before {
		t.Errorf("the caller's composite changed: %s, was %s", after, before)
	}
}
