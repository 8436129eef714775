package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGenerateShape(t *testing.T) {
	tests := []struct {
		args  []string
		shape []string // one pattern per output line, in order
	}{
		// Sampled by default, as a root under OpenTelemetry's default
		// sampler is; --sampled is still accepted.
		{nil, []string{`^traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-03$`}},
		{[]string{"--sampled"}, []string{`^traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-03$`}},
		{[]string{"--sampled=false"}, []string{`^traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-02$`}},
		{[]string{"--format", "b3,b3multi,jaeger"}, []string{
			`^b3: [0-9a-f]{32}-[0-9a-f]{16}-1$`,
			`^x-b3-traceid: [0-9a-f]{32}$`,
			`^x-b3-spanid: [0-9a-f]{16}$`,
			`^x-b3-sampled: 1$`,
			`^uber-trace-id: [0-9a-f]{32}:[0-9a-f]{16}:0:1$`,
		}},
		{[]string{"--sampled=false", "--format", "b3,b3multi,jaeger"}, []string{
			`^b3: [0-9a-f]{32}-[0-9a-f]{16}-0$`,
			`^x-b3-traceid: [0-9a-f]{32}$`,
			`^x-b3-spanid: [0-9a-f]{16}$`,
			`^x-b3-sampled: 0$`,
			`^uber-trace-id: [0-9a-f]{32}:[0-9a-f]{16}:0:0$`,
		}},
		{[]string{"--format=b3"}, []string{`^b3: [0-9a-f]{32}-[0-9a-f]{16}-1$`}},
		{[]string{"--format", "xray,ottrace,cloudtrace,sentry"}, []string{
			`^x-amzn-trace-id: Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$`,
			`^ot-tracer-traceid: [0-9a-f]{16}$`,
			`^ot-tracer-spanid: [0-9a-f]{16}$`,
			`^ot-tracer-sampled: true$`,
			`^x-cloud-trace-context: [0-9a-f]{32}/[0-9]{1,20};o=1$`,
			`^sentry-trace: [0-9a-f]{32}-[0-9a-f]{16}-1$`,
		}},
		{[]string{"--sampled=false", "--format", "ottrace,sentry"}, []string{
			`^ot-tracer-traceid: [0-9a-f]{16}$`,
			`^ot-tracer-spanid: [0-9a-f]{16}$`,
			`^ot-tracer-sampled: false$`,
			`^sentry-trace: 0000000000000000[0-9a-f]{16}-[0-9a-f]{16}-0$`,
		}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, "", append([]string{"generate"}, tc.args...)...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != len(tc.shape) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tc.shape), out)
			}
			for i, re := range tc.shape {
				if !regexp.MustCompile(re).MatchString(lines[i]) {
					t.Errorf("line %d %q does not match %s", i+1, lines[i], re)
				}
			}
		})
	}
}

// TestGenerateConsistent checks what a regexp cannot: every format carries
// the same ids, inspect finds them valid and in agreement, the ids fit
// the formats that constrain them (X-Ray's start time, OT's 64 bits), and
// two runs differ.
func TestGenerateConsistent(t *testing.T) {
	for _, tc := range []struct {
		formats string
		n       int
		check   func(traceID string) bool // nil: any id
	}{
		{"tracecontext,b3,b3multi,jaeger", 4, nil},
		{"tracecontext,xray,cloudtrace,sentry,b3,datadog,grpc-trace-bin", 7, func(id string) bool {
			sec, err := strconv.ParseUint(id[:8], 16, 32)
			return err == nil && time.Since(time.Unix(int64(sec), 0)).Abs() < time.Hour
		}},
		{"tracecontext,ottrace,jaeger", 3, func(id string) bool { return id[:16] == "0000000000000000" }},
	} {
		out, _, _ := runCmd(t, "", "generate", "--format", tc.formats)
		js, errOut, code := runCmd(t, out, "inspect", "--json")
		if code != 0 {
			t.Fatalf("%s: inspect of generated headers: exit %d: %s\n%s", tc.formats, code, errOut, js)
		}
		var rep struct {
			Contexts []struct {
				Format  string `json:"format"`
				TraceID string `json:"trace_id"`
				SpanID  string `json:"span_id"`
				Valid   bool   `json:"valid"`
				Sampled bool   `json:"sampled"`
			} `json:"contexts"`
			Findings []struct {
				Kind string `json:"kind"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(js), &rep); err != nil {
			t.Fatal(err)
		}
		if len(rep.Contexts) != tc.n {
			t.Fatalf("%s: got %d contexts, want %d:\n%s", tc.formats, len(rep.Contexts), tc.n, js)
		}
		first := rep.Contexts[0]
		for _, c := range rep.Contexts {
			if !c.Valid || !c.Sampled || c.TraceID != first.TraceID || c.SpanID != first.SpanID {
				t.Errorf("%s: %s context %+v differs from %+v", tc.formats, c.Format, c, first)
			}
		}
		if tc.check != nil && !tc.check(first.TraceID) {
			t.Errorf("%s: trace id %s does not fit the formats", tc.formats, first.TraceID)
		}
		// A 64-bit id, which OT needs, is reported as such.
		for _, f := range rep.Findings {
			if f.Kind != "padded-trace-id" || tc.check == nil {
				t.Errorf("%s: finding on a generated context: %+v", tc.formats, f)
			}
		}
		if again, _, _ := runCmd(t, "", "generate", "--format", tc.formats); again == out {
			t.Errorf("%s: two runs produced the same ids:\n%s", tc.formats, out)
		}
	}
}
