package propagator

import (
	"context"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ctxnode"
	"github.com/tracewire/tracewire/traceparent"
)

// Edge is what a service does with the trace context of the requests it
// receives: which callers it trusts, how it samples the traces it starts,
// and what it tells the caller. Handler applies it to every request of an
// http.Handler; Decide applies it to one request without a
// context.Context, for proxies; Receive and DecideFrom do the same over any
// carrier (gRPC metadata, message headers) with a policy picked by the
// caller. The zero value continues every caller's trace with the default
// propagators and samples the traces it starts.
//
// Per request, Trust picks a TrustPolicy:
//
//   - Continue: the caller's span context becomes the parent of this
//     service's span, and its decision is kept. A parent that carries no
//     decision (B3 ids without X-B3-Sampled, which asks the receiver to
//     decide) is decided by Sampler; a trusted caller's decision without
//     ids (a bare B3 "0") decides the trace this service starts. No
//     context at all: a new root, decided by Sampler.
//   - Restart: a new root decided by Sampler, whatever the caller sent, so
//     that an untrusted caller chooses neither the trace nor whether it is
//     recorded; the caller's context is kept as a tracewire.Link with
//     reason tracewire.LinkRestarted. The caller's baggage and other
//     concerns (pass-through headers) are dropped unless
//     RestartKeepsBaggage is set.
//   - Ignore: nothing is extracted (no context, no link, no baggage) and a
//     new root is started, decided by Sampler.
//
// The request's context then carries this service's own span context (a
// child of the caller's span, or the new root), so that a request built
// from r.Context() and sent through a Transport makes the next hop a child
// of this service, and a tracewire.ContextWithChild inside the handler a
// child span of it. The caller's context stays readable through
// DecisionFromContext, and the request's headers are left as received.
type Edge struct {
	// Propagator reads the caller's headers and, given to a Transport,
	// writes the next hop's. Nil means W3C Trace Context and Baggage
	// (DefaultNames); FromEnv and EdgeFromEnv read OTEL_PROPAGATORS.
	Propagator Propagator

	// Sampler decides the traces this service starts (see the policies).
	// Nil samples them all, as OpenTelemetry's default sampler does;
	// EdgeFromEnv reads OTEL_TRACES_SAMPLER (see ParseSampler).
	Sampler tracewire.Sampler

	// Trust picks the policy for a request; nil continues every caller.
	// See TrustWhen, FromNetworks, HeaderEquals, HasTraceStateMember and
	// ParseTrust for ready-made ones.
	Trust func(*http.Request) TrustPolicy

	// Transparent makes the edge invisible, for proxies that record no
	// span: under Continue the caller's context is passed on as received
	// (no span of its own, no new trace when the caller sent none), and
	// under Restart and Ignore nothing is passed on, so that the next
	// service starts the trace (a root started here would be a parent
	// nobody records). Restart still reports the caller's context in the
	// Decision's Link. No Server-Timing is sent: the edge has no span of
	// its own to name.
	Transparent bool

	// ServerTiming makes Handler answer with this service's span context
	// as a Server-Timing metric, "trace;desc=00-<trace-id>-<span-id>-<flags>"
	// (the Trace Context Level 3 form of traceresponse), so that a client
	// learns which trace its request joined or started. The header is
	// added before the handler runs. Browsers let a page of another origin
	// read it only if the response allows it with Timing-Allow-Origin,
	// which is the service's to set.
	ServerTiming bool

	// RestartKeepsBaggage keeps, under Restart, the caller's baggage and
	// what the other members extract (pass-through headers, Jaeger's debug
	// id), as dd-trace-go's restart does. By default a caller that is not
	// trusted with the trace is not trusted with its baggage either.
	RestartKeepsBaggage bool
}

// TrustPolicy is what an Edge does with one request's trace context. The
// zero value is Continue.
type TrustPolicy uint8

// The trust policies; see Edge.
const (
	// Continue: join the caller's trace, as a child of its span.
	Continue TrustPolicy = iota
	// Restart: start a new trace, linked to the caller's context.
	Restart
	// Ignore: start a new trace as if the caller had sent nothing.
	Ignore
)

// String returns the policy's name: "continue", "restart" or "ignore".
func (p TrustPolicy) String() string {
	switch p {
	case Continue:
		return "continue"
	case Restart:
		return "restart"
	case Ignore:
		return "ignore"
	}
	return "unknown"
}

// Decision is what an Edge decided for one request.
type Decision struct {
	// Policy is the policy Trust picked; a value other than Continue,
	// Restart and Ignore is taken, and reported, as Restart.
	Policy TrustPolicy
	// Parent is the caller's span context, as extracted (valid, or a
	// decision without ids), under Continue; the zero SpanContext
	// otherwise.
	Parent tracewire.SpanContext
	// Span is this hop's span context, the one to send onward: a child of
	// Parent or a new root, or, for a Transparent edge, Parent itself or
	// nothing.
	Span tracewire.SpanContext
	// Link is, under Restart, the caller's valid context with reason
	// tracewire.LinkRestarted; the zero Link otherwise.
	Link tracewire.Link
	// Links are the other contexts the caller's headers named, which
	// neither Parent nor Link continues, as Composite.Links reports them
	// (the edge's Propagator being a Composite, as it is from FromEnv,
	// EdgeFromEnv or Compose): under Continue and Restart, each valid
	// context of another trace than the one the Composite resolved
	// (formats that disagree, such as a traceparent and a b3 header of
	// different traces: tracewire.LinkConflict), and under the Reparent
	// policy the span a traceparent replaced (tracewire.LinkReparented).
	// They are worth recording on this service's span, since a caller
	// that sends two traces has joined them, or a proxy between added
	// one. Nil when there are none, which costs no allocation; nil under
	// Ignore. A Composite nested in the edge's is looked through when it
	// is the edge's only span-context member (Compose(FromEnv's,
	// PassThrough{...})); beside other span-context members it counts as
	// one format, whose own conflicts are not seen.
	Links []tracewire.Link
	// KeepBaggage reports whether the caller's baggage and other
	// concerns are kept: under Continue, and under Restart with
	// RestartKeepsBaggage.
	KeepBaggage bool
}

// Decide applies e to r's headers and remote address and returns the
// decision, without a context.Context: a proxy forwards Span with its
// propagator's InjectInto and, unless KeepBaggage, first clears the
// caller's trace and baggage headers with ClearFields (see the Edge
// example). With this module's propagators and a Trust that allocates
// nothing, Decide allocates nothing beyond the sampler's own work.
func (e Edge) Decide(r *http.Request) Decision {
	return e.DecideFrom(carrier.HTTPHeader(r.Header), e.trust(r))
}

// trust returns the policy e.Trust picks for r: Continue without one.
func (e Edge) trust(r *http.Request) TrustPolicy {
	if e.Trust == nil {
		return Continue
	}
	return e.Trust(r)
}

// decide is DecideFrom with the propagator resolved (never nil).
func (e Edge) decide(g carrier.Getter, policy TrustPolicy, p Propagator, sv survey) Decision {
	d := Decision{Policy: policy}
	if d.Policy > Ignore {
		d.Policy = Restart // a policy this package does not know grants no trust
	}
	d.KeepBaggage = e.keepsBaggage(d.Policy)
	var in tracewire.SpanContext
	if d.Policy != Ignore {
		in, d.Links = extractLinked(p, g, sv)
	}
	if d.Policy == Continue {
		d.Parent = in
		switch {
		case e.Transparent:
			d.Span = in
		case in.IsValid() && in.IsDeferred():
			// The caller asks the receiver to decide (B3 without a
			// sampling state): decide as for a root, in the caller's trace.
			child := in.NewChild()
			d.Span = child.WithSampling(tracewire.SamplingAccept)
			if e.Sampler != nil {
				s, ts := e.Sampler.SampleRoot(child)
				d.Span = child.WithSampling(s).WithTraceState(ts)
			}
		case in.IsValid():
			d.Span = in.NewChild()
		case !in.IsDeferred():
			d.Span = tracewire.NewRoot(in.Sampling()) // a trusted decision without ids
		default:
			d.Span = tracewire.NewRoot(e.Sampler)
		}
		return d
	}
	if d.Policy == Restart {
		if in.IsValid() {
			d.Link = tracewire.Link{SpanContext: in, Reason: tracewire.LinkRestarted}
		}
	}
	if !e.Transparent {
		d.Span = tracewire.NewRoot(e.Sampler)
	}
	return d
}

// keepsBaggage reports whether a decision under policy keeps the
// caller's baggage and other concerns (Decision.KeepBaggage): under
// Continue, and under Restart, or a policy taken as Restart, with
// RestartKeepsBaggage.
func (e Edge) keepsBaggage(policy TrustPolicy) bool {
	switch policy {
	case Continue:
		return true
	case Ignore:
		return false
	}
	return e.RestartKeepsBaggage
}

// extractSpan returns the span context p finds in g, by the contract of
// SpanContextPropagator.ExtractFrom; for a propagator without ExtractFrom,
// what its Extract stores.
func extractSpan(p Propagator, g carrier.Getter) tracewire.SpanContext {
	if sp, ok := p.(SpanContextPropagator); ok {
		sc, _ := sp.ExtractFrom(g)
		return sc
	}
	return tracewire.SpanContextFromContext(p.Extract(context.Background(), g)).WithRemote(true)
}

// w3cDefault is what a nil Propagator means: W3C Trace Context and
// Baggage. It is a constant in all but name: never modified, and never
// handed out where a caller could modify its Members. Keeping one copy
// saves a nil Propagator the allocations of building it per request.
var w3cDefault = Composite{Members: []Propagator{traceparent.Propagator{}, baggage.Propagator{}}}

// asComposite returns p as the one member of a Composite, so that its
// baggage and extras are extracted and cleared by one set of rules (see
// Composite.ExtractExtras and Composite.ClearFields). A Composite given as
// p nests, and a nested Composite behaves as its members do, so no type
// switch is needed to unwrap it.
func asComposite(p Propagator) Composite {
	if p == nil {
		return w3cDefault
	}
	return Composite{Members: []Propagator{p}}
}

// Handler returns next with e applied to every request (see Edge). It
// panics if next is nil, as http.Handle does: a missing handler is a
// programming error, better found at start-up than on the first request.
func (e Edge) Handler(next http.Handler) http.Handler {
	if next == nil {
		panic("propagator: Edge.Handler: nil handler")
	}
	c := asComposite(e.Propagator)
	e.Propagator = c
	return &edgeHandler{edge: e, extras: c, next: next}
}

type edgeHandler struct {
	edge   Edge
	extras Composite
	next   http.Handler
}

// decisionKey keys the Decision in a context.Context.
type decisionKey struct{}

func (decisionKey) Name() string { return "propagator.Edge" }

// DecisionFromContext returns the Decision an Edge's Handler stored in
// ctx: the policy, the caller's context (Parent) and the link of a
// restarted trace. ok is false if no Edge handled the request.
func DecisionFromContext(ctx context.Context) (d Decision, ok bool) {
	return ctxnode.From[decisionKey, Decision](ctx)
}

func (h *edgeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, d := h.edge.receive(r.Context(), carrier.HTTPHeader(r.Header), h.edge.trust(r), h.edge.Propagator, h.extras)
	if h.edge.ServerTiming && !h.edge.Transparent && d.Span.IsValid() {
		var buf [len("trace;desc=00-") + 32 + 1 + 16 + 3]byte
		w.Header().Add("Server-Timing", string(traceparent.AppendServerTiming(buf[:0], d.Span)))
	}
	h.next.ServeHTTP(w, r.WithContext(ctx))
}
