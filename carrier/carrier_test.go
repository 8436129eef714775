package carrier_test

import (
	"net/http"
	"net/textproto"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// Every adapter satisfies both interfaces.
var (
	_ carrier.ValuesGetter = carrier.HTTPHeader{}
	_ carrier.Setter       = carrier.HTTPHeader{}
	_ carrier.Getter       = carrier.Map{}
	_ carrier.Setter       = carrier.Map{}
	_ carrier.ValuesGetter = carrier.Metadata{}
	_ carrier.Setter       = carrier.Metadata{}
)

func TestHTTPHeader(t *testing.T) {
	h := http.Header{}
	h.Add("Traceparent", "tp")
	h.Add("Tracestate", "a=1")
	h.Add("Tracestate", "b=2")
	h.Add("X-B3-Traceid", "first")
	h.Add("X-B3-Traceid", "second")
	h.Add("Uberctx-User-Id", "alice")
	c := carrier.HTTPHeader(h)

	tests := []struct {
		key    string
		get    string
		values []string
	}{
		{"traceparent", "tp", []string{"tp"}},
		{"tracestate", "a=1", []string{"a=1", "b=2"}},
		{"x-b3-traceid", "first", []string{"first", "second"}},
		{"uberctx-user-id", "alice", []string{"alice"}},
		{"Uberctx-User-Id", "alice", []string{"alice"}},
		{"baggage", "", nil},
	}
	for _, tt := range tests {
		if got := c.Get(tt.key); got != tt.get {
			t.Errorf("Get(%q) = %q, want %q", tt.key, got, tt.get)
		}
		if diff := cmp.Diff(tt.values, c.Values(tt.key)); diff != "" {
			t.Errorf("Values(%q) (-want +got):\n%s", tt.key, diff)
		}
	}
	keys := c.Keys()
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"Traceparent", "Tracestate", "Uberctx-User-Id", "X-B3-Traceid"}, keys); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}

	c.Set("tracestate", "c=3")
	c.Set("b3", "0")
	if diff := cmp.Diff([]string{"c=3"}, h["Tracestate"]); diff != "" {
		t.Errorf("Set did not replace every line (-want +got):\n%s", diff)
	}
	if h.Get("B3") != "0" {
		t.Errorf("Set(b3) wrote %v", h)
	}
	c.Delete("b3")
	if _, ok := h["B3"]; ok {
		t.Error("Delete left the header")
	}
}

func TestHTTPHeaderAllocs(t *testing.T) {
	h := http.Header{"Traceparent": {"tp"}, "Tracestate": {"a=1"}, "X-B3-Parentspanid": {"p"}}
	c := carrier.HTTPHeader(h)
	var g carrier.Getter = c
	if n := testing.AllocsPerRun(100, func() {
		_ = g.Get("traceparent")
		_ = c.Values("tracestate")
		_ = g.Get("x-b3-parentspanid")
		_ = g.Get("jaeger-debug-id")
	}); n != 0 {
		t.Errorf("lookups allocate %v times, want 0", n)
	}
	v := "00-x"
	if n := testing.AllocsPerRun(100, func() { c.Set("traceparent", v) }); n != 1 {
		t.Errorf("Set into a reused header allocates %v times, want 1 (the new value slice)", n)
	}
}

// TestSetDoesNotWriteSharedSlices: a proxy that copies the incoming
// headers into the outgoing ones by assigning the value slices must not
// see the incoming request change when it injects into the outgoing one.
func TestSetDoesNotWriteSharedSlices(t *testing.T) {
	in := http.Header{"Traceparent": {"incoming"}, "Tracestate": {"a=1", "b=2"}}
	out := http.Header{}
	for k, v := range in {
		out[k] = v
	}
	carrier.HTTPHeader(out).Set("traceparent", "outgoing")
	carrier.HTTPHeader(out).Set("tracestate", "c=3")
	if diff := cmp.Diff(http.Header{"Traceparent": {"incoming"}, "Tracestate": {"a=1", "b=2"}}, in); diff != "" {
		t.Errorf("HTTPHeader.Set changed the incoming header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(http.Header{"Traceparent": {"outgoing"}, "Tracestate": {"c=3"}}, out); diff != "" {
		t.Errorf("HTTPHeader.Set (-want +got):\n%s", diff)
	}

	mdIn := map[string][]string{"b3": {"incoming"}}
	mdOut := carrier.Metadata{"b3": mdIn["b3"]}
	mdOut.Set("b3", "outgoing")
	if diff := cmp.Diff(map[string][]string{"b3": {"incoming"}}, mdIn); diff != "" {
		t.Errorf("Metadata.Set changed the shared slice (-want +got):\n%s", diff)
	}
}

// TestCanonicalKey compares the adapter's lookups with net/textproto, the
// canonicalization net/http applies, for the trace headers the adapter
// spells in advance and for names it canonicalizes itself.
func TestCanonicalKey(t *testing.T) {
	known := []string{
		"traceparent", "tracestate", "traceresponse", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
		"x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-debug-id",
		"jaeger-baggage", "server-timing", "x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid",
		"ot-tracer-sampled", "sentry-trace", "x-cloud-trace-context", "x-datadog-trace-id",
		"x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-origin", "x-datadog-tags",
		"grpc-trace-bin",
	}
	other := []string{
		"", "uberctx-user-id", "Uberctx-User-Id", "UBERCTX-USER-ID", "x-b3-TRACEID", "-a-", "--x", "a--b",
		"ab9-c", "9a", "x_y-z", "a b", "a:b", "Uberctx-\xff", "é", "X-B3-TraceId\r", "content-type",
		"ACCEPT", "a.b-c~d", "Uber-trace-id",
	}
	for _, name := range append(append([]string{}, known...), other...) {
		h := carrier.HTTPHeader{textproto.CanonicalMIMEHeaderKey(name): {"v"}}
		if got := h.Get(name); got != "v" {
			t.Errorf("Get(%q) = %q from %v, want the value under %q", name, got, h, textproto.CanonicalMIMEHeaderKey(name))
		}
		h = carrier.HTTPHeader{}
		h.Set(name, "v")
		if diff := cmp.Diff(carrier.HTTPHeader{textproto.CanonicalMIMEHeaderKey(name): {"v"}}, h); diff != "" {
			t.Errorf("Set(%q) (-want +got):\n%s", name, diff)
		}
	}
	for _, name := range known {
		h := carrier.HTTPHeader{textproto.CanonicalMIMEHeaderKey(name): {"v"}}
		if n := testing.AllocsPerRun(100, func() { _ = h.Get(name) }); n != 0 {
			t.Errorf("Get(%q) allocates %v times, want 0", name, n)
		}
	}
}

// FuzzCanonicalKey: for any name, the adapter finds what net/http stored.
func FuzzCanonicalKey(f *testing.F) {
	for _, s := range []string{"traceparent", "uberctx-a-b", "X-B3-TRACEID", "a b", "\xff", "-", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		want := textproto.CanonicalMIMEHeaderKey(name)
		h := carrier.HTTPHeader{}
		h.Set(name, "v")
		if _, ok := h[want]; !ok || len(h) != 1 {
			t.Fatalf("Set(%q) wrote %v, want key %q", name, h, want)
		}
		if got := h.Get(name); got != "v" {
			t.Fatalf("Get(%q) = %q", name, got)
		}
	})
}

func TestMap(t *testing.T) {
	m := carrier.Map{"Traceparent": "tp", "baggage": "k=v"}
	tests := map[string]string{"traceparent": "tp", "TRACEPARENT": "tp", "baggage": "k=v", "Baggage": "k=v", "BAGGAGE": "k=v", "b3": ""}
	for k, want := range tests {
		if got := m.Get(k); got != want {
			t.Errorf("Get(%q) = %q, want %q", k, got, want)
		}
	}
	m.Set("traceparent", "new")
	if diff := cmp.Diff(carrier.Map{"traceparent": "new", "baggage": "k=v"}, m); diff != "" {
		t.Errorf("Set did not replace the differently-cased key (-want +got):\n%s", diff)
	}
	keys := m.Keys()
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"baggage", "traceparent"}, keys); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}
	for _, k := range []string{"Traceparent", "traceparent", "TRACEPARENT", "b3", "X-B3-TraceId", "uber-trace-id"} {
		if n := testing.AllocsPerRun(100, func() { _ = m.Get(k) }); n != 0 {
			t.Errorf("Get(%q) allocates %v times, want 0", k, n)
		}
	}
}

func TestMetadata(t *testing.T) {
	md := carrier.Metadata{"tracestate": {"a=1", "b=2"}, "b3": {"1"}}
	if got := md.Get("Tracestate"); got != "a=1" {
		t.Errorf("Get = %q", got)
	}
	if diff := cmp.Diff([]string{"a=1", "b=2"}, md.Values("tracestate")); diff != "" {
		t.Errorf("Values (-want +got):\n%s", diff)
	}
	if md.Get("traceparent") != "" || md.Values("x") != nil {
		t.Error("missing key returned a value")
	}
	md.Set("X-B3-TraceId", "t")
	md.Set("b3", "0")
	if diff := cmp.Diff(carrier.Metadata{"tracestate": {"a=1", "b=2"}, "b3": {"0"}, "x-b3-traceid": {"t"}}, md); diff != "" {
		t.Errorf("Set (-want +got):\n%s", diff)
	}
	if len(md.Keys()) != 3 {
		t.Errorf("Keys = %v", md.Keys())
	}
	if n := testing.AllocsPerRun(100, func() { _ = md.Get("tracestate") }); n != 0 {
		t.Errorf("Get allocates %v times, want 0", n)
	}
}

type plainGetter map[string]string

func (p plainGetter) Get(k string) string { return p[k] }
func (p plainGetter) Keys() []string      { return nil }

func TestValues(t *testing.T) {
	if diff := cmp.Diff([]string{"a=1", "b=2"}, carrier.Values(carrier.Metadata{"tracestate": {"a=1", "b=2"}}, "tracestate")); diff != "" {
		t.Errorf("Values via ValuesGetter (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a=1"}, carrier.Values(plainGetter{"tracestate": "a=1"}, "tracestate")); diff != "" {
		t.Errorf("Values via Get (-want +got):\n%s", diff)
	}
	if got := carrier.Values(plainGetter{}, "tracestate"); got != nil {
		t.Errorf("Values of a missing key = %v", got)
	}
}

func TestDelete(t *testing.T) {
	var _ carrier.Deleter = carrier.HTTPHeader{}
	var _ carrier.Deleter = carrier.Map{}
	var _ carrier.Deleter = carrier.Metadata{}
	m := carrier.Map{"B3": "1", "b3": "0", "x": "y"}
	m.Delete("b3")
	if diff := cmp.Diff(carrier.Map{"x": "y"}, m); diff != "" {
		t.Errorf("Map.Delete (-want +got):\n%s", diff)
	}
	md := carrier.Metadata{"b3": {"1"}, "x": {"y"}}
	md.Delete("B3")
	if diff := cmp.Diff(carrier.Metadata{"x": {"y"}}, md); diff != "" {
		t.Errorf("Metadata.Delete (-want +got):\n%s", diff)
	}
}

func TestAllKeys(t *testing.T) {
	collect := func(g carrier.Getter) []string {
		var out []string
		for k := range carrier.AllKeys(g) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	want := []string{"a", "b"}
	for name, g := range map[string]carrier.Getter{
		"http":     carrier.HTTPHeader{"a": {"1"}, "b": {"2"}},
		"map":      carrier.Map{"a": "1", "b": "2"},
		"metadata": carrier.Metadata{"a": {"1"}, "b": {"2"}},
		"other":    plainGetterWithKeys{"a", "b"},
	} {
		if diff := cmp.Diff(want, collect(g)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
		n := 0
		for range carrier.AllKeys(g) {
			n++
			break
		}
		if n != 1 {
			t.Errorf("%s: break did not stop the iteration", name)
		}
	}
	h := carrier.HTTPHeader{"Traceparent": {"x"}, "Uberctx-A": {"1"}}
	if n := testing.AllocsPerRun(100, func() {
		for k := range carrier.AllKeys(h) {
			_ = k
		}
	}); n != 0 {
		t.Errorf("AllKeys over an HTTPHeader allocates %v times, want 0", n)
	}
}

type plainGetterWithKeys []string

func (p plainGetterWithKeys) Get(string) string { return "" }
func (p plainGetterWithKeys) Keys() []string    { return p }

// TestMapSetReplacesEverySpelling: Set leaves one entry for the name
// among the spellings Get reads, even when the map already holds it under
// several, so that nothing reading the map by another of them finds a
// stale value. A spelling Get does not read is left alone: finding it
// would take a walk of the map on every Set.
func TestMapSetReplacesEverySpelling(t *testing.T) {
	m := carrier.Map{"traceparent": "old", "Traceparent": "older", "TRACEPARENT": "oldest", "b3": "1",
		"x-b3-traceid": "a", "X-B3-Traceid": "b", "X-B3-TraceId": "c", "X-B3-TRACEID": "d"}
	m.Set("traceparent", "new")
	m.Set("x-b3-traceid", "t")
	want := carrier.Map{"traceparent": "new", "TRACEPARENT": "oldest", "b3": "1", "x-b3-traceid": "t", "X-B3-TRACEID": "d"}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("Set (-want +got):\n%s", diff)
	}
	m.Delete("TraceParent")
	delete(want, "traceparent")
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("Delete (-want +got):\n%s", diff)
	}
}

// TestSetBytesOneAllocation: a value formatted into a buffer and stored
// with Set costs one allocation in the carriers of value slices (the
// bytes and their one-element slice in one object), the value is a copy,
// and the slice has capacity 1 so that appending to it cannot reach the
// bytes behind it.
func TestSetBytesOneAllocation(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	for _, tc := range []struct {
		name string
		s    carrier.Setter
	}{
		{"HTTPHeader", carrier.HTTPHeader{}},
		{"Metadata", carrier.Metadata{"Traceparent": {"stale"}}},
		{"NATSHeader", carrier.NATSHeader{"Traceparent": {"stale"}}},
	} {
		buf := []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
		want := string(buf)
		if n := testing.AllocsPerRun(100, func() { carrier.Set(tc.s, "traceparent", buf) }); n != 1 {
			t.Errorf("%s: %v allocs, want 1", tc.name, n)
		}
		buf[0] = 'X'
		vals := tc.s.(carrier.ValuesGetter).Values("traceparent")
		if diff := cmp.Diff([]string{want}, vals); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if cap(vals) != 1 {
			t.Errorf("%s: cap %d, want 1", tc.name, cap(vals))
		}
		if n := len(tc.s.(carrier.Getter).Keys()); n != 1 {
			t.Errorf("%s: %d keys, want 1 (the other spellings deleted)", tc.name, n)
		}
	}
}

// TestNilCarriers: a nil carrier reads as empty; writing into one panics,
// as storing into a nil Go map does, except a nil NATSHeader, which takes
// nothing (a NATS message without headers has none).
func TestNilCarriers(t *testing.T) {
	for _, c := range []struct {
		name   string
		s      carrier.Setter
		panics bool
	}{
		{"Map", carrier.Map(nil), true},
		{"Metadata", carrier.Metadata(nil), true},
		{"HTTPHeader", carrier.HTTPHeader(nil), true},
		{"NATSHeader", carrier.NATSHeader(nil), false},
	} {
		g := c.s.(carrier.Getter)
		if v := g.Get("traceparent"); v != "" {
			t.Errorf("%s(nil).Get = %q, want empty", c.name, v)
		}
		if n := len(g.Keys()); n != 0 {
			t.Errorf("%s(nil).Keys has %d names", c.name, n)
		}
		c.s.(carrier.Deleter).Delete("traceparent") // deleting from a nil map is a no-op in Go too
		panicked := func() (p bool) {
			defer func() { p = recover() != nil }()
			c.s.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			return false
		}()
		if panicked != c.panics {
			t.Errorf("%s(nil).Set panicked: %v, want %v", c.name, panicked, c.panics)
		}
	}
}
