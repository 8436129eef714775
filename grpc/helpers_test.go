package twgrpc_test

import (
	"context"
	"net"
	"sync"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	health "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
)

// hop is one service of a chain, serving gRPC's health service (which
// needs no generated code of ours): its handlers record what their
// context holds and call the next service, if any, with that context, as
// a real service calls its dependencies. Check calls on with Check, Watch
// (server streaming) with Watch.
type hop struct {
	health.UnimplementedHealthServer
	name string
	next health.HealthClient

	mu   sync.Mutex
	seen []seen
}

// seen is what one handler found in its context.
type seen struct {
	decision propagator.Decision
	decided  bool
	span     tracewire.SpanContext
	baggage  string
	md       metadata.MD
}

func (h *hop) record(ctx context.Context) {
	d, ok := propagator.DecisionFromContext(ctx)
	md, _ := metadata.FromIncomingContext(ctx)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen = append(h.seen, seen{d, ok, tracewire.SpanContextFromContext(ctx), baggage.FromContext(ctx).String(), md})
}

// last returns what the latest call saw.
func (h *hop) last(t *testing.T) seen {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.seen) == 0 {
		t.Fatalf("%s received no call", h.name)
	}
	return h.seen[len(h.seen)-1]
}

var serving = &health.HealthCheckResponse{Status: health.HealthCheckResponse_SERVING}

func (h *hop) Check(ctx context.Context, req *health.HealthCheckRequest) (*health.HealthCheckResponse, error) {
	h.record(ctx)
	if h.next != nil {
		if _, err := h.next.Check(ctx, req); err != nil {
			return nil, err
		}
	}
	return serving, nil
}

func (h *hop) Watch(req *health.HealthCheckRequest, stream grpc.ServerStreamingServer[health.HealthCheckResponse]) error {
	ctx := stream.Context()
	h.record(ctx)
	if h.next != nil {
		if err := watchOnce(ctx, h.next, req); err != nil {
			return err
		}
	}
	return stream.Send(serving)
}

// watchOnce opens a Watch stream and reads it to its end.
func watchOnce(ctx context.Context, c health.HealthClient, req *health.HealthCheckRequest) error {
	s, err := c.Watch(ctx, req)
	if err != nil {
		return err
	}
	if _, err := s.Recv(); err != nil {
		return err
	}
	return nil
}

// serve starts a gRPC server on a random loopback port with s's handler,
// serving h, and returns a client of it whose connection has c's handler.
// Both stop when the test ends.
func serve(t *testing.T, h *hop, s twgrpc.Server, c twgrpc.Client) health.HealthClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.StatsHandler(s.Handler()))
	health.RegisterHealthServer(srv, h)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(c.Handler()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return health.NewHealthClient(conn)
}

// service is one hop's configuration.
type service struct {
	name   string
	server twgrpc.Server
	client twgrpc.Client // the client its caller uses to reach it
}

// chain starts services, each calling the next, and returns the hops and
// a client of the first.
func chain(t *testing.T, services ...service) ([]*hop, health.HealthClient) {
	t.Helper()
	hops := make([]*hop, len(services))
	var next health.HealthClient
	for i := len(services) - 1; i >= 0; i-- {
		hops[i] = &hop{name: services[i].name, next: next}
		next = serve(t, hops[i], services[i].server, services[i].client)
	}
	return hops, next
}

// hopView describes what a hop saw, naming spans by who owns them.
type hopView struct {
	Policy  string
	Parent  string // whose span Decision.Parent is, "" for none
	Child   string // whose span this hop's span is a child of, "" for a root
	Trace   string // whose trace this hop's span is in
	Link    string // whose span the link points to
	Baggage string
	Remote  bool // Decision.Parent is marked remote
}

// spans names span contexts by their owner.
type spans map[tracewire.SpanID]string

func (s spans) name(id tracewire.SpanID) string {
	if !id.IsValid() {
		return ""
	}
	if n, ok := s[id]; ok {
		return n
	}
	return "unknown " + id.String()
}

// views describes what each hop saw on its latest call; client is the
// span the test called with, named "client".
func views(t *testing.T, client tracewire.SpanContext, hops []*hop) []hopView {
	t.Helper()
	owners := spans{client.SpanID(): "client"}
	traces := map[tracewire.TraceID]string{client.TraceID(): "client"}
	for _, h := range hops {
		s := h.last(t)
		if !s.decided {
			t.Fatalf("%s: no Decision in the handler's context", h.name)
		}
		if s.span != s.decision.Span {
			t.Errorf("%s: context span %v, decision span %v", h.name, s.span, s.decision.Span)
		}
		owners[s.span.SpanID()] = h.name
		if _, ok := traces[s.span.TraceID()]; !ok {
			traces[s.span.TraceID()] = h.name
		}
	}
	out := make([]hopView, len(hops))
	for i, h := range hops {
		s := h.last(t)
		d := s.decision
		out[i] = hopView{
			Policy:  d.Policy.String(),
			Parent:  owners.name(d.Parent.SpanID()),
			Child:   owners.name(s.span.ParentSpanID()),
			Trace:   traces[s.span.TraceID()],
			Link:    owners.name(d.Link.SpanContext.SpanID()),
			Baggage: s.baggage,
			Remote:  d.Parent.IsRemote(),
		}
	}
	return out
}

// callerContext returns a context with a new sampled root span and the
// baggage "user=alice", as a service's caller holds.
func callerContext(t *testing.T) (context.Context, tracewire.SpanContext) {
	t.Helper()
	root := tracewire.NewRoot(nil)
	b, err := baggage.Parse("user=alice")
	if err != nil {
		t.Fatal(err)
	}
	return baggage.ContextWith(tracewire.ContextWithSpanContext(t.Context(), root), b), root
}
