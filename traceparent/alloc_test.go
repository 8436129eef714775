package traceparent

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

const (
	testT  = "4bf92f3577b34da6a3ce929d0e0e4736"
	testP  = "00f067aa0ba902b7"
	testTP = "00-" + testT + "-" + testP + "-01"
)

// allocInputs are valid and invalid values that every parser must handle
// without allocating.
var allocInputs = []string{
	testTP,
	" " + testTP + "\t",
	"cc-" + testT + "-" + testP + "-01-future",
	"",
	"ff-" + testT + "-" + testP + "-01",
	"00-" + testT + "-" + testP + "-01-",
	"00-00000000000000000000000000000000-" + testP + "-01",
	"00-" + testT + "-0000000000000000-01",
	"00-4BF92F3577B34DA6A3CE929D0E0E4736-" + testP + "-01",
	"00-" + testT + "-" + testP + "-0g",
	"00-" + testT,
}

func TestParseAllocs(t *testing.T) {
	for _, in := range allocInputs {
		b := []byte(in)
		if n := testing.AllocsPerRun(100, func() { Parse(in) }); n != 0 {
			t.Errorf("Parse(%q): %v allocs, want 0", in, n)
		}
		if n := testing.AllocsPerRun(100, func() { ParseBytes(b) }); n != 0 {
			t.Errorf("ParseBytes(%q): %v allocs, want 0", in, n)
		}
		if n := testing.AllocsPerRun(100, func() { ParseResponse(in) }); n != 0 {
			t.Errorf("ParseResponse(%q): %v allocs, want 0", in, n)
		}
		if n := testing.AllocsPerRun(100, func() { ParseResponseBytes(b) }); n != 0 {
			t.Errorf("ParseResponseBytes(%q): %v allocs, want 0", in, n)
		}
	}
}

func TestParseServerTimingAllocs(t *testing.T) {
	for _, in := range []string{
		"trace;desc=" + testTP,
		`db;dur=53, cache;desc="a, b", trace;desc="` + testTP + `"`,
		`trace;desc="00-` + testT + "-" + testP + `-\01"`,
		`trace;desc="00-` + testT + "-" + testP + `-\0g"`,
		"db;dur=53",
		"trace;desc=" + testTP + "-x",
	} {
		if n := testing.AllocsPerRun(100, func() { ParseServerTiming(in) }); n != 0 {
			t.Errorf("ParseServerTiming(%q): %v allocs, want 0", in, n)
		}
	}
}

func TestAppendAllocs(t *testing.T) {
	sc, _ := Parse(testTP)
	buf := make([]byte, 0, 128)
	for name, fn := range map[string]func([]byte, tracewire.SpanContext) []byte{
		"Append":             Append,
		"AppendResponse":     AppendResponse,
		"AppendServerTiming": AppendServerTiming,
	} {
		if n := testing.AllocsPerRun(100, func() { buf = fn(buf[:0], sc) }); n != 0 {
			t.Errorf("%s: %v allocs, want 0", name, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = Format(sc) }); n != 1 {
		t.Errorf("Format: %v allocs, want 1", n)
	}
}

func TestExtractAllocs(t *testing.T) {
	for name, h := range map[string]http.Header{
		"traceparent only": {"Traceparent": {testTP}},
		"with tracestate":  {"Traceparent": {testTP}, "Tracestate": {"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"}},
		"bad tracestate":   {"Traceparent": {testTP}, "Tracestate": {"FOO=1"}},
		"bad traceparent":  {"Traceparent": {"00-" + testT + "-" + testP + "-01-"}},
		"two traceparents": {"Traceparent": {testTP, testTP}},
		"absent":           {},
	} {
		c := carrier.HTTPHeader(h)
		var p Propagator
		if n := testing.AllocsPerRun(100, func() { p.ExtractFrom(c) }); n != 0 {
			t.Errorf("ExtractFrom(%s): %v allocs, want 0", name, n)
		}
	}
}

// TestInjectAllocs pins what InjectInto costs: into an http.Header 1 for
// one header (its value and a fresh one-element slice in one object, made
// by carrier.Set, since a slice the header may share is never written
// into) and 1 for two (both values and the array carrier.SetAll cuts both
// value slices from, in one object); into a map 1 either way. So does
// InjectWithTraceState, given the trace state's text.
func TestInjectAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	sc, _ := Parse(testTP)
	ts, err := tracewire.ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
	if err != nil {
		t.Fatal(err)
	}
	var p Propagator
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		sc   tracewire.SpanContext
		want float64
	}{
		{"http.Header traceparent", carrier.HTTPHeader(http.Header{}), sc, 1},
		{"http.Header with tracestate", carrier.HTTPHeader(http.Header{}), sc.WithTraceState(ts), 1},
		{"map traceparent", carrier.Map{}, sc, 1},
		{"map with tracestate", carrier.Map{}, sc.WithTraceState(ts), 1},
	} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(tc.s, tc.sc) }); n != tc.want {
			t.Errorf("%s: %v allocs, want %v", tc.name, n, tc.want)
		}
		state := []byte(tc.sc.TraceState().String())
		if n := testing.AllocsPerRun(100, func() { p.InjectWithTraceState(tc.s, sc, state) }); n != tc.want {
			t.Errorf("%s: InjectWithTraceState: %v allocs, want %v", tc.name, n, tc.want)
		}
	}
}
