package fuzz

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

// Regression tests for bugs this package's fuzzing found in other
// packages, each asserting the behaviour that was expected and is now
// delivered.

// hops runs headers through c n times, as a chain of n proxies configured
// alike would: extract, then inject into fresh headers for the next one.
func hops(c propagator.Composite, in http.Header, n int) http.Header {
	for range n {
		ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
		out := http.Header{}
		c.Inject(ctx, carrier.HTTPHeader(out))
		in = out
	}
	return in
}

// fourFormats is the default-order composite of FuzzRoundTrip.
func fourFormats() propagator.Composite {
	return propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage())
}

// TestRegressionCompositeBaggage: package propagator. A composite holding
// Jaeger before Baggage writes every baggage member also as
// uberctx-{lowercased key}; the next hop merges those back first-wins, so
// W3C baggage that went through one proxy is not what came in. Expected:
// the W3C baggage header survives any number of hops unchanged (for
// instance by letting a W3C member win over the uberctx-* copy of the same
// key compared case-insensitively, whatever the member order).
func TestRegressionCompositeBaggage(t *testing.T) {
	for _, tc := range []struct{ name, baggage string }{
		// hop 2 sees userid=alice (uberctx) and userId=alice: two members.
		{"mixed-case key duplicated", "userId=alice"},
		// uberctx-userid holds only one of the two values; after two hops
		// userid=2 has become userid=1.
		{"keys differing in case corrupted", "UserId=1,userid=2"},
		// the uberctx copy has no properties and wins the merge.
		{"properties dropped", "k=v;p=1;q"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := hops(fourFormats(), http.Header{"Baggage": {tc.baggage}}, 3)
			if diff := cmp.Diff([]string{tc.baggage}, out["Baggage"]); diff != "" {
				t.Errorf("baggage after 3 hops (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRegressionCompositeSamplingState: package propagator. Composite
// first-wins keeps the first valid member's context whole; its own output
// puts traceparent first, and W3C cannot say "deferred" or "debug", has no
// parent and no 64-bit width. So the second proxy in a chain turns a B3
// deferred decision into "0", debug into "1" (OpenTelemetry's B3 rules say
// a received debug flag MUST be propagated), and drops the parent and the
// 64-bit width. Expected: when a later member carries the same trace id and
// span id as the winner, the composite keeps what that member adds, as it
// already does for tracestate, so every hop writes what the first did.
func TestRegressionCompositeSamplingState(t *testing.T) {
	const (
		T = "80f198ee56343ba864fe8b2a57d3eff7"
		S = "e457b5a2e4d86bd1"
		P = "05e3ac9a4f6e3b90"
	)
	for _, tc := range []struct {
		name string
		in   http.Header
		key  string
	}{
		{"b3 deferred", http.Header{"B3": {T + "-" + S}}, "B3"},
		{"b3 debug", http.Header{"B3": {T + "-" + S + "-d"}}, "B3"},
		{"b3 64-bit with parent", http.Header{"B3": {T[16:] + "-" + S + "-1-" + P}}, "B3"},
		{"jaeger debug with parent", http.Header{"Uber-Trace-Id": {T + ":" + S + ":" + P + ":3"}}, "Uber-Trace-Id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := fourFormats()
			one, two := hops(c, tc.in, 1), hops(c, tc.in, 2)
			if diff := cmp.Diff(one[tc.key], two[tc.key]); diff != "" {
				t.Errorf("%s after hop 1 vs hop 2 (-hop1 +hop2):\n%s", tc.key, diff)
			}
		})
	}
}

// TestRegressionAppendUnescapedErrorAllocates: package jaeger. Given a small
// dst, AppendUnescaped copies a long value into it, growing it step by
// step, before it meets a truncated escape at the end and returns dst
// unchanged: 33 allocations for 1 MiB, all wasted, on the error path
// (ExtractBaggage's raw fallback for uberctx-* values pays the same).
// Expected: the error path allocates nothing, e.g. by checking the escapes
// before appending, or at most once by growing dst to len(value) up front.
func TestRegressionAppendUnescapedErrorAllocates(t *testing.T) {
	in := strings.Repeat("x", 1<<20) + "%4"
	buf := make([]byte, 0, 8)
	if n := testing.AllocsPerRun(3, func() { _, _ = jaeger.AppendUnescaped(buf[:0], in) }); n > 1 {
		t.Errorf("AppendUnescaped(small dst, 1 MiB + %q) = %v allocations on the error path, want at most 1", "%4", n)
	}

	// ExtractBaggage passes such a value on raw; that should cost what a
	// clean value of the same length costs, not the wasted growth.
	extract := func(v string) float64 {
		h := carrier.HTTPHeader(http.Header{"Uberctx-K": {v}})
		return testing.AllocsPerRun(3, func() { jaeger.ExtractBaggage(h, func(string, string) bool { return true }) })
	}
	if clean, bad := extract(in[:len(in)-2]), extract(in); bad > clean {
		t.Errorf("ExtractBaggage: %v allocations for 1 MiB ending in %q, %v for the clean value", bad, "%4", clean)
	}
}
