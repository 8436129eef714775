package interop

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	otelbaggage "go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
)

var baggageEdges = []input{
	{"edge: duplicate keys", []header{{"baggage", "k=1,k=2"}}},
	{"edge: duplicate keys over two lines", []header{{"baggage", "k=1"}, {"baggage", "k=2"}}},
	{"edge: 8193 bytes", []header{{"baggage", "a=1,b=" + strings.Repeat("x", 8193-6)}}},
	{"edge: 8192 bytes", []header{{"baggage", "a=1,b=" + strings.Repeat("x", 8192-6)}}},
	{"edge: 65 members", []header{{"baggage", manyMembers(65)}}},
	{"edge: needless escape", []header{{"baggage", "k=%41%42"}}},
	{"edge: property with escaped value", []header{{"baggage", "k=v;p=%20x"}}},
	{"edge: OWS everywhere", []header{{"baggage", " k = v ; p ; q = 1 , j=2 "}}},
}

func manyMembers(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "k%d=v%d", i, i)
	}
	return b.String()
}

// member renders one baggage member for comparison: key, decoded value and
// properties in order.
func member(key, value string, props []string) string {
	s := fmt.Sprintf("%s=%q", key, value)
	for _, p := range props {
		s += ";" + p
	}
	return s
}

// asMap renders members as a map would hold them (the last duplicate wins)
// in key order, because OpenTelemetry's baggage is a map.
func asMap(keys, members []string) string {
	m := map[string]string{}
	for i, k := range keys {
		m[k] = members[i]
	}
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// twBaggage runs tracewire's baggage propagator with the default limits.
func twBaggage(in input) outcome {
	p := baggage.Propagator{}
	b, _ := p.ExtractFrom(carrier.HTTPHeader(in.httpHeader()))
	var keys, ms []string
	for _, m := range b.All() {
		var props []string
		for pr := range m.Properties() {
			if pr.HasValue() {
				props = append(props, fmt.Sprintf("%s=%q", pr.Key(), pr.Value()))
			} else {
				props = append(props, pr.Key())
			}
		}
		keys = append(keys, m.Key())
		ms = append(ms, member(m.Key(), m.Value(), props))
	}
	c := mapCarrier{}
	p.InjectInto(c, b)
	return outcome{Valid: true, Baggage: asMap(keys, ms), Inject: normalizeBaggage(c["baggage"])}
}

// otelBaggage runs propagation.Baggage, which reads every line through the
// HeaderCarrier's Values.
func otelBaggage(in input) outcome {
	p := propagation.Baggage{}
	ctx := p.Extract(context.Background(), propagationHeader(in))
	b := otelbaggage.FromContext(ctx)
	var keys, ms []string
	for _, m := range b.Members() {
		var props []string
		for _, pr := range m.Properties() {
			if v, ok := pr.Value(); ok {
				props = append(props, fmt.Sprintf("%s=%q", pr.Key(), v))
			} else {
				props = append(props, pr.Key())
			}
		}
		keys = append(keys, m.Key())
		ms = append(ms, member(m.Key(), m.Value(), props))
	}
	c := mapCarrier{}
	p.Inject(ctx, c)
	return outcome{Valid: true, Baggage: asMap(keys, ms), Inject: normalizeBaggage(c["baggage"])}
}

func TestBaggage(t *testing.T) {
	vecs, valid := loadVectors(t, "baggage")
	inputs := merge(vecs, baggageEdges)
	inputs = merge(inputs, mutate(5, valid, 48, inputs))
	differential(t, "baggage", inputs, twBaggage, []peer{{
		name:   "otel",
		fields: []string{"baggage", "inject"},
		run:    otelBaggage,
	}})
}
