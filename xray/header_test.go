package xray_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/xray"
)

func TestLineage(t *testing.T) {
	tests := []struct {
		lineage string
		kept    bool
	}{
		{"a87bd80c:1:68", true},
		{"1:a87bd80c:68", true},
		{"0:00000000:0", true},       // 12 bytes, the shortest
		{"32767:a87bd80c:255", true}, // 18 bytes, the longest
		{"a87bd80c:32767:255", true}, // hash first, counters at their maxima
		{"00001:a87bd80c:001", true}, // leading zeros
		{"1:A87BD80C:2", true},       // either case
		{"12345678:1:2", true},       // a hash that is also a decimal
		{"a87bd80c:32768:1", false},  // loop counter too big
		{"32768:a87bd80c:1", false},  // the same, hash second
		{"1:a87bd80c:256", false},    // request counter too big
		{"1:2:a87bd80c", false},      // the request counter is last
		{"+1:a87bd80c:2", false},     // digits only
		{"1:a87bd80c:2:3", false},    // four fields
		{":a87bd80c:1", false},       // empty counter
		{"a87bd80c::1", false},       // empty counter
		{"1:a87bd80c:", false},       // empty counter
		{"1:a87bd80:2", false},       // seven-digit hash
		{"1:a87bd80c1:2", false},     // nine-digit hash
		{"123456:a87bd80c:1", false}, // 17 bytes but a six-digit counter
		{"a87bd80c:1|68fd508a:5", false},
		{"", false},
	}
	for _, tt := range tests {
		h, err := xray.ParseHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=" + tt.lineage)
		if err != nil {
			t.Fatalf("%q: %v", tt.lineage, err)
		}
		want := ""
		if tt.kept {
			want = tt.lineage
		}
		if got := h.Lineage(); got != want {
			t.Errorf("Lineage(%q) = %q, want %q", tt.lineage, got, want)
		}
		if got := h.Get("Lineage"); got != tt.lineage {
			t.Errorf("Get(Lineage) = %q, want %q", got, tt.lineage)
		}
	}
}

func TestHeaderAppend(t *testing.T) {
	const (
		r    = "Root=1-5759e988-bd862e3fe1be46a994272793"
		p    = ";Parent=53995c3f42cd8ad8"
		more = ";Lineage=a87bd80c:1:68;Foo=bar"
	)
	span := tracewire.SpanID{7: 0x2a}
	tests := []struct {
		name   string
		header string
		sc     func(h xray.Header) tracewire.SpanContext
		want   string
	}{
		{"as received", r + p + ";Sampled=1" + more, xray.Header.SpanContext, r + p + ";Sampled=1" + more},
		{"child", r + p + ";Sampled=1" + more,
			func(h xray.Header) tracewire.SpanContext { return h.SpanContext().WithSpanID(span) },
			r + ";Parent=000000000000002a;Sampled=1" + more},
		{"no sampled stays absent", r + p + more, xray.Header.SpanContext, r + p + more},
		{"requested stays requested", r + p + ";Sampled=?" + more, xray.Header.SpanContext, r + p + ";Sampled=?" + more},
		{"decided here", r + p + ";Sampled=?" + more,
			func(h xray.Header) tracewire.SpanContext {
				return h.SpanContext().WithSampling(tracewire.SamplingDeny)
			},
			r + p + ";Sampled=0" + more},
		{"debug is sampled", r + p + more,
			func(h xray.Header) tracewire.SpanContext {
				return h.SpanContext().WithSampling(tracewire.SamplingDebug)
			},
			r + p + ";Sampled=1" + more},
		{"root only joined", "Self=x;" + r + ";Sampled=1",
			func(h xray.Header) tracewire.SpanContext { return h.SpanContext().WithSpanID(span) },
			r + ";Parent=000000000000002a;Sampled=1;Self=x"},
		{"another trace", r + p + ";Sampled=1" + more,
			func(xray.Header) tracewire.SpanContext {
				return tracewire.NewSpanContext(tracewire.TraceID{0: 1}, span, tracewire.FlagSampled)
			},
			"Root=1-01000000-000000000000000000000000;Parent=000000000000002a;Sampled=1"},
		{"no trace", r + p + more,
			func(xray.Header) tracewire.SpanContext { return tracewire.SpanContext{} }, ""},
	}
	for _, tt := range tests {
		h, err := xray.ParseHeader(tt.header)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := string(h.Append([]byte("pre:"), tt.sc(h))); got != "pre:"+tt.want {
			t.Errorf("%s: Append = %q, want %q", tt.name, got, "pre:"+tt.want)
		}
	}
}

func TestZeroHeader(t *testing.T) {
	var h xray.Header
	sc := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 1}, tracewire.FlagSampled)
	if got, want := string(h.Append(nil, sc)), xray.Format(sc); got != want {
		t.Errorf("Append = %q, want %q", got, want)
	}
	if h.String() != "" || h.Lineage() != "" || h.Get("Root") != "" || h.SpanContext() != (tracewire.SpanContext{}) {
		t.Errorf("zero Header = %q %q %q %v", h.String(), h.Lineage(), h.Get("Root"), h.SpanContext())
	}
	for k, v := range h.All() {
		t.Errorf("zero Header yields %s=%s", k, v)
	}
}

func TestHeaderFields(t *testing.T) {
	h, err := xray.ParseHeader(" Self=a ;Root=1-5759e988-bd862e3fe1be46a994272793;;Self=b; Foo=x=y ;Bar=")
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for k, v := range h.All() {
		got = append(got, [2]string{k, v})
		if k == "Foo" {
			break
		}
	}
	want := [][2]string{{"Self", "a"}, {"Root", "1-5759e988-bd862e3fe1be46a994272793"}, {"Self", "b"}, {"Foo", "x=y"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("All (-want +got):\n%s", d)
	}
	for name, want := range map[string]string{"Self": "a", "Foo": "x=y", "Bar": "", "Parent": "", "self": ""} {
		if got := h.Get(name); got != want {
			t.Errorf("Get(%q) = %q, want %q", name, got, want)
		}
	}
	if got, want := h.String(), "Self=a ;Root=1-5759e988-bd862e3fe1be46a994272793;;Self=b; Foo=x=y ;Bar="; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
