package ottrace_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/ottrace"
)

const (
	tT   = "a3ce929d0e0e4736"
	tT32 = "4bf92f3577b34da6a3ce929d0e0e4736"
	tS   = "00f067aa0ba902b7"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	sc, err := ottrace.ParseHeaders(tT32, tS, "true")
	if err != nil {
		t.Fatal(err)
	}
	bt, bs, bp := []byte(tT), []byte(tS), []byte("false")
	buf := make([]byte, 0, 64)
	var p ottrace.Propagator
	hValid := carrier.HTTPHeader(http.Header{
		"Ot-Tracer-Traceid": {tT}, "Ot-Tracer-Spanid": {tS}, "Ot-Tracer-Sampled": {"true"},
		"Ot-Baggage-User": {"alice"}, "Accept": {"*/*"},
	})
	hInvalid := carrier.HTTPHeader(http.Header{"Ot-Tracer-Traceid": {tT}, "Ot-Tracer-Sampled": {"yes"}})
	hAbsent := carrier.HTTPHeader(http.Header{"Traceparent": {"x"}})
	mValid := carrier.Map{"ot-tracer-traceid": tT32, "ot-tracer-spanid": tS}
	mCanonical := carrier.Map{"Ot-Tracer-Traceid": tT, "Ot-Tracer-Spanid": tS, "Ot-Tracer-Sampled": "0"}
	mInvalid := carrier.Map{"ot-tracer-traceid": "0", "ot-tracer-spanid": tS}

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"ParseHeaders 64-bit", func() { _, _ = ottrace.ParseHeaders(tT, tS, "true") }},
		{"ParseHeaders 128-bit", func() { _, _ = ottrace.ParseHeaders(tT32, tS, "") }},
		{"ParseHeaders padded, OWS", func() { _, _ = ottrace.ParseHeaders(" ff", "F067AA0BA902B7 ", "TRUE") }},
		{"ParseHeaders invalid", func() { _, _ = ottrace.ParseHeaders(tT, tS, "yes") }},
		{"ParseHeaders missing", func() { _, _ = ottrace.ParseHeaders(tT, "", "") }},
		{"ParseHeadersBytes", func() { _, _ = ottrace.ParseHeadersBytes(bt, bs, bp) }},
		{"AppendTraceID", func() { buf = ottrace.AppendTraceID(buf[:0], sc) }},
		{"AppendSpanID", func() { buf = ottrace.AppendSpanID(buf[:0], sc) }},
		{"ExtractFrom http.Header valid", func() { _, _ = p.ExtractFrom(hValid) }},
		{"ExtractFrom http.Header invalid", func() { _, _ = p.ExtractFrom(hInvalid) }},
		{"ExtractFrom http.Header absent", func() { _, _ = p.ExtractFrom(hAbsent) }},
		{"ExtractFrom Map valid", func() { _, _ = p.ExtractFrom(mValid) }},
		{"ExtractFrom Map canonical names", func() { _, _ = p.ExtractFrom(mCanonical) }},
		{"ExtractFrom Map invalid", func() { _, _ = p.ExtractFrom(mInvalid) }},
		{"ExtractBaggage none", func() { _ = ottrace.ExtractBaggage(hInvalid) }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}

	// The ids cost one string together; the sampled values are constants.
	if n := testing.AllocsPerRun(100, func() { _, _, _ = ottrace.FormatHeaders(sc) }); n != 1 {
		t.Errorf("FormatHeaders: %v allocations, want 1", n)
	}
	// Injecting costs one object holding the values and the array
	// carrier.SetAll slices the value slices from (it never writes into a
	// slice the header already holds: it may be shared); into a map, one
	// string. Inject with ot-baggage-* items goes through a carrier.Batch:
	// 2 into an http.Header (its string and its array), 1 into a map.
	h := carrier.HTTPHeader(http.Header{"Ot-Tracer-Traceid": {""}, "Ot-Tracer-Spanid": {""}, "Ot-Tracer-Sampled": {""}})
	for _, p := range []ottrace.Propagator{{}, {TraceID128: true}} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(h, sc) }); n != 1 {
			t.Errorf("InjectInto %+v: %v allocations, want 1", p, n)
		}
	}
	m := carrier.Map{}
	if n := testing.AllocsPerRun(100, func() { ottrace.Propagator{}.InjectInto(m, sc) }); n != 1 {
		t.Errorf("InjectInto into a map: %v allocations, want 1", n)
	}
	bag, err := baggage.Parse("User=alice,region=eu-1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := baggage.ContextWith(tracewire.ContextWithSpanContext(context.Background(), sc), bag)
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{{"http.Header", h, 2}, {"map", m, 1}} {
		if n := testing.AllocsPerRun(100, func() { ottrace.Propagator{}.Inject(ctx, tc.s) }); n != tc.want {
			t.Errorf("Inject with baggage into %s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
	if got := m["ot-baggage-user"]; got != "alice" {
		t.Errorf("ot-baggage-user = %q, want alice", got)
	}
}
