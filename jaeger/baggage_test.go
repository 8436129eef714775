package jaeger_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
)

func collect(g carrier.Getter) [][2]string {
	out := [][2]string{}
	jaeger.ExtractBaggage(g, func(k, v string) bool {
		out = append(out, [2]string{k, v})
		return true
	})
	return out
}

func TestExtractBaggageCarriers(t *testing.T) {
	want := [][2]string{{"a-key", "x y"}, {"b", "2"}, {"c", "3"}}
	for name, g := range map[string]carrier.Getter{
		"map": carrier.Map{
			"Uberctx-B": "2", "UBERCTX-A-Key": " x%20y ", "uberctx-": "skipped",
			"jaeger-baggage": "c=3", "other": "x",
		},
		"metadata": carrier.Metadata{
			"uberctx-b": {"2"}, "uberctx-a-key": {"x+y"}, "jaeger-baggage": {"c=3"},
		},
		"http": header([][2]string{
			{"uberctx-b", "2"}, {"uberctx-a-key", "x%20y"}, {"jaeger-baggage", "c=3"},
		}),
	} {
		if d := cmp.Diff(want, collect(g)); d != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", name, d)
		}
	}
}

func TestExtractBaggageStops(t *testing.T) {
	h := header([][2]string{{"uberctx-a", "1"}, {"uberctx-b", "2"}, {"jaeger-baggage", "c=3, d=4"}})
	for limit := range 5 {
		var got []string
		jaeger.ExtractBaggage(h, func(k, _ string) bool {
			got = append(got, k)
			return len(got) < limit
		})
		if want := max(limit, 1); len(got) != want {
			t.Errorf("limit %d: yielded %v, want %d items", limit, got, want)
		}
	}
}

func TestInjectItem(t *testing.T) {
	items := map[string]string{
		"User-Id":  "alice smith",
		"plain":    "v1",
		"":         "no key",
		"bad key":  "space in name",
		"tenant/1": "slash in name",
		"ratio":    "100%",
	}
	m := carrier.Map{}
	for k, v := range items {
		jaeger.Propagator{}.InjectItem(m, k, v)
	}
	want := carrier.Map{
		"uberctx-user-id": "alice%20smith",
		"uberctx-plain":   "v1",
		"uberctx-ratio":   "100%25",
	}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("InjectItem mismatch (-want +got):\n%s", d)
	}
	// And back.
	wantBack := [][2]string{{"plain", "v1"}, {"ratio", "100%"}, {"user-id", "alice smith"}}
	if d := cmp.Diff(wantBack, collect(m)); d != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", d)
	}
}

func TestDebugID(t *testing.T) {
	for _, tc := range []struct {
		h    carrier.Map
		want string
	}{
		{carrier.Map{}, ""},
		{carrier.Map{"jaeger-debug-id": "req-42"}, "req-42"},
		{carrier.Map{"Jaeger-Debug-Id": "\t req-42 "}, "req-42"},
		{carrier.Map{"jaeger-debug-id": "  "}, ""},
	} {
		if got := jaeger.DebugID(tc.h); got != tc.want {
			t.Errorf("DebugID(%v) = %q, want %q", tc.h, got, tc.want)
		}
	}
}

// TestIsBaggageHeaderEveryByte: the one-word prefix test agrees with
// strings.EqualFold on the prefix for every byte at every position of it,
// and for the non-ASCII runes that fold to an ASCII letter.
func TestIsBaggageHeaderEveryByte(t *testing.T) {
	ref := func(name string) bool {
		return len(name) > len("uberctx-") && strings.EqualFold(name[:len("uberctx-")], "uberctx-")
	}
	for i := range len("uberctx-") {
		for c := range 256 {
			b := []byte("uberctx-key")
			b[i] = byte(c)
			if name := string(b); jaeger.IsBaggageHeader(name) != ref(name) {
				t.Errorf("IsBaggageHeader(%q) = %v, EqualFold says %v", name, !ref(name), ref(name))
			}
		}
	}
	for _, name := range []string{"uberctx-", "Uberctx-k", "UBERCTX-K", "uberctx_k", "uberctx-\u212a", "\u212aberctx-k", "uberct\u017f-k", "ubérctx-k", "uberctx"} {
		if got, want := jaeger.IsBaggageHeader(name), ref(name); got != want {
			t.Errorf("IsBaggageHeader(%q) = %v, want %v", name, got, want)
		}
	}
}
