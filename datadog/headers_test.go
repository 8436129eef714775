package datadog_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

type errView struct {
	Header, Kind string
	Offset       int
}

func errOf(err error) *errView {
	if err == nil {
		return nil
	}
	h, k, off, ok := vectorcheck.Detail(err)
	if !ok {
		return &errView{Kind: "not a ParseError"}
	}
	return &errView{h, k.String(), off}
}

func mustHeaders(t *testing.T, trace, parent, prio, origin, tags string) datadog.Headers {
	t.Helper()
	h, err := datadog.ParseHeaders(trace, parent, prio, origin, tags)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func injected(h datadog.Headers) carrier.Map {
	m := carrier.Map{}
	datadog.InjectHeaders(m, h)
	return m
}

func TestTagsGrammar(t *testing.T) {
	for _, tc := range []struct {
		tags string
		want *errView
	}{
		{"_dd.p.a=1", nil},
		{"_dd.p.a=b c=d", nil},
		{"a!#$%&'()*+-./:;<>?@[]^_`{|}~=x", nil},
		{"  _dd.p.a=1\t", nil},
		{"_dd.p.a=1,_dd.p.b", &errView{"x-datadog-tags", "member", 17}},
		{" =1", &errView{"x-datadog-tags", "key", 1}},
		{"_dd.p a=1", &errView{"x-datadog-tags", "key", 5}},
		{"_dd.p.a=1,_dd.p.b=\x7f", &errView{"x-datadog-tags", "value", 18}},
		{"_dd.p.a=\u00e9", &errView{"x-datadog-tags", "value", 8}},
		{"_dd.p.a=1,_dd.p.b=2,_dd.p.a=3", &errView{"x-datadog-tags", "key", 20}},
		{"_dd.p.tid=4bf92f3577b34da6a", &errView{"x-datadog-tags", "length", 26}},
		{",", &errView{"x-datadog-tags", "member", 0}},
	} {
		_, err := datadog.ParseHeaders("1", "2", "", "", tc.tags)
		if d := cmp.Diff(tc.want, errOf(err)); d != "" {
			t.Errorf("tags %q (-want +got):\n%s", tc.tags, d)
		}
	}
}

func TestAppendTagsLimit(t *testing.T) {
	// 500 bytes of tags fit; with _dd.p.tid added they would not, so only
	// the tid goes out: the high half of a trace id is never dropped.
	long := "_dd.p.x=" + strings.Repeat("y", 492)
	h := mustHeaders(t, "1", "2", "1", "", long)
	tr := h.SpanContext().TraceID()
	tr[0] = 0xab
	h = datadog.NewHeaders(h.SpanContext().WithTraceID(tr))
	if got := string(h.AppendTags(nil)); got != "_dd.p.tid=ab00000000000000" {
		t.Errorf("NewHeaders: tags %q", got)
	}
	h = mustHeaders(t, "1", "2", "1", "", long)
	h = h.WithSpanContext(h.SpanContext().WithTraceID(tr))
	if got := string(h.AppendTags(nil)); got != "_dd.p.tid=ab00000000000000" {
		t.Errorf("another trace: tags %q", got)
	}

	// Within the same trace, tags that fit go out as they came.
	h = mustHeaders(t, "1", "2", "1", "", long)
	if got := string(h.AppendTags(nil)); got != long {
		t.Errorf("tags %q", got)
	}
}

func TestWithSpanContext(t *testing.T) {
	h := mustHeaders(t, "1", "2", "2", "rum", "_dd.p.dm=-4,_dd.p.b=1")
	sc := h.SpanContext()
	for _, tc := range []struct {
		name  string
		sc    tracewire.SpanContext
		want  carrier.Map
		wantP string
	}{
		{"child, same decision", sc.WithSpanID(tracewire.SpanID{0, 0, 0, 0, 0, 0, 0, 3}),
			carrier.Map{"x-datadog-trace-id": "1", "x-datadog-parent-id": "3", "x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": "_dd.p.dm=-4,_dd.p.b=1"}, "2"},
		{"decision overridden to drop", sc.WithSampling(tracewire.SamplingDeny),
			carrier.Map{"x-datadog-trace-id": "1", "x-datadog-parent-id": "2", "x-datadog-sampling-priority": "0", "x-datadog-origin": "rum", "x-datadog-tags": "_dd.p.b=1"}, "0"},
		{"debug agrees with keep", sc.WithSampling(tracewire.SamplingDebug),
			carrier.Map{"x-datadog-trace-id": "1", "x-datadog-parent-id": "2", "x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": "_dd.p.dm=-4,_dd.p.b=1"}, "2"},
		{"deferred drops the priority", sc.WithSampling(tracewire.SamplingDeferred),
			carrier.Map{"x-datadog-trace-id": "1", "x-datadog-parent-id": "2", "x-datadog-origin": "rum", "x-datadog-tags": "_dd.p.dm=-4,_dd.p.b=1"}, ""},
		{"another trace", sc.WithTraceID(tracewire.TraceID{15: 9}).WithSampling(tracewire.SamplingDeny),
			carrier.Map{"x-datadog-trace-id": "9", "x-datadog-parent-id": "2", "x-datadog-sampling-priority": "0"}, "0"},
	} {
		got := h.WithSpanContext(tc.sc)
		if d := cmp.Diff(tc.want, injected(got)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
		p := ""
		if v, ok := got.Priority(); ok {
			p = v.String()
		}
		if p != tc.wantP {
			t.Errorf("%s: priority %q, want %q", tc.name, p, tc.wantP)
		}
	}

	// A reject overridden to keep attributes the decision to the default
	// sampler, whatever decision maker the tags named.
	h = mustHeaders(t, "1", "2", "-1", "", "_dd.p.dm=-3,_dd.p.b=1")
	got := injected(h.WithSpanContext(h.SpanContext().WithSampling(tracewire.SamplingAccept)))
	if got["x-datadog-sampling-priority"] != "1" || got["x-datadog-tags"] != "_dd.p.dm=-0,_dd.p.b=1" {
		t.Errorf("override to keep: %v", got)
	}
}

func TestLastParentAfterChild(t *testing.T) {
	sc := w3c(t, tracewire.FlagSampled, "dd=s:1;p:1111111111111111")
	h := datadog.NewHeaders(sc)
	if id, ok := h.LastParent(); !ok || id.String() != "1111111111111111" {
		t.Fatalf("LastParent = %v, %v", id, ok)
	}
	if got := string(h.AppendTraceStateMember(nil)); got != "s:1;p:1111111111111111" {
		t.Errorf("member %q", got)
	}
	// A new span of the same trace is the last parent from now on.
	child := h.WithSpanContext(sc.WithSpanID(tracewire.SpanID{7: 5}))
	if _, ok := child.LastParent(); ok {
		t.Error("LastParent kept for a new span")
	}
	if got := string(child.AppendTraceStateMember(nil)); got != "s:1;p:0000000000000005" {
		t.Errorf("child member %q", got)
	}
}

func TestAppendTraceStateMemberLimits(t *testing.T) {
	for _, tc := range []struct {
		name         string
		origin, tags string
		want         string
	}{
		{"origin sanitized", "a b;c,d~e=f", "", "s:1;o:a_b_c_d_e~f;p:0000000000000002"},
		{"origin too long", strings.Repeat("o", 240), "_dd.p.dm=-4",
			"s:1;p:0000000000000002;t.dm:-4"},
		{"tags cut at the first that does not fit", "", "_dd.p.a=" + strings.Repeat("x", 200) + ",_dd.p.b=" + strings.Repeat("y", 40) + ",_dd.p.c=1",
			"s:1;p:0000000000000002;t.a:" + strings.Repeat("x", 200)},
		{"tag names and values sanitized", "", "_dd.p.k:~;=v=;~",
			"s:1;p:0000000000000002;t.k___:v~__"},
		{"foreign and empty-named tags left out", "", "foo=bar,_dd.p.=x,_dd.p.ok=1", "s:1;p:0000000000000002;t.ok:1"},
		{"trailing space", "", "_dd.p.a=x ,foo=bar", "s:1;p:0000000000000002;t.a:x_"},
	} {
		h := mustHeaders(t, "1", "2", "1", tc.origin, tc.tags)
		got := string(h.AppendTraceStateMember(nil))
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		if len(got)+3 > 256 {
			t.Errorf("%s: %d bytes", tc.name, len(got)+3)
		}
		if _, err := tracewire.ParseTraceState("dd=" + got); err != nil {
			t.Errorf("%s: not valid tracestate: %v", tc.name, err)
		}
	}
}

func TestTagsLines(t *testing.T) {
	h := http.Header{
		"X-Datadog-Trace-Id":  {"1"},
		"X-Datadog-Parent-Id": {"2", "3"},
		"X-Datadog-Tags":      {" ", "_dd.p.a=1", "", "_dd.p.b=2,_dd.p.a=3"},
	}
	got, err := datadog.ExtractHeaders(carrier.HTTPHeader(h))
	// The joined value is "_dd.p.a=1,_dd.p.b=2,_dd.p.a=3": the repeated
	// key is at offset 20 of it.
	if d := cmp.Diff(&errView{"x-datadog-tags", "key", 20}, errOf(err)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got.SpanContext().SpanID() != (tracewire.SpanID{7: 2}) {
		t.Errorf("span %v: the first parent id line should win", got.SpanContext().SpanID())
	}
}

func TestInjectThroughContext(t *testing.T) {
	var p datadog.Propagator
	in := carrier.Map{
		"x-datadog-trace-id":          "1",
		"x-datadog-parent-id":         "2",
		"x-datadog-sampling-priority": "-1",
		"x-datadog-tags":              "_dd.p.dm=-3",
	}
	ctx := p.Extract(context.Background(), in)

	// A child span of the trace keeps the exact priority and the tags.
	ctx, child := tracewire.ContextWithChild(ctx)
	out := carrier.Map{}
	p.Inject(ctx, out)
	want := carrier.Map{
		"x-datadog-trace-id":          "1",
		"x-datadog-parent-id":         string(datadog.AppendSpanID(nil, child.SpanID())),
		"x-datadog-sampling-priority": "-1",
		"x-datadog-tags":              "_dd.p.dm=-3",
	}
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}

	// A context of another trace gets nothing from them.
	other := tracewire.ContextWithSpanContext(ctx, tracewire.NewRoot(tracewire.SamplingAccept))
	out = carrier.Map{}
	p.Inject(other, out)
	if out["x-datadog-sampling-priority"] != "1" || out["x-datadog-tags"] == "_dd.p.dm=-3" {
		t.Errorf("another trace: %v", out)
	}

	// No context at all: nothing.
	out = carrier.Map{}
	p.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("no context: %v", out)
	}
	// Extract stores nothing for headers that are not there.
	if _, ok := datadog.HeadersFromContext(p.Extract(context.Background(), carrier.Map{})); ok {
		t.Error("Headers stored for an empty carrier")
	}
}

func TestPriorityString(t *testing.T) {
	for p, want := range map[datadog.Priority]string{-128: "-128", -2: "-2", -1: "-1", 0: "0", 2: "2", 3: "3", 127: "127"} {
		if got := p.String(); got != want {
			t.Errorf("Priority(%d).String() = %q", int(p), got)
		}
		if got := p.IsValid(); got != (p >= -1 && p <= 2) {
			t.Errorf("Priority(%d).IsValid() = %v", int(p), got)
		}
	}
}

func TestLastParentID(t *testing.T) {
	withMember := w3c(t, tracewire.FlagSampled, "dd=s:1;p:1111111111111111")
	plain := w3c(t, tracewire.FlagSampled, "")
	sameSpan := plain.WithTraceState(tracewire.TraceState{})
	otherSpan := plain.WithSpanID(tracewire.SpanID{7: 9})
	for _, tc := range []struct {
		name    string
		w3c, dd tracewire.SpanContext
		want    string
	}{
		{"member p wins", withMember, otherSpan, "1111111111111111"},
		{"member p without datadog", withMember, tracewire.SpanContext{}, "1111111111111111"},
		{"datadog span", plain, otherSpan, "0000000000000009"},
		{"same span", plain, sameSpan, ""},
		{"other trace", plain, otherSpan.WithTraceID(tracewire.TraceID{15: 1}), ""},
		{"no w3c", tracewire.SpanContext{}, otherSpan, ""},
	} {
		got := ""
		if id, ok := datadog.LastParentID(tc.w3c, tc.dd); ok {
			got = id.String()
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestMemberErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want *errView
		out  string
	}{
		{"", &errView{"tracestate", "empty", 0}, ""},
		{"s:1,o:x", &errView{"tracestate", "value", 3}, ""},
		{"s:1;o:a=b", &errView{"tracestate", "value", 7}, ""},
		{"s:1;" + strings.Repeat("x", 250), &errView{"tracestate", "too-long", 253}, ""},
		{"s:1;o:", &errView{"tracestate", "value", 6}, "s:1"},
		{"s:1;p:00f067aa0ba902b", &errView{"tracestate", "length", 21}, "s:1"},
		{"s:1;p:00F067AA0BA902B7", &errView{"tracestate", "parent-span-id", 8}, "s:1"},
		{"s:1;t.:x", &errView{"tracestate", "key", 6}, "s:1"},
		{"s:1;t.a b:x", &errView{"tracestate", "key", 7}, "s:1"},
		{"s:1;t.a:", &errView{"tracestate", "value", 8}, "s:1"},
		{"t.a:1;t.a:2;o:x;o:y", &errView{"tracestate", "key", 6}, "o:x;t.a:1"},
		{"s:1;;o:x;", &errView{"tracestate", "member", 4}, "s:1;o:x"},
		{"p:00f067aa0ba902b7;s:-1;zz:1;t.x:a:b", nil, "s:-1;p:00f067aa0ba902b7;t.x:a:b"},
	} {
		m, err := datadog.ParseTraceStateMember(tc.in)
		if d := cmp.Diff(tc.want, errOf(err)); d != "" {
			t.Errorf("%q (-want +got):\n%s", tc.in, d)
		}
		if got := datadog.FormatTraceStateMember(m); got != tc.out {
			t.Errorf("%q: canonical %q, want %q", tc.in, got, tc.out)
		}
	}
}
