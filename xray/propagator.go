package xray

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ctxnode"
	"github.com/tracewire/tracewire/internal/ows"
	"github.com/tracewire/tracewire/internal/sckey"
)

// Propagator reads and writes the X-Amzn-Trace-Id header. The zero value
// is OTEL_PROPAGATORS "xray"; with Env set it is "xray-lambda".
type Propagator struct {
	// Env, when not nil, is where extraction looks for the _X_AMZN_TRACE_ID
	// variable (see EnvVar) when the carrier yields no valid span context:
	// AWS Lambda hands a function its trace context there. Give it the
	// live environment, carrier.EnvLookup(os.LookupEnv), since Lambda sets
	// the variable anew for every invocation; the propagator itself never
	// reads the process environment. Inject ignores Env.
	Env carrier.Getter
}

// ExtractHeader returns the Header in g's X-Amzn-Trace-Id. An absent or
// blank header is the zero Header and no error; an invalid one is the zero
// Header and a *tracewire.ParseError.
//
// With Env set, the _X_AMZN_TRACE_ID variable's Header is returned instead
// when the carrier's yields no valid span context (it is absent, invalid,
// or has a Root but no Parent) and the variable's does. Otherwise the
// carrier's result stands, unless the carrier had no header at all: then
// it is the variable's, whose errors name _X_AMZN_TRACE_ID.
func (p Propagator) ExtractHeader(g carrier.Getter) (Header, error) {
	return p.headerFor(g.Get(headerName))
}

// headerFor is ExtractHeader for the carrier's value v.
func (p Propagator) headerFor(v string) (Header, error) {
	h, err := headerFrom(v, &errs)
	if p.Env == nil || h.sc.IsValid() {
		return h, err
	}
	eh, eerr := headerFrom(p.Env.Get(EnvVar), &errsEnv)
	switch {
	case eh.sc.IsValid():
		return eh, nil
	case h.s != "" || err != nil:
		return h, err
	}
	return eh, eerr
}

// headerFrom parses v, treating a blank value as an absent header.
func headerFrom(v string, t *tracewire.ErrorTable) (Header, error) {
	if ows.Blank(v) {
		return Header{}, nil
	}
	return parseHeader(v, t)
}

// ExtractFrom returns the span context in g's X-Amzn-Trace-Id (or the
// environment's, with Env; see ExtractHeader), marked remote. An absent
// or blank header is the zero SpanContext and no error.
//
// A header with a Root but no Parent, as a load balancer sends, is the
// decision-only case of the propagator contract: the result has no span
// id, so it is not valid, but it keeps the trace id and the Sampled
// decision.
func (p Propagator) ExtractFrom(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	v := g.Get(headerName)
	if sdkContext(v, &sc) {
		// Valid, so Env is not consulted either.
		return sc, nil
	}
	if p.Env == nil {
		// The common case, without building a Header.
		if ows.Blank(v) {
			return tracewire.SpanContext{}, nil
		}
		sp, err := scan(v, &errs)
		if err != nil {
			return tracewire.SpanContext{}, err
		}
		return sp.spanContext(true), nil
	}
	h, err := p.headerFor(v)
	if err != nil || h.s == "" {
		return tracewire.SpanContext{}, err
	}
	return h.SpanContext().WithRemote(true), nil
}

// InjectInto writes sc to s as an X-Amzn-Trace-Id header (see Append). It
// writes nothing if sc has no trace id.
func (Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	var b [maxIDLen]byte
	set(s, Append(b[:0], sc))
}

// set writes v, unless it is empty.
func set(s carrier.Setter, v []byte) {
	if len(v) > 0 {
		carrier.Set(s, headerName, v)
	}
}

// Extract returns ctx carrying what ExtractHeader finds in g: the span
// context, marked remote, by the rule of tracewire.ContextWithExtracted
// (a Root without a Parent is stored only when it carries a decision and
// ctx holds no valid context), and the Header itself, for Inject and
// HeaderFromContext, when it carries more than that span context: a
// Lineage, Self or unknown field, or no Sampled field (which Inject then
// leaves out too), or a span context that was not stored. A header of
// Root, Parent and Sampled alone, the one SDKs send, is stored as its
// span context only, in one allocation: Inject writes the same value from
// it, and HeaderFromContext returns the zero Header. A Header stored
// beside its span context costs one allocation too: they share it. With
// nothing found, ctx is returned unchanged.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	v := g.Get(headerName)
	var sc tracewire.SpanContext
	if sdkContext(v, &sc) {
		return tracewire.ContextWithSpanContext(ctx, sc)
	}
	h, err := p.headerFor(v)
	if err != nil || h.s == "" {
		return ctx
	}
	sc, ok := sckey.Extracted(ctx, h.SpanContext(), tracewire.SpanContextFromContext)
	switch {
	case !ok:
		return withHeader(ctx, h)
	case needsHeader(h, sc):
		// One node, one allocation, for both.
		return ctxnode.With2[headerKey, Header, sckey.Key](ctx, h, sc)
	}
	return tracewire.ContextWithSpanContext(ctx, sc)
}

// withHeader returns ctx carrying h, unless needsHeader says the span
// context in ctx makes it redundant.
func withHeader(ctx context.Context, h Header) context.Context {
	if !needsHeader(h, tracewire.SpanContextFromContext(ctx)) {
		return ctx
	}
	return ContextWithHeader(ctx, h)
}

// needsHeader reports whether h holds something Inject could use beyond
// the span context held, the one the context holds: a field to pass on,
// no Sampled field (so that a deferred decision goes out as "?" either
// way), or held has no trace id (so that Inject falls back to h's).
// Header.Append then writes for every other span context what Append
// writes.
func needsHeader(h Header, held tracewire.SpanContext) bool {
	return h.extras || h.sampled == sampledAbsent || !held.TraceID().IsValid()
}

// Inject writes the span context in ctx to s, passing on the fields of the
// Header stored in ctx when the context continues its trace (see
// Header.Append). With no span context in ctx, the stored Header's own
// context is written, so that a Root without a Parent or a decision still
// goes on as it came.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	sc := tracewire.SpanContextFromContext(ctx)
	h := HeaderFromContext(ctx)
	if !sc.TraceID().IsValid() {
		sc = h.SpanContext()
	}
	if !h.extras {
		// Root, Parent and Sampled at most, in a buffer of their size:
		// the one with room for every field is zeroed on every call.
		var b [maxIDLen]byte
		set(s, h.Append(b[:0], sc))
		return
	}
	var b [MaxLen]byte
	set(s, h.Append(b[:0], sc))
}

// Fields returns the header Inject writes: x-amzn-trace-id.
func (Propagator) Fields() []string { return []string{headerName} }

// Name returns the propagator's OTEL_PROPAGATORS name: "xray", or with
// Env "xray-lambda".
func (p Propagator) Name() string {
	if p.Env != nil {
		return "xray-lambda"
	}
	return "xray"
}

// ReadsTraceState reports false: X-Amzn-Trace-Id has no W3C trace
// state, so InjectInto writes the same header whatever trace state sc
// carries, and a caller holding one in a form of its own need not
// convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty X-Amzn-Trace-Id, or, with Env,
// whether the environment has a non-empty _X_AMZN_TRACE_ID: without
// either, ExtractFrom cannot return a valid span context. It is the cheap
// probe a composite uses to skip a member once it has a winner.
func (p Propagator) HasIDs(g carrier.Getter) bool {
	return g.Get(headerName) != "" || p.Env != nil && p.Env.Get(EnvVar) != ""
}

// ReadNames returns the name HasIDs looks up, x-amzn-trace-id, and no
// names for more. With Env it also holds another name, the environment
// variable, which no survey of a carrier can rule out.
func (p Propagator) ReadNames() (ids, more carrier.Names) {
	if p.Env != nil {
		return readIDsEnv, 0
	}
	return readIDs, 0
}

// readIDs and readIDsEnv are the sets ReadNames returns.
var (
	readIDs    = carrier.NamesOf(headerName)
	readIDsEnv = carrier.NamesOf(headerName, EnvVar)
)

// ClearFields deletes X-Amzn-Trace-Id from s if s is a carrier.Deleter,
// so that a reused carrier keeps no stale header when the context to
// inject has no trace id.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete(headerName)
	}
}

// ExtractExtras returns ctx carrying the Header ExtractHeader finds in g,
// for Inject and HeaderFromContext, or ctx itself when there is none, it
// is invalid, or it carries nothing Inject could use beyond the span
// context ctx holds (see Extract): what Extract stores beside the span
// context. A composite
// that resolves span contexts across formats itself calls it, so that the
// Lineage, Self and unknown fields still go out when the context it picks
// continues the header's trace, whichever member won.
func (p Propagator) ExtractExtras(ctx context.Context, g carrier.Getter) context.Context {
	h, err := p.ExtractHeader(g)
	if err != nil || h.s == "" {
		return ctx
	}
	return withHeader(ctx, h)
}
