package propagator_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/propagator"
)

// describeSampler names a sampler ParseSampler returns.
func describeSampler(s tracewire.Sampler) string {
	switch v := s.(type) {
	case nil:
		return "nil"
	case tracewire.Sampling:
		return v.String()
	case tracewire.RatioSampler:
		return fmt.Sprintf("ratio th=%#x", v.Threshold())
	}
	return fmt.Sprintf("%T", s)
}

func TestParseSampler(t *testing.T) {
	const (
		all     = "ratio th=0x0"
		quarter = "ratio th=0xc0000000000000"
		none    = "ratio th=0x100000000000000"
	)
	unknownTail := ` (always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio); sampling every root (parentbased_always_on)`
	tests := []struct {
		name, arg string
		want      string // describeSampler
		err       string
	}{
		{"", "", "nil", ""},
		{"  ", "", "nil", ""},
		{"", "0.25", "nil", `propagator: OTEL_TRACES_SAMPLER_ARG: "0.25" ignored: parentbased_always_on (the default, OTEL_TRACES_SAMPLER unset) takes no argument`},
		{"always_on", "", "accept", ""},
		{"parentbased_always_on", "", "accept", ""},
		{" ParentBased_Always_On ", "", "accept", ""},
		{"always_off", "", "deny", ""},
		{"parentbased_always_off", "", "deny", ""},
		{"always_off", "0.5", "deny", `propagator: OTEL_TRACES_SAMPLER_ARG: "0.5" ignored: always_off takes no argument`},
		{"traceidratio", "", all, ""},
		{"traceidratio", "0.25", quarter, ""},
		{"parentbased_traceidratio", " 0.25 ", quarter, ""},
		{"TraceIdRatio", "1", all, ""},
		{"traceidratio", "0", none, ""},
		{"traceidratio", "2.5e-1", quarter, ""},
		{"traceidratio", "1.5", all, `propagator: OTEL_TRACES_SAMPLER_ARG: "1.5" is not a probability (a number from 0 to 1) for traceidratio; sampling every root (1.0)`},
		{"traceidratio", "-0.1", all, `propagator: OTEL_TRACES_SAMPLER_ARG: "-0.1" is not a probability (a number from 0 to 1) for traceidratio; sampling every root (1.0)`},
		{"parentbased_traceidratio", "10%", all, `propagator: OTEL_TRACES_SAMPLER_ARG: "10%" is not a probability (a number from 0 to 1) for parentbased_traceidratio; sampling every root (1.0)`},
		{"traceidratio", "NaN", all, `propagator: OTEL_TRACES_SAMPLER_ARG: "NaN" is not a probability (a number from 0 to 1) for traceidratio; sampling every root (1.0)`},
		{"traceidratio", "+Inf", all, `propagator: OTEL_TRACES_SAMPLER_ARG: "+Inf" is not a probability (a number from 0 to 1) for traceidratio; sampling every root (1.0)`},
		{"jaeger_remote", "endpoint=http://localhost:14250", "nil", `propagator: OTEL_TRACES_SAMPLER: "jaeger_remote" needs a remote sampling service, which the edge does not support; sampling every root (parentbased_always_on)`},
		{"parentbased_jaeger_remote", "", "nil", `propagator: OTEL_TRACES_SAMPLER: "parentbased_jaeger_remote" needs a remote sampling service, which the edge does not support; sampling every root (parentbased_always_on)`},
		{"xray", "", "nil", `propagator: OTEL_TRACES_SAMPLER: "xray" needs a remote sampling service, which the edge does not support; sampling every root (parentbased_always_on)`},
		{"always", "", "nil", `propagator: OTEL_TRACES_SAMPLER: unknown sampler "always"` + unknownTail},
		{"none", "", "nil", `propagator: OTEL_TRACES_SAMPLER: unknown sampler "none"` + unknownTail},
	}
	for _, tc := range tests {
		s, err := propagator.ParseSampler(tc.name, tc.arg)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if diff := cmp.Diff([]string{tc.want, tc.err}, []string{describeSampler(s), errText}); diff != "" {
			t.Errorf("ParseSampler(%q, %q) (-want +got):\n%s", tc.name, tc.arg, diff)
		}
	}
}

// The sampler EdgeFromEnv reads decides the traces the edge starts, and
// never overrides a caller it continues: under always_off a request
// without context starts an unsampled trace, one with a sampled
// traceparent stays sampled, and a restarted one is not sampled.
func TestEdgeFromEnvSampler(t *testing.T) {
	const sampled = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	tests := []struct {
		sampler, arg, trust string
		// sampled: the root, the continued child, the restarted root
		want [3]bool
		errs int
	}{
		{"", "", "", [3]bool{true, true, true}, 0},
		{"always_off", "", "", [3]bool{false, true, false}, 0},
		{"parentbased_always_off", "", "", [3]bool{false, true, false}, 0},
		{"always_on", "", "", [3]bool{true, true, true}, 0},
		{"traceidratio", "0", "", [3]bool{false, true, false}, 0},
		{"parentbased_traceidratio", "1", "", [3]bool{true, true, true}, 0},
		{"parentbased_traceidratio", "abc", "", [3]bool{true, true, true}, 1},
		{"jaeger_remote", "", "", [3]bool{true, true, true}, 1},
		{"always_off", "", "sometimes", [3]bool{false, false, false}, 1}, // an unknown trust restarts every request
	}
	for _, tc := range tests {
		t.Run(tc.sampler+"/"+tc.arg+"/"+tc.trust, func(t *testing.T) {
			t.Setenv("OTEL_PROPAGATORS", "")
			t.Setenv("TRACEWIRE_PASSTHROUGH", "")
			t.Setenv("TRACEWIRE_TRUST", tc.trust)
			t.Setenv("OTEL_TRACES_SAMPLER", tc.sampler)
			t.Setenv("OTEL_TRACES_SAMPLER_ARG", tc.arg)
			edge, err := propagator.EdgeFromEnv()
			n := 0
			if err != nil {
				n = len(err.(interface{ Unwrap() []error }).Unwrap())
			}
			root := httptest.NewRequest(http.MethodGet, "/", nil)
			child := httptest.NewRequest(http.MethodGet, "/", nil)
			child.Header.Set("Traceparent", sampled)
			restarted := edge
			restarted.Trust = func(*http.Request) propagator.TrustPolicy { return propagator.Restart }
			var got struct {
				Sampled [3]bool
				Errs    int
			}
			got.Sampled = [3]bool{edge.Decide(root).Span.IsSampled(), edge.Decide(child).Span.IsSampled(), restarted.Decide(child).Span.IsSampled()}
			got.Errs = n
			want := got
			want.Sampled, want.Errs = tc.want, tc.errs
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s (error: %v)", diff, err)
			}
		})
	}
}
