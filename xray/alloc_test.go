package xray_test

import (
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/xray"
)

const (
	tid   = "4bf92f3577b34da6a3ce929d0e0e4736"
	sid   = "00f067aa0ba902b7"
	root  = "1-4bf92f35-77b34da6a3ce929d0e0e4736"
	valid = "Root=" + root + ";Parent=" + sid + ";Sampled=1"
	rich  = "Self=1-67891234-12456789abcdef012345678;" + valid + ";Lineage=a87bd80c:1:68;CalledFrom=app"
)

func assertNoAllocs(t *testing.T, name string, f func()) {
	t.Helper()
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations, want 0", name, n)
	}
}

// Inputs that reach every exit of the parser.
var allocInputs = []string{
	valid,
	rich,
	" \t" + valid + "\t ",
	"Root=" + root,
	"Sampled=0; Parent=" + sid + "; Root=" + root,
	"Root=1-0-77b34da6a3ce929d0e0e4736;Parent=" + sid,
	"",
	"Root=2-4bf92f35-77b34da6a3ce929d0e0e4736",
	"Root=1-4bf92f35-77b34da6a3ce929d0e0e473",
	"Root=1-00000000-000000000000000000000000",
	"Root=" + root + ";Parent=xyz",
	"Root=" + root + ";Sampled=x",
	"Root=" + root + ";Root=" + root,
	"Root=" + root + ";garbage",
	"Root=" + root + ";Foo=\x01",
	"Parent=" + sid,
}

func TestAllocsParse(t *testing.T) {
	for _, s := range allocInputs {
		b := []byte(s)
		var sc tracewire.SpanContext
		var h xray.Header
		var err error
		assertNoAllocs(t, "Parse("+s+")", func() { sc, err = xray.Parse(s) })
		assertNoAllocs(t, "ParseBytes("+s+")", func() { sc, err = xray.ParseBytes(b) })
		assertNoAllocs(t, "ParseHeader("+s+")", func() { h, err = xray.ParseHeader(s) })
		_, _, _ = sc, h, err
	}
}

func TestAllocsAppend(t *testing.T) {
	h, err := xray.ParseHeader(rich)
	if err != nil {
		t.Fatal(err)
	}
	sc := h.SpanContext()
	buf := make([]byte, 0, xray.MaxLen)
	assertNoAllocs(t, "Append", func() { buf = xray.Append(buf[:0], sc) })
	if got := string(buf); got != valid {
		t.Errorf("Append = %q, want %q", got, valid)
	}
	assertNoAllocs(t, "Header.Append", func() { buf = h.Append(buf[:0], sc) })
	if got, want := string(buf), valid+";Self=1-67891234-12456789abcdef012345678;Lineage=a87bd80c:1:68;CalledFrom=app"; got != want {
		t.Errorf("Header.Append = %q, want %q", got, want)
	}
	assertNoAllocs(t, "Header.Lineage", func() { _ = h.Lineage() })
	assertNoAllocs(t, "Header.Get", func() { _ = h.Get("CalledFrom") })
}

func TestAllocsExtractFrom(t *testing.T) {
	env := carrier.Env{"PATH=/bin", "_X_AMZN_TRACE_ID=" + valid}
	for _, p := range []xray.Propagator{{}, {Env: env}} {
		for _, s := range allocInputs {
			for name, g := range map[string]carrier.Getter{
				"http.Header": carrier.HTTPHeader{"X-Amzn-Trace-Id": {s}},
				"map":         carrier.Map{"X-Amzn-Trace-Id": s},
				"lower map":   carrier.Map{"x-amzn-trace-id": s},
				"absent":      carrier.HTTPHeader{"Traceparent": {"x"}},
			} {
				assertNoAllocs(t, "ExtractFrom "+name+" "+s, func() { _, _ = p.ExtractFrom(g) })
				assertNoAllocs(t, "ExtractHeader "+name+" "+s, func() { _, _ = p.ExtractHeader(g) })
			}
		}
	}
}

// TestAllocsInject: writing into a reused http.Header costs one
// allocation, the value's bytes and the new one-element slice (nothing
// writes into a slice the header already holds, which may be shared),
// made together by carrier.Set.
func TestAllocsInject(t *testing.T) {
	sc, _ := xray.Parse(valid)
	h := carrier.HTTPHeader{"X-Amzn-Trace-Id": {"old"}}
	var p xray.Propagator
	if n := testing.AllocsPerRun(100, func() { p.InjectInto(h, sc) }); n != 1 {
		t.Errorf("InjectInto: %v allocations, want 1", n)
	}
	if got := h["X-Amzn-Trace-Id"]; len(got) != 1 || got[0] != valid {
		t.Errorf("InjectInto wrote %q", got)
	}
}
