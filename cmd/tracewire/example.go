package main

// exampleRequest is what inspect decodes when it is given no headers:
// a request as a service behind a Zipkin-era mesh sidecar receives it,
// carrying W3C Trace Context with two vendors' tracestate entries, W3C
// baggage with an escaped value and a property, and the B3 header the
// sidecar adds for the same span.
const exampleRequest = `GET /api/v1/checkout?cart=8842 HTTP/1.1
Host: shop.example.com
User-Agent: curl/8.5.0
Accept: application/json
traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE
baggage: userId=alice,serverNode=DF%2028,isProduction=false;ttl=60
b3: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1

`
