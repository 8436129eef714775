package carrier_test

import (
	"context"
	"fmt"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/xray"
)

// sqsAttribute stands in for the AWS SDK's types.MessageAttributeValue.
type sqsAttribute struct {
	DataType    string
	StringValue *string
}

// A producer packs a whole trace context, B3 and W3C with baggage, into
// one SQS message attribute instead of seven; the consumer unpacks it in
// place.
func ExamplePacked() {
	p := propagator.Compose(propagator.TraceContext(), propagator.B3Multi(), propagator.Baggage())

	var packed carrier.Packed
	p.Inject(exampleContext(), &packed)
	value := string(packed)
	attrs := map[string]sqsAttribute{"tracecontext": {DataType: "String", StringValue: &value}}
	fmt.Println(value)

	// The consumer: one attribute, read without copying it.
	got := attrs["tracecontext"]
	ctx := p.Extract(context.Background(), carrier.Packed(*got.StringValue))
	_, span := tracewire.ContextWithChild(ctx)
	fmt.Println(span.TraceID(), span.ParentSpanID())
	// Output:
	// traceparent:00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// tracestate:rojo=00f067aa0ba902b7
	// x-b3-traceid:4bf92f3577b34da6a3ce929d0e0e4736
	// x-b3-spanid:00f067aa0ba902b7
	// x-b3-sampled:1
	// baggage:user=alice
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7
}

// An SQS consumer that asked for the AWSTraceHeader system attribute
// (MessageSystemAttributeNames) reads it as an X-Amzn-Trace-Id value:
// directly with xray.Parse, or through a carrier that serves it under the
// header's name, for code that extracts through a propagator.
func ExamplePacked_awsTraceHeader() {
	// What ReceiveMessage returns in Message.Attributes.
	system := map[string]string{"AWSTraceHeader": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}

	sc, err := xray.Parse(system["AWSTraceHeader"])
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), err)

	// Through a carrier, for a propagator: the system attribute under the
	// X-Ray header's name.
	sc, err = xray.Propagator{}.ExtractFrom(carrier.Map{"x-amzn-trace-id": system["AWSTraceHeader"]})
	fmt.Println(sc.TraceID(), err)
	// Output:
	// 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 true <nil>
	// 5759e988bd862e3fe1be46a994272793 <nil>
}
