package sentry_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/sentry"
)

const (
	tT    = "771a43a4192642f0b136d5159a501700"
	tS    = "b0e6f15b45c36b12"
	valid = tT + "-" + tS + "-1"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	sc, err := sentry.Parse(valid)
	if err != nil {
		t.Fatal(err)
	}
	upper := "771A43A4192642F0B136D5159A501700-" + tS
	validBytes, invalidBytes := []byte(valid), []byte(" "+tT+"-"+tS+"-x")
	buf := make([]byte, 0, 64)
	var p sentry.Propagator
	hValid := carrier.HTTPHeader(http.Header{"Sentry-Trace": {valid}, "Baggage": {"sentry-org_id=1"}})
	hInvalid := carrier.HTTPHeader(http.Header{"Sentry-Trace": {tT}})
	hAbsent := carrier.HTTPHeader(http.Header{"Traceparent": {"x"}})
	mValid := carrier.Map{"sentry-trace": valid}
	mCanonical := carrier.Map{"Sentry-Trace": valid}
	mInvalid := carrier.Map{"sentry-trace": tT + "-" + tS + "-2"}

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Parse valid", func() { _, _ = sentry.Parse(valid) }},
		{"Parse deferred", func() { _, _ = sentry.Parse(tT + "-" + tS) }},
		{"Parse uppercase", func() { _, _ = sentry.Parse(upper) }},
		{"Parse invalid", func() { _, _ = sentry.Parse(tT + "-e457b5a2") }},
		{"ParseBytes valid", func() { _, _ = sentry.ParseBytes(validBytes) }},
		{"ParseBytes invalid", func() { _, _ = sentry.ParseBytes(invalidBytes) }},
		{"Append", func() { buf = sentry.Append(buf[:0], sc) }},
		{"ExtractFrom http.Header valid", func() { _, _ = p.ExtractFrom(hValid) }},
		{"ExtractFrom http.Header invalid", func() { _, _ = p.ExtractFrom(hInvalid) }},
		{"ExtractFrom http.Header absent", func() { _, _ = p.ExtractFrom(hAbsent) }},
		{"ExtractFrom Map valid", func() { _, _ = p.ExtractFrom(mValid) }},
		{"ExtractFrom Map canonical name", func() { _, _ = p.ExtractFrom(mCanonical) }},
		{"ExtractFrom Map invalid", func() { _, _ = p.ExtractFrom(mInvalid) }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}
	// Injecting costs one allocation: the header's bytes and the new
	// one-element value slice (nothing writes into a slice the header
	// already holds, which may be shared), made together by carrier.Set.
	h := carrier.HTTPHeader(http.Header{"Sentry-Trace": {""}})
	if n := testing.AllocsPerRun(100, func() { p.InjectInto(h, sc) }); n != 1 {
		t.Errorf("InjectInto: %v allocations, want 1", n)
	}
}
