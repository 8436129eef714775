package propagator

import (
	"os"
	"strings"
)

// EnvVar is the OpenTelemetry environment variable FromEnv reads.
const EnvVar = "OTEL_PROPAGATORS"

// DefaultNames is what an unset or empty OTEL_PROPAGATORS means.
const DefaultNames = "tracecontext,baggage"

// Names lists every propagator name New accepts, in the order they are
// documented.
var names = []string{"tracecontext", "baggage", "b3", "b3multi", "jaeger", "none"}

// Names returns the propagator names New accepts.
func Names() []string { return append([]string(nil), names...) }

// ByName returns the propagator registered as name (lowercase), or false.
// "none" is not a propagator; New handles it.
func ByName(name string) (Propagator, bool) {
	switch name {
	case "tracecontext":
		return TraceContext(), true
	case "baggage":
		return Baggage(), true
	case "b3":
		return B3(), true
	case "b3multi":
		return B3Multi(), true
	case "jaeger":
		return Jaeger(), true
	}
	return nil, false
}

// UnknownError reports OTEL_PROPAGATORS entries that name no propagator.
// The Composite returned with it is still usable: it holds the valid rest,
// as the OpenTelemetry specification asks ("log a warning and ignore").
type UnknownError struct {
	Unknown []string // the entries as written, trimmed
	Note    string   // what was done instead, if anything
}

// Error lists the unknown names and the valid ones.
func (e *UnknownError) Error() string {
	var b strings.Builder
	b.WriteString("propagator: " + EnvVar + ": ")
	if len(e.Unknown) > 0 {
		b.WriteString("unknown ")
		for i, u := range e.Unknown {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`"` + u + `"`)
		}
		b.WriteString(" (valid: " + strings.Join(names, ", ") + ")")
		if e.Note != "" {
			b.WriteString("; ")
		}
	}
	b.WriteString(e.Note)
	return b.String()
}

// FromEnv returns the Composite that OTEL_PROPAGATORS names; see Parse.
func FromEnv() (Composite, error) { return Parse(os.Getenv(EnvVar)) }

// Parse returns the Composite that a comma-separated OTEL_PROPAGATORS value
// names, following the OpenTelemetry rules:
//   - unset or empty (or only spaces and commas) means "tracecontext,baggage";
//   - entries are trimmed and compared case-insensitively; repeats are
//     registered once, at their first position;
//   - unknown entries are reported in an *UnknownError and skipped; if no
//     valid entry remains, the default applies;
//   - "none" anywhere means no propagation at all (an empty Composite);
//     other entries beside it are reported in the error's Note.
func Parse(value string) (Composite, error) {
	var list []string
	for _, part := range strings.Split(value, ",") {
		if p := strings.TrimSpace(part); p != "" {
			list = append(list, p)
		}
	}
	return New(list...)
}

// New returns the Composite of the named propagators, with the rules of
// Parse. With no names at all it returns the default.
func New(names ...string) (Composite, error) {
	var (
		c       Composite
		seen    []string
		unknown []string
		none    bool
	)
	for _, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		if name == "" || contains(seen, name) {
			continue
		}
		if name == "none" {
			none = true
			continue
		}
		p, ok := ByName(name)
		if !ok {
			unknown = append(unknown, strings.TrimSpace(raw))
			continue
		}
		seen = append(seen, name)
		c.Members = append(c.Members, p)
	}
	if none {
		if len(seen) > 0 || len(unknown) > 0 {
			return Composite{}, &UnknownError{Unknown: unknown, Note: `"none" disables propagation; the other entries are ignored`}
		}
		return Composite{}, nil
	}
	if len(c.Members) == 0 {
		def := Composite{Members: []Propagator{TraceContext(), Baggage()}}
		if len(unknown) > 0 {
			return def, &UnknownError{Unknown: unknown, Note: "no valid entry remains; using the default " + DefaultNames}
		}
		return def, nil
	}
	if len(unknown) > 0 {
		return c, &UnknownError{Unknown: unknown}
	}
	return c, nil
}
