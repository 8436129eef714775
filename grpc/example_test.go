package twgrpc_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/netip"
	"os"

	"github.com/tracewire/tracewire"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	health "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
)

// reporter is a health service that prints what its handler's context
// holds.
type reporter struct {
	health.UnimplementedHealthServer
}

func (reporter) Check(ctx context.Context, _ *health.HealthCheckRequest) (*health.HealthCheckResponse, error) {
	d, _ := propagator.DecisionFromContext(ctx)
	own := tracewire.SpanContextFromContext(ctx)
	fmt.Println(d.Policy, "caller:", traceparent.Format(d.Parent))
	fmt.Println("own span in the caller's trace:", own.TraceID() == d.Parent.TraceID(), "child of its span:", own.ParentSpanID() == d.Parent.SpanID())
	return &health.HealthCheckResponse{Status: health.HealthCheckResponse_SERVING}, nil
}

// A server and a client, each with its handler: the call made with a
// context holding a span context reaches the server's handler as its
// parent, and the handler's context holds the server's own span, ready for
// the calls it makes in turn.
func Example() {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := grpc.NewServer(grpc.StatsHandler(twgrpc.Server{}.Handler()))
	health.RegisterHealthServer(srv, reporter{})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()

	conn, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(twgrpc.Client{}.Handler()))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	parent, _ := traceparent.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	ctx := tracewire.ContextWithSpanContext(context.Background(), parent)
	if _, err := health.NewHealthClient(conn).Check(ctx, &health.HealthCheckRequest{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// continue caller: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// own span in the caller's trace: true child of its span: true
}

// A server that continues the traces of its own network, restarts the
// others' (linking to them), and also accepts grpc-trace-bin from older
// gRPC clients.
func ExampleServer() {
	srv := grpc.NewServer(grpc.StatsHandler(twgrpc.Server{
		Trust:    twgrpc.TrustWhen(twgrpc.FromNetworks(netip.MustParsePrefix("10.0.0.0/8")), propagator.Restart),
		TraceBin: true,
	}.Handler()))
	_ = srv // register services and Serve
}

// A server configured by the environment: the formats (OTEL_PROPAGATORS),
// the sampler of the traces it starts (OTEL_TRACES_SAMPLER) and the trust
// policy (TRACEWIRE_TRUST), here continuing only the calls whose
// tracestate carries the member "acme".
func ExampleServerFromEnv() {
	os.Setenv("TRACEWIRE_TRUST", "restart-external:acme")
	os.Setenv("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
	os.Setenv("OTEL_TRACES_SAMPLER_ARG", "0.25")
	defer func() {
		for _, k := range []string{"TRACEWIRE_TRUST", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG"} {
			os.Unsetenv(k)
		}
	}()

	s, err := twgrpc.ServerFromEnv()
	if err != nil {
		log.Print(err) // s is usable: what could not be used is listed
	}
	srv := grpc.NewServer(grpc.StatsHandler(s.Handler()))
	_ = srv // register services and Serve

	ours := metadata.NewIncomingContext(context.Background(), metadata.Pairs("tracestate", "acme=1,rojo=2"))
	theirs := metadata.NewIncomingContext(context.Background(), metadata.Pairs("tracestate", "rojo=2"))
	fmt.Println(s.Trust(ours, "/shop.Cart/Add"), s.Trust(theirs, "/shop.Cart/Add"))
	fmt.Printf("%#x\n", s.Sampler.(tracewire.RatioSampler).Threshold())
	// Output:
	// continue restart
	// 0xc0000000000000
}

func ExampleTrustWhen() {
	trust := twgrpc.TrustWhen(twgrpc.FromNetworks(netip.MustParsePrefix("10.0.0.0/8")), propagator.Restart)
	inside := peer.NewContext(context.Background(), &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 40000}})
	outside := peer.NewContext(context.Background(), &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(203, 0, 113, 9), Port: 40000}})
	fmt.Println(trust(inside, "/shop.Cart/Add"), trust(outside, "/shop.Cart/Add"))
	// Output: continue restart
}
