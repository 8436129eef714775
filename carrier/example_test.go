package carrier_test

import (
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire/carrier"
)

func ExampleHTTPHeader() {
	h := http.Header{}
	h.Add("Tracestate", "rojo=1")
	h.Add("Tracestate", "congo=2")
	c := carrier.HTTPHeader(h)

	c.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	fmt.Println(h.Get("Traceparent"))
	fmt.Println(c.Values("tracestate"))
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// [rojo=1 congo=2]
}

func ExampleMap() {
	// A queued message's headers, written by a producer that capitalised them.
	msg := map[string]string{"Traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
	fmt.Println(carrier.Map(msg).Get("traceparent"))
	// Output: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}

func ExampleMetadata() {
	md := map[string][]string{"tracestate": {"rojo=1", "congo=2"}}
	c := carrier.Metadata(md)
	c.Set("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
	fmt.Println(c.Values("tracestate"), md["b3"])
	// Output: [rojo=1 congo=2] [80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1]
}

func ExampleValues() {
	fmt.Println(carrier.Values(carrier.Map{"baggage": "k=v"}, "baggage"))
	// Output: [k=v]
}

func ExampleHTTPHeader_Get() {
	h := http.Header{}
	h.Set("Uber-Trace-Id", "a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	// Propagators ask in lowercase; the adapter finds the canonical key.
	fmt.Println(carrier.HTTPHeader(h).Get("uber-trace-id"))
	// Output: a3ce929d0e0e4736:00f067aa0ba902b7:0:1
}

func ExampleHTTPHeader_Set() {
	h := http.Header{"B3": {"old"}}
	carrier.HTTPHeader(h).Set("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1")
	fmt.Println(h)
	// Output: map[B3:[80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1]]
}

func ExampleHTTPHeader_Delete() {
	h := http.Header{"Tracestate": {"stale=1"}, "Accept": {"*/*"}}
	carrier.HTTPHeader(h).Delete("tracestate")
	fmt.Println(h)
	// Output: map[Accept:[*/*]]
}

func ExampleMap_Set() {
	m := carrier.Map{"Traceparent": "old"}
	m.Set("traceparent", "new")
	fmt.Println(m)
	// Output: map[traceparent:new]
}

func ExampleMetadata_Values() {
	md := carrier.Metadata{"baggage": {"a=1", "b=2"}}
	fmt.Println(md.Values("Baggage"), md.Get("baggage"))
	// Output: [a=1 b=2] a=1
}

func ExampleAllKeys() {
	h := carrier.HTTPHeader{"Uberctx-User": {"alice"}, "Accept": {"*/*"}}
	n := 0
	for k := range carrier.AllKeys(h) {
		if len(k) > 8 && k[:8] == "Uberctx-" {
			n++
		}
	}
	fmt.Println(n)
	// Output: 1
}

// Family reads a message's baggage items with their values in one walk
// over its header list, where a Get per item would scan the list each
// time. The first record of a name, in any case, holds the value Get
// returns.
func ExampleFamily() {
	list := []kafkaHeader{
		{"uberctx-user", []byte("alice")},
		{"traceparent", []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")},
		{"UBERCTX-USER", []byte("bob")},
	}
	for k, v := range carrier.Family(carrier.KafkaHeadersOf(&list), "uberctx-") {
		fmt.Println(k, v)
	}
	// Output:
	// uberctx-user alice
	// UBERCTX-USER alice
}

// Survey finds in one pass which of the names propagators read a map
// holds, under the spellings Get finds them by.
func ExampleSurvey() {
	m := carrier.Map{"Traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "uberctx-user": "alice", "accept": "*/*"}
	present, ok := carrier.Survey(m)
	fmt.Println(ok)
	fmt.Println(present.Intersects(carrier.NamesOf("traceparent")))
	fmt.Println(present.Intersects(carrier.NamesOf("b3", "x-b3-traceid")))
	fmt.Println(present.Intersects(carrier.NamesOf("uberctx-*")))
	// Output:
	// true
	// true
	// false
	// true
}
