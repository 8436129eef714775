package propagator_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// A client injects the current trace context into an outgoing request.
func ExampleTransport() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("server got traceparent:", r.Header.Get("Traceparent"))
	}))
	defer srv.Close()

	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))

	client := &http.Client{Transport: &propagator.Transport{Propagator: propagator.TraceContext()}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	// Output: server got traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}

// A server continues its caller's trace: the request's context carries
// the service's own span, a child of the caller's, so that a request
// built from r.Context() and sent through a Transport makes the next hop a
// child of this service.
func ExampleMiddleware() {
	handler := propagator.Middleware(propagator.Compose(propagator.TraceContext(), propagator.Baggage()),
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			span := tracewire.SpanContextFromContext(r.Context())
			user, _ := baggage.FromContext(r.Context()).Get("user")
			fmt.Println("trace:", span.TraceID())
			fmt.Println("parent:", span.ParentSpanID())
			fmt.Println("sampled:", span.IsSampled())
			fmt.Println("user:", user.Value())
		}))

	r := httptest.NewRequest(http.MethodGet, "/orders", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	r.Header.Set("Baggage", "user=alice%20smith")
	handler.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// trace: 4bf92f3577b34da6a3ce929d0e0e4736
	// parent: 00f067aa0ba902b7
	// sampled: true
	// user: alice smith
}

// A background job carries the trace context inside its message, and the
// worker continues the trace.
func ExampleComposite_backgroundJob() {
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())

	// Producer: inject into the message's header map.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	msg := struct {
		Headers map[string]string
		Body    string
	}{Headers: map[string]string{}, Body: "resize image 42"}
	p.Inject(ctx, carrier.Map(msg.Headers))

	// Worker: extract from the message and start a child span.
	wctx := p.Extract(context.Background(), carrier.Map(msg.Headers))
	_, job := tracewire.ContextWithChild(wctx)
	fmt.Println(msg.Headers["traceparent"])
	fmt.Println(job.TraceID() == t, job.ParentSpanID() == s)
	// Output:
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// true true
}

// A gateway receives B3 and forwards W3C, without a context.Context.
func ExampleComposite_gateway() {
	in := http.Header{}
	in.Set("B3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")

	sc, err := propagator.B3().ExtractFrom(carrier.HTTPHeader(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	out := http.Header{}
	propagator.TraceContext().InjectInto(carrier.HTTPHeader(out), sc)
	fmt.Println(out.Get("Traceparent"))
	// Output: 00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01
}

// The propagators come from OTEL_PROPAGATORS, as in every OpenTelemetry SDK.
func ExampleFromEnv() {
	os.Setenv("OTEL_PROPAGATORS", "tracecontext, b3multi, bogus")
	defer os.Unsetenv("OTEL_PROPAGATORS")

	p, err := propagator.FromEnv()
	if err != nil {
		fmt.Println("warning:", err)
	}
	fmt.Println(p.Fields())
	// Output:
	// warning: propagator: OTEL_PROPAGATORS: unknown "bogus" (valid: tracecontext, baggage, b3, b3multi, jaeger, xray, xray-lambda, ottrace, none, cloudtrace, sentry, datadog, grpc-trace-bin)
	// [traceparent tracestate x-b3-traceid x-b3-spanid x-b3-parentspanid x-b3-sampled x-b3-flags]
}

func ExampleParse() {
	p, _ := propagator.Parse("")
	fmt.Println(p.Fields())
	// Output: [traceparent tracestate baggage]
}

func ExampleNew() {
	p, _ := propagator.New("b3", "jaeger")
	fmt.Println(p.Fields())
	// Output: [b3 uber-trace-id]
}

func ExampleComposite_ExtractFrom() {
	h := http.Header{}
	h.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x")
	h.Set("Uber-Trace-Id", "a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
	c := propagator.Compose(propagator.TraceContext(), propagator.Jaeger())

	sc, err := c.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(sc.TraceID(), sc.IsSampled(), err)
	// Output: 0000000000000000a3ce929d0e0e4736 true <nil>
}

func ExamplePassThrough() {
	p := propagator.Compose(propagator.TraceContext(), propagator.PassThrough{Headers: []string{"X-Session-Id"}})
	in := http.Header{"X-Session-Id": {"s-123"}}
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))

	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(propagator.PassThroughValue(ctx, "x-session-id"), out.Get("X-Session-Id"))
	// Output: s-123 s-123
}

func ExampleByName() {
	p, ok := propagator.ByName("b3multi")
	fmt.Println(ok, p.Fields()[0])
	// Output: true x-b3-traceid
}

func ExampleNames() {
	fmt.Println(propagator.Names())
	// Output: [tracecontext baggage b3 b3multi jaeger xray xray-lambda ottrace none cloudtrace sentry datadog grpc-trace-bin]
}

func ExampleCompose() {
	p := propagator.Compose(propagator.TraceContext(), propagator.B3Multi())
	sc := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 2}, tracewire.FlagSampled)
	out := http.Header{}
	p.InjectInto(carrier.HTTPHeader(out), sc)
	for _, k := range []string{"Traceparent", "X-B3-Traceid", "X-B3-Spanid", "X-B3-Sampled"} {
		fmt.Println(k+":", out.Get(k))
	}
	// Output:
	// Traceparent: 00-00000000000000000000000000000001-0000000000000002-01
	// X-B3-Traceid: 00000000000000000000000000000001
	// X-B3-Spanid: 0000000000000002
	// X-B3-Sampled: 1
}

func ExampleComposite_Inject() {
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	in := http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, "Baggage": {"user=alice"}}
	ctx, _ := tracewire.ContextWithChild(p.Extract(context.Background(), carrier.HTTPHeader(in)))

	// A reused carrier: the stale tracestate is removed, not left behind.
	out := http.Header{"Tracestate": {"stale=1"}}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out.Get("Traceparent")[:36], out.Get("Baggage"), len(out["Tracestate"]))
	// Output: 00-4bf92f3577b34da6a3ce929d0e0e4736- user=alice 0
}

func ExampleTraceContext() {
	sc, err := propagator.TraceContext().ExtractFrom(carrier.Map{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"})
	fmt.Println(sc.IsSampled(), sc.IsRandom(), err)
	// Output: true true <nil>
}

func ExampleB3() {
	out := carrier.Map{}
	sc := tracewire.NewSpanContext(tracewire.TraceID{15: 1}, tracewire.SpanID{7: 2}, 0)
	propagator.B3().InjectInto(out, sc)
	fmt.Println(out)
	// Output: map[b3:00000000000000000000000000000001-0000000000000002-0]
}

func ExampleB3Multi() {
	fmt.Println(propagator.B3Multi().Fields())
	// Output: [x-b3-traceid x-b3-spanid x-b3-parentspanid x-b3-sampled x-b3-flags]
}

func ExampleJaeger() {
	in := carrier.Map{"uber-trace-id": "a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "uberctx-tenant": "acme"}
	ctx := propagator.Jaeger().Extract(context.Background(), in)
	tenant, _ := baggage.FromContext(ctx).Get("tenant")
	fmt.Println(tracewire.SpanContextFromContext(ctx).TraceID(), tenant.Value())
	// Output: 0000000000000000a3ce929d0e0e4736 acme
}

func ExampleBaggage() {
	ctx := propagator.Baggage().Extract(context.Background(), carrier.Map{"baggage": "tier=gold"})
	m, _ := baggage.FromContext(ctx).Get("tier")
	fmt.Println(m.Value())
	// Output: gold
}

func ExampleUnknownError() {
	_, err := propagator.Parse("w3c,xray")
	var ue *propagator.UnknownError
	if errors.As(err, &ue) {
		fmt.Println(ue.Unknown)
	}
	// Output: [w3c]
}

func ExamplePassThroughValue() {
	ctx := propagator.PassThrough{Headers: []string{"x-tenant"}}.Extract(context.Background(), carrier.Map{"X-Tenant": "acme"})
	fmt.Println(propagator.PassThroughValue(ctx, "X-Tenant"))
	// Output: acme
}

// A gateway logs where the formats of a request disagree: ExtractAll
// shows every member's result, Resolve picks the winner from them without
// extracting again, and Links names the contexts it did not continue.
func ExampleComposite_ExtractAll() {
	h := http.Header{}
	h.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h.Set("B3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
	h.Set("Uber-Trace-Id", "0:1:0:1")
	c := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Jaeger())

	var buf [4]propagator.Result
	results := c.ExtractAll(carrier.HTTPHeader(h), buf[:0])
	for _, r := range results {
		fmt.Println(r.Format, r.SpanContext.IsValid(), r.Err)
	}
	sc, _ := c.Resolve(results)
	fmt.Println("continue", sc.TraceID())
	for _, l := range c.Links(nil, results) {
		fmt.Println("link", l)
	}
	// Output:
	// tracecontext true <nil>
	// b3 true <nil>
	// jaeger false uber-trace-id: all-zero trace id at offset 0
	// continue 4bf92f3577b34da6a3ce929d0e0e4736
	// link conflict 00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01
}

// Datadog's reparenting: a W3C-only hop between two Datadog services made
// a span the Datadog headers never heard of. Under Reparent the
// traceparent's span becomes the parent, and the span it replaced is
// reported as a link.
func ExampleReparent() {
	h := http.Header{}
	h.Set("X-B3-Traceid", "4bf92f3577b34da6a3ce929d0e0e4736")
	h.Set("X-B3-Spanid", "e457b5a2e4d86bd1")
	h.Set("X-B3-Sampled", "1")
	h.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	c := propagator.Composite{Members: []propagator.Propagator{propagator.B3Multi(), propagator.TraceContext()}, Policy: propagator.Reparent}

	results := c.ExtractAll(carrier.HTTPHeader(h), nil)
	sc, _ := c.Resolve(results)
	fmt.Println("parent", sc.SpanID())
	fmt.Println(c.Links(nil, results))
	// Output:
	// parent 00f067aa0ba902b7
	// [reparented 00-4bf92f3577b34da6a3ce929d0e0e4736-e457b5a2e4d86bd1-01]
}

func ExampleParsePolicy() {
	p, err := propagator.ParsePolicy("last-wins")
	c := propagator.Composite{Members: []propagator.Propagator{propagator.B3(), propagator.TraceContext()}, Policy: p}
	fmt.Println(c.Policy, err)
	// Output: last-wins <nil>
}

// A service that must run unchanged beside other OpenTelemetry SDKs
// configures strictly, so that a name only this module knows is caught
// where it is configured.
func ExampleParseStrict() {
	c, err := propagator.ParseStrict("tracecontext,cloudtrace")
	var ue *propagator.UnknownError
	if errors.As(err, &ue) {
		fmt.Println(ue.Unknown, c.Fields())
	}
	// Output: [cloudtrace] [traceparent tracestate]
}

// Behind a Google load balancer or on Cloud Run, a service joins the trace
// of X-Cloud-Trace-Context when the caller sent no traceparent, and sends
// only traceparent on: the cloudtrace member extracts and never injects.
func ExampleCloudTrace() {
	p := propagator.Compose(propagator.TraceContext(), propagator.CloudTrace())
	in := http.Header{}
	in.Set("X-Cloud-Trace-Context", "4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1")
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out)
	// Output: map[Traceparent:[00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01]]
}

// An X-Ray header's Lineage and the load balancer's Self field go on with
// the trace, even when another member's span context won.
func ExampleXRay() {
	p := propagator.Compose(propagator.TraceContext(), propagator.XRay())
	in := http.Header{}
	in.Set("Traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
	in.Set("X-Amzn-Trace-Id", "Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68")
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out.Get("X-Amzn-Trace-Id"))
	// Output: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-67891234-12456789abcdef012345678;Lineage=a87bd80c:1:68
}

// On AWS Lambda the function's context arrives in _X_AMZN_TRACE_ID when
// the event carries none.
func ExampleXRayLambda() {
	os.Setenv("_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	defer os.Unsetenv("_X_AMZN_TRACE_ID")
	sc, err := propagator.XRayLambda().ExtractFrom(carrier.HTTPHeader{})
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), err)
	// Output: 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 true <nil>
}

// OT baggage headers join W3C baggage; the W3C member wins a key both
// carry, whatever the member order.
func ExampleOTTrace() {
	p := propagator.Compose(propagator.OTTrace(), propagator.Baggage())
	in := http.Header{}
	in.Set("Ot-Tracer-Traceid", "a3ce929d0e0e4736")
	in.Set("Ot-Tracer-Spanid", "00f067aa0ba902b7")
	in.Set("Ot-Tracer-Sampled", "true")
	in.Set("Ot-Baggage-Tenant", "acme")
	in.Set("Ot-Baggage-User", "alice")
	in.Set("Baggage", "User=bob")
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	fmt.Println(baggage.Format(baggage.FromContext(ctx)))
	// Output: User=bob,tenant=acme
}

// Sentry SDKs send sentry-trace with their dynamic sampling context in
// W3C baggage; the two members carry both on.
func ExampleSentry() {
	p := propagator.Compose(propagator.Sentry(), propagator.Baggage())
	in := http.Header{}
	in.Set("Sentry-Trace", "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1")
	in.Set("Baggage", "sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-sample_rate=0.25")
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out.Get("Sentry-Trace"))
	fmt.Println(out.Get("Baggage"))
	// Output:
	// 771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1
	// sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-sample_rate=0.25
}
