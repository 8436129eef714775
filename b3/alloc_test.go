package b3_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	valid := tT + "-" + tS + "-1-" + tP
	validBytes := []byte(valid)
	invalid := tT + "-e457b5a2"
	invalidBytes := []byte(" " + tT + "-" + tS + "-true")
	sc, err := b3.Parse(valid)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 68)

	single := carrier.HTTPHeader(http.Header{"B3": {valid}})
	multi := carrier.HTTPHeader(http.Header{
		"X-B3-Traceid":      {tT},
		"X-B3-Spanid":       {tS},
		"X-B3-Parentspanid": {tP},
		"X-B3-Sampled":      {"true"},
		"X-B3-Flags":        {"1"},
	})
	fallback := carrier.HTTPHeader(http.Header{
		"B3":           {"0"},
		"X-B3-Traceid": {tT64},
		"X-B3-Spanid":  {tS},
	})
	badMulti := carrier.HTTPHeader(http.Header{"X-B3-Traceid": {tT}, "X-B3-Spanid": {"e457b5a2"}})
	var p b3.Propagator

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Parse valid", func() { _, _ = b3.Parse(valid) }},
		{"Parse sampling-only", func() { _, _ = b3.Parse("d") }},
		{"Parse invalid", func() { _, _ = b3.Parse(invalid) }},
		{"ParseBytes valid", func() { _, _ = b3.ParseBytes(validBytes) }},
		{"ParseBytes invalid", func() { _, _ = b3.ParseBytes(invalidBytes) }},
		{"Append", func() { _ = b3.Append(buf[:0], sc) }},
		{"ExtractMulti", func() { _, _ = b3.ExtractMulti(multi) }},
		{"ExtractMulti invalid", func() { _, _ = b3.ExtractMulti(badMulti) }},
		{"ExtractFrom single", func() { _, _ = p.ExtractFrom(single) }},
		{"ExtractFrom multi", func() { _, _ = p.ExtractFrom(multi) }},
		{"ExtractFrom sampling-only with multi ids", func() { _, _ = p.ExtractFrom(fallback) }},
		{"ExtractFrom invalid", func() { _, _ = p.ExtractFrom(badMulti) }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}

	// Into an http.Header, the single header costs 1: its value and a
	// fresh one-element slice in one object, made by carrier.Set (a slice
	// the header already holds is never written into: it may be shared);
	// the multi headers cost 1 too: carrier.SetAll makes their values
	// and the array of their four slices in one object. Into a map, 1
	// either way (one string).
	h := carrier.HTTPHeader(http.Header{"B3": {""}, "X-B3-Traceid": {""}, "X-B3-Spanid": {""}, "X-B3-Parentspanid": {""}, "X-B3-Sampled": {""}})
	for _, tc := range []struct {
		p    b3.Propagator
		want float64
	}{{b3.Propagator{}, 1}, {b3.Propagator{Multi: true}, 1}} {
		if n := testing.AllocsPerRun(100, func() { tc.p.InjectInto(h, sc) }); n != tc.want {
			t.Errorf("InjectInto %+v: %v allocations, want %v", tc.p, n, tc.want)
		}
	}
	m := carrier.Map{"b3": "", "x-b3-traceid": "", "x-b3-spanid": "", "x-b3-parentspanid": "", "x-b3-sampled": ""}
	for _, p := range []b3.Propagator{{}, {Multi: true}} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(m, sc) }); n != 1 {
			t.Errorf("InjectInto %+v into a map: %v allocations, want 1", p, n)
		}
	}
}
