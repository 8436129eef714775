package twotel

import (
	"os"
	"strings"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// TextMapPropagator returns the Propagator that the named propagators make
// together, the names of OTEL_PROPAGATORS, as contrib's
// autoprop.TextMapPropagator does: "tracecontext", "baggage", "b3",
// "b3multi", "jaeger", "xray", and every other name the tracewire registry
// (propagator.Parse) knows.
//
// The list follows propagator.Parse's rules, which are the OpenTelemetry
// specification's: names are trimmed and compared case-insensitively,
// repeats count once, "none" anywhere means no propagation (the zero
// Propagator), no names mean the default "tracecontext,baggage", and
// unknown names are reported in a *propagator.UnknownError while the rest
// is used (the default if nothing is left). One name gives that format's
// Propagator; several give the Propagator of their propagator.Compose, in
// the order named: one span context wins, the first valid one, refined by
// later formats that carry the same ids.
func TextMapPropagator(names ...string) (Propagator, error) {
	var (
		list    []string
		members []Propagator
		named   []string // the name of each member
		unknown []string
	)
	for _, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		if name == "" || contains(list, name) {
			continue
		}
		list = append(list, name)
		if name == "none" {
			continue
		}
		if f := formatNamed(name); f != nil {
			members = append(members, f())
		} else if c, err := propagator.Parse(name); err == nil {
			members = append(members, New(c))
		} else {
			unknown = append(unknown, strings.TrimSpace(raw))
			continue
		}
		named = append(named, name)
	}
	var err error
	switch {
	case contains(list, "none"):
		// The registry's rule, and its report of the other entries.
		_, err = propagator.Parse(strings.Join(names, ","))
		return Propagator{}, err
	case len(members) == 0:
		p, _ := TextMapPropagator(strings.Split(propagator.DefaultNames, ",")...)
		if len(unknown) > 0 {
			err = &propagator.UnknownError{Unknown: unknown, Note: "no valid entry remains; using the default " + propagator.DefaultNames}
		}
		return p, err
	case len(unknown) > 0:
		err = &propagator.UnknownError{Unknown: unknown}
	}
	if len(members) == 1 {
		return members[0], err
	}
	return compose(members, named), err
}

// compose returns the Propagator of the members' propagator.Compose. When
// every member is a span-only format or W3C baggage, Extract and Inject
// call the context-free pair of a composite of the span-only formats and
// the baggage codec directly, which is what the composite's own Extract
// and Inject do, without its context nodes. That composite is the
// registry's (propagator.Parse of their names) when the registry knows
// them all, so that it gets what the registry adds, such as skipping a
// format whose headers are absent once another has won.
func compose(members []Propagator, names []string) Propagator {
	var (
		all       = make([]propagator.Propagator, len(members))
		spans     []propagator.Propagator
		spanNames []string
		p         = Propagator{&adapter{}}
		split     = true
	)
	for i, m := range members {
		all[i] = m.tw
		switch {
		case m.span != nil:
			spans = append(spans, m.span)
			spanNames = append(spanNames, names[i])
			p.more = append(p.more, m.more...)
		case m.bag != nil && p.bag == nil:
			p.bag = m.bag
		default:
			split = false
		}
	}
	c := propagator.Compose(all...)
	if !split {
		return New(c)
	}
	p.tw, p.spelled, p.composite = c, writesSpelled(c), true
	items := len(p.more) > 0 // every member with more writes items
	for _, m := range members {
		if len(m.more) > 0 && len(m.items) == 0 {
			items = false
		}
		p.items = append(p.items, m.items...)
		if m.span == nil {
			continue
		}
		// What propagator.Composite's Inject clears of a span member:
		// its ClearFields, or else its Fields.
		if fc, ok := m.tw.(propagator.FieldClearer); ok {
			p.clearers = append(p.clearers, fc)
		} else {
			p.clearers = append(p.clearers, deleteFields(m.tw.Fields()))
		}
		p.writers = append(p.writers, m.writers...)
		if _, ok := m.tw.(propagator.TraceStateContributor); ok {
			// Its Inject reads ctx, which Inject does not build.
			p.general = true
		}
	}
	if !items {
		p.items = nil
	}
	switch len(spans) {
	case 0:
	case 1:
		p.span = spans[0].(propagator.SpanContextPropagator)
	default:
		if reg, err := propagator.Parse(strings.Join(spanNames, ",")); err == nil {
			p.span = reg
		} else {
			p.span = propagator.Compose(spans...)
		}
	}
	return p
}

// deleteFields clears the fields it lists, for a member that is no
// propagator.FieldClearer.
type deleteFields []string

// ClearFields deletes the fields from s, if it is a carrier.Deleter.
func (fs deleteFields) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		for _, f := range fs {
			d.Delete(f)
		}
	}
}

func formatNamed(name string) func() Propagator {
	for _, f := range formats {
		if f.name == name {
			return f.new
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FromEnv returns the Propagator that OTEL_PROPAGATORS names (see
// TextMapPropagator); unset or empty, it is "tracecontext,baggage".
func FromEnv() (Propagator, error) {
	return TextMapPropagator(strings.Split(os.Getenv(propagator.EnvVar), ",")...)
}

// NewTextMapPropagator is the drop-in for contrib's
// autoprop.NewTextMapPropagator: the propagator OTEL_PROPAGATORS names,
// backed by tracewire (see TextMapPropagator), when the variable is set;
// otherwise props composed with propagation.NewCompositeTextMapPropagator
// (props itself if it is one), or, with no props, tracewire's
// "tracecontext,baggage". A name it does not know is reported to
// otel.Handle and left out, as autoprop does.
//
//	otel.SetTextMapPropagator(twotel.NewTextMapPropagator())
func NewTextMapPropagator(props ...propagation.TextMapPropagator) propagation.TextMapPropagator {
	if v := os.Getenv(propagator.EnvVar); strings.TrimSpace(v) != "" {
		p, err := TextMapPropagator(strings.Split(v, ",")...)
		if err != nil {
			otel.Handle(err)
		}
		return p
	}
	switch len(props) {
	case 0:
		p, _ := TextMapPropagator(strings.Split(propagator.DefaultNames, ",")...)
		return p
	case 1:
		return props[0]
	}
	return propagation.NewCompositeTextMapPropagator(props...)
}
