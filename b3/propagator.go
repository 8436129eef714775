package b3

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator extracts and injects B3. The zero value injects the single
// b3 header (OTEL_PROPAGATORS "b3"); Multi selects the x-b3-* headers
// ("b3multi"). Extraction reads both forms whatever the setting.
type Propagator struct {
	// Multi makes InjectInto write the x-b3-* headers instead of b3.
	Multi bool
}

// ExtractFrom reads a span context from g, trying the b3 header first and
// the x-b3-* headers after it, by the contract every format here follows:
// absent, the zero SpanContext and a nil error; invalid, the zero
// SpanContext and the *tracewire.ParseError; valid, the span context,
// marked remote, and a nil error; a decision without ids (a bare "0", or
// X-B3-Sampled alone), a span context carrying only that decision, marked
// remote, and a nil error. In detail:
//
//   - a valid b3 header wins; the multi headers are not read;
//   - an invalid b3 header is set aside for the multi headers: if they
//     carry valid ids, they are the result; otherwise the b3 error is,
//     even beside a bare X-B3-Sampled, because the caller meant to send
//     ids that cannot be read;
//   - a b3 header holding only a sampling state ("0", "1", "d") takes its
//     ids, width and parent from the multi headers when they carry valid
//     ids, and keeps its own state: it is always explicit and the single
//     header takes precedence, so it overrides X-B3-Sampled and
//     X-B3-Flags. Without ids there, the decision alone is the result
//     (OpenTelemetry drops it; a B3 "0" is a decision worth keeping);
//   - an empty or absent b3 header leaves the multi headers to decide.
//
// B3 has no random flag, so it is never set.
func (p Propagator) ExtractFrom(g carrier.Getter) (sc tracewire.SpanContext, err error) {
	raw := g.Get(hSingle)
	if parseSingleFast(raw, true, &sc) {
		return sc, nil // what senders write, built once, already remote
	}
	if ows.Blank(raw) {
		err = extractMulti(g, true, &sc)
		if err != nil || sc.IsRemote() {
			return sc, err
		}
		return remote(sc), nil
	}
	sc, err = parseSingleWalk(raw) // what Parse returns once its fast path has refused raw
	if err == nil && sc.IsValid() {
		return sc.WithRemote(true), nil
	}
	msc, merr := ExtractMulti(g)
	if err == nil {
		// sc carries a sampling state and nothing else.
		if merr == nil && msc.IsValid() {
			return msc.WithSampling(sc.Sampling()).WithRemote(true), nil
		}
		return sc.WithRemote(true), nil
	}
	if merr == nil && msc.IsValid() {
		return msc.WithRemote(true), nil
	}
	return tracewire.SpanContext{}, err
}

// usable reports whether sc is worth handing on: valid ids, or at least an
// explicit sampling decision.
func usable(sc tracewire.SpanContext) bool {
	return sc.IsValid() || sc.Sampling() != tracewire.SamplingDeferred
}

// remote marks a usable context remote and leaves the zero value alone,
// so that "nothing found" stays the zero SpanContext.
func remote(sc tracewire.SpanContext) tracewire.SpanContext {
	if usable(sc) {
		return sc.WithRemote(true)
	}
	return sc
}

// Name returns the propagator's OTEL_PROPAGATORS name: "b3", or with
// Multi "b3multi".
func (p Propagator) Name() string {
	if p.Multi {
		return "b3multi"
	}
	return "b3"
}

// ReadsTraceState reports false: B3 has no trace state, so InjectInto
// writes the same headers whatever trace state sc carries, and a caller
// holding one in a form of its own need not convert it for B3.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty b3 or x-b3-traceid header:
// without either, ExtractFrom cannot return a valid span context. It is
// the cheap probe a composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool {
	return g.Get(hSingle) != "" || g.Get(hTraceID) != ""
}

// ReadNames returns the names HasIDs looks up, b3 and x-b3-traceid, and
// no names for more: the survey a composite makes of a map carrier
// answers HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(hSingle, hTraceID)

// ClearFields deletes every B3 header, single and multi, from s if s is a
// carrier.Deleter, whichever form p injects: a reused carrier keeps no
// stale x-b3-sampled beside a new x-b3-flags, and no header of the other
// form that a receiver would read first (a stale b3 hides fresh x-b3-*).
func (Propagator) ClearFields(s carrier.Setter) {
	d, ok := s.(carrier.Deleter)
	if !ok {
		return
	}
	for _, f := range [...]string{hSingle, hTraceID, hSpanID, hParentSpanID, hSampled, hFlags} {
		d.Delete(f)
	}
}

// InjectInto writes sc into s: the b3 header as Append forms it, or
// with Multi the x-b3-* headers as InjectMulti writes them. A context with
// no ids and a deferred decision writes nothing.
func (p Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if p.Multi {
		InjectMulti(s, sc)
		return
	}
	var b [maxSingle]byte
	if v := Append(b[:0], sc); len(v) > 0 {
		carrier.Set(s, hSingle, v)
	}
}

// Extract returns ctx carrying the span context found in g (see
// ExtractFrom), marked remote, if it has valid ids, or if it carries only
// an explicit sampling decision and ctx holds no valid span context (a
// sampling-only context makes ContextWithChild start a new trace that
// keeps the decision; it never replaces a context already found).
// Otherwise ctx is returned unchanged. See tracewire.ContextWithExtracted.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	return tracewire.ContextWithExtracted(ctx, sc)
}

// Inject writes the span context held by ctx into s, as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	p.InjectInto(s, tracewire.SpanContextFromContext(ctx))
}

// Fields returns the headers InjectInto writes: "b3", or with Multi the
// five x-b3-* names. The slice is new on every call.
func (p Propagator) Fields() []string {
	if p.Multi {
		return []string{hTraceID, hSpanID, hParentSpanID, hSampled, hFlags}
	}
	return []string{hSingle}
}
