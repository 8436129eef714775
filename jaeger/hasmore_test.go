package jaeger_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

// mapGetter is a Getter that is none of the carrier package's adapters, so
// that HasMore and BaggageFrom list its names with Keys.
type mapGetter map[string]string

func (m mapGetter) Get(k string) string { return m[k] }
func (m mapGetter) Keys() []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestHasMore: HasMore reports true whenever BaggageFrom or ExtractExtras
// finds something, on every kind of carrier, and false for a carrier with
// only a span context and other headers.
func TestHasMore(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]string
		want bool
	}{
		{"span context only", map[string]string{"uber-trace-id": valid, "accept": "*/*", "user-agent": "x"}, false},
		{"empty", map[string]string{}, false},
		{"bare prefix", map[string]string{"uberctx-": "v"}, false},
		{"uberctx item", map[string]string{"uber-trace-id": valid, "uberctx-user": "alice"}, true},
		{"uberctx canonical", map[string]string{"Uberctx-User": "alice"}, true},
		{"jaeger-baggage", map[string]string{"jaeger-baggage": "k=v"}, true},
		{"jaeger-baggage canonical", map[string]string{"Jaeger-Baggage": "k=v"}, true},
		{"debug id", map[string]string{"jaeger-debug-id": "x"}, true},
		{"debug id canonical", map[string]string{"Jaeger-Debug-Id": "x"}, true},
		{"empty debug id", map[string]string{"jaeger-debug-id": " "}, false},
		{"same length as jaeger-baggage", map[string]string{"jaeger-bagpipe": "k=v"}, false},
	}
	for _, tt := range tests {
		h := carrier.HTTPHeader{}
		for k, v := range tt.in {
			h.Set(k, v)
		}
		for cname, g := range map[string]carrier.Getter{
			"Map": carrier.Map(tt.in), "HTTPHeader": h, "other": mapGetter(tt.in),
		} {
			if cname == "other" && (tt.name == "jaeger-baggage canonical" || tt.name == "debug id canonical") {
				continue // an exact-name Getter has no jaeger-baggage
			}
			if got := (jaeger.Propagator{}).HasMore(g); got != tt.want {
				t.Errorf("%s on %s: HasMore = %v, want %v", tt.name, cname, got, tt.want)
			}
			b, _ := jaeger.Propagator{}.BaggageFrom(g)
			if id := jaeger.DebugID(g); (b.Len() > 0 || id != "") && !tt.want {
				t.Errorf("%s on %s: HasMore false but BaggageFrom found %d, debug id %q", tt.name, cname, b.Len(), id)
			}
		}
	}
}

func TestAllocsHasMore(t *testing.T) {
	m := carrier.Map{"uber-trace-id": valid, "accept": "*/*", "uberctx-k": "v"}
	h := carrier.HTTPHeader{"Uber-Trace-Id": {valid}, "Accept": {"*/*"}}
	assertNoAllocs(t, "HasMore Map", func() { _ = jaeger.Propagator{}.HasMore(m) })
	assertNoAllocs(t, "HasMore HTTPHeader", func() { _ = jaeger.Propagator{}.HasMore(h) })
}

// TestProbeSpan: ProbeSpan's more is HasMore's answer; found is true
// exactly when the walk met uber-trace-id under the name Get reads first
// and nothing more is there, and then sc is ExtractFrom's span context.
func TestProbeSpan(t *testing.T) {
	type want struct{ More, Found bool }
	tests := []struct {
		name string
		g    carrier.Getter
		want want
	}{
		{"map, span context only", carrier.Map{"uber-trace-id": valid, "accept": "*/*"}, want{false, true}},
		{"map, 64-bit and sampled", carrier.Map{"uber-trace-id": sid + ":" + sid + ":0:3"}, want{false, true}},
		{"map, invalid value", carrier.Map{"uber-trace-id": "x:y:0:1"}, want{false, true}},
		{"map, blank value", carrier.Map{"uber-trace-id": " \t"}, want{false, true}},
		{"map, canonical name only", carrier.Map{"Uber-Trace-Id": valid}, want{false, false}},
		{"map, no header", carrier.Map{"accept": "*/*"}, want{false, false}},
		{"map, with an item", carrier.Map{"uber-trace-id": valid, "uberctx-k": "v"}, want{true, false}},
		{"map, with a debug id", carrier.Map{"uber-trace-id": valid, "jaeger-debug-id": "d"}, want{true, false}},
		{"map, empty debug id", carrier.Map{"uber-trace-id": valid, "jaeger-debug-id": " "}, want{false, true}},
		{"header, canonical", carrier.HTTPHeader{"Uber-Trace-Id": {valid}}, want{false, true}},
		{"header, lowercase only", carrier.HTTPHeader{"uber-trace-id": {valid}}, want{false, false}},
		{"header, with baggage", carrier.HTTPHeader{"Uber-Trace-Id": {valid}, "Jaeger-Baggage": {"k=v"}}, want{true, false}},
		{"metadata", carrier.Metadata{"uber-trace-id": {valid}}, want{false, false}},
		{"other getter", mapGetter{"uber-trace-id": valid}, want{false, false}},
	}
	p := jaeger.Propagator{}
	for _, tt := range tests {
		sc, more, found := p.ProbeSpan(tt.g)
		if d := cmp.Diff(tt.want, want{more, found}); d != "" {
			t.Errorf("%s: (more, found) (-want +got):\n%s", tt.name, d)
		}
		if more != p.HasMore(tt.g) {
			t.Errorf("%s: more = %v, HasMore = %v", tt.name, more, !more)
		}
		wantSC := tracewire.SpanContext{}
		if found {
			wantSC, _ = p.ExtractFrom(tt.g)
		}
		if sc != wantSC {
			t.Errorf("%s: sc = %v, want %v", tt.name, sc, wantSC)
		}
	}
}

func TestAllocsProbeSpan(t *testing.T) {
	m := carrier.Map{"uber-trace-id": valid, "accept": "*/*"}
	h := carrier.HTTPHeader{"Uber-Trace-Id": {valid}, "Accept": {"*/*"}}
	assertNoAllocs(t, "ProbeSpan Map", func() { _, _, _ = jaeger.Propagator{}.ProbeSpan(m) })
	assertNoAllocs(t, "ProbeSpan HTTPHeader", func() { _, _, _ = jaeger.Propagator{}.ProbeSpan(h) })
}
