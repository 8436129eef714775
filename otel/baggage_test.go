package twotel_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	twbaggage "github.com/tracewire/tracewire/baggage"
	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
)

// members lists OpenTelemetry baggage as key -> "value;prop;prop=v".
func otelMembers(b baggage.Baggage) map[string]string {
	out := map[string]string{}
	for _, m := range b.Members() {
		v := m.Value()
		for _, p := range m.Properties() {
			v += ";" + p.Key()
			if pv, ok := p.Value(); ok {
				v += "=" + pv
			}
		}
		out[m.Key()] = v
	}
	return out
}

func TestBaggageToOTel(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     map[string]string
	}{
		{"plain", "a=1,b=2", map[string]string{"a": "1", "b": "2"}},
		{"values decoded", "k=DF%2028,u=%E2%9C%93", map[string]string{"k": "DF 28", "u": "✓"}},
		{"invalid UTF-8 becomes U+FFFD", "k=%FF", map[string]string{"k": "\uFFFD"}},
		{"properties, bare and with values (decoded)", "k=v;p;q=1;r=%20x", map[string]string{"k": "v;p;q=1;r= x"}},
		{"properties on a member among plain ones", "a=1,k=v;ttl=60,z=2", map[string]string{"a": "1", "k": "v;ttl=60", "z": "2"}},
		{"a repeated key keeps its last value", "k=1,j=2,k=3", map[string]string{"j": "2", "k": "3"}},
		{"empty value", "k=", map[string]string{"k": ""}},
		{"empty", "", map[string]string{}},
	} {
		b, err := twbaggage.Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, otelMembers(twotel.BaggageToOTel(b))); diff != "" {
			t.Errorf("%s: -want +got:\n%s", c.name, diff)
		}
	}
}

func TestBaggageFromOTel(t *testing.T) {
	mk := func(key, value string, props ...baggage.Property) baggage.Member {
		m, err := baggage.NewMemberRaw(key, value, props...)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	prop := func(k, v string) baggage.Property {
		p, err := baggage.NewKeyValuePropertyRaw(k, v)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	bare, _ := baggage.NewKeyProperty("flag")
	for _, c := range []struct {
		name string
		in   []baggage.Member
		want string
	}{
		{"key order, values encoded", []baggage.Member{mk("zeta", "a,b"), mk("alpha", "DF 28"), mk("mid", "✓")}, "alpha=DF%2028,mid=%E2%9C%93,zeta=a%2Cb"},
		{"properties", []baggage.Member{mk("k", "v", prop("ttl", "60 s"), bare)}, "k=v;ttl=60%20s;flag"},
		{"a key the header cannot carry is left out", []baggage.Member{mk("a b", "1"), mk("ok", "2")}, "ok=2"},
		{"a property key the header cannot carry is left out", []baggage.Member{mk("k", "v", prop("a b", "1"), bare)}, "k=v;flag"},
		{"empty", nil, ""},
	} {
		ob, err := baggage.New(c.in...)
		if err != nil {
			t.Fatal(err)
		}
		if got := twbaggage.Format(twotel.BaggageFromOTel(ob)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestBaggageRoundTrip: baggage extracted and injected again keeps its
// members, values (in their canonical encoding) and properties, in key
// order, whichever carrier and however many lines it came in.
func TestBaggageRoundTrip(t *testing.T) {
	p := twotel.Baggage()
	for _, c := range []struct {
		name string
		in   []string
		want string
	}{
		{"one line", []string{"userId=alice,serverNode=DF%2028,isProduction=false,tenant=acme;ttl=60"},
			"isProduction=false,serverNode=DF%2028,tenant=acme;ttl=60,userId=alice"},
		{"lines combined, the last value wins", []string{"a=1,b=2", "b=3;p"}, "a=1,b=3;p"},
		{"a needless escape is written canonically", []string{"k=%41"}, "k=A"},
		{"invalid members dropped", []string{"k=v,bad,=x,j=%G1,ok=1"}, "k=v,ok=1"},
	} {
		h := http.Header{"Baggage": c.in}
		ctx := p.Extract(context.Background(), propagation.HeaderCarrier(h))
		out := http.Header{}
		p.Inject(ctx, propagation.HeaderCarrier(out))
		if got := out.Get("baggage"); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if got := twbaggage.Format(twotel.BaggageFromContext(ctx)); got != c.want {
			t.Errorf("%s: BaggageFromContext %q, want %q", c.name, got, c.want)
		}
	}
}

// TestBaggageComposite: a composite clears a stale baggage header on a
// reused carrier when there is none to write, as propagator.Composite
// does; the baggage propagator alone writes nothing and deletes nothing.
func TestBaggageComposite(t *testing.T) {
	h := http.Header{"Baggage": {"stale=1"}}
	mustProp(t, "tracecontext,baggage").Inject(context.Background(), propagation.HeaderCarrier(h))
	if v, ok := h["Baggage"]; ok {
		t.Errorf("composite left %q", v)
	}
	h = http.Header{"Baggage": {"stale=1"}}
	twotel.Baggage().Inject(context.Background(), propagation.HeaderCarrier(h))
	if h.Get("baggage") != "stale=1" {
		t.Errorf("baggage alone changed the carrier: %v", h)
	}
	ctx := twotel.ContextWithBaggage(context.Background(), must(twbaggage.Parse("k=v")))
	if got := baggage.FromContext(ctx).Member("k").Value(); got != "v" {
		t.Errorf("ContextWithBaggage: %q", got)
	}
	if twotel.ContextWithBaggage(context.Background(), twbaggage.Baggage{}) != context.Background() {
		t.Error("empty baggage changed the context")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
