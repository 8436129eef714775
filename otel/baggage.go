package twotel

import (
	"errors"
	"slices"
	"strings"

	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/internal/ascii"
	"go.opentelemetry.io/otel/baggage"
)

// BaggageToOTel returns b as OpenTelemetry baggage: every member with its
// decoded value and its properties (bare or with a decoded value). A key
// that occurs more than once keeps its last value, the rule of both
// libraries' Get. OpenTelemetry keeps no order and no repeats; sent again,
// it goes out in key order (see BaggageFromOTel).
//
// OpenTelemetry-Go accepts any UTF-8 as keys and values, which is wider
// than the W3C grammar, so every member of a tracewire Baggage converts;
// its own limits (64 members, 8192 bytes) then apply, dropping members in
// map order, which matters only for baggage parsed under raised Limits.
func BaggageToOTel(b twbaggage.Baggage) baggage.Baggage {
	if b.Len() == 0 {
		return baggage.Baggage{}
	}
	var buf [16]baggage.Member
	ms := buf[:0]
	for _, m := range b.All() {
		if m.RawProperties() != "" {
			// OpenTelemetry-Go builds a member with properties given as
			// values at several allocations each (one through fmt); a
			// parse of the canonical text keeps them as text instead.
			ob, _ := baggage.Parse(b.String())
			return ob
		}
		if om, err := baggage.NewMemberRaw(m.Key(), m.Value()); err == nil {
			ms = append(ms, om)
		}
	}
	ob, _ := baggage.New(ms...)
	return ob
}

// BaggageFromOTel returns OpenTelemetry baggage in tracewire form, its
// members in key order (OpenTelemetry keeps none), each with its
// properties. A key that is not an RFC 9110 token, which OpenTelemetry-Go
// accepts but the W3C header cannot carry, is left out, as are property
// keys of that kind.
func BaggageFromOTel(ob baggage.Baggage) twbaggage.Baggage {
	if ob.Len() == 0 {
		return twbaggage.Baggage{}
	}
	bd := builderFromOTel(ob)
	return bd.Baggage()
}

// builderFromOTel returns a Builder holding the members of ob in key
// order.
func builderFromOTel(ob baggage.Baggage) twbaggage.Builder {
	var bd twbaggage.Builder
	for _, m := range sortedMembers(ob) {
		setMember(&bd, m.Key(), &m)
	}
	return bd
}

func sortedMembers(ob baggage.Baggage) []baggage.Member {
	ms := ob.Members()
	slices.SortFunc(ms, func(a, b baggage.Member) int { return strings.Compare(a.Key(), b.Key()) })
	return ms
}

// otelBaggageOut is OpenTelemetry baggage as Inject writes it: the
// canonical header of its members in key order, with no limits applied,
// how many members it holds, and the members themselves, in key order
// through order (up to 64 of them; more are sorted in ms itself), for the
// items of an ItemInjector (Jaeger's InjectItem skips the keys that are
// not tokens, as the line does).
type otelBaggageOut struct {
	line  []byte
	n     int
	ms    []baggage.Member
	order [twbaggage.DefaultMaxMembers]uint8
}

// withinDefaults reports whether the line keeps within the default
// limits, so that no member is left out of it.
func (o *otelBaggageOut) withinDefaults() bool {
	return o.n <= twbaggage.DefaultMaxMembers && len(o.line) <= twbaggage.DefaultMaxBytes
}

// at returns the i-th member in key order.
func (o *otelBaggageOut) at(i int) *baggage.Member {
	if len(o.ms) <= len(o.order) {
		return &o.ms[o.order[i]]
	}
	return &o.ms[i]
}

// appendOTelBaggage appends the canonical header of ob to dst, and keeps
// in out what it wrote, but for the line itself, which it returns (see
// otelBaggageOut). Members are sorted by key through an index, rather
// than moved, and written as a Builder writes them (see appendOTelMember).
func appendOTelBaggage(dst []byte, ob baggage.Baggage, out *otelBaggageOut) []byte {
	out.ms = ob.Members()
	ms := out.ms
	if len(ms) <= len(out.order) {
		order := out.order[:len(ms)]
		for i := range order {
			order[i] = uint8(i)
		}
		slices.SortFunc(order, func(a, b uint8) int { return strings.Compare(ms[a].Key(), ms[b].Key()) })
	} else {
		slices.SortFunc(ms, func(a, b baggage.Member) int { return strings.Compare(a.Key(), b.Key()) })
	}
	for i := range ms {
		m := out.at(i)
		if !ascii.IsToken(m.Key()) {
			continue // the Builder refuses it: the header cannot carry it
		}
		if out.n > 0 {
			dst = append(dst, ',')
		}
		dst = appendOTelMember(dst, m)
		out.n++
	}
	return dst
}

// appendOTelMember appends m as a twbaggage.Builder given its key, value
// and properties writes it: the value percent-encoded, and the properties
// whose keys are tokens, each with its value encoded. (setMember below
// fills a Builder so; TestFastInjectEqualsGeneral and FuzzFastPaths check
// that both write the same.)
func appendOTelMember(dst []byte, m *baggage.Member) []byte {
	dst = append(dst, m.Key()...)
	dst = append(dst, '=')
	dst = twbaggage.AppendValue(dst, m.Value())
	for _, p := range m.Properties() {
		if !ascii.IsToken(p.Key()) {
			continue
		}
		dst = append(dst, ';')
		dst = append(dst, p.Key()...)
		if v, ok := p.Value(); ok {
			dst = append(dst, '=')
			dst = twbaggage.AppendValue(dst, v)
		}
	}
	return dst
}

func setMember(bd *twbaggage.Builder, key string, m *baggage.Member) {
	var buf [4]twbaggage.Property
	props := buf[:0]
	for _, p := range m.Properties() {
		if v, ok := p.Value(); ok {
			props = append(props, twbaggage.NewProperty(p.Key(), v))
		} else {
			props = append(props, twbaggage.NewBareProperty(p.Key()))
		}
	}
	if err := bd.Set(key, m.Value(), props...); errors.Is(err, tracewire.ErrProperty) {
		// A property key the header cannot carry: keep the member
		// without that property rather than lose it.
		props = slices.DeleteFunc(props, func(p twbaggage.Property) bool {
			var probe twbaggage.Builder
			return probe.Set("k", "", p) != nil
		})
		_ = bd.Set(key, m.Value(), props...)
	}
}
