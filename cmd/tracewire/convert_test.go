package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/propagator"
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
uberctx-a: 1
uberctx-user: bob%20smith
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
		{
			name: "a W3C member beats its uberctx copy whatever the key's case (issue 11)",
			args: []string{"--format", "baggage", "baggage: User=bob", "uberctx-user: alice"},
			want: "baggage: User=bob\n",
		},
		{
			name: "what a jaeger service sends for the same headers",
			args: []string{"--format", "jaeger,baggage", tpValid, "baggage: User=bob", "uberctx-user: alice"},
			want: `uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1
uberctx-user: bob
baggage: User=bob
`,
		},
		{
			name: "--from and --policy: OpenTelemetry's last-wins order",
			args: []string{"--from", "b3multi,tracecontext", "--policy", "last-wins", "--format", "tracecontext", b3Other, tpValid,
				"x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7", "x-b3-spanid: e457b5a2e4d86bd1"},
			want: "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n",
		},
		{
			name: "--policy reparent: a traceparent of the same trace names the parent",
			args: []string{"--from", "b3,tracecontext", "--policy", "reparent", "--format", "b3",
				"b3: 4bf92f3577b34da6a3ce929d0e0e4736-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90", tpValid},
			want: "b3: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1\n",
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

// TestConvertNoContext: without a valid context convert exits 1 and
// prints what a service would still send.
func TestConvertNoContext(t *testing.T) {
	out, errOut, code := runCmd(t, "", "convert", "--format", "b3,baggage", "b3: 0", "baggage: a=1")
	if code != 1 || out != "b3: 0\nbaggage: a=1\n" || !strings.Contains(errOut, "no valid trace context") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, errOut, code = runCmd(t, "", "convert", "--policy", "newest", tpValid)
	if code != 2 || !strings.Contains(errOut, `unknown policy "newest"`) {
		t.Errorf("bad policy: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCmd(t, "", "convert", "--from", "zipkin", tpValid)
	if code != 2 || !strings.Contains(errOut, `--from`) {
		t.Errorf("bad --from: exit %d, stderr %q", code, errOut)
	}
}

// TestConvertMatchesComposite runs every case of testdata/composite.json
// through convert (--from and --format the case's members, --policy its
// policy) and through propagator.Composite directly: the header lines
// must be byte-identical, in the same order, and convert must exit 1
// exactly when no valid span context was found for a span format.
func TestConvertMatchesComposite(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(vectors.Dir(), "composite.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Name        string      `json:"name"`
			Propagators *string     `json:"propagators"`
			Policy      string      `json:"policy"`
			Headers     [][2]string `json:"headers"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 50 {
		t.Fatalf("only %d cases", len(f.Cases))
	}
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			value := ""
			if tc.Propagators != nil {
				value = *tc.Propagators
			}
			from, _ := propagator.Parse(value)
			policy := tc.Policy
			if policy == "" {
				policy = "first-wins"
			}
			var names []string
			for _, m := range from.Members {
				names = append(names, m.(propagator.Namer).Name())
			}
			fromArg, toNames := "none", []string{"tracecontext", "b3", "b3multi", "jaeger", "baggage"}
			if len(names) > 0 {
				fromArg, toNames = strings.Join(names, ","), names
			}

			// The library: extract with the case's composite, inject with
			// the members asked for.
			if from.Policy, err = propagator.ParsePolicy(policy); err != nil {
				t.Fatal(err)
			}
			var to propagator.Composite
			span := false
			for _, n := range toNames {
				p, _ := targetByName(n)
				_, isSpan := p.(propagator.SpanContextPropagator)
				span = span || isSpan
				to.Members = append(to.Members, p)
			}
			h := http.Header{}
			var in strings.Builder
			in.WriteString("{")
			for i, l := range tc.Headers {
				h.Add(l[0], l[1])
				k, _ := json.Marshal(l[0])
				v, _ := json.Marshal(l[1])
				if i > 0 {
					in.WriteString(",")
				}
				fmt.Fprintf(&in, "%s:%s", k, v)
			}
			in.WriteString("}")
			var lib headerOut
			to.Inject(from.Extract(context.Background(), carrier.HTTPHeader(h)), &lib)
			var want strings.Builder
			lib.write(&want)
			wantCode := 0
			if sc, _ := from.ExtractFrom(carrier.HTTPHeader(h)); span && !sc.IsValid() {
				wantCode = 1
			}

			out, errOut, code := runCmd(t, in.String(), "convert", "--from", fromArg, "--policy", policy, "--format", strings.Join(toNames, ","))
			if diff := cmp.Diff(want.String(), out); diff != "" {
				t.Errorf("convert differs from the Composite (-composite +convert):\n%s", diff)
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, wantCode, errOut)
			}
		})
	}
}
