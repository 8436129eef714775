package carrier_test

import (
	"fmt"
	"net/textproto"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// TestSpellings: the map carriers find a header under the spellings their
// documentation lists, in its order, and no other.
func TestSpellings(t *testing.T) {
	tests := []struct {
		name   string
		stored []string // keys holding "v0", "v1", ... in this order
		key    string
		want   string // "" when absent
	}{
		{"lowercase", []string{"traceparent"}, "traceparent", "v0"},
		{"canonical", []string{"Traceparent"}, "traceparent", "v0"},
		{"canonical multi-word", []string{"Uber-Trace-Id"}, "uber-trace-id", "v0"},
		{"B3's own", []string{"X-B3-TraceId"}, "x-b3-traceid", "v0"},
		{"B3's own parent", []string{"X-B3-ParentSpanId"}, "x-b3-parentspanid", "v0"},
		{"B3 canonical", []string{"X-B3-Spanid"}, "x-b3-spanid", "v0"},
		{"unknown name canonical", []string{"Uberctx-User-Id"}, "uberctx-user-id", "v0"},
		{"asked in upper case", []string{"traceparent"}, "TRACEPARENT", "v0"},
		{"asked mixed, stored canonical", []string{"X-B3-Traceid"}, "x-B3-TRACEID", "v0"},
		{"asked as stored", []string{"TRACEPARENT"}, "TRACEPARENT", "v0"},
		{"exact before lowercase", []string{"traceparent", "TraceParent"}, "TraceParent", "v1"},
		{"lowercase before canonical", []string{"Traceparent", "traceparent"}, "TRACEPARENT", "v1"},
		{"canonical before conventional", []string{"X-B3-TraceId", "X-B3-Traceid"}, "x-b3-traceid", "v1"},
		{"upper case not read", []string{"TRACEPARENT"}, "traceparent", ""},
		{"odd case not read", []string{"x-B3-traceId"}, "x-b3-traceid", ""},
		{"absent", []string{"accept"}, "b3", ""},
		{"not a fold", []string{"traceparenT"}, "traceparent", ""},
		{"long name", []string{textproto.CanonicalMIMEHeaderKey("uberctx-" + long)}, "uberctx-" + long, "v0"},
	}
	for _, tt := range tests {
		m, md, nh := carrier.Map{}, carrier.Metadata{}, carrier.NATSHeader{}
		for i, k := range tt.stored {
			v := "v" + string(rune('0'+i))
			m[k], md[k], nh[k] = v, []string{v}, []string{v}
		}
		for name, g := range map[string]carrier.Getter{"Map": m, "Metadata": md, "NATSHeader": nh} {
			if got := g.Get(tt.key); got != tt.want {
				t.Errorf("%s: %s: Get(%q) from %v = %q, want %q", tt.name, name, tt.key, tt.stored, got, tt.want)
			}
		}
	}
}

var long = "a-very-long-baggage-key-that-does-not-fit-the-stack-buffer-of-sixty-four-bytes"

// TestSpellingAllocs: lookups by the names propagators use, present or
// not, and by other names in any case, allocate nothing, whatever
// spelling the map holds.
func TestSpellingAllocs(t *testing.T) {
	m := carrier.Map{"Traceparent": "a", "X-B3-TraceId": "b", "uber-trace-id": "c", "accept": "d"}
	md := carrier.Metadata{"Traceparent": {"a"}, "X-B3-TraceId": {"b"}, "uber-trace-id": {"c"}}
	names := []string{"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
		"x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-debug-id", "x-amzn-trace-id", "x-datadog-sampling-priority",
		// Names of no propagator, in another case, one longer than 32 bytes.
		"X-Request-Id", "X-Application-Specific-Header-Name"}
	for _, g := range []carrier.Getter{m, md, carrier.NATSHeader(md)} {
		if n := testing.AllocsPerRun(100, func() {
			for _, k := range names {
				_ = g.Get(k)
			}
		}); n != 0 {
			t.Errorf("%T: lookups allocate %v times, want 0", g, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		m.Set("traceparent", "x")
		m.Set("x-b3-traceid", "y")
		m.Delete("b3")
	}); n != 0 {
		t.Errorf("Map Set and Delete allocate %v times, want 0", n)
	}
}

func TestNewMap(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]string
		want carrier.Map
	}{
		{"nil", nil, nil},
		{"lowercase", map[string]string{"traceparent": "a", "x": "b"}, carrier.Map{"traceparent": "a", "x": "b"}},
		{"mixed", map[string]string{"TRACEPARENT": "a", "X-B3-TraceID": "b", "accept": "c"},
			carrier.Map{"traceparent": "a", "x-b3-traceid": "b", "accept": "c"}},
		{"lowercase wins", map[string]string{"TRACEPARENT": "a", "traceparent": "b", "Traceparent": "c"},
			carrier.Map{"traceparent": "b"}},
		{"first in order wins", map[string]string{"TRACEPARENT": "a", "TraceParent": "b", "Traceparent": "c"},
			carrier.Map{"traceparent": "a"}},
		{"ASCII only", map[string]string{"K\u212aY": "kelvin"}, carrier.Map{"k\u212ay": "kelvin"}},
	}
	for _, tt := range tests {
		in := map[string]string{}
		for k, v := range tt.in {
			in[k] = v
		}
		got := carrier.NewMap(tt.in)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
		if tt.in != nil && cmp.Diff(in, tt.in) != "" {
			t.Errorf("%s: NewMap changed its input", tt.name)
		}
	}
	lower := map[string]string{"traceparent": "a", "b3": "b"}
	if n := testing.AllocsPerRun(100, func() { _ = carrier.NewMap(lower) }); n != 0 {
		t.Errorf("NewMap of a lowercase map allocates %v times, want 0", n)
	}
}

func ExampleNewMap() {
	// Headers from a producer that wrote them in upper case.
	msg := map[string]string{"TRACEPARENT": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
	fmt.Println(carrier.Map(msg).Get("traceparent") == "")
	fmt.Println(carrier.NewMap(msg).Get("traceparent"))
	// Output:
	// true
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}
