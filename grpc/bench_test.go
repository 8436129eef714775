package twgrpc_test

import (
	"context"
	"net"
	"testing"

	"github.com/tracewire/tracewire"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/stats"
)

// What the handlers cost per call, outside gRPC: the server's decision
// over metadata as gRPC delivers it (a few fields of its own beside the
// trace's), and the client's injection.
func BenchmarkServerTagRPC(b *testing.B) {
	md := metadata.MD{
		":authority": {"127.0.0.1:50051"}, "content-type": {"application/grpc"},
		"user-agent": {"grpc-go/1.85.0"}, "grpc-accept-encoding": {"gzip"},
		"traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
		"tracestate":  {"rojo=00f067aa0ba902b7"}, "baggage": {"user=alice"},
	}
	ctx := metadata.NewIncomingContext(context.Background(), md)
	ctx = peer.NewContext(ctx, &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 5555}})
	h := twgrpc.Server{}.Handler()
	info := &stats.RPCTagInfo{FullMethodName: "/grpc.health.v1.Health/Check"}
	b.ReportAllocs()
	for b.Loop() {
		h.TagRPC(ctx, info)
	}
}

// BenchmarkServerTagRPCJaeger is BenchmarkServerTagRPC for a server
// whose propagators (OTEL_PROPAGATORS=tracecontext,baggage,b3,jaeger)
// include one that reads the call's header names.
func BenchmarkServerTagRPCJaeger(b *testing.B) {
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		b.Fatal(err)
	}
	md := metadata.MD{
		":authority": {"127.0.0.1:50051"}, "content-type": {"application/grpc"},
		"user-agent": {"grpc-go/1.85.0"}, "grpc-accept-encoding": {"gzip"},
		"traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
	}
	ctx := metadata.NewIncomingContext(context.Background(), md)
	h := twgrpc.Server{Propagator: c}.Handler()
	info := &stats.RPCTagInfo{FullMethodName: "/grpc.health.v1.Health/Check"}
	b.ReportAllocs()
	for b.Loop() {
		h.TagRPC(ctx, info)
	}
}

func BenchmarkClientTagRPC(b *testing.B) {
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewRoot(nil))
	h := twgrpc.Client{}.Handler()
	info := &stats.RPCTagInfo{FullMethodName: "/grpc.health.v1.Health/Check"}
	b.ReportAllocs()
	for b.Loop() {
		h.TagRPC(ctx, info)
	}
}
