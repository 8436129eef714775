package ottrace_test

import (
	"net/http"
	"testing"

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
	// Injecting costs that string and a new value slice per header:
	// carrier.HTTPHeader.Set never writes into a slice the header already
	// holds (it may be shared).
	h := carrier.HTTPHeader(http.Header{"Ot-Tracer-Traceid": {""}, "Ot-Tracer-Spanid": {""}, "Ot-Tracer-Sampled": {""}})
	for _, p := range []ottrace.Propagator{{}, {TraceID128: true}} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(h, sc) }); n != 4 {
			t.Errorf("InjectInto %+v: %v allocations, want 4", p, n)
		}
	}
}
