package cloudtrace_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
)

const (
	tT      = "4bf92f3577b34da6a3ce929d0e0e4736"
	valid   = tT + "/67667974448284343;o=1"
	invalid = tT + "/18446744073709551616"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	sc, err := cloudtrace.Parse(valid)
	if err != nil {
		t.Fatal(err)
	}
	validBytes, invalidBytes := []byte(valid), []byte(" "+tT+"/1;o=x")
	buf := make([]byte, 0, 64)
	p := cloudtrace.Propagator{}
	hValid := carrier.HTTPHeader(http.Header{"X-Cloud-Trace-Context": {valid}, "Accept": {"*/*"}})
	hInvalid := carrier.HTTPHeader(http.Header{"X-Cloud-Trace-Context": {invalid}})
	hAbsent := carrier.HTTPHeader(http.Header{"Traceparent": {"x"}})
	mValid := carrier.Map{"x-cloud-trace-context": valid}
	mCanonical := carrier.Map{"X-Cloud-Trace-Context": valid}
	mInvalid := carrier.Map{"x-cloud-trace-context": tT}

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Parse valid", func() { _, _ = cloudtrace.Parse(valid) }},
		{"Parse deferred", func() { _, _ = cloudtrace.Parse(tT + "/1") }},
		{"Parse overflow", func() { _, _ = cloudtrace.Parse(invalid) }},
		{"Parse bad option", func() { _, _ = cloudtrace.Parse(tT + "/1;o=x") }},
		{"ParseBytes valid", func() { _, _ = cloudtrace.ParseBytes(validBytes) }},
		{"ParseBytes invalid", func() { _, _ = cloudtrace.ParseBytes(invalidBytes) }},
		{"Append", func() { buf = cloudtrace.Append(buf[:0], sc) }},
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

	// Injecting costs one allocation: the header's bytes and, since
	// nothing writes into a slice the header already holds (it may be
	// shared), a new one-element value slice, made together by
	// carrier.Set; one way, nothing.
	h := carrier.HTTPHeader(http.Header{"X-Cloud-Trace-Context": {""}})
	if n := testing.AllocsPerRun(100, func() { cloudtrace.Propagator{InjectHeader: true}.InjectInto(h, sc) }); n != 1 {
		t.Errorf("InjectInto: %v allocations, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { p.InjectInto(h, sc) }); n != 0 {
		t.Errorf("one-way InjectInto: %v allocations, want 0", n)
	}
}
