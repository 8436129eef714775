package ottrace_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/ottrace"
)

// The methods a composite finds by interface: Name, HasIDs, ClearFields
// and BaggageFrom.

func TestOptional(t *testing.T) {
	vectorcheck.Optional(t, ottrace.Propagator{}, "ottrace",
		[]carrier.Getter{carrier.Map{"ot-tracer-traceid": tT}, carrier.HTTPHeader{"Ot-Tracer-Traceid": {tT}}},
		[]carrier.Getter{carrier.Map{}, carrier.Map{"ot-tracer-spanid": tS, "ot-tracer-sampled": "true"}},
		carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS, "ot-tracer-sampled": "true", "ot-baggage-k": "v", "other": "x"}, "other")
}

// TestClearFields: a reused carrier loses every header Inject may write,
// the ot-baggage-* ones in any spelling, and keeps the application's.
func TestClearFields(t *testing.T) {
	stale := func() http.Header {
		return http.Header{
			"Ot-Tracer-Traceid": {tT}, "Ot-Tracer-Spanid": {tS}, "Ot-Tracer-Sampled": {"true"},
			"Ot-Baggage-User": {"old"}, "OT-BAGGAGE-X": {"old"}, "Ot-Baggage": {"no key: kept"},
			"Accept": {"*/*"},
		}
	}
	want := http.Header{"Ot-Baggage": {"no key: kept"}, "Accept": {"*/*"}}
	h := stale()
	ottrace.Propagator{}.ClearFields(carrier.HTTPHeader(h))
	if d := cmp.Diff(want, h); d != "" {
		t.Errorf("after ClearFields (-want +got):\n%s", d)
	}
}

// TestBaggageFrom: the items come only with a valid span context, as
// Extract reads them, and always as a lossy copy.
func TestBaggageFrom(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    carrier.Getter
		want string
	}{
		{"valid context", carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS, "ot-baggage-b": "2", "OT-Baggage-A": "1"}, "a=1,b=2"},
		{"no context", carrier.Map{"ot-baggage-b": "2"}, ""},
		{"invalid context", carrier.Map{"ot-tracer-traceid": tT, "ot-baggage-b": "2"}, ""},
		{"context, no items", carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS}, ""},
	} {
		b, lossy := ottrace.Propagator{}.BaggageFrom(tc.g)
		if got := baggage.Format(b); got != tc.want || !lossy {
			t.Errorf("%s: BaggageFrom = %q, %v; want %q, true", tc.name, got, lossy, tc.want)
		}
	}
}

// TestExtractMergesLikeComposite: Extract's merge into the baggage already
// in ctx is baggage.Merge, the rule a composite applies.
func TestExtractMergesLikeComposite(t *testing.T) {
	in := carrier.Map{"ot-tracer-traceid": tT, "ot-tracer-spanid": tS, "ot-baggage-user": "alice", "ot-baggage-tenant": "acme"}
	w3c := mustBaggage(t, "User=bob;p=1")
	got := baggage.FromContext(ottrace.Propagator{}.Extract(baggage.ContextWith(context.Background(), w3c), in))
	items, _ := ottrace.Propagator{}.BaggageFrom(in)
	if want := baggage.Merge(w3c, items); got.String() != want.String() {
		t.Errorf("Extract merged %q, baggage.Merge gives %q", got, want)
	}
}
