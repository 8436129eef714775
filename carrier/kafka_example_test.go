package carrier_test

import (
	"context"
	"fmt"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// Stand-ins for the clients' types, with the same shapes.
type (
	// kafkaGoHeader is segmentio/kafka-go's kafka.Header (and franz-go's
	// kgo.RecordHeader); kafkaGoMessage is kafka.Message.
	kafkaGoHeader struct {
		Key   string
		Value []byte
	}
	kafkaGoMessage struct {
		Topic   string
		Headers []kafkaGoHeader
		Value   []byte
	}

	// confluentHeader is confluent-kafka-go's kafka.Header.
	confluentHeader struct {
		Key   string
		Value []byte
	}

	// saramaRecordHeader is sarama.RecordHeader; sarama.ProducerMessage
	// holds a []RecordHeader, sarama.ConsumerMessage a []*RecordHeader.
	saramaRecordHeader struct {
		Key, Value []byte
	}
	saramaProducerMessage struct {
		Topic   string
		Headers []saramaRecordHeader
	}
	saramaConsumerMessage struct {
		Topic   string
		Headers []*saramaRecordHeader
	}
)

// exampleContext is a context as a service holds it while handling a
// request: its span, with a tracestate, and the request's baggage.
func exampleContext() context.Context {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ts, _ := tracewire.ParseTraceState("rojo=00f067aa0ba902b7")
	b, _ := baggage.Parse("user=alice")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled).WithTraceState(ts))
	return baggage.ContextWith(ctx, b)
}

// A kafka-go producer injects into the message's headers; the consumer
// continues the trace. The carrier points at msg.Headers, so Inject
// leaves the new list there.
func ExampleKafkaHeadersOf() {
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())

	msg := kafkaGoMessage{Topic: "orders", Headers: []kafkaGoHeader{{Key: "content-type", Value: []byte("json")}}}
	p.Inject(exampleContext(), carrier.KafkaHeadersOf(&msg.Headers))
	for _, h := range msg.Headers {
		fmt.Printf("%s: %s\n", h.Key, h.Value)
	}

	ctx := p.Extract(context.Background(), carrier.KafkaHeadersOf(&msg.Headers))
	ctx, span := tracewire.ContextWithChild(ctx)
	user, _ := baggage.FromContext(ctx).Get("user")
	fmt.Println(span.TraceID(), span.ParentSpanID(), span.TraceState(), user.Value())
	// Output:
	// content-type: json
	// traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// tracestate: rojo=00f067aa0ba902b7
	// baggage: user=alice
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 rojo=00f067aa0ba902b7 alice
}

// A confluent-kafka-go consumer reads a record whose producer wrote the
// tracestate in two headers, in its own case; every line is read, in
// order.
func ExampleKafkaHeadersOf_confluent() {
	headers := []confluentHeader{
		{Key: "traceparent", Value: []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")},
		{Key: "Tracestate", Value: []byte("rojo=00f067aa0ba902b7")},
		{Key: "tracestate", Value: []byte("congo=t61rcWkgMzE")},
	}
	c := carrier.KafkaHeadersOf(&headers)
	fmt.Println(c.Values("tracestate"))

	sc, err := propagator.TraceContext().ExtractFrom(c)
	fmt.Println(sc.TraceState(), err)
	// Output:
	// [rojo=00f067aa0ba902b7 congo=t61rcWkgMzE]
	// rojo=00f067aa0ba902b7,congo=t61rcWkgMzE <nil>
}

// A sarama producer message holds its headers by value.
func ExampleSaramaHeadersOf() {
	msg := saramaProducerMessage{Topic: "orders"}
	propagator.TraceContext().Inject(exampleContext(), carrier.SaramaHeadersOf(&msg.Headers))
	for _, h := range msg.Headers {
		fmt.Printf("%s: %s\n", h.Key, h.Value)
	}
	// Output:
	// traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// tracestate: rojo=00f067aa0ba902b7
}

// A sarama consumer message holds pointers to its headers. Re-injecting
// before forwarding the message replaces the pointers in a new list and
// leaves the records the consumer received as they were.
func ExampleSaramaHeaderPtrsOf() {
	received := &saramaRecordHeader{Key: []byte("traceparent"), Value: []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")}
	msg := saramaConsumerMessage{Topic: "orders", Headers: []*saramaRecordHeader{received}}

	c := carrier.SaramaHeaderPtrsOf(&msg.Headers)
	sc, err := propagator.TraceContext().ExtractFrom(c)
	fmt.Println(sc.SpanID(), err)

	next := sc.NewChild()
	propagator.TraceContext().InjectInto(c, next)
	fmt.Println(string(msg.Headers[0].Value) == "00-4bf92f3577b34da6a3ce929d0e0e4736-"+next.SpanID().String()+"-01")
	fmt.Println(string(received.Value))
	// Output:
	// 00f067aa0ba902b7 <nil>
	// true
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}
