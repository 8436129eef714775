package carrier_test

import (
	"fmt"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// natsHeader stands in for nats.Header from github.com/nats-io/nats.go,
// a map[string][]string whose keys NATS keeps as written.
type natsHeader map[string][]string

// A publisher injects into a NATS message's header, in lowercase; a
// subscriber reads it back, also when another producer wrote the
// MIME-canonical "Traceparent" that http.Header-style code writes.
func ExampleNATSHeader() {
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())

	out := natsHeader{}
	p.Inject(exampleContext(), carrier.NATSHeader(out))
	fmt.Println(out["traceparent"], out["baggage"])

	in := natsHeader{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}
	sc, err := p.ExtractFrom(carrier.NATSHeader(in))
	fmt.Println(sc.TraceID(), sc.SpanID(), err)
	// Output:
	// [00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01] [user=alice]
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 <nil>
}
