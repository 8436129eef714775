package twgrpc

import (
	"context"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
)

// Client describes what a gRPC client sends with its calls: the span
// context, baggage and other concerns of each call's context, written by
// Propagator into the call's metadata. The zero value sends W3C Trace
// Context and Baggage. Handler returns the stats.Handler that applies it.
//
// There is no allowlist: a client handler belongs to one connection, so a
// connection to a third party that must not learn the trace is one made
// without it.
type Client struct {
	// Propagator writes the metadata. Nil means W3C Trace Context and
	// Baggage; a grpctrace.Propagator in it writes the binary form (see
	// the package documentation).
	Propagator propagator.Propagator

	// TraceBin also writes grpc-trace-bin, in the binary form, after the
	// Propagator's formats.
	TraceBin bool
}

// Handler returns the stats.Handler that injects c into every call a
// client makes, unary and streaming, and every attempt of a retried one:
// give it to grpc.WithStatsHandler. The call's own outgoing metadata is
// copied, never written (see the package documentation). The handler
// keeps its own copy of c.
func (c Client) Handler() stats.Handler {
	return &clientHandler{p: forGRPC(c.Propagator, c.TraceBin)}
}

type clientHandler struct {
	p propagator.Composite
}

// TagRPC returns ctx with outgoing metadata that carries ctx's trace
// context.
func (h *clientHandler) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context {
	md, had := metadata.FromOutgoingContext(ctx) // a copy, value lists included
	if md == nil {
		md = metadata.MD{}
	}
	h.p.Inject(ctx, carrier.Metadata(md))
	if !had && len(md) == 0 {
		return ctx
	}
	return metadata.NewOutgoingContext(ctx, md)
}

func (*clientHandler) HandleRPC(context.Context, stats.RPCStats) {}

func (*clientHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}

func (*clientHandler) HandleConn(context.Context, stats.ConnStats) {}
