package main

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/traceparent"
)

// conformMode is what the callback of a case must show about its span
// context.
type conformMode uint8

const (
	// modeContinue: the trace the case carries, continued by a new span.
	modeContinue conformMode = iota
	// modeDecision: a new trace that keeps the case's sampling decision
	// (a decision without ids, such as a bare B3 "0").
	modeDecision
	// modeRestart: a new trace, because the case's context is invalid or
	// absent.
	modeRestart
	// modeBaggage: no span context is configured; only baggage counts.
	modeBaggage
	// modeNothing: no propagator is configured ("none"); the callback must
	// carry none of the case's headers.
	modeNothing
)

// conformTraceParent is the traceparent sent with tracestate.json's cases,
// whose input is tracestate alone.
const conformTraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

// conformPlan is one vector case as a request to the service and the
// checks on its callback.
type conformPlan struct {
	File     string
	Case     vectors.Case
	Category string
	NA       string // why the case cannot run; "" when it can

	Header  string   // the Tracewire-Propagators value sent
	Policy  string   // the Tracewire-Policy value sent, if any
	Members []string // the propagators the service must configure
	Send    [][2]string

	Mode    conformMode
	TraceID tracewire.TraceID
	// Carried is TraceID as the members can write it (OT's headers carry
	// the low 64 bits); a callback may carry either.
	Carried  tracewire.TraceID
	Parent   tracewire.SpanID
	Sampling string // "" or "deferred": not checked
	// TraceState is the expected tracestate, among the members whose keys
	// the case sent (TSKeys); nil when not checked.
	TraceState *[][2]string
	TSKeys     []string
	// Baggage is the expected baggage; nil when not checked. Ordered
	// compares wire order too (W3C baggage alone: the formats with one
	// header per item have no order).
	Baggage *[]vectors.BaggageMem
	Ordered bool
	// CarriesDebug says the members carry a debug decision; where they do
	// not, debug arrives as accept.
	CarriesDebug bool
}

// planCase turns case c of vector file format into a plan.
func planCase(format string, c vectors.Case) *conformPlan {
	p := &conformPlan{File: format, Case: c}
	p.Category = "valid"
	names, na := formatNames(format, c)
	if na != "" {
		p.NA = na
		p.Category = baseCategory(c)
		return p
	}
	p.Header = strings.Join(names, ",")
	p.Policy = c.Policy
	if c.Members != nil {
		p.Members = append([]string{}, *c.Members...)
	} else {
		p.Members = normalizeNames(names)
	}
	p.Send = append([][2]string(nil), c.Headers...)
	if format == "tracestate" {
		p.Send = append([][2]string{{"traceparent", conformTraceParent}}, p.Send...)
	}
	p.NA = caseNotApplicable(format, c, p.Send)
	p.plan(format, c)
	return p
}

// baseCategory is the category of a case that does not run.
func baseCategory(c vectors.Case) string {
	if c.Valid {
		return "valid"
	}
	return "invalid"
}

// caseNotApplicable says why a case cannot be sent as a request, or "".
func caseNotApplicable(format string, c vectors.Case, send [][2]string) string {
	switch {
	case len(c.Ops) > 0:
		return "mutates the parsed value through the API (ops) before encoding; a request cannot ask a service to"
	case c.Options.Level1 && !hasTag(c.Tags, "w3c-tc-l2"):
		return "a Level 1 rule (options.level1) whose outcome differs under Level 2; a request cannot switch a service's level"
	case c.Options.Lenient:
		return "a parser setting (options.lenient) that a request cannot give a service"
	case c.Options.MaxSize != 0 || c.Options.MaxMembers != 0:
		return "a size limit set as a parser option (options.max_size, max_members) that a request cannot give a service"
	case c.Options.Lambda || len(c.Env) > 0:
		return "reads _X_AMZN_TRACE_ID from the process environment, which a request cannot set"
	case c.Binary != nil:
		return "raw grpc-trace-bin bytes as a gRPC library hands them; an HTTP header carries only the base64 text form"
	}
	for _, h := range send {
		if !ascii.IsToken(h[0]) {
			return "header name " + strconv.Quote(h[0]) + " is not an HTTP token (RFC 9110 §5.1), so no HTTP request can carry it"
		}
		switch http.CanonicalHeaderKey(h[0]) {
		case "Host", "Content-Length", "Transfer-Encoding", "Connection":
			return "header " + h[0] + " belongs to the HTTP transport"
		}
		for i := 0; i < len(h[1]); i++ {
			if b := h[1][i]; b < ' ' && b != '\t' || b == 0x7f {
				return "header " + h[0] + " holds a control byte, which an HTTP field value cannot (RFC 9110 §5.5)"
			}
		}
	}
	return ""
}

func hasTag(tags []string, tag string) bool { return slices.Contains(tags, tag) }

// plan fills in what the callback must show.
func (p *conformPlan) plan(format string, c vectors.Case) {
	e := c.Expect
	if e == nil {
		e = &vectors.Expect{}
	}
	span := false
	for _, m := range p.Members {
		span = span || spanFormat(m)
	}
	switch {
	case len(p.Members) == 0:
		p.Mode = modeNothing
	case !span:
		p.Mode = modeBaggage
	case format == "tracestate":
		p.Mode = modeContinue
		sc, _ := traceparent.Parse(conformTraceParent)
		p.TraceID, p.Parent, p.Sampling = sc.TraceID(), sc.SpanID(), "accept"
	case c.Valid:
		p.Mode = modeContinue
		p.TraceID, _ = tracewire.ParseTraceID(deref(e.TraceID))
		p.Parent, _ = tracewire.ParseSpanID(deref(e.SpanID))
		p.Sampling = deref(e.Sampling)
	case e.Sampling != nil && *e.Sampling != "deferred" && *e.Sampling != "":
		p.Mode = modeDecision
		p.Sampling = *e.Sampling
	default:
		p.Mode = modeRestart
	}

	sentTS := vectors.Case{Headers: p.Send}.Lines("tracestate")
	if slices.Contains(p.Members, "tracecontext") && len(sentTS) > 0 {
		var want *[][2]string
		switch {
		case format == "tracestate" && c.Valid:
			w := e.TraceState
			if w == nil {
				w = [][2]string{}
			}
			want = &w
		case format == "tracestate", p.Mode != modeContinue:
			want = &[][2]string{}
		case e.TraceState != nil:
			want = &e.TraceState
		}
		if want != nil {
			p.TraceState = want
			p.TSKeys = traceStateKeys(sentTS, *want)
			if slices.Contains(p.Members, "datadog") {
				// Beside tracecontext the datadog member writes its own
				// dd= member for the span it sends (datadog.Propagator's
				// TraceStateMember), so that member is not forwarded as
				// received.
				p.TSKeys = slices.DeleteFunc(p.TSKeys, func(k string) bool { return k == "dd" })
				w := slices.DeleteFunc(slices.Clone(*p.TraceState), func(m [2]string) bool { return m[0] == "dd" })
				p.TraceState = &w
			}
		}
	}

	if intersects(p.Members, baggageFormats) {
		switch {
		case format == "baggage":
			w := e.Baggage
			if !c.Valid || w == nil {
				w = []vectors.BaggageMem{}
			}
			p.Baggage, p.Ordered = &w, true
		case e.Baggage != nil:
			p.Baggage = &e.Baggage
		}
	}
	p.CarriesDebug, p.Carried = carried(p.Members, p.TraceID)
	p.Category = p.category(format, c)
}

// category sorts a runnable case for the report.
func (p *conformPlan) category(format string, c vectors.Case) string {
	if format == "composite" && (c.EnvError != nil || c.Propagators != nil && *c.Propagators != strings.Join(p.Members, ",")) {
		return "config"
	}
	switch p.Mode {
	case modeNothing:
		return "config"
	case modeDecision:
		return "decision"
	case modeRestart:
		if p.Baggage != nil && len(*p.Baggage) > 0 {
			return "baggage"
		}
		return "invalid"
	case modeBaggage:
		if c.Valid {
			return "baggage"
		}
		return "invalid"
	}
	switch {
	case p.Baggage != nil && len(*p.Baggage) > 0:
		return "baggage"
	case p.TraceState != nil:
		return "tracestate"
	}
	return "valid"
}

// traceStateKeys returns the keys of the members in lines, and of want:
// the members whose forwarding the check judges. A service may add its
// own member; it may not keep one the case says is dropped.
func traceStateKeys(lines []string, want [][2]string) []string {
	var keys []string
	for _, l := range lines {
		for _, m := range strings.Split(l, ",") {
			k, _, _ := strings.Cut(m, "=")
			if k = strings.Trim(k, " \t"); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	for _, m := range want {
		if !slices.Contains(keys, m[0]) {
			keys = append(keys, m[0])
		}
	}
	return keys
}

// carried injects a debug decision on trace t with the named propagators
// and reads it back: whether the decision stays debug, and the trace id
// as the members carry it.
func carried(members []string, t tracewire.TraceID) (debug bool, id tracewire.TraceID) {
	if !t.IsValid() {
		t = tracewire.NewTraceID()
	}
	c := conformComposite(members)
	sc := tracewire.NewSpanContext(t, tracewire.NewSpanID(), 0).WithSampling(tracewire.SamplingDebug)
	h := http.Header{}
	c.InjectInto(carrier.HTTPHeader(h), sc)
	got, _ := c.ExtractFrom(carrier.HTTPHeader(h))
	return got.IsDebug(), got.TraceID()
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
