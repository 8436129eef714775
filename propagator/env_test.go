package propagator_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/propagator"
)

const valid = "(valid: tracecontext, baggage, b3, b3multi, jaeger, xray, xray-lambda, ottrace, none, cloudtrace, sentry, datadog, grpc-trace-bin)"

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
			errText: `propagator: OTEL_PROPAGATORS: unknown "foo" (valid: tracecontext, baggage, b3, b3multi, jaeger, xray, xray-lambda, ottrace, none, cloudtrace, sentry, datadog, grpc-trace-bin)`},
		{value: "foo", fields: []string{"traceparent", "tracestate", "baggage"}, unknown: []string{"foo"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "foo" (valid: tracecontext, baggage, b3, b3multi, jaeger, xray, xray-lambda, ottrace, none, cloudtrace, sentry, datadog, grpc-trace-bin); no valid entry remains; using the default tracecontext,baggage`},
		{value: "xray, Ottrace ,b3", fields: []string{"x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled", "b3"}},
		{value: "xray-lambda", fields: []string{"x-amzn-trace-id"}},
		{value: "cloudtrace,tracecontext", fields: []string{"traceparent", "tracestate"}},
		{value: "sentry,baggage", fields: []string{"sentry-trace", "baggage"}},
		{value: "xray,b3,xray-lambda", fields: []string{"x-amzn-trace-id", "b3"},
			errText: `propagator: OTEL_PROPAGATORS: "xray-lambda" replaces "xray"; "xray" is ignored`},
		{value: "foo,xray-lambda,XRay", fields: []string{"x-amzn-trace-id"}, unknown: []string{"foo"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "foo" ` + valid + `; "xray-lambda" replaces "xray"; "xray" is ignored`},
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
	if diff := cmp.Diff([]string{"tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray", "xray-lambda", "ottrace", "none", "cloudtrace", "sentry", "datadog", "grpc-trace-bin"}, propagator.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	if _, ok := propagator.ByName("none"); ok {
		t.Error(`ByName("none") returned a propagator`)
	}
}

// TestParseEnvMembers checks which member each name registers, by the
// name the member reports, and where: "xray-lambda" takes the place of an
// "xray" named before it.
func TestParseEnvMembers(t *testing.T) {
	tests := []struct {
		value   string
		members []string
	}{
		{"tracecontext,xray,ottrace,cloudtrace,sentry,baggage", []string{"tracecontext", "xray", "ottrace", "cloudtrace", "sentry", "baggage"}},
		{"datadog,tracecontext,grpc-trace-bin", []string{"datadog", "tracecontext", "grpc-trace-bin"}},
		{"xray,b3,xray-lambda", []string{"xray-lambda", "b3"}},
		{"xray-lambda,b3,xray", []string{"xray-lambda", "b3"}},
		{"XRAY-LAMBDA", []string{"xray-lambda"}},
	}
	for _, tt := range tests {
		c, _ := propagator.Parse(tt.value)
		if diff := cmp.Diff(tt.members, memberNames(c)); diff != "" {
			t.Errorf("Parse(%q) members (-want +got):\n%s", tt.value, diff)
		}
	}
}

// TestParseStrict checks that a strict configuration reports the
// module's extensions as unknown, lists only the specification's names as
// valid, and otherwise follows Parse.
func TestParseStrict(t *testing.T) {
	const strictValid = "(valid: tracecontext, baggage, b3, b3multi, jaeger, xray, xray-lambda, ottrace, none)"
	tests := []struct {
		value   string
		members []string
		unknown []string
		errText string
	}{
		{value: "", members: []string{"tracecontext", "baggage"}},
		{value: "xray,ottrace,baggage", members: []string{"xray", "ottrace", "baggage"}},
		{value: "tracecontext,cloudtrace,Sentry", members: []string{"tracecontext"}, unknown: []string{"cloudtrace", "Sentry"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "cloudtrace", "Sentry" ` + strictValid},
		{value: "datadog,tracecontext,GRPC-Trace-Bin", members: []string{"tracecontext"}, unknown: []string{"datadog", "GRPC-Trace-Bin"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "datadog", "GRPC-Trace-Bin" ` + strictValid},
		{value: "sentry", members: []string{"tracecontext", "baggage"}, unknown: []string{"sentry"},
			errText: `propagator: OTEL_PROPAGATORS: unknown "sentry" ` + strictValid + `; no valid entry remains; using the default tracecontext,baggage`},
	}
	for _, tt := range tests {
		c, err := propagator.ParseStrict(tt.value)
		if diff := cmp.Diff(tt.members, memberNames(c)); diff != "" {
			t.Errorf("ParseStrict(%q) members (-want +got):\n%s", tt.value, diff)
		}
		var ue *propagator.UnknownError
		switch {
		case tt.unknown == nil && err != nil:
			t.Errorf("ParseStrict(%q) error = %v", tt.value, err)
		case tt.unknown != nil && !errors.As(err, &ue):
			t.Errorf("ParseStrict(%q) error = %v, want *UnknownError", tt.value, err)
		case tt.unknown != nil:
			if diff := cmp.Diff(tt.unknown, ue.Unknown); diff != "" {
				t.Errorf("ParseStrict(%q) unknown (-want +got):\n%s", tt.value, diff)
			}
			if err.Error() != tt.errText {
				t.Errorf("ParseStrict(%q) error text\n got %s\nwant %s", tt.value, err, tt.errText)
			}
		}
		if _, err := propagator.NewStrict(strings.Split(tt.value, ",")...); (err == nil) != (tt.unknown == nil) {
			t.Errorf("NewStrict(%q) error = %v", tt.value, err)
		}
	}
}
