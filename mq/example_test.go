package mq_test

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// A service publishes a NATS message inside its span; a worker receives
// it and continues the trace, with the caller's baggage.
func Example() {
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoLog: true, NoSigs: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.Start()
	defer srv.WaitForShutdown()
	defer srv.Shutdown()
	if !srv.ReadyForConnections(10 * time.Second) {
		fmt.Println("NATS server not ready")
		return
	}

	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())

	// The worker.
	worker, err := nats.Connect(srv.ClientURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer worker.Close()
	sub, _ := worker.SubscribeSync("orders")
	_ = worker.Flush()

	// The publisher, handling a request that belongs to trace 4bf9….
	publisher, err := nats.Connect(srv.ClientURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer publisher.Close()
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	b, _ := baggage.Parse("user=alice")
	ctx := baggage.ContextWith(tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled)), b)

	msg := nats.NewMsg("orders")
	msg.Data = []byte("order 42")
	p.Inject(ctx, carrier.NATSHeader(msg.Header))
	_ = publisher.PublishMsg(msg)

	// The worker continues the trace.
	got, err := sub.NextMsg(10 * time.Second)
	if err != nil {
		fmt.Println(err)
		return
	}
	wctx := p.Extract(context.Background(), carrier.NATSHeader(got.Header))
	wctx, job := tracewire.ContextWithChild(wctx)
	user, _ := baggage.FromContext(wctx).Get("user")
	fmt.Println(got.Header.Get("traceparent"))
	fmt.Println(job.TraceID(), job.ParentSpanID(), user.Value())
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 alice
}
