package mq_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// wait bounds every wait for the broker, so that a broken test fails
// instead of hanging; no assertion depends on how long anything takes.
const wait = 10 * time.Second

// startNATS starts an embedded NATS server on a random loopback port and
// stops it when the test ends.
func startNATS(t *testing.T) *server.Server {
	t.Helper()
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() {
		srv.Shutdown()
		srv.WaitForShutdown()
	})
	if !srv.ReadyForConnections(wait) {
		t.Fatal("NATS server not ready")
	}
	return srv
}

func connect(t *testing.T, srv *server.Server, name string) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(srv.ClientURL(), nats.Name(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// received is what the subscriber saw and made of one message.
type received struct {
	header nats.Header
	child  tracewire.SpanContext
	bag    string
	err    error
}

// subscribe runs a subscriber service on its own connection: for every
// message on subject it extracts the context with p, starts its own span
// as a child of it and reports both.
func subscribe(t *testing.T, nc *nats.Conn, subject string, p propagator.Composite) <-chan received {
	t.Helper()
	out := make(chan received, 1)
	_, err := nc.Subscribe(subject, func(m *nats.Msg) {
		c := carrier.NATSHeader(m.Header)
		_, err := p.ExtractFrom(c)
		ctx := p.Extract(context.Background(), c)
		ctx, child := tracewire.ContextWithChild(ctx)
		out <- received{header: m.Header, child: child, bag: baggage.FromContext(ctx).String(), err: err}
	})
	if err != nil {
		t.Fatal(err)
	}
	// The subscription is registered at the server before anything is
	// published.
	if err := nc.FlushTimeout(wait); err != nil {
		t.Fatal(err)
	}
	return out
}

func next(t *testing.T, ch <-chan received) received {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(wait):
		t.Fatal("no message arrived")
		return received{}
	}
}

func TestNATSEndToEnd(t *testing.T) {
	srv := startNATS(t)
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	sub := connect(t, srv, "subscriber")
	pub := connect(t, srv, "publisher")

	// The publisher is handling a request of trace 4bf9…, with a
	// tracestate and baggage, and publishes inside its own span.
	tid, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ts, _ := tracewire.ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
	bag, _ := baggage.Parse("user=alice%20smith,tenant=7;ttl=60")
	incoming := tracewire.NewSpanContext(tid, sid, tracewire.FlagSampled).WithTraceState(ts).WithRemote(true)
	reqCtx := baggage.ContextWith(tracewire.ContextWithSpanContext(context.Background(), incoming), bag)
	pubCtx, pubSpan := tracewire.ContextWithChild(reqCtx)

	t.Run("tracewire on both sides", func(t *testing.T) {
		ch := subscribe(t, sub, "orders.created", p)
		msg := nats.NewMsg("orders.created")
		msg.Data = []byte(`{"order":42}`)
		msg.Header.Set("Content-Type", "application/json")
		p.Inject(pubCtx, carrier.NATSHeader(msg.Header))
		if err := pub.PublishMsg(msg); err != nil {
			t.Fatal(err)
		}
		if err := pub.FlushTimeout(wait); err != nil {
			t.Fatal(err)
		}
		r := next(t, ch)

		// On the wire: lowercase names, as written, and nothing else
		// changed.
		wantHeader := nats.Header{
			"Content-Type": {"application/json"},
			"traceparent":  {"00-4bf92f3577b34da6a3ce929d0e0e4736-" + pubSpan.SpanID().String() + "-01"},
			"tracestate":   {"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"},
			"baggage":      {"user=alice%20smith,tenant=7;ttl=60"},
		}
		if d := cmp.Diff(wantHeader, r.header); d != "" {
			t.Errorf("header on the wire (-want +got):\n%s", d)
		}
		checkChild(t, r, pubSpan)
	})

	t.Run("a publisher writing canonical names", func(t *testing.T) {
		// Go code that treats nats.Header as an http.Header writes
		// "Traceparent"; NATS keeps that case and the subscriber still
		// finds it.
		ch := subscribe(t, sub, "orders.canonical", p)
		msg := nats.NewMsg("orders.canonical")
		p.Inject(pubCtx, carrier.HTTPHeader(msg.Header))
		if err := pub.PublishMsg(msg); err != nil {
			t.Fatal(err)
		}
		r := next(t, ch)
		if _, ok := r.header["Traceparent"]; !ok {
			t.Errorf("the broker changed the header's case: %v", r.header)
		}
		checkChild(t, r, pubSpan)
	})

	t.Run("repeated tracestate lines", func(t *testing.T) {
		// A producer in another language adds one header line per list
		// member; the subscriber reads them all, in order.
		ch := subscribe(t, sub, "orders.lines", p)
		msg := nats.NewMsg("orders.lines")
		msg.Header.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-"+pubSpan.SpanID().String()+"-01")
		msg.Header.Add("tracestate", "rojo=00f067aa0ba902b7")
		msg.Header.Add("tracestate", "congo=t61rcWkgMzE")
		msg.Header.Add("baggage", "user=alice%20smith")
		msg.Header.Add("baggage", "tenant=7;ttl=60")
		if err := pub.PublishMsg(msg); err != nil {
			t.Fatal(err)
		}
		r := next(t, ch)
		if d := cmp.Diff([]string{"rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"}, r.header.Values("tracestate")); d != "" {
			t.Errorf("tracestate lines on the wire (-want +got):\n%s", d)
		}
		checkChild(t, r, pubSpan)
	})

	t.Run("no context", func(t *testing.T) {
		// A message without trace headers starts a new trace.
		ch := subscribe(t, sub, "orders.plain", p)
		if err := pub.Publish("orders.plain", []byte("x")); err != nil {
			t.Fatal(err)
		}
		r := next(t, ch)
		if r.err != nil || !r.child.IsValid() || r.child.TraceID() == tid || r.child.ParentSpanID().IsValid() {
			t.Errorf("got %v (err %v), want a new root", r.child, r.err)
		}
	})
}

// checkChild checks that the subscriber's span continues the publisher's:
// same trace, the publisher's span as parent, its tracestate, its
// sampling decision and its baggage.
func checkChild(t *testing.T, r received, parent tracewire.SpanContext) {
	t.Helper()
	if r.err != nil {
		t.Errorf("extract: %v", r.err)
	}
	c := r.child
	if c.TraceID() != parent.TraceID() {
		t.Errorf("trace id = %s, want %s", c.TraceID(), parent.TraceID())
	}
	if c.ParentSpanID() != parent.SpanID() {
		t.Errorf("parent = %s, want the publisher's span %s", c.ParentSpanID(), parent.SpanID())
	}
	if !c.SpanID().IsValid() || c.SpanID() == parent.SpanID() {
		t.Errorf("span id = %s: not a new span", c.SpanID())
	}
	if got := c.TraceState().String(); got != "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE" {
		t.Errorf("tracestate = %q", got)
	}
	if !c.IsSampled() {
		t.Error("the sampling decision was lost")
	}
	if r.bag != "user=alice%20smith,tenant=7;ttl=60" {
		t.Errorf("baggage = %q", r.bag)
	}
}
