package main

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

const convertUsage = `Usage: tracewire convert [--format FORMATS] [--example] [HEADER-LINE...]

Extract the trace context from the headers (the first valid one, trying
traceparent, then b3 and x-b3-*, then uber-trace-id) and print it, as header
lines, in each of the formats asked for. Each format is written by its
propagator, exactly as a service using this module would send it. Headers
come from the arguments or stdin (at most 1 MiB), in any form inspect
accepts, holding one request; --example converts the embedded example.

Formats (comma-separated, in the order printed):
  tracecontext   traceparent and tracestate (aliases: w3c, traceparent)
  b3             the single b3 header
  b3multi        the x-b3-* headers
  jaeger         uber-trace-id
  baggage        W3C baggage, from baggage and the Jaeger baggage headers
  uberctx        Jaeger uberctx-* headers, from the same baggage

Flags:
  --format FORMATS   formats to write (default "tracecontext,b3,b3multi,jaeger,baggage")
  --example          convert the embedded example request

Exit status: 0 on success, 1 when the headers hold no valid trace context
for a span-context format asked for, 2 on a usage error or input that
holds no header (such as an empty stdin).

Examples:
  tracewire convert --format b3multi 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  tracewire convert --format tracecontext 'uber-trace-id: 463ac35c9f6413ad:72485a3953bb6124:0:1'
  pbpaste | tracewire convert --format jaeger,uberctx
`

// target is an output format: how to write the span context, or the
// baggage, into a carrier.
type target struct {
	name    string
	context bool // needs a valid span context (not just baggage)
	inject  func(s carrier.Setter, sc tracewire.SpanContext, bg *bagItems)
}

var targets = []target{
	{"tracecontext", true, func(s carrier.Setter, sc tracewire.SpanContext, _ *bagItems) {
		traceparent.Propagator{}.InjectInto(s, sc)
	}},
	{"b3", true, func(s carrier.Setter, sc tracewire.SpanContext, _ *bagItems) {
		b3.Propagator{}.InjectInto(s, sc)
	}},
	{"b3multi", true, func(s carrier.Setter, sc tracewire.SpanContext, _ *bagItems) {
		b3.Propagator{Multi: true}.InjectInto(s, sc)
	}},
	{"jaeger", true, func(s carrier.Setter, sc tracewire.SpanContext, _ *bagItems) {
		jaeger.Propagator{}.InjectInto(s, sc)
	}},
	{"baggage", false, func(s carrier.Setter, _ tracewire.SpanContext, bg *bagItems) {
		baggage.Propagator{}.InjectInto(s, bg.w3c())
	}},
	{"uberctx", false, func(s carrier.Setter, _ tracewire.SpanContext, bg *bagItems) {
		jaeger.InjectBaggage(s, bg.all())
	}},
}

var targetAliases = map[string]string{"w3c": "tracecontext", "traceparent": "tracecontext"}

// parseTargets reads a comma-separated format list: case-insensitive,
// trimmed, each format once, in the order given.
func parseTargets(list string, allowBaggage bool) ([]target, error) {
	var out []target
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if a, ok := targetAliases[name]; ok {
			name = a
		}
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		found := false
		for _, t := range targets {
			if t.name == name && (t.context || allowBaggage) {
				out = append(out, t)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown format %q", name)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no formats given")
	}
	return out, nil
}

// headerOut is a carrier.Setter that keeps the order headers are set in,
// so that output is deterministic.
type headerOut []header

func (o *headerOut) Set(key, value string) {
	for i := range *o {
		if strings.EqualFold((*o)[i].Name, key) {
			(*o)[i].Value = value
			return
		}
	}
	*o = append(*o, header{Name: key, Value: value})
}

func (o headerOut) write(w io.Writer) {
	for _, h := range o {
		fmt.Fprintf(w, "%s: %s\n", h.Name, h.Value)
	}
}

// bagItems is the baggage of a request: W3C baggage first, then Jaeger
// items whose keys W3C baggage does not already hold.
type bagItems struct {
	w3cBag baggage.Baggage
	jaeger [][2]string
}

func collectBaggage(req headers) *bagItems {
	bg := &bagItems{}
	bg.w3cBag, _ = baggage.Propagator{}.ExtractFrom(req) // invalid members are dropped
	seen := map[string]bool{}
	for _, m := range bg.w3cBag.All() {
		seen[m.Key()] = true
	}
	jaeger.ExtractBaggage(req.indexed(), func(k, v string) bool {
		if !seen[k] {
			seen[k] = true
			bg.jaeger = append(bg.jaeger, [2]string{k, v})
		}
		return true
	})
	return bg
}

func (bg *bagItems) w3c() baggage.Baggage {
	if len(bg.jaeger) == 0 {
		return bg.w3cBag
	}
	bd := bg.w3cBag.Builder()
	for _, kv := range bg.jaeger {
		_ = bd.Set(kv[0], kv[1]) // a key that is no token cannot travel in baggage
	}
	return bd.Baggage()
}

func (bg *bagItems) all() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, m := range bg.w3cBag.All() {
			if !yield(m.Key(), m.Value()) {
				return
			}
		}
		for _, kv := range bg.jaeger {
			if !yield(kv[0], kv[1]) {
				return
			}
		}
	}
}

// extractFirst returns the first valid span context, W3C first, and the
// format it came from, noting on stderr any format it had to pass over.
func extractFirst(req headers, stderr io.Writer) (tracewire.SpanContext, string) {
	type source struct {
		name    string
		extract func() (tracewire.SpanContext, error)
	}
	sources := []source{
		{"traceparent", func() (tracewire.SpanContext, error) { return traceparent.Propagator{}.ExtractFrom(req) }},
		{"b3", func() (tracewire.SpanContext, error) { return b3.Propagator{}.ExtractFrom(req) }},
		{"jaeger", func() (tracewire.SpanContext, error) { return jaeger.Propagator{}.ExtractFrom(req) }},
	}
	for _, s := range sources {
		sc, err := s.extract()
		if sc.IsValid() {
			return sc, s.name
		}
		if err != nil {
			fmt.Fprintf(stderr, "tracewire convert: skipping %s: %v\n", s.name, err)
		}
	}
	return tracewire.SpanContext{}, ""
}

func runConvert(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("convert")
	formats := fs.String("format", "tracecontext,b3,b3multi,jaeger,baggage", "formats to write")
	example := fs.Bool("example", false, "convert the embedded example")
	pos, code := parseFlags(fs, args, convertUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	ts, err := parseTargets(*formats, true)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire convert: --format: %v\n\n%s", err, convertUsage)
		return 2
	}
	in, err := readInput(pos, stdin, inputOptions{Example: *example})
	if err != nil {
		return inputFailed(stderr, "convert", err)
	}
	hs, err := in.request()
	if err != nil {
		return inputFailed(stderr, "convert", err)
	}
	req := headers(hs)
	if r := req.filter(func(h header) bool { return !h.Response }); len(r) > 0 {
		req = r
	}

	needContext := false
	for _, t := range ts {
		needContext = needContext || t.context
	}
	var sc tracewire.SpanContext
	if needContext {
		sc, _ = extractFirst(req, stderr)
		if !sc.IsValid() {
			fmt.Fprintln(stderr, "tracewire convert: no valid trace context (traceparent, b3, x-b3-* or uber-trace-id) in the headers")
			return 1
		}
	}
	bg := collectBaggage(req)
	var out headerOut
	for _, t := range ts {
		t.inject(&out, sc, bg)
	}
	out.write(stdout)
	return 0
}
