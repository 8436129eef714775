package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/ows"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

const inspectUsage = `Usage: tracewire inspect [--json] [--strict] [--full] [--example] [HEADER-LINE...]

Decode every trace-context header in a request (or response) and report
what each format says, what is wrong with which byte, and where the formats
disagree.

Headers come from the arguments ("Name: value" each, or a bare header
value), else from stdin, at most 1 MiB. --example, anywhere on the line,
decodes an embedded example request instead, as inspect also does when it
is run at a terminal with nothing given. An empty stdin, or one with no
header in it, is a usage error that says what was read.

The form of the input is recognised, and named in the report:
  - "Name: value" lines ("#" starts a comment), HTTP/2 pseudo-headers
    (":authority: …") as browsers' developer tools copy them included;
  - a raw HTTP request or response (start line, headers, blank line, body);
  - a curl -v transcript, HTTP/1 or HTTP/2 ("> " request, "< " response
    lines);
  - JSON: an object of headers (values of any type, arrays for repeated
    headers, nested objects such as {"headers": {…}} walked into);
  - a HAR file (one report per entry: its request and response headers);
  - NDJSON or log lines (one report per line that names a trace header,
    as "traceparent: 00-…" in a message, logfmt traceparent=00-… or
    tracestate="a=1,b=2", or a JSON record's member);
  - a bare value recognised by its shape: a traceparent, a b3 header with
    ids, an uber-trace-id.
A line that cannot be read is reported as a finding with its line number
(or argument number), and the rest is still inspected. Text values are
trimmed of spaces and tabs, as an HTTP server does; JSON values are taken
exactly as given. Error offsets index the value as shown. From a
transcript holding both, the request headers are read for the request
formats and the response headers for traceresponse.

Formats: traceparent, tracestate, traceresponse (and Server-Timing
"trace"), b3, x-b3-* (b3multi), uber-trace-id, jaeger-debug-id, baggage,
uberctx-*, jaeger-baggage, x-amzn-trace-id (xray), ot-tracer-* and
ot-baggage-* (ottrace), x-cloud-trace-context (cloudtrace), sentry-trace,
x-datadog-* and the tracestate dd= member (datadog), grpc-trace-bin.

Flags:
  --json      print the report as JSON (see "go doc ./cmd/tracewire")
  --strict    exit 1 on warnings too: formats that disagree, baggage
              members dropped, input that could not be read
  --full      show everything: by default values over 256 bytes are cut
              and lists (headers, members, errors, requests) stop at 64,
              each with a count of what was left out
  --example   inspect the embedded example request

Exit status: 0 when every trace header found is valid (or none is found),
1 when any is invalid (with --strict, also on a warning), 2 on a usage
error or an input that holds no header.

Examples:
  tracewire inspect --example
  tracewire inspect 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' 'b3: 4bf92f3577b34da6-00f067aa0ba902b7-0'
  tracewire inspect 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
  curl -sv https://example.com/ 2>&1 >/dev/null | tracewire inspect
  kubectl logs deploy/gateway | grep -i traceparent | tracewire inspect --json
  tracewire inspect --strict < session.har
`

func runInspect(args []string, stdin io.Reader, stdout, stderr io.Writer, st style) int {
	fs := newFlagSet("inspect")
	f := addReportFlags(fs)
	pos, code := parseFlags(fs, args, inspectUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	in, err := readInput(pos, stdin, inputOptions{Example: *f.example, ExampleOnTerminal: true})
	if err != nil {
		return inputFailed(stderr, "inspect", err)
	}
	res := inspectInput(in)
	if *f.json {
		if err := writeJSON(stdout, res, f.limits()); err != nil {
			fmt.Fprintf(stderr, "tracewire inspect: %v\n", err)
			return 1
		}
	} else {
		renderInspection(stdout, res, st, f.limits())
	}
	return res.exitCode(*f.strict)
}

// report is everything inspect learned from a header block.
type report struct {
	Input    input
	Contexts []*contextResult
	// TraceState is the tracestate list as a receiver with a valid
	// traceparent reads it; TraceStateLines counts its header lines.
	TraceState      tracewire.TraceState
	TraceStateLines int
	Baggage         []baggageItem
	Problems        []*problem
	Findings        []finding
}

// contextResult is what one format says.
type contextResult struct {
	Format    string // traceparent, traceresponse, b3, b3multi or jaeger
	Header    string // the header it came from ("x-b3-*" for valid b3multi)
	Value     string // the value parsed; several traceparent lines joined by ","
	SC        tracewire.SpanContext
	Problem   *problem // nil when the header is valid
	DebugID   string   // jaeger-debug-id
	Canonical string   // the same format as this package would send it
}

// valid reports whether the header parsed; a valid header may still carry
// only a sampling decision and no ids.
func (c *contextResult) valid() bool { return c.Problem == nil }

// problem is an invalid header value: what is wrong, and where.
type problem struct {
	Header string // lowercase name of the header the offset is in
	Value  string // the value the offset indexes
	Kind   tracewire.ErrorKind
	Offset int
	Hint   string // why, and how to put it right: the library's hint
}

// message is the problem in the words of ParseError.Error, with the offset
// the problem holds (which for a baggage member is shifted to index the
// whole header).
func (p *problem) message() string {
	return p.Header + ": " + p.Kind.Error() + " at offset " + strconv.Itoa(p.Offset)
}

// baggageItem is one baggage member, from W3C baggage or from Jaeger.
type baggageItem struct {
	Source     string // "baggage", "uberctx" or "jaeger-baggage"
	Key        string
	Value      string // decoded
	Raw        string // as on the wire, when it differs from Value
	Properties []baggageProperty
	OverLimit  bool // dropped by a receiver keeping only the W3C minimum
}

type baggageProperty struct {
	Key      string
	Value    string
	HasValue bool
}

// finding is an observation across headers or formats.
type finding struct {
	Kind     string // stable identifier, such as "trace-id-mismatch"
	Severity string // "error", "warning" or "info"
	Message  string
}

// singletons are the headers of which only one line is read.
var singletons = []string{
	"b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled",
	"x-b3-flags", "uber-trace-id", "jaeger-debug-id", "traceresponse",
	"x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled",
	"x-cloud-trace-context", "sentry-trace", "grpc-trace-bin",
	"x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-origin",
}

// isTraceHeader reports whether inspect reads the header named name.
func isTraceHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "traceparent", "tracestate", "traceresponse", "baggage", "b3",
		"uber-trace-id", "jaeger-debug-id", "jaeger-baggage",
		"x-amzn-trace-id", "x-cloud-trace-context", "sentry-trace", "grpc-trace-bin":
		return true
	}
	return strings.HasPrefix(n, "x-b3-") || strings.HasPrefix(n, "uberctx-") ||
		strings.HasPrefix(n, "ot-tracer-") || strings.HasPrefix(n, "ot-baggage-") ||
		strings.HasPrefix(n, "x-datadog-")
}

// inspect decodes every trace header in in.
func inspect(in input) *report {
	all := headers(in.Headers)
	req := all.filter(func(h header) bool { return !h.Response })
	if len(req) == 0 {
		req = all // a bare response: read everything from it
	}
	r := &report{Input: in}
	r.traceparent(req)
	r.traceresponse(all)
	r.b3(req)
	r.jaeger(req)
	r.xray(req)
	r.ottrace(req)
	r.cloudtrace(req)
	r.sentry(req)
	r.datadog(req)
	r.grpcTraceBin(req)
	r.baggage(req)
	r.otBaggage(req)
	r.singletonFindings(req)
	r.crossFormat(req)
	return r
}

func (r *report) addFinding(kind, severity, format string, args ...any) {
	r.Findings = append(r.Findings, finding{Kind: kind, Severity: severity, Message: fmt.Sprintf(format, args...)})
}

// newProblem turns a codec error into a problem whose offset indexes value.
func newProblem(err error, value string) *problem {
	if header, kind, offset, ok := parseErrorParts(err); ok {
		return &problem{Header: header, Value: value, Kind: kind, Offset: offset, Hint: errorHint(err, value)}
	}
	// Every codec returns *ParseError; keep something readable if one
	// ever does not.
	return &problem{Header: "?", Value: value, Offset: -1}
}

// addContext records c, and its problem if it has one.
func (r *report) addContext(c *contextResult) {
	if c.valid() {
		c.Canonical = canonical(c.Format, c.Header, c.SC)
	} else {
		r.Problems = append(r.Problems, c.Problem)
	}
	r.Contexts = append(r.Contexts, c)
}

func canonical(format, header string, sc tracewire.SpanContext) string {
	switch format {
	case "traceparent":
		return traceparent.Format(sc)
	case "traceresponse":
		if header == "server-timing" {
			return string(traceparent.AppendServerTiming(nil, sc))
		}
		return traceparent.FormatResponse(sc)
	case "b3":
		return b3.Format(sc)
	case "jaeger":
		if header == "uber-trace-id" {
			return jaeger.Format(sc)
		}
	case "cloudtrace":
		return cloudtrace.Format(sc)
	case "sentry":
		return sentry.Format(sc)
	case "grpc-trace-bin":
		return grpctrace.Format(sc)
	}
	return ""
}

// blank reports whether every line is empty or OWS.
func blank(lines []string) bool {
	for _, l := range lines {
		if !ows.Blank(l) {
			return false
		}
	}
	return true
}

func (r *report) traceparent(req headers) {
	lines := req.Values("traceparent")
	switch {
	case len(lines) == 0:
	case len(lines) == 1 && blank(lines):
		r.addFinding("empty-header", "info", "traceparent is empty: receivers treat it as absent and start a new trace")
	default:
		// The propagator sees every line, as a server would: more than one
		// is invalid, and the offset then indexes the lines joined by ",".
		value := strings.Join(lines, ",")
		sc, err := traceparent.Propagator{}.ExtractFrom(req)
		c := &contextResult{Format: "traceparent", Header: "traceparent", Value: value, SC: sc}
		if err != nil {
			c.Problem = newProblem(err, value)
		}
		r.addContext(c)
		if len(lines) > 1 {
			r.addFinding("multiple-traceparent", "error",
				"%d traceparent lines: W3C Trace Context allows exactly one, so receivers reject them all and start a new trace", len(lines))
		}
	}

	ts := req.Values("tracestate")
	if len(ts) == 0 {
		return
	}
	r.TraceStateLines = len(ts)
	list, err := tracewire.ParseTraceState(ts...)
	if err != nil {
		r.Problems = append(r.Problems, newProblem(err, strings.Join(ts, ",")))
	} else {
		r.TraceState = list
	}
	if tp := r.context("traceparent"); tp == nil || !tp.valid() {
		r.addFinding("tracestate-without-traceparent", "warning",
			"tracestate arrived without a valid traceparent: receivers must discard it")
	}
}

func (r *report) traceresponse(all headers) {
	if lines := all.Values("traceresponse"); len(lines) > 0 && blank(lines[:1]) {
		r.addFinding("empty-header", "info", "traceresponse is empty: callers treat it as absent")
	} else if len(lines) > 0 {
		sc, err := traceparent.ParseResponse(lines[0])
		c := &contextResult{Format: "traceresponse", Header: "traceresponse", Value: lines[0], SC: sc}
		if err != nil {
			c.SC, c.Problem = tracewire.SpanContext{}, newProblem(err, lines[0])
		}
		r.addContext(c)
	}
	// Server-Timing is a list header that usually carries other metrics;
	// only one that names a "trace" metric is a traceresponse.
	if value, ok := serverTimingTrace(all); ok {
		sc, err := traceparent.ParseServerTiming(value)
		c := &contextResult{Format: "traceresponse", Header: "server-timing", Value: value, SC: sc}
		if err != nil {
			c.SC, c.Problem = tracewire.SpanContext{}, newProblem(err, value)
		}
		r.addContext(c)
	}
}

// serverTimingTrace returns the Server-Timing lines of hs joined into one
// list, and whether that list names a "trace" metric (validly or not):
// only then is Server-Timing a trace header, read as a traceresponse.
func serverTimingTrace(hs headers) (value string, ok bool) {
	lines := hs.Values("server-timing")
	if len(lines) == 0 {
		return "", false
	}
	value = strings.Join(lines, ",")
	_, err := traceparent.ParseServerTiming(value)
	return value, !errors.Is(err, tracewire.ErrMissingField)
}

func (r *report) b3(req headers) {
	if lines := req.Values("b3"); len(lines) > 0 {
		v := lines[0]
		if blank(lines[:1]) {
			r.addFinding("empty-header", "info", "b3 is empty: receivers treat it as absent")
		} else {
			sc, err := b3.Parse(v)
			c := &contextResult{Format: "b3", Header: "b3", Value: v, SC: sc}
			if err != nil {
				c.Problem = newProblem(err, v)
			}
			r.addContext(c)
		}
	}
	multi := false
	for _, h := range req {
		if hasPrefixFold(h.Name, "x-b3-") {
			multi = true
			break
		}
	}
	if !multi {
		return
	}
	sc, err := b3.ExtractMulti(req)
	if err == nil && !sc.IsValid() && sc.IsDeferred() {
		return // only empty or unknown x-b3-* headers: nothing to report
	}
	c := &contextResult{Format: "b3multi", Header: "x-b3-*", SC: sc}
	if err != nil {
		c.Problem = newProblem(err, req.Get(headerOf(err)))
		c.Header, c.Value = c.Problem.Header, c.Problem.Value
	}
	r.addContext(c)
}

// headerOf returns the header a *tracewire.ParseError names.
func headerOf(err error) string {
	header, _, _, _ := parseErrorParts(err)
	return header
}

func (r *report) jaeger(req headers) {
	debugID := jaeger.DebugID(req)
	lines := req.Values("uber-trace-id")
	if len(lines) > 0 && blank(lines[:1]) {
		r.addFinding("empty-header", "info", "uber-trace-id is empty: receivers treat it as absent")
	} else if len(lines) > 0 {
		v := lines[0]
		sc, err := jaeger.Parse(v)
		c := &contextResult{Format: "jaeger", Header: "uber-trace-id", Value: v, SC: sc, DebugID: debugID}
		if err != nil {
			c.Problem = newProblem(err, v)
		}
		r.addContext(c)
		return
	}
	if debugID != "" {
		// Without a usable uber-trace-id the debug id asks for a new trace
		// forced to debug: a decision without ids, as the propagator has it.
		sc := tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug)
		r.addContext(&contextResult{Format: "jaeger", Header: "jaeger-debug-id", Value: req.Get("jaeger-debug-id"), SC: sc, DebugID: debugID})
	}
}

// unlimited admits every well-formed baggage member, so that limit drops
// can be told from syntax errors.
var unlimited = baggage.Limits{MaxMembers: 1 << 20, MaxBytes: 1 << 30}

func (r *report) baggage(req headers) {
	if lines := req.Values("baggage"); len(lines) > 0 {
		r.w3cBaggage(lines)
	}
	add := func(source string) func(k, v string) bool {
		return func(k, v string) bool {
			r.Baggage = append(r.Baggage, baggageItem{Source: source, Key: k, Value: v})
			return true
		}
	}
	jaeger.ExtractBaggage(req.filter(func(h header) bool { return hasPrefixFold(h.Name, "uberctx-") }).indexed(), add("uberctx"))
	jaeger.ExtractBaggage(req.filter(func(h header) bool { return strings.EqualFold(h.Name, "jaeger-baggage") }).indexed(), add("jaeger-baggage"))
}

func (r *report) w3cBaggage(lines []string) {
	joined := strings.Join(lines, ",")
	// Members cannot hold a comma, so parsing each comma-separated piece
	// alone finds every invalid member, not only the first.
	off := 0
	for _, piece := range strings.Split(joined, ",") {
		if _, err := unlimited.Parse(piece); err != nil {
			p := newProblem(err, piece) // the hint reads the piece its offset indexes
			p.Value, p.Offset = joined, p.Offset+off
			r.Problems = append(r.Problems, p)
		}
		off += len(piece) + 1
	}
	every, _ := unlimited.Parse(lines...)
	kept, _ := baggage.Parse(lines...)
	k := 0
	for _, m := range every.All() {
		it := baggageItem{Source: "baggage", Key: m.Key(), Value: m.Value()}
		if raw := m.RawValue(); raw != it.Value {
			it.Raw = raw
		}
		for p := range m.Properties() {
			it.Properties = append(it.Properties, baggageProperty{Key: p.Key(), Value: p.Value(), HasValue: p.HasValue()})
		}
		if km := kept.At(k); k < kept.Len() && km.Key() == m.Key() && km.RawValue() == m.RawValue() && km.RawProperties() == m.RawProperties() {
			k++
		} else {
			it.OverLimit = true
		}
		r.Baggage = append(r.Baggage, it)
	}
	if n := every.Dropped(); n > 0 {
		r.addFinding("baggage-dropped", "warning",
			"%d of %d baggage members are invalid: receivers drop them and keep the rest", n, n+every.Len())
	}
	if n := every.Len() - kept.Len(); n > 0 {
		r.addFinding("baggage-over-limits", "warning",
			"baggage exceeds the W3C minimum of %d members and %d bytes: a receiver keeping only that drops %d of %d members",
			baggage.DefaultMaxMembers, baggage.DefaultMaxBytes, n, every.Len())
	}
}

func (r *report) singletonFindings(req headers) {
	for _, name := range singletons {
		if n := len(req.Values(name)); n > 1 {
			r.addFinding("repeated-header", "warning", "%d %s lines: receivers read only the first", n, name)
		}
	}
}

// context returns the first context of format, or nil.
func (r *report) context(format string) *contextResult {
	for _, c := range r.Contexts {
		if c.Format == format {
			return c
		}
	}
	return nil
}

// traceIDText writes a trace id as its format carried it: 16 digits when
// it arrived 64 bits wide.
func traceIDText(sc tracewire.SpanContext) string {
	s := sc.TraceID().String()
	if sc.Is64BitTraceID() {
		return s[16:]
	}
	return s
}

func samplingText(s tracewire.Sampling) string {
	switch s {
	case tracewire.SamplingAccept:
		return "sampled"
	case tracewire.SamplingDeny:
		return "not sampled"
	case tracewire.SamplingDebug:
		return "debug (sampled)"
	}
	return "deferred (no decision)"
}

// formMember is one header form of a format as a member of a Composite,
// so that inspect's cross-format view compares the b3 header and the
// x-b3-* headers apart, and names each as the report shows it.
type formMember struct {
	name    string
	extract func(carrier.Getter) (tracewire.SpanContext, error)
}

func (m formMember) Name() string { return m.name }

func (m formMember) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) { return m.extract(g) }

func (m formMember) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := m.extract(g)
	return tracewire.ContextWithExtracted(ctx, sc)
}

func (formMember) InjectInto(carrier.Setter, tracewire.SpanContext) {}
func (formMember) Inject(context.Context, carrier.Setter)           {}
func (formMember) Fields() []string                                 { return nil }

// singleB3 reads only the b3 header, by the ExtractFrom contract.
func singleB3(g carrier.Getter) (tracewire.SpanContext, error) {
	v := g.Get("b3")
	if ows.Blank(v) {
		return tracewire.SpanContext{}, nil
	}
	sc, err := b3.Parse(v)
	if err != nil || sc == (tracewire.SpanContext{}) {
		return tracewire.SpanContext{}, err
	}
	return sc.WithRemote(true), nil
}

// crossFormats is the first-wins composite of the request formats, one
// member per header form, in the order the report lists them.
var crossFormats = propagator.Compose(
	formMember{"traceparent", traceparent.Propagator{}.ExtractFrom},
	formMember{"b3", singleB3},
	formMember{"b3multi", b3.ExtractMulti},
	formMember{"jaeger", jaeger.Propagator{}.ExtractFrom},
	formMember{"xray", xray.Propagator{}.ExtractFrom},
	formMember{"ottrace", ottrace.Propagator{}.ExtractFrom},
	formMember{"cloudtrace", cloudtrace.Propagator{}.ExtractFrom},
	formMember{"sentry", sentry.Propagator{}.ExtractFrom},
	formMember{"datadog", datadog.Propagator{}.ExtractFrom},
	formMember{"grpc-trace-bin", grpctrace.Propagator{}.ExtractFrom},
)

// crossFormat compares what the request formats say with each other, as
// the library's Composite sees them: every member's result (ExtractAll),
// and the contexts of other traces than the one a first-wins receiver
// joins (Links).
func (r *report) crossFormat(req headers) {
	results := crossFormats.ExtractAll(req, nil)
	var withIDs, decided []propagator.Result
	for _, res := range results {
		if res.Err != nil {
			continue
		}
		if res.SpanContext.IsValid() {
			withIDs = append(withIDs, res)
		}
		if !res.SpanContext.IsDeferred() {
			decided = append(decided, res)
		}
	}
	conflict := false
	for _, l := range crossFormats.Links(nil, results) {
		conflict = conflict || l.Reason == tracewire.LinkConflict
	}

	if len(withIDs) > 1 {
		first := withIDs[0] // the winner's trace and span: first-wins, refined only by the same ids
		switch {
		case conflict:
			var parts []string
			for _, c := range withIDs {
				parts = append(parts, c.Format+" "+traceIDText(c.SpanContext))
			}
			msg := "trace ids differ (" + strings.Join(parts, ", ") + "): which trace a receiver joins depends on which format its propagator reads first"
			for _, c := range withIDs[1:] {
				if truncated(first.SpanContext, c.SpanContext) {
					msg += "; " + c.Format + " holds only the low 64 bits of " + first.Format + "'s id, so a 64-bit tracer cut it"
				} else if truncated(c.SpanContext, first.SpanContext) {
					msg += "; " + first.Format + " holds only the low 64 bits of " + c.Format + "'s id, so a 64-bit tracer cut it"
				}
			}
			r.addFinding("trace-id-mismatch", "warning", "%s", msg)
		default:
			for _, c := range withIDs[1:] {
				if c.SpanContext.SpanID() != first.SpanContext.SpanID() {
					r.addFinding("span-id-mismatch", "warning",
						"%s and %s share the trace but name different parent spans (%s, %s): one of them was not updated by the last hop",
						first.Format, c.Format, first.SpanContext.SpanID(), c.SpanContext.SpanID())
				}
			}
		}
	}

	if len(decided) > 1 {
		mixed := false
		for _, c := range decided[1:] {
			if c.SpanContext.IsSampled() != decided[0].SpanContext.IsSampled() {
				mixed = true
			}
		}
		if mixed {
			var parts []string
			note := ""
			for _, c := range decided {
				parts = append(parts, c.Format+" "+samplingText(c.SpanContext.Sampling()))
				if c.Format == "cloudtrace" && c.SpanContext.IsSampled() {
					note = cloudTraceNote
				}
			}
			r.addFinding("sampling-mismatch", "warning",
				"sampling decisions differ (%s): whether the trace is recorded depends on which format a service reads%s", strings.Join(parts, ", "), note)
		}
	}

	for _, c := range withIDs {
		if c.SpanContext.Is64BitTraceID() {
			r.addFinding("padded-trace-id", "info",
				"%s trace id %s is 64 bits wide: as a W3C traceparent it becomes %s, left-padded with zeros and without the random flag",
				c.Format, traceIDText(c.SpanContext), c.SpanContext.TraceID())
		}
	}

	for _, c := range r.Contexts {
		if c.valid() && c.Canonical != "" && c.Canonical != ows.TrimString(c.Value) && !strings.Contains(c.Value, ",") {
			r.addFinding("not-canonical", "info", "%s is valid but is forwarded re-encoded as %q", c.Header, c.Canonical)
		}
	}

	if tp, tr := r.context("traceparent"), r.context("traceresponse"); tp != nil && tr != nil && tp.valid() && tr.valid() &&
		tp.SC.IsValid() && tr.SC.IsValid() && tp.SC.TraceID() != tr.SC.TraceID() {
		r.addFinding("traceresponse-restart", "info",
			"the %s names trace %s, not the request's %s: the callee started a new trace",
			tr.Header, tr.SC.TraceID(), tp.SC.TraceID())
	}
}

// cloudTraceNote explains a Cloud Run or load balancer header that
// disagrees with the W3C decision.
const cloudTraceNote = "; x-cloud-trace-context's o=1 forces tracing at the next Google service and is not the W3C sampled flag, " +
	"so list cloudtrace after tracecontext (first wins) and let Google's one-way propagator send traceparent only"

// truncated reports whether short is a 64-bit trace id holding the low half
// of the 128-bit one of long.
func truncated(long, short tracewire.SpanContext) bool {
	l, s := long.TraceID(), short.TraceID()
	return short.Is64BitTraceID() && !l.Is64Bit() && [8]byte(l[8:]) == [8]byte(s[8:])
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
