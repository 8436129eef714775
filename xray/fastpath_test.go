package xray

import (
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/ows"
	"github.com/tracewire/tracewire/internal/vectors"
)

// FuzzFastPath checks that fastIDs and sdkContext change nothing but the
// speed: scan with fastIDs and without it agree on every input, valid or
// not, and what sdkContext accepts scan decodes to the same span context.
func FuzzFastPath(f *testing.F) {
	const ids = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"
	for _, s := range []string{
		ids, ids + ";Sampled=1", ids + ";Sampled=?;Foo=bar", ids + ";Sampled=1;Sampled=0",
		ids + ";Sampled=", ids + ";Sampled=1x", ids + ";Sampled=x", ids + "0", ids + "x;Sampled=1",
		ids + ";Parent=53995c3f42cd8ad8", ids + ";Root=1-5759e988-bd862e3fe1be46a994272793", ids + " ;Sampled=1",
		"Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8",
		"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000;Sampled=1",
		"Root=1-5759E988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
		ids + ";Sampled=0", ids + ";Sampled=?", ids + ";Sampled=2", ids + ";SampleD=1", ids + ";Sampled:1",
		"Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
		"Root=1-5759e988+bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
		"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
		"Root=1-5759e988-bd862e3fe1be46a994272793,Parent=53995c3f42cd8ad8;Sampled=1",
		"Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8;Sampled=1",
		"Root=1-00000000-000000000000000000000001;Parent=0000000000000001;Sampled=1",
	} {
		f.Add(s)
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200) + ids + "x")
	for _, c := range vectors.Load(f, "xray").Cases {
		for _, h := range c.Headers {
			f.Add(h[1])
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		pf, ef := scanFrom(s, &errs, true)
		ps, es := scanFrom(s, &errs, false)
		if pf != ps || !sameError(ef, es) {
			t.Fatalf("%q: fast path %+v, %v; walk %+v, %v", s, pf, ef, ps, es)
		}
		// A context of its own in sc first, which a rejection must leave.
		before := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		sc := before
		if ok := sdkContext(s, &sc); ok && (ef != nil || pf.spanContext(true) != sc) || !ok && sc != before {
			t.Fatalf("%q: sdkContext %v, %v; scan %+v, %v", s, sc, ok, pf, ef)
		}
		bf, ebf := scanFrom([]byte(s), &errs, true)
		if bf != pf || !sameError(ebf, ef) {
			t.Fatalf("%q: []byte %+v, %v; string %+v, %v", s, bf, ebf, pf, ef)
		}
	})
}

// TestFastPathTaken checks that the layout SDKs write does take the fast
// path, so that the benchmarks measure it.
func TestFastPathTaken(t *testing.T) {
	const ids = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"
	for s, want := range map[string]int{
		ids:                                   len(ids),
		ids + ";Sampled=1":                    len(ids) + 10,
		ids + ";Sampled=?;Foo=bar":            len(ids) + 10,
		ids + ";Lineage=a87bd80c:1:2":         len(ids),
		" \t" + ids + " ":                     len(ids),
		"Parent=53995c3f42cd8ad8;" + ids[:40]: 0,
	} {
		var p parsed
		lo, hi := ows.Trim(s)
		if got := fastIDs(s, lo, hi, &p); got != want {
			t.Errorf("fastIDs(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestSDKPathTaken checks that the value SDKs write, and only that layout,
// takes sdkContext.
func TestSDKPathTaken(t *testing.T) {
	const ids = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"
	for s, want := range map[string]bool{
		ids + ";Sampled=1":                     true,
		ids + ";Sampled=0":                     true,
		ids + ";Sampled=?":                     true,
		ids + ";Sampled=2":                     false,
		ids:                                    false,
		" " + ids + ";Sampled=1":               false,
		ids + ";Sampled=1;Foo=bar":             false,
		ids[:8] + "A" + ids[9:] + ";Sampled=1": false,
	} {
		var sc tracewire.SpanContext
		if got := sdkContext(s, &sc); got != want {
			t.Errorf("sdkContext(%q) ok = %v, want %v", s, got, want)
		}
	}
}

// sameError reports whether a and b are both nil or say the same thing:
// errors past a table's interned offsets are fresh values, so they are
// compared by value, not by pointer.
func sameError(a, b *tracewire.ParseError) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
