package twgrpc

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
)

// Server describes what a gRPC server does with the trace context of the
// calls it receives, with the rules of propagator.Edge. The zero value
// continues every caller's trace, with W3C Trace Context and Baggage, and
// samples the traces it starts. Handler returns the stats.Handler that
// applies it.
type Server struct {
	// Propagator reads the caller's metadata. Nil means W3C Trace Context
	// and Baggage; propagator.EdgeFromEnv's Propagator follows
	// OTEL_PROPAGATORS. A grpctrace.Propagator in it reads both forms.
	Propagator propagator.Propagator

	// Sampler decides the traces this server starts (see
	// propagator.Edge); nil samples them all.
	Sampler tracewire.Sampler

	// Trust picks the policy for a call from its context (the peer, the
	// incoming metadata, the credentials) and its full method name,
	// "/package.Service/Method"; nil continues every caller. See
	// TrustWhen, FromNetworks and MetadataEquals.
	Trust func(ctx context.Context, method string) propagator.TrustPolicy

	// Transparent, for a proxy that records no span: see
	// propagator.Edge.Transparent.
	Transparent bool

	// RestartKeepsBaggage keeps the caller's baggage under Restart: see
	// propagator.Edge.RestartKeepsBaggage.
	RestartKeepsBaggage bool

	// TraceBin also reads grpc-trace-bin, after the Propagator's formats
	// (a first-wins composite prefers them when a caller sends both).
	TraceBin bool
}

// Handler returns the stats.Handler that applies s to every call a server
// receives, unary and streaming: give it to grpc.StatsHandler. The
// handler's context (a stream's Context()) carries the server's own span
// context and the propagator.Decision, and, when the decision keeps them,
// the caller's baggage and pass-through values. The handler keeps its own
// copy of s; changing s afterwards changes nothing.
func (s Server) Handler() stats.Handler {
	c := forGRPC(s.Propagator, s.TraceBin)
	_, more := c.ReadNames()
	return &serverHandler{
		edge: propagator.Edge{
			Propagator:          c,
			Sampler:             s.Sampler,
			Transparent:         s.Transparent,
			RestartKeepsBaggage: s.RestartKeepsBaggage,
		},
		trust: s.Trust,
		walks: more.HasFamily(),
	}
}

type serverHandler struct {
	edge  propagator.Edge // Propagator is a Composite
	trust func(context.Context, string) propagator.TrustPolicy
	// walks is set when a member reads the call's header names (Jaeger's
	// uberctx-*): see metadataOf.
	walks bool
}

// TagRPC decides the call and returns the context its handler runs with.
func (h *serverHandler) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	policy := propagator.Continue
	if h.trust != nil {
		policy = h.trust(ctx, info.FullMethodName)
	}
	return h.edge.Receive(ctx, h.metadataOf(ctx), policy)
}

// metadataOf returns the call's incoming metadata as the edge reads it.
// One key at a time (incoming) by default; but when a member reads the
// header names, which copies all the metadata anyway (Keys), the copy is
// made first and read as carrier.Metadata: then the edge's one pass over
// its keys answers every format's probe (carrier.Survey), where each
// absent name cost grpc-go a walk over the metadata and each present one
// a copy of its values.
func (h *serverHandler) metadataOf(ctx context.Context) carrier.Getter {
	if h.walks {
		if md, ok := metadata.FromIncomingContext(ctx); ok {
			return carrier.Metadata(md)
		}
	}
	return incoming{ctx}
}

func (*serverHandler) HandleRPC(context.Context, stats.RPCStats) {}

func (*serverHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}

func (*serverHandler) HandleConn(context.Context, stats.ConnStats) {}

// incoming reads a call's incoming metadata one key at a time, so that a
// call pays for copies of the few fields the propagators look up rather
// than for a copy of all its metadata (metadata.FromIncomingContext).
// Keys, which only propagators with prefixed fields (Jaeger's uberctx-*)
// call, copies it all; a server whose propagator has one reads the copy
// from the start (metadataOf).
type incoming struct{ ctx context.Context }

func (in incoming) Get(key string) string {
	if v := metadata.ValueFromIncomingContext(in.ctx, key); len(v) > 0 {
		return v[0]
	}
	return ""
}

func (in incoming) Values(key string) []string {
	return metadata.ValueFromIncomingContext(in.ctx, key)
}

func (in incoming) Keys() []string {
	md, _ := metadata.FromIncomingContext(in.ctx)
	keys := make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	return keys
}
