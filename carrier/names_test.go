package carrier

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// surveyAgrees checks Survey of each of the four map adapters holding
// keys (every value non-empty) against what Get finds and against a
// prefix test written here: a name is surveyed exactly when Get finds a
// value under it, and the uberctx-* family exactly when a key longer than
// the prefix starts with it in any case.
func surveyAgrees(t *testing.T, keys []string) {
	t.Helper()
	m, md, nh, h := Map{}, Metadata{}, NATSHeader{}, HTTPHeader{}
	family := false
	for _, k := range keys {
		m[k], md[k], nh[k], h[k] = "v", []string{"v"}, []string{"v"}, []string{"v"}
		family = family || len(k) > len("uberctx-") && strings.EqualFold(k[:len("uberctx-")], "uberctx-")
	}
	for _, g := range []Getter{m, md, nh, h} {
		present, ok := Survey(g)
		if !ok {
			t.Fatalf("%T: Survey not ok", g)
		}
		for _, name := range readNames {
			if got, want := present.Intersects(NamesOf(name)), g.Get(name) != ""; got != want {
				t.Errorf("%T %q: surveyed %q: %v, Get finds it: %v", g, keys, name, got, want)
			}
		}
		if got := present.Intersects(NamesOf("uberctx-*")); got != family {
			t.Errorf("%T %q: uberctx-* surveyed: %v, want %v", g, keys, got, family)
		}
	}
}

func TestSurvey(t *testing.T) {
	for _, keys := range [][]string{
		nil,
		{"traceparent", "content-type"},
		{"Traceparent", "Tracestate", "X-B3-TraceId", "X-B3-Spanid"},
		{"TRACEPARENT", "x-B3-traceId", "BAGGAGE"}, // spellings Get does not find
		{"uberctx-user", "accept"},
		{"Uberctx-User"},
		{"UBERCTX-A"},
		{"uberctx-"}, // no key after the prefix: not an item
		{"uberctx", "jaeger-baggage", "Jaeger-Debug-Id"},
		{"x-datadog-sampling-priority", "X-Datadog-Tags", "grpc-trace-bin"},
		{"b", "b3x", "x-b3-traceidx", "tracepar3nt", "traceparent\x00"},
	} {
		surveyAgrees(t, keys)
	}
	if _, ok := Survey(Env{"TRACEPARENT=x"}); ok {
		t.Error("Survey of an Env is ok; it cannot list its names without allocating")
	}
}

func FuzzSurvey(f *testing.F) {
	f.Add("traceparent\nUberctx-A\nX-B3-TraceId")
	f.Add("TRACESTATE\nuberctx-\nb3")
	f.Add("Ot-Tracer-Sampled\nx-amzn-trace-id\nSERVER-TIMING")
	f.Fuzz(func(t *testing.T, keys string) {
		surveyAgrees(t, strings.Split(keys, "\n"))
	})
}

func TestNamesOf(t *testing.T) {
	b3 := NamesOf("b3", "x-b3-traceid")
	tests := []struct {
		name string
		a, b Names
		want bool
	}{
		{"shared name", b3, NamesOf("x-b3-traceid"), true},
		{"disjoint", b3, NamesOf("traceparent", "uberctx-*"), false},
		{"empty", b3, 0, false},
		{"another name meets every set", NamesOf("x-my-trace"), NamesOf("baggage"), true},
		{"another name meets the empty set", 0, NamesOf("x-my-trace"), true},
		{"names are lowercase", NamesOf("Traceparent"), NamesOf("baggage"), true},
		{"the family", NamesOf("uberctx-*"), NamesOf("uber-trace-id", "uberctx-*"), true},
	}
	for _, tt := range tests {
		if got := tt.a.Intersects(tt.b); got != tt.want {
			t.Errorf("%s: Intersects = %v, want %v", tt.name, got, tt.want)
		}
		if got := tt.b.Intersects(tt.a); got != tt.want {
			t.Errorf("%s, reversed: Intersects = %v, want %v", tt.name, got, tt.want)
		}
	}
	got := []bool{
		NamesOf("uberctx-*").HasFamily(),
		NamesOf("uber-trace-id", "jaeger-baggage").HasFamily(),
		NamesOf("uberctx-a").HasFamily(),
	}
	if diff := cmp.Diff([]bool{true, false, false}, got); diff != "" {
		t.Errorf("HasFamily (-want +got):\n%s", diff)
	}
}

func TestSurveyAllocs(t *testing.T) {
	m := Map{"traceparent": "x", "Uberctx-A": "1", "accept": "*/*", "X-B3-TraceId": "y"}
	if n := testing.AllocsPerRun(100, func() { _, _ = Survey(m) }); n != 0 {
		t.Errorf("Survey: %v allocs, want 0", n)
	}
}
