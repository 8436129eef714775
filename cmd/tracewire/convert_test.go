package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		want   string
		stderr string
	}{
		{
			name: "traceparent to every format by default",
			args: []string{tpValid, "tracestate: rojo=1", "baggage: a=1", "uberctx-user: bob%20smith"},
			want: `traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
tracestate: rojo=1
b3: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1
x-b3-traceid: 4bf92f3577b34da6a3ce929d0e0e4736
x-b3-spanid: 00f067aa0ba902b7
x-b3-sampled: 1
uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1
baggage: a=1,user=bob%20smith
`,
		},
		{
			name: "64-bit b3 is padded in W3C and kept 64-bit in Jaeger",
			args: []string{"--format", "tracecontext,jaeger", "b3: a3ce929d0e0e4736-00f067aa0ba902b7-0-05e3ac9a4f6e3b90"},
			want: `traceparent: 00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00
uber-trace-id: a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:0
`,
		},
		{
			name: "jaeger debug becomes b3 d and X-B3-Flags",
			args: []string{"--format=b3,b3multi", "uber-trace-id: 463ac35c9f6413ad:72485a3953bb6124:0:3"},
			want: `b3: 463ac35c9f6413ad-72485a3953bb6124-d
x-b3-traceid: 463ac35c9f6413ad
x-b3-spanid: 72485a3953bb6124
x-b3-flags: 1
`,
		},
		{
			name: "W3C wins over b3, formats deduplicated and aliased",
			args: []string{"--format", " W3C , traceparent,tracecontext", b3Other, tpValid},
			want: "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n",
		},
		{
			name:   "an invalid traceparent is skipped for b3, with a note",
			args:   []string{"--format", "tracecontext", tpUpper, b3Other},
			want:   "traceparent: 00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-00\n",
			stderr: "tracewire convert: skipping traceparent: traceparent: invalid span id at offset 38\n",
		},
		{
			name:  "stdin, and W3C baggage wins over Jaeger's for a shared key",
			args:  []string{"--format", "baggage,uberctx"},
			stdin: "baggage: user=alice\nuberctx-user: bob\njaeger-baggage: team=core, bad\n",
			want: `baggage: user=alice,team=core
uberctx-user: alice
uberctx-team: core
`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, tc.stdin, append([]string{"convert"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
			}
			if diff := cmp.Diff(tc.want, out); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.stderr, errOut); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConvertRoundTrip converts the example to every format, then each
// output back to W3C: the context must survive every hop.
func TestConvertRoundTrip(t *testing.T) {
	const tp = "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n"
	for _, format := range []string{"b3", "b3multi", "jaeger"} {
		t.Run(format, func(t *testing.T) {
			mid, errOut, code := runCmd(t, tp, "convert", "--format", format)
			if code != 0 {
				t.Fatalf("to %s: exit %d: %s", format, code, errOut)
			}
			back, errOut, code := runCmd(t, mid, "convert", "--format", "tracecontext")
			if code != 0 {
				t.Fatalf("back: exit %d: %s", code, errOut)
			}
			if back != tp {
				t.Errorf("round trip through %s:\n%s-> %s, want %s", format, mid, back, tp)
			}
			if _, _, code := runCmd(t, mid, "inspect"); code != 0 {
				t.Errorf("inspect of the %s output: exit %d", format, code)
			}
		})
	}
}

func TestHeaderOutReplaces(t *testing.T) {
	var o headerOut
	o.Set("b3", "1")
	o.Set("x", "2")
	o.Set("B3", "3")
	var b strings.Builder
	o.write(&b)
	if got, want := b.String(), "b3: 3\nx: 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
