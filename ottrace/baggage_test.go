package ottrace_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/ottrace"
)

func mustBaggage(t *testing.T, s string) baggage.Baggage {
	t.Helper()
	b, err := baggage.Parse(s)
	if err != nil {
		t.Fatalf("baggage %q: %v", s, err)
	}
	return b
}

func TestExtractBaggageCarriers(t *testing.T) {
	want := "a-key=x%20y,b=2"
	for name, g := range map[string]carrier.Getter{
		"map":      carrier.Map{"Ot-Baggage-B": "2", "OT-BAGGAGE-A-Key": " x y ", "ot-baggage-": "skipped", "other": "x"},
		"metadata": carrier.Metadata{"ot-baggage-b": {"2", "ignored"}, "ot-baggage-a-key": {"x y"}},
		"http":     carrier.HTTPHeader{"Ot-Baggage-B": {"2"}, "Ot-Baggage-A-Key": {"x y"}},
	} {
		if got := ottrace.ExtractBaggage(g).String(); got != want {
			t.Errorf("%s: ExtractBaggage = %q, want %q", name, got, want)
		}
	}
}

// TestExtractBaggageLimits: tens of thousands of items cost linear work
// and end within baggage's default limits.
func TestExtractBaggageLimits(t *testing.T) {
	h := carrier.HTTPHeader{}
	for i := range 20000 {
		h[fmt.Sprintf("Ot-Baggage-K%05d", i)] = []string{"v"}
	}
	b := ottrace.ExtractBaggage(h)
	if b.Len() != 64 {
		t.Errorf("kept %d members, want the 64 of the default limit", b.Len())
	}
	if m := b.At(0); m.Key() != "k00000" {
		t.Errorf("first member %q, want k00000 (key order)", m.Key())
	}
}

func TestIsBaggageHeader(t *testing.T) {
	for name, want := range map[string]bool{
		"ot-baggage-k": true, "Ot-Baggage-K": true, "OT-BAGGAGE-x-y": true,
		"ot-baggage-": false, "ot-baggage": false, "ot-baggagex": false, "uberctx-k": false, "": false,
	} {
		if got := ottrace.IsBaggageHeader(name); got != want {
			t.Errorf("IsBaggageHeader(%q) = %v", name, got)
		}
	}
}

func TestInjectBaggage(t *testing.T) {
	b := mustBaggage(t, "UserId=alice%20smith,plain=v1;p=1,ratio=100%25,nl=a%0Ab,sp=%20x,tab=a%09b,del=%7F,utf8=Z%C3%BCrich,empty=")
	m := carrier.Map{}
	ottrace.InjectBaggage(m, b)
	want := carrier.Map{
		"ot-baggage-userid": "alice smith",
		"ot-baggage-plain":  "v1",
		"ot-baggage-ratio":  "100%",
		"ot-baggage-tab":    "a\tb",
		"ot-baggage-utf8":   "Zürich",
		"ot-baggage-empty":  "",
	}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("InjectBaggage (-want +got):\n%s", d)
	}
}

// TestExtractMergesBaggage: OT items join the baggage already in the
// context, and a W3C member wins a key both carry, in any case.
func TestExtractMergesBaggage(t *testing.T) {
	in := carrier.Map{
		"ot-tracer-traceid": tT, "ot-tracer-spanid": tS,
		"ot-baggage-userid": "from-ot", "ot-baggage-tenant": "acme",
	}
	for _, tc := range []struct {
		name, w3c, want string
	}{
		{"no W3C baggage", "", "tenant=acme,userid=from-ot"},
		{"W3C wins, key in another case", "UserId=from-w3c;p=1", "UserId=from-w3c;p=1,tenant=acme"},
		{"W3C holds every key", "userid=w,tenant=w", "userid=w,tenant=w"},
		{"disjoint", "a=1", "a=1,tenant=acme,userid=from-ot"},
	} {
		ctx := context.Background()
		if tc.w3c != "" {
			ctx = baggage.ContextWith(ctx, mustBaggage(t, tc.w3c))
		}
		ctx = ottrace.Propagator{}.Extract(ctx, in)
		if got := baggage.FromContext(ctx).String(); got != tc.want {
			t.Errorf("%s: baggage = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Without a valid span context no baggage is read and ctx is unchanged.
	ctx := context.Background()
	if got := (ottrace.Propagator{}).Extract(ctx, carrier.Map{"ot-baggage-k": "v", "ot-tracer-traceid": tT}); got != ctx {
		t.Error("Extract changed the context without a valid span context")
	}
}

// TestInjectBaggageOnlyWithContext: baggage goes out only beside a valid
// span context.
func TestInjectBaggageOnlyWithContext(t *testing.T) {
	ctx := baggage.ContextWith(context.Background(), mustBaggage(t, "k=v"))
	out := carrier.Map{}
	ottrace.Propagator{}.Inject(ctx, out)
	if len(out) != 0 {
		t.Errorf("wrote %v without a span context", out)
	}
	sc, _ := ottrace.ParseHeaders(tT, tS, "1")
	ottrace.Propagator{}.Inject(tracewire.ContextWithSpanContext(ctx, sc), out)
	want := carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS, "ot-tracer-sampled": "true", "ot-baggage-k": "v"}
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("Inject (-want +got):\n%s", d)
	}
}

// TestIsBaggageHeaderEveryByte: the word-at-a-time prefix test agrees with
// strings.EqualFold on the prefix for every byte at every position of it,
// and for the non-ASCII runes that fold to an ASCII letter.
func TestIsBaggageHeaderEveryByte(t *testing.T) {
	const prefix = "ot-baggage-"
	ref := func(name string) bool {
		return len(name) > len(prefix) && strings.EqualFold(name[:len(prefix)], prefix)
	}
	for i := range len(prefix) {
		for c := range 256 {
			b := []byte(prefix + "key")
			b[i] = byte(c)
			if name := string(b); ottrace.IsBaggageHeader(name) != ref(name) {
				t.Errorf("IsBaggageHeader(%q) = %v, EqualFold says %v", name, !ref(name), ref(name))
			}
		}
	}
	for _, name := range []string{prefix, "Ot-Baggage-K", "OT-BAGGAGE-K", "ot_baggage-k", "ot-baggage_k", "ot-baggage-\u212a", "\u212at-baggage-k", "ot-bággage-k", "ot-baggage"} {
		if got, want := ottrace.IsBaggageHeader(name), ref(name); got != want {
			t.Errorf("IsBaggageHeader(%q) = %v, want %v", name, got, want)
		}
	}
}
