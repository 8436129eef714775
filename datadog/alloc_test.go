package datadog_test

import (
	"net/http"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
)

const (
	tid     = "4bf92f3577b34da6a3ce929d0e0e4736"
	sid     = "00f067aa0ba902b7"
	ddTrace = "11803532876627986230"
	ddSpan  = "67667974448284343"
	ddTags  = "_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6"
)

// w3c returns the W3C context for tid/sid with the given flags and
// tracestate.
func w3c(t testing.TB, f tracewire.Flags, ts string) tracewire.SpanContext {
	t.Helper()
	tr, _ := tracewire.ParseTraceID(tid)
	sp, _ := tracewire.ParseSpanID(sid)
	state, err := tracewire.ParseTraceState(ts)
	if err != nil {
		t.Fatal(err)
	}
	return tracewire.NewSpanContext(tr, sp, f).WithTraceState(state)
}

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	full := http.Header{
		"X-Datadog-Trace-Id":          {ddTrace},
		"X-Datadog-Parent-Id":         {ddSpan},
		"X-Datadog-Sampling-Priority": {"2"},
		"X-Datadog-Origin":            {"rum"},
		"X-Datadog-Tags":              {ddTags},
	}
	bad := http.Header{"X-Datadog-Trace-Id": {ddTrace}, "X-Datadog-Parent-Id": {"12x"}}
	softBad := http.Header{"X-Datadog-Trace-Id": {ddTrace}, "X-Datadog-Parent-Id": {ddSpan}, "X-Datadog-Tags": {"_dd.p.tid=XYZ"}}
	absent := http.Header{"Traceparent": {"x"}}
	m := carrier.Map{
		"x-datadog-trace-id":          ddTrace,
		"X-Datadog-Parent-Id":         ddSpan,
		"x-datadog-sampling-priority": "-1",
		"x-datadog-tags":              ddTags,
	}
	h, err := datadog.ParseHeaders(ddTrace, ddSpan, "2", "rum", ddTags)
	if err != nil {
		t.Fatal(err)
	}
	sc := w3c(t, tracewire.FlagSampled, "dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:YWJj~~,foo=bar")
	const member = "s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:YWJj~~"
	mem, err := datadog.ParseTraceStateMember(member)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 1024)
	var p datadog.Propagator

	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"ParseHeaders", func() { _, _ = datadog.ParseHeaders(ddTrace, ddSpan, "2", "rum", ddTags) }},
		{"ParseHeaders negative ids", func() { _, _ = datadog.ParseHeaders("-1", "-2", "-1", "", "") }},
		{"ParseHeaders invalid", func() { _, _ = datadog.ParseHeaders("184467440737095516150", ddSpan, "", "", "") }},
		{"ParseHeaders bad tags", func() { _, _ = datadog.ParseHeaders(ddTrace, ddSpan, "1", "r\x01m", "a=1,,b=2") }},
		{"ExtractFrom http.Header", func() { _, _ = p.ExtractFrom(carrier.HTTPHeader(full)) }},
		{"ExtractFrom http.Header invalid", func() { _, _ = p.ExtractFrom(carrier.HTTPHeader(bad)) }},
		{"ExtractFrom http.Header bad tags", func() { _, _ = p.ExtractFrom(carrier.HTTPHeader(softBad)) }},
		{"ExtractFrom http.Header absent", func() { _, _ = p.ExtractFrom(carrier.HTTPHeader(absent)) }},
		{"ExtractFrom map", func() { _, _ = p.ExtractFrom(m) }},
		{"ExtractHeaders", func() { _, _ = datadog.ExtractHeaders(carrier.HTTPHeader(full)) }},
		{"AppendTraceID", func() { buf = datadog.AppendTraceID(buf[:0], sc.TraceID()) }},
		{"AppendSpanID", func() { buf = datadog.AppendSpanID(buf[:0], sc.SpanID()) }},
		{"AppendTags", func() { buf = h.AppendTags(buf[:0]) }},
		{"Headers.AppendTraceStateMember", func() { buf = h.AppendTraceStateMember(buf[:0]) }},
		{"NewHeaders", func() { _ = datadog.NewHeaders(sc) }},
		{"NewHeaders AppendTags", func() { buf = datadog.NewHeaders(sc).AppendTags(buf[:0]) }},
		{"ParseTraceStateMember", func() { _, _ = datadog.ParseTraceStateMember(member) }},
		{"ParseTraceStateMember invalid", func() { _, _ = datadog.ParseTraceStateMember("s:9;p:zz") }},
		{"AppendTraceStateMember", func() { buf = datadog.AppendTraceStateMember(buf[:0], mem) }},
		{"Member.AppendTags", func() { buf = mem.AppendTags(buf[:0]) }},
		{"LastParentID", func() { _, _ = datadog.LastParentID(sc, h.SpanContext()) }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}

	// Injecting costs one object holding every value and the array
	// carrier.SetAll slices the five value slices from (it never writes
	// into a slice the header already holds: it may be shared), whether
	// the tags are sent as received or rebuilt; into a map, one string.
	out := carrier.HTTPHeader(http.Header{})
	for _, tc := range []struct {
		name string
		f    func()
		want float64
	}{
		{"InjectHeaders tags as received", func() { datadog.InjectHeaders(out, h) }, 1},
		{"InjectInto from a dd= member", func() { p.InjectInto(out, sc) }, 1},
		{"InjectHeaders into a map", func() { datadog.InjectHeaders(m, h) }, 1},
		{"InjectInto from a dd= member into a map", func() { p.InjectInto(m, sc) }, 1},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != tc.want {
			t.Errorf("%s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
}
