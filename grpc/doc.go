// Package twgrpc carries tracewire's trace context over gRPC: a
// stats.Handler for servers that applies a propagator.Edge to every call
// (continue, restart or ignore the caller's trace, by a policy picked per
// call), and one for clients that injects the caller's context into every
// call's metadata.
//
//	srv := grpc.NewServer(grpc.StatsHandler(twgrpc.Server{}.Handler()))
//	conn, err := grpc.NewClient(target, grpc.WithStatsHandler(twgrpc.Client{}.Handler()), creds)
//
// A handler's context then holds the server's own span context (a child of
// the caller's span, or a new root) and the Decision
// (propagator.DecisionFromContext), and a call made with that context
// through a client with Client's handler makes the next service a child
// of this one: the same rules, implemented once in package propagator,
// as the HTTP edge's.
//
// The package is named twgrpc rather than grpc, which its import path
// ends in, so that it does not shadow google.golang.org/grpc in the files
// that use both, as every file that uses it does.
//
// # Why a stats.Handler
//
// gRPC offers two hooks: interceptors (four of them, unary and streaming
// on each side) and stats handlers. This package uses a stats.Handler, as
// OpenTelemetry's otelgrpc does since it deprecated its interceptors:
//
//   - one option per side covers unary and streaming calls alike;
//   - on the server it runs before every interceptor, so that logging,
//     auth and metrics interceptors see the decision and the span whatever
//     order the application chains them in, and a call to an unknown
//     method (an UnknownServiceHandler) is covered too;
//   - on the client it runs after the interceptors, within each attempt of
//     a call, so that a span or metadata an interceptor puts in the
//     context goes out, and every attempt of a retried or hedged call
//     injects from the call's own context, none carrying another's
//     headers.
//
// On the server its TagRPC sees the call's context with the peer
// (peer.FromContext) and the incoming metadata already set, and the
// context it returns is the handler's (and a stream's Context()).
//
// # Metadata
//
// gRPC metadata is a map of lowercase keys to value lists, the shape
// carrier.Metadata adapts. The server handler only reads the incoming
// metadata, looking up each field the propagators ask for (gRPC hands out
// copies); it never writes into it. The client handler injects into a
// copy of the call's outgoing metadata (metadata.FromOutgoingContext
// copies every value list) and attaches that copy with
// metadata.NewOutgoingContext, so the caller's metadata and its slices are
// never written; the trace fields the copy already held (a proxy that
// forwards its incoming metadata) are replaced, not duplicated.
//
// # grpc-trace-bin
//
// gRPC sends every metadata key ending in "-bin" base64-encoded on the
// wire and hands it to the application decoded, as raw bytes in the
// metadata's strings; an application that sets one writes the raw bytes.
// So over gRPC, grpc-trace-bin (OpenCensus's binary context, which
// grpc-go, grpc-java and Envoy still read and write) travels as
// grpctrace.Propagator{Binary: true}: TraceBin adds that member after
// the Propagator's, and a grpctrace.Propagator already in Propagator
// (or in a Composite there) is switched to the binary form, because base64
// text in a -bin key would be encoded twice and unreadable to any other
// implementation. Extraction reads either form.
//
// # Trust
//
// Server.Trust picks the policy of each call from its context and full
// method name ("/package.Service/Method"): the peer is
// peer.FromContext(ctx), the metadata metadata.ValueFromIncomingContext,
// the client's TLS identity peer.AuthInfo. TrustWhen, FromNetworks and
// MetadataEquals build the common ones. ServerFromEnv reads the
// environment as propagator.EdgeFromEnv does, TRACEWIRE_TRUST included,
// applied to the incoming metadata. On the client side the allowlist is
// the connection: install Client's handler only on connections to
// services that may see the trace, not on those to third parties.
//
// # Reading the metadata
//
// The server reads a call's metadata one key at a time
// (metadata.ValueFromIncomingContext), which copies only the values the
// propagators look up. grpc-go walks the whole metadata for each absent
// key, though, and Jaeger's uberctx-* items can only be found by listing
// the keys, which copies all of it. So when the Propagator has a member
// that lists the keys (its ReadNames' more holds the uberctx-* family),
// the server copies the metadata once (metadata.FromIncomingContext) and
// reads it as carrier.Metadata, whose one pass answers every format's
// probe (see propagator.Edge.Receive): BenchmarkServerTagRPCJaeger, for
// tracecontext,baggage,b3,jaeger, went from about 2.7 µs and 13
// allocations to 1.3 µs and 9.
//
// # No Server-Timing
//
// The HTTP edge can answer with its span context in a Server-Timing
// header, for browsers and HTTP clients that have no other way to learn
// the trace their request joined. The server handler sends nothing of the
// kind in gRPC's response metadata: a gRPC client is a program that sent
// the trace context itself, the callers that do not know the trace are
// those the server restarted, which are the callers it does not trust
// with its trace ids, and a client sees response metadata only when it
// asks for it (grpc.Header). A server that wants to tell its callers
// anyway does it in its handler, where it knows who they are:
// grpc.SetHeader(ctx, metadata.Pairs("server-timing",
// string(traceparent.AppendServerTiming(nil, tracewire.SpanContextFromContext(ctx))))).
package twgrpc
