package jaeger_test

import (
	"testing"

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
