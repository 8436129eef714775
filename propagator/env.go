package propagator

import (
	"os"
	"slices"
	"strings"
)

// EnvVar is the OpenTelemetry environment variable FromEnv reads.
const EnvVar = "OTEL_PROPAGATORS"

// DefaultNames is what an unset or empty OTEL_PROPAGATORS means.
const DefaultNames = "tracecontext,baggage"

// names lists every propagator name New accepts, in the order they are
// documented: the OpenTelemetry specification's, then this module's
// extensions.
var names = []string{
	"tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray", "xray-lambda", "ottrace", "none",
	"cloudtrace", "sentry", "datadog", "grpc-trace-bin",
}

// extensions are the names that OpenTelemetry's specification does not
// define; ParseStrict and NewStrict report them as unknown.
var extensions = []string{"cloudtrace", "sentry", "datadog", "grpc-trace-bin"}

// Names returns the propagator names New accepts: those the OpenTelemetry
// specification defines for OTEL_PROPAGATORS ("tracecontext", "baggage",
// "b3", "b3multi", "jaeger", "xray", "xray-lambda", "ottrace", "none"),
// then this module's extensions ("cloudtrace", "sentry", "datadog",
// "grpc-trace-bin"), which a strict
// configuration (NewStrict, ParseStrict) rejects.
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
	case "xray":
		return XRay(), true
	case "xray-lambda":
		return XRayLambda(), true
	case "ottrace":
		return OTTrace(), true
	case "cloudtrace":
		return CloudTrace(), true
	case "sentry":
		return Sentry(), true
	case "datadog":
		return Datadog(), true
	case "grpc-trace-bin":
		return GRPCTraceBin(), true
	}
	return nil, false
}

// UnknownError reports OTEL_PROPAGATORS entries that name no propagator.
// The Composite returned with it is still usable: it holds the valid rest,
// as the OpenTelemetry specification asks ("log a warning and ignore").
type UnknownError struct {
	Unknown []string // the entries as written, trimmed
	Note    string   // what was done instead, if anything
	strict  bool     // configured by NewStrict: list only the standard names
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
		b.WriteString(" (valid: ")
		n := 0
		for _, name := range names {
			if e.strict && contains(extensions, name) {
				continue
			}
			if n > 0 {
				b.WriteString(", ")
			}
			b.WriteString(name)
			n++
		}
		b.WriteString(")")
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
//     other entries beside it are reported in the error's Note;
//   - "xray-lambda" replaces "xray", as the specification asks: with both
//     named, the Lambda propagator is registered once, at the first
//     position of either, and the error's Note says so.
//
// The module's extensions ("cloudtrace", "sentry", "datadog",
// "grpc-trace-bin") are accepted; see
// ParseStrict for a configuration that accepts only the specification's
// names.
func Parse(value string) (Composite, error) { return New(split(value)...) }

// ParseStrict is Parse accepting only the names the OpenTelemetry
// specification defines: the module's extensions are reported in the
// *UnknownError and skipped like any unknown name, so that a value other
// OpenTelemetry SDKs would half ignore is caught where it is configured.
func ParseStrict(value string) (Composite, error) { return NewStrict(split(value)...) }

// split returns the trimmed, non-empty entries of a comma-separated list.
func split(value string) []string {
	var list []string
	for _, part := range strings.Split(value, ",") {
		if p := strings.TrimSpace(part); p != "" {
			list = append(list, p)
		}
	}
	return list
}

// New returns the Composite of the named propagators, with the rules of
// Parse. With no names at all it returns the default.
func New(names ...string) (Composite, error) { return build(names, false) }

// NewStrict is New with the rules of ParseStrict.
func NewStrict(names ...string) (Composite, error) { return build(names, true) }

func build(names []string, strict bool) (Composite, error) {
	var (
		c       Composite
		seen    []string
		unknown []string
		notes   []string
		none    bool
	)
	for _, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		if name == "xray" && contains(seen, "xray-lambda") || name == "xray-lambda" && contains(seen, "xray") {
			if name == "xray-lambda" {
				// The Lambda propagator takes the place of the plain one.
				i := slices.Index(seen, "xray")
				seen[i], c.Members[i] = name, XRayLambda()
			}
			notes = appendOnce(notes, `"xray-lambda" replaces "xray"; "xray" is ignored`)
			continue
		}
		if name == "" || contains(seen, name) {
			continue
		}
		if name == "none" {
			none = true
			continue
		}
		p, ok := ByName(name)
		if !ok || strict && contains(extensions, name) {
			unknown = append(unknown, strings.TrimSpace(raw))
			continue
		}
		seen = append(seen, name)
		c.Members = append(c.Members, p)
	}
	fail := func(note ...string) error {
		notes = append(notes, note...)
		if len(unknown) == 0 && len(notes) == 0 {
			return nil
		}
		return &UnknownError{Unknown: unknown, Note: strings.Join(notes, "; "), strict: strict}
	}
	if none {
		if len(seen) > 0 || len(unknown) > 0 {
			notes = nil
			return Composite{}, fail(`"none" disables propagation; the other entries are ignored`)
		}
		return Composite{}, nil
	}
	if len(c.Members) == 0 {
		def := Composite{Members: []Propagator{TraceContext(), Baggage()}}
		if len(unknown) > 0 {
			return def, fail("no valid entry remains; using the default " + DefaultNames)
		}
		return def, nil
	}
	return c, fail()
}

// appendOnce appends s to list unless list holds it.
func appendOnce(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}
