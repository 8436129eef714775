package jaeger_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

const (
	tid    = "4bf92f3577b34da6a3ce929d0e0e4736"
	sid    = "00f067aa0ba902b7"
	valid  = tid + ":" + sid + ":0:1"
	valid3 = tid + "%3A" + sid + "%3a0102030405060708%3A3"
)

func assertNoAllocs(t *testing.T, name string, f func()) {
	t.Helper()
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations, want 0", name, n)
	}
}

func TestAllocsParse(t *testing.T) {
	for _, s := range []string{
		valid,
		valid3,
		"a3ce929d0e0e4736:" + sid + ":0:b",
		" \t" + valid + "\t",
		"",                          // empty
		"0:" + sid + ":0:1",         // zero trace id
		tid + ":" + sid + ":0:100",  // flags too long
		tid + ":" + sid + "%3A0:1",  // mixed delimiters
		tid + "%3A" + sid + "%3A0%", // truncated escape
		tid + ":" + sid + ":0:1:x",  // trailing data
		"0" + tid + ":" + sid,       // trace id too long
	} {
		b := []byte(s)
		var sc tracewire.SpanContext
		var err error
		assertNoAllocs(t, "Parse("+s+")", func() { sc, err = jaeger.Parse(s) })
		assertNoAllocs(t, "ParseBytes("+s+")", func() { sc, err = jaeger.ParseBytes(b) })
		_, _ = sc, err
	}
}

func TestAllocsAppend(t *testing.T) {
	sc, err := jaeger.Parse(tid + ":" + sid + ":0102030405060708:b")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 128)
	assertNoAllocs(t, "Append", func() { buf = jaeger.Append(buf[:0], sc) })
	if got, want := string(buf), tid+":"+sid+":0102030405060708:b"; got != want {
		t.Errorf("Append = %q, want %q", got, want)
	}
}

func TestAllocsExtractFrom(t *testing.T) {
	for name, h := range map[string]carrier.HTTPHeader{
		"valid":      {"Uber-Trace-Id": {valid}},
		"encoded":    {"Uber-Trace-Id": {valid3}},
		"invalid":    {"Uber-Trace-Id": {"0:" + sid + ":0:1"}},
		"absent":     {"Traceparent": {"x"}},
		"debug only": {"Jaeger-Debug-Id": {"req-42"}},
		"debug and invalid": {
			"Uber-Trace-Id":   {tid + ":" + sid + ":0"},
			"Jaeger-Debug-Id": {"req-42"},
		},
	} {
		var g carrier.Getter = h
		p := jaeger.Propagator{}
		assertNoAllocs(t, "ExtractFrom "+name, func() { _, _ = p.ExtractFrom(g) })
		assertNoAllocs(t, "DebugID "+name, func() { _ = jaeger.DebugID(g) })
	}
}

func TestAllocsEscape(t *testing.T) {
	buf := make([]byte, 0, 128)
	for _, s := range []string{"plain", "alice%20smith", "hello+world", "10%E2%82%AC", "100%", "%zz"} {
		assertNoAllocs(t, "AppendUnescaped("+s+")", func() { buf, _ = jaeger.AppendUnescaped(buf[:0], s) })
		assertNoAllocs(t, "AppendEscaped("+s+")", func() { buf = jaeger.AppendEscaped(buf[:0], s) })
	}
}

// TestAllocsInject pins what an inject costs: into an http.Header 1 for
// uber-trace-id alone (its value and a fresh one-element slice in one
// object, made by carrier.Set: a slice the header may share is never
// written into) and 2 with uberctx-* items (through a carrier.Batch: one
// string for every name and value, one array for every slice); into a
// map 1 either way. (A baggage value stored percent-encoded costs one
// more, its decoded string.)
func TestAllocsInject(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build: the race detector drops pooled Batches at random")
	}
	sc, err := jaeger.Parse(valid)
	if err != nil {
		t.Fatal(err)
	}
	bag, err := baggage.Parse("user=alice,region=eu-1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)
	withBag := baggage.ContextWith(ctx, bag)
	var p jaeger.Propagator
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		ctx  context.Context
		want float64
	}{
		{"http.Header", carrier.HTTPHeader{}, ctx, 1},
		{"http.Header with baggage", carrier.HTTPHeader{}, withBag, 2},
		{"map", carrier.Map{}, ctx, 1},
		{"map with baggage", carrier.Map{}, withBag, 1},
	} {
		if n := testing.AllocsPerRun(100, func() { p.Inject(tc.ctx, tc.s) }); n != tc.want {
			t.Errorf("Inject into %s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
	m := carrier.Map{}
	p.Inject(withBag, m)
	if diff := cmp.Diff(map[string]string{"uber-trace-id": "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "uberctx-user": "alice", "uberctx-region": "eu-1"}, map[string]string(m)); diff != "" {
		t.Errorf("Inject with baggage (-want +got):\n%s", diff)
	}
}
