package grpctrace_test

import (
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
)

const (
	specText = "AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE"
	specHex  = "00004bf92f3577b34da6a3ce929d0e0e47360100f067aa0ba902b70201"
)

func specBinary() []byte {
	b, _ := hex.DecodeString(specHex)
	return b
}

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	bin := specBinary()
	sc, err := grpctrace.ParseBinary(bin)
	if err != nil {
		t.Fatal(err)
	}
	textBytes := []byte(specText + "=")
	long := specText + "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJC"
	buf := make([]byte, 0, 64)
	var p grpctrace.Propagator
	hdr := carrier.HTTPHeader(http.Header{"Grpc-Trace-Bin": {specText}})
	badHdr := carrier.HTTPHeader(http.Header{"Grpc-Trace-Bin": {"AQBL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE"}})
	md := carrier.Metadata{"grpc-trace-bin": {string(bin)}}
	badMD := carrier.Metadata{"grpc-trace-bin": {string(bin[:20])}}
	m := carrier.Map{"grpc-trace-bin": specText}

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"ParseBinary", func() { _, _ = grpctrace.ParseBinary(bin) }},
		{"ParseBinary invalid", func() { _, _ = grpctrace.ParseBinary(bin[:5]) }},
		{"Parse", func() { _, _ = grpctrace.Parse(specText) }},
		{"Parse long tail", func() { _, _ = grpctrace.Parse(long) }},
		{"Parse invalid", func() { _, _ = grpctrace.Parse("AQBL+S81d7NN!") }},
		{"ParseBytes", func() { _, _ = grpctrace.ParseBytes(textBytes) }},
		{"Append", func() { buf = grpctrace.Append(buf[:0], sc) }},
		{"AppendBinary", func() { buf = grpctrace.AppendBinary(buf[:0], sc) }},
		{"ExtractFrom http.Header", func() { _, _ = p.ExtractFrom(hdr) }},
		{"ExtractFrom http.Header invalid", func() { _, _ = p.ExtractFrom(badHdr) }},
		{"ExtractFrom metadata", func() { _, _ = p.ExtractFrom(md) }},
		{"ExtractFrom metadata invalid", func() { _, _ = p.ExtractFrom(badMD) }},
		{"ExtractFrom map", func() { _, _ = p.ExtractFrom(m) }},
		{"Fields", func() { _ = p.Fields()[0] }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}

	// Injecting costs one allocation: the header's bytes and the new
	// one-element value slice (nothing writes into a slice the header
	// already holds, which may be shared), made together by carrier.Set.
	out := carrier.HTTPHeader(http.Header{"Grpc-Trace-Bin": {""}})
	for _, p := range []grpctrace.Propagator{{}, {Binary: true}} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(out, sc) }); n != 1 {
			t.Errorf("InjectInto %+v: %v allocations, want 1", p, n)
		}
	}
}
