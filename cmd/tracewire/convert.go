package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

const convertUsage = `Usage: tracewire convert [--from FORMATS] [--policy POLICY] [--format FORMATS] [--example] [HEADER-LINE...]

Extract the trace context and baggage from the headers as a service would
whose propagators are the --from formats (by default the first valid
context, trying traceparent, then b3 and x-b3-*, then uber-trace-id), and
print them, as header lines, in each of the --format formats. The library's
propagator.Composite does both, so the output is exactly what a service
using this module sends. Headers come from the arguments or stdin (at most
1 MiB), in any form inspect accepts, holding one request; --example
converts the embedded example.

Formats to write (comma-separated, in the order printed):
  tracecontext   traceparent and tracestate (aliases: w3c, traceparent)
  b3             the single b3 header
  b3multi        the x-b3-* headers
  jaeger         uber-trace-id, and uberctx-* for the baggage
  xray           x-amzn-trace-id, with the Self and Lineage fields of the
                 incoming one when the trace continues (xray-lambda: the same)
  ottrace        ot-tracer-* (the low 64 bits of the trace id), and
                 ot-baggage-* for the baggage
  cloudtrace     x-cloud-trace-context (a service's cloudtrace member is
                 one-way and writes nothing; asked for here, it is written)
  sentry         sentry-trace
  datadog        x-datadog-*, keeping the priority, origin and tags received;
                 beside tracecontext, the dd= tracestate member too
  grpc-trace-bin grpc-trace-bin, base64
  baggage        W3C baggage, merged from every format that carries baggage
  uberctx        only the uberctx-* headers jaeger writes

Flags:
  --from FORMATS     formats to read, as OTEL_PROPAGATORS names them, with
                     this module's extensions cloudtrace, sentry, datadog
                     and grpc-trace-bin (default "tracecontext,b3,jaeger,baggage")
  --policy POLICY    which context wins where formats disagree: first-wins
                     (default), last-wins (OpenTelemetry's order) or reparent
                     (a traceparent of the same trace names the parent)
  --format FORMATS   formats to write (default "tracecontext,b3,b3multi,jaeger,baggage")
  --example          convert the embedded example request

Exit status: 0 on success, 1 when the headers hold no valid trace context
for a span-context format asked for (what a service would still send, such
as baggage or a bare sampling decision, is printed), 2 on a usage error or
input that holds no header (such as an empty stdin).

Examples:
  tracewire convert --format b3multi 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  tracewire convert --format tracecontext 'uber-trace-id: 463ac35c9f6413ad:72485a3953bb6124:0:1'
  tracewire convert --from tracecontext,cloudtrace --format tracecontext,xray 'X-Cloud-Trace-Context: 4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1'
  tracewire convert --from datadog,tracecontext --policy reparent --format tracecontext,datadog < request.txt
  pbpaste | tracewire convert --format jaeger,uberctx
`

// defaultFrom is what convert reads without --from.
const defaultFrom = "tracecontext,b3,jaeger,baggage"

var targetAliases = map[string]string{"w3c": "tracecontext", "traceparent": "tracecontext"}

// uberctxOnly is the "uberctx" output format: the uberctx-* headers that
// jaeger.Propagator writes for the baggage in the context, without its
// uber-trace-id.
type uberctxOnly struct{}

func (uberctxOnly) Extract(ctx context.Context, _ carrier.Getter) context.Context { return ctx }

func (uberctxOnly) Inject(ctx context.Context, s carrier.Setter) {
	jaeger.Propagator{}.Inject(tracewire.ContextWithSpanContext(ctx, tracewire.SpanContext{}), s)
}

func (uberctxOnly) Fields() []string { return nil }

// targetByName returns the propagator that writes the output format
// name: the registry's, except that "cloudtrace" is the two-way form,
// since asking for the header means wanting it written, and "uberctx".
func targetByName(name string) (propagator.Propagator, bool) {
	switch name {
	case "uberctx":
		return uberctxOnly{}, true
	case "cloudtrace":
		return cloudtrace.Propagator{InjectHeader: true}, true
	}
	return propagator.ByName(name)
}

// parseTargets reads a comma-separated format list (case-insensitive,
// trimmed, each format once, in the order given) into the Composite that
// writes them. With allowBaggage false only span-context formats count.
func parseTargets(list string, allowBaggage bool) (propagator.Composite, error) {
	var c propagator.Composite
	var seen []string
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if a, ok := targetAliases[name]; ok {
			name = a
		}
		if name == "" || slices.Contains(seen, name) {
			continue
		}
		seen = append(seen, name)
		p, ok := targetByName(name)
		if !ok {
			return c, fmt.Errorf("unknown format %q", name)
		}
		if _, span := p.(propagator.SpanContextPropagator); !span && !allowBaggage {
			return c, fmt.Errorf("unknown format %q", name)
		}
		c.Members = append(c.Members, p)
	}
	if len(c.Members) == 0 {
		return c, fmt.Errorf("no formats given")
	}
	return c, nil
}

// parseFrom reads --from and --policy into the Composite that extracts.
func parseFrom(list, policy string) (propagator.Composite, error) {
	c, err := propagator.Parse(list)
	if err != nil {
		return c, fmt.Errorf("--from: %v", err)
	}
	if c.Policy, err = propagator.ParsePolicy(policy); err != nil {
		return c, fmt.Errorf("--policy: %v", err)
	}
	return c, nil
}

// headerOut is a carrier.Setter that keeps the order headers are set in,
// so that output is deterministic. Setting a name again replaces its
// value in place; the index (lowercased name to position) keeps that a
// map lookup, so writing n headers costs O(n), not a rescan per header.
type headerOut struct {
	hs    []header
	index map[string]int
}

func (o *headerOut) Set(key, value string) {
	lower := strings.ToLower(key)
	if i, ok := o.index[lower]; ok {
		o.hs[i].Value = value
		return
	}
	if o.index == nil {
		o.index = map[string]int{}
	}
	o.index[lower] = len(o.hs)
	o.hs = append(o.hs, header{Name: key, Value: value})
}

func (o *headerOut) write(w io.Writer) {
	for _, h := range o.hs {
		fmt.Fprintf(w, "%s: %s\n", h.Name, h.Value)
	}
}

// skipNotes says on stderr which formats were passed over for an error
// before the one that won (all of them, when none did), as a service's
// logs would.
func skipNotes(stderr io.Writer, results []propagator.Result) {
	for _, r := range results {
		if r.SpanContext.IsValid() {
			return
		}
		if r.Err != nil {
			name := r.Format
			if name == "tracecontext" {
				name = "traceparent"
			}
			fmt.Fprintf(stderr, "tracewire convert: skipping %s: %v\n", name, r.Err)
		}
	}
}

// convert extracts from req with from and injects with to, as a service
// configured with those propagators does: the context and baggage that
// from.Extract stores is what to.Inject writes.
func convert(req headers, from, to propagator.Composite, out carrier.Setter) {
	ctx := from.Extract(context.Background(), req.indexed())
	to.Inject(ctx, out)
}

func runConvert(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("convert")
	formats := fs.String("format", "tracecontext,b3,b3multi,jaeger,baggage", "formats to write")
	fromList := fs.String("from", defaultFrom, "formats to read")
	policy := fs.String("policy", "first-wins", "conflict policy")
	example := fs.Bool("example", false, "convert the embedded example")
	pos, code := parseFlags(fs, args, convertUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	out, err := parseTargets(*formats, true)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire convert: --format: %v\n\n%s", err, convertUsage)
		return 2
	}
	from, err := parseFrom(*fromList, *policy)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire convert: %v\n\n%s", err, convertUsage)
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
	for _, m := range out.Members {
		_, span := m.(propagator.SpanContextPropagator)
		needContext = needContext || span
	}
	code = 0
	if needContext {
		results := from.ExtractAll(req.indexed(), nil)
		skipNotes(stderr, results)
		if sc, _ := from.Resolve(results); !sc.IsValid() {
			what := "(traceparent, b3, x-b3-* or uber-trace-id)"
			if *fromList != defaultFrom {
				what = "(--from " + *fromList + ")"
			}
			fmt.Fprintf(stderr, "tracewire convert: no valid trace context %s in the headers\n", what)
			code = 1
		}
	}
	var lines headerOut
	convert(req, from, out, &lines)
	lines.write(stdout)
	return code
}
