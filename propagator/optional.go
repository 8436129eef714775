package propagator

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
)

// The optional interfaces below carry what only some members of a
// Composite can do. The format packages implement them with plain methods
// on their Propagator, so they need not import this package; any other
// member that implements one gets the same treatment.

// Namer is a member with a format name, the one OTEL_PROPAGATORS uses
// ("tracecontext", "b3", "jaeger", "xray", ...; see Names). The name labels
// the member's Result in ExtractAll; under the Reparent policy the member
// named "tracecontext" is the W3C one.
type Namer interface {
	Name() string
}

// IDProber is a span-context member that can tell from one or two lookups
// whether a carrier may hold its ids at all. HasIDs must report true
// whenever ExtractFrom could return a valid span context; it may report
// true when ExtractFrom then finds none. Once a first-wins composite has a
// winner, a later member matters only if it carries ids (to refine the
// winner, or to reparent it), so the composite skips the rest of the
// member's lookups when HasIDs reports false.
type IDProber interface {
	HasIDs(g carrier.Getter) bool
}

// NameReader is a member that names the headers its probes look for:
// ids, every name its HasIDs (IDProber) looks up, and more, every name
// and family its HasMore looks for (the method a member that carries more
// than a span context, baggage or Jaeger's items, has:
// HasMore(g carrier.Getter) bool, false when Extract would store nothing
// beside the span context). Each probe must report false when the carrier
// holds none of its names.
//
// A composite extracting into a context from a map carrier whose members
// include one that walks the carrier's names anyway (Jaeger's uberctx-*)
// makes that one pass itself (carrier.Survey) and answers the probes of
// every NameReader from it: a map looks up an absent name under two or
// three spellings, and four members' probes were a dozen lookups.
type NameReader interface {
	ReadNames() (ids, more carrier.Names)
}

// FieldClearer is a member that clears its own fields from a reused
// carrier before Composite.Inject writes: everything its Inject may write,
// including headers whose names vary and so are not among its Fields
// (Jaeger's uberctx-*), found by listing the carrier's names once. It
// does nothing unless s is a carrier.Deleter. Without it, the composite
// deletes the Fields of span-context and baggage members and leaves the
// other members' headers alone: they may be the application's own.
type FieldClearer interface {
	ClearFields(s carrier.Setter)
}

// BaggageExtractor is a member whose format carries baggage. A composite
// collects every such member's baggage and stores one merged Baggage,
// instead of letting each member's Extract replace the last one's: the
// members' copies that are not lossy come first (the first of them
// winning a key), then, with baggage.Merge, the items of the lossy copies
// (uberctx-* headers, whose names HTTP lowercases and which hold no
// properties) whose keys, compared case-insensitively, are not there yet.
// So the W3C member wins a key whatever the member order. Without a
// lossless copy in the carrier, the lossy items join the baggage already
// in the context.
type BaggageExtractor interface {
	BaggageFrom(g carrier.Getter) (b baggage.Baggage, lossy bool)
}

// ExtrasExtractor is a member whose Extract stores more than a span
// context and baggage (Jaeger's jaeger-debug-id). A composite resolves
// span contexts and baggage across members itself, so it does not call
// the Extract of span-context and baggage members; it calls ExtractExtras
// for the rest.
type ExtrasExtractor interface {
	ExtractExtras(ctx context.Context, g carrier.Getter) context.Context
}

// TraceStateContributor is a member whose format has a member of its own in
// the W3C tracestate (Datadog's dd=), which Datadog's tracers write beside
// their own headers. When the composite also has the W3C member (the one
// named "tracecontext"), Inject and InjectInto put the member
// TraceStateMember returns for the span context being written first in its
// tracestate, replacing the one of that key, before any member writes: so
// the traceparent's tracestate and the member's own headers say the same.
// ctx is what Inject was given, and context.Background() in InjectInto.
// ok is false when there is nothing to add.
type TraceStateContributor interface {
	TraceStateMember(ctx context.Context, sc tracewire.SpanContext) (key, value string, ok bool)
}

// TraceStateReader is a span-context member that can tell whether its
// InjectInto reads the span context's trace state at all. False means
// InjectInto writes exactly the same headers for sc as for sc without its
// trace state, so a caller holding the trace state in a form of its own
// (an adapter holding OpenTelemetry's) need not convert it for this
// member. A member without the method is taken to read it.
type TraceStateReader interface {
	ReadsTraceState() bool
}

// TraceStateTextInjector is a span-context member that can write a span
// context whose trace state it is given as text, for a caller that holds
// the trace state in a form of its own (an adapter holding
// OpenTelemetry's) and can write its canonical W3C text into a buffer,
// where building a tracewire.TraceState would cost a string and a parse.
// InjectWithTraceState writes what InjectInto writes of sc carrying the
// trace state whose canonical text is state (sc's own trace state is not
// read); the caller vouches that state is the canonical text of a valid
// trace state, and empty for none. It reports false, having written
// nothing, where that would differ from what InjectInto writes (a state
// InjectInto would truncate), so that the caller can build the
// tracewire.TraceState and call InjectInto. It neither keeps state nor
// writes into it.
type TraceStateTextInjector interface {
	InjectWithTraceState(s carrier.Setter, sc tracewire.SpanContext, state []byte) bool
}

// ItemInjector is a span-context member whose Inject writes, beside what
// InjectInto writes of the context's span context, each member of the
// context's baggage as a header of its own (Jaeger's uberctx-{key}),
// exactly as InjectItem writes the member's key and value, and nothing
// else: for a context that holds nothing else its Extract stores, a
// caller holding the baggage in a form of its own (an adapter holding
// OpenTelemetry's) writes what Inject writes with InjectInto and an
// InjectItem per member, without building a context or a
// baggage.Baggage. One call per item, rather than an iterator, so that
// nothing on the caller's stack goes through the interface, which would
// move it to the heap.
type ItemInjector interface {
	InjectItem(s carrier.Setter, key, value string)
}
