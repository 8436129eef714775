package carrier_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

var (
	_ carrier.ValuesGetter = carrier.NATSHeader{}
	_ carrier.Deleter      = carrier.NATSHeader{}
)

func TestNATSHeaderRead(t *testing.T) {
	h := carrier.NATSHeader{
		"traceparent":  {"exact"},
		"Traceparent":  {"canonical"},
		"Tracestate":   {"a=1", "b=2"},
		"X-B3-TraceId": {"conventional"},
		"BAGGAGE":      {"upper"},
		"x-custom-key": {"custom"},
		"Empty":        {},
	}
	checkReads(t, "NATSHeader", h, []readCase{
		{"traceparent", "exact", []string{"exact"}},                // as given first
		{"Traceparent", "canonical", []string{"canonical"}},        // as given, even when not lowercase
		{"TRACEPARENT", "exact", []string{"exact"}},                // lowercase next
		{"tracestate", "a=1", []string{"a=1", "b=2"}},              // then the canonical spelling
		{"x-b3-traceid", "conventional", []string{"conventional"}}, // then B3's own
		{"X-Custom-Key", "custom", []string{"custom"}},             // any name is lowercased
		{"baggage", "", nil},                                       // not a spelling read: no walk
		{"empty", "", []string{}},
		{"b3", "", nil},
		{"", "", nil},
	})
	keys := h.Keys()
	slices.Sort(keys)
	if d := cmp.Diff([]string{"BAGGAGE", "Empty", "Traceparent", "Tracestate", "X-B3-TraceId", "traceparent", "x-custom-key"}, keys); d != "" {
		t.Errorf("Keys (-want +got):\n%s", d)
	}
}

func TestNATSHeaderWrite(t *testing.T) {
	shared := []string{"old"}
	h := carrier.NATSHeader{
		"Traceparent": shared, // shared with another message's header
		"traceparent": {"older"},
		"Tracestate":  {"x=1"},
		"TRACESTATE":  {"y=1"}, // not a spelling the carrier reads or replaces
		"app":         {"keep"},
	}
	h.Set("traceparent", "new")
	h.Delete("tracestate")
	h.Set("baggage", "k=v")
	want := carrier.NATSHeader{"traceparent": {"new"}, "TRACESTATE": {"y=1"}, "app": {"keep"}, "baggage": {"k=v"}}
	if d := cmp.Diff(want, h); d != "" {
		t.Errorf("Set and Delete (-want +got):\n%s", d)
	}
	if shared[0] != "old" {
		t.Errorf("Set wrote into a shared value slice: %q", shared[0])
	}

	var nilHeader carrier.NATSHeader
	nilHeader.Set("traceparent", "x") // no map to write to: nothing, and no panic
	nilHeader.Delete("traceparent")
	if nilHeader != nil || nilHeader.Get("traceparent") != "" {
		t.Errorf("nil header = %v", nilHeader)
	}
}

func TestNATSHeaderAllocs(t *testing.T) {
	h := carrier.NATSHeader{"traceparent": {"tp"}, "Tracestate": {"a=1"}, "X-B3-SpanId": {"s"}, "app": {"x"}}
	var g carrier.Getter = h
	if n := testing.AllocsPerRun(100, func() {
		_ = g.Get("traceparent") // exact
		_ = g.Get("tracestate")  // canonical
		_ = g.Get("x-b3-spanid") // conventional
		_ = h.Values("tracestate")
		_ = g.Get("uber-trace-id") // absent
	}); n != 0 {
		t.Errorf("lookups allocate %v times, want 0", n)
	}
}
