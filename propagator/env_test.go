package propagator_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/propagator"
)

func TestParseEnv(t *testing.T) {
	tests := []struct {
		value   string
		fields  []string
		unknown []string
		errText string
	}{
		{value: "", fields: []string{"traceparent", "tracestate", "baggage"}},
		{value: " , ,", fields: []string{"traceparent", "tracestate", "baggage"}},
		{value: "tracecontext", fields: []string{"traceparent", "tracestate"}},
		{value: "b3multi,tracecontext", fields: []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "traceparent", "tracestate"}},
		{value: "tracecontext,tracecontext", fields: []string{"traceparent", "tracestate"}},
		{value: "TraceContext, Baggage", fields: []string{"traceparent", "tracestate", "baggage"}},
		{value: "b3,B3,  b3 ", fields: []string{"b3"}},
		{value: "jaeger", fields: []string{"uber-trace-id"}},
		{value: "foo,baggage", fields: []string{"baggage"}, unknown: []string{"foo"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "foo" (valid: tracecontext, baggage, b3, b3multi, jaeger, none)`},
		{value: "foo", fields: []string{"traceparent", "tracestate", "baggage"}, unknown: []string{"foo"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "foo" (valid: tracecontext, baggage, b3, b3multi, jaeger, none); no valid entry remains; using the default tracecontext,baggage`},
		{value: "xray, Ottrace ,b3", fields: []string{"b3"}, unknown: []string{"xray", "Ottrace"}},
		{value: "none", fields: nil},
		{value: "NONE", fields: nil},
		{value: "none,b3", fields: nil, errText: `propagator: OTEL_PROPAGATORS: "none" disables propagation; the other entries are ignored`},
		{value: "b3,none,bogus", fields: nil, unknown: []string{"bogus"}},
	}
	for _, tt := range tests {
		c, err := propagator.Parse(tt.value)
		if diff := cmp.Diff(tt.fields, c.Fields()); diff != "" {
			t.Errorf("Parse(%q).Fields() (-want +got):\n%s", tt.value, diff)
		}
		var ue *propagator.UnknownError
		wantErr := tt.unknown != nil || tt.errText != ""
		if !wantErr {
			if err != nil {
				t.Errorf("Parse(%q) error = %v", tt.value, err)
			}
			continue
		}
		if !errors.As(err, &ue) {
			t.Errorf("Parse(%q) error = %v, want *UnknownError", tt.value, err)
			continue
		}
		if diff := cmp.Diff(tt.unknown, ue.Unknown); diff != "" {
			t.Errorf("Parse(%q) unknown (-want +got):\n%s", tt.value, diff)
		}
		if tt.errText != "" && err.Error() != tt.errText {
			t.Errorf("Parse(%q) error text\n got %s\nwant %s", tt.value, err, tt.errText)
		}
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv(propagator.EnvVar, "b3multi, jaeger")
	c, err := propagator.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id"}, c.Fields()); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"tracecontext", "baggage", "b3", "b3multi", "jaeger", "none"}, propagator.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	if _, ok := propagator.ByName("none"); ok {
		t.Error(`ByName("none") returned a propagator`)
	}
}
