package propagator_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// A public service continues the traces of its own network and restarts
// everyone else's: the caller's context becomes a link, this service's
// sampler decides (nil keeps every trace), and Server-Timing tells the
// caller which trace its request started.
func ExampleEdge() {
	edge := propagator.Edge{
		Trust:        propagator.TrustWhen(propagator.FromNetworks(netip.MustParsePrefix("10.0.0.0/8")), propagator.Restart),
		ServerTiming: true,
	}
	handler := edge.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		span := tracewire.SpanContextFromContext(r.Context()) // this service's span; send r.Context() on
		d, _ := propagator.DecisionFromContext(r.Context())
		fmt.Println("policy:", d.Policy)
		fmt.Println("caller's trace kept:", span.TraceID().String() == "4bf92f3577b34da6a3ce929d0e0e4736")
		fmt.Println("sampled:", span.IsSampled())
		fmt.Println("link:", d.Link)
	}))

	r := httptest.NewRequest(http.MethodGet, "/", nil) // from 192.0.2.1, outside 10.0.0.0/8
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	fmt.Println("server-timing:", w.Header().Get("Server-Timing")[:len("trace;desc=00-")])
	// Output:
	// policy: restart
	// caller's trace kept: false
	// sampled: true
	// link: restarted 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00
	// server-timing: trace;desc=00-
}

// A proxy applies the same policy without a context.Context: Decide, then
// write the decided context into the headers it forwards.
func ExampleEdge_Decide() {
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	edge := propagator.Edge{Propagator: p, Trust: propagator.TrustWhen(propagator.HeaderEquals("X-Gateway", "internal"), propagator.Ignore)}

	in := httptest.NewRequest(http.MethodGet, "/", nil)
	in.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	in.Header.Set("Baggage", "user=mallory")
	d := edge.Decide(in)

	out := in.Header.Clone()
	if !d.KeepBaggage {
		p.ClearFields(carrier.HTTPHeader(out)) // the caller's trace and baggage headers
	}
	p.InjectInto(carrier.HTTPHeader(out), d.Span) // this hop's context
	fmt.Println(d.Policy, strings.Contains(out.Get("Traceparent"), "4bf92f3577b34da6a3ce929d0e0e4736"), out.Get("Baggage") == "")
	// Output: ignore false true
}

// roundTripFunc lets an example stand in for the network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The trace context goes to the company's own hosts only.
func ExampleAllowHosts() {
	network := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		fmt.Printf("%s: traceparent %q\n", r.URL.Host, r.Header.Get("Traceparent"))
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})
	client := &http.Client{Transport: &propagator.Transport{
		Base:  network,
		Allow: propagator.AllowHosts("*.example.internal", "billing.example.com"),
	}}

	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ctx := tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	for _, u := range []string{"http://orders.example.internal/", "https://billing.example.com/", "https://api.payments.example/"} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	// Output:
	// orders.example.internal: traceparent "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	// billing.example.com: traceparent "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	// api.payments.example: traceparent ""
}

// Elastic's restart_external: continue the traces that carry our own
// tracestate member, restart the rest.
func ExampleHasTraceStateMember() {
	trust := propagator.TrustWhen(propagator.HasTraceStateMember("acme"), propagator.Restart)
	ours := httptest.NewRequest(http.MethodGet, "/", nil)
	ours.Header.Set("Tracestate", "acme=s1,rojo=00f067aa0ba902b7")
	theirs := httptest.NewRequest(http.MethodGet, "/", nil)
	theirs.Header.Set("Tracestate", "rojo=00f067aa0ba902b7")
	fmt.Println(trust(ours), trust(theirs))
	// Output: continue restart
}

// The trust policy can come from configuration.
func ExampleParseTrust() {
	trust, err := propagator.ParseTrust("restart-external:acme")
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	fmt.Println(trust(r), err)

	_, err = propagator.ParseTrust("sometimes")
	fmt.Println(err)
	// Output:
	// restart <nil>
	// propagator: TRACEWIRE_TRUST: unknown value "sometimes" (continue, restart, ignore or restart-external:KEY); restarting every trace
}

// The sampler can come from OpenTelemetry's variables: the edge follows
// every caller it continues, so a sampler decides only the traces the edge
// starts, and parentbased_traceidratio keeps the same fraction of them as
// an OpenTelemetry SDK configured alike.
func ExampleParseSampler() {
	s, err := propagator.ParseSampler("parentbased_traceidratio", "0.25")
	fmt.Printf("%#x %v\n", s.(tracewire.RatioSampler).Threshold(), err)

	s, err = propagator.ParseSampler("xray", "")
	fmt.Println(s, err)
	// Output:
	// 0xc0000000000000 <nil>
	// <nil> propagator: OTEL_TRACES_SAMPLER: "xray" needs a remote sampling service, which the edge does not support; sampling every root (parentbased_always_on)
}

// The whole edge from the environment: OTEL_PROPAGATORS,
// TRACEWIRE_PASSTHROUGH and TRACEWIRE_TRUST. The same Propagator goes to
// the service's Transport, so that what the edge extracts goes out again.
func ExampleEdgeFromEnv() {
	os.Setenv("OTEL_PROPAGATORS", "tracecontext,baggage")
	os.Setenv("TRACEWIRE_PASSTHROUGH", "x-session-id")
	os.Setenv("TRACEWIRE_TRUST", "ignore")
	defer func() {
		for _, k := range []string{"OTEL_PROPAGATORS", "TRACEWIRE_PASSTHROUGH", "TRACEWIRE_TRUST"} {
			os.Unsetenv(k)
		}
	}()

	edge, err := propagator.EdgeFromEnv()
	if err != nil {
		fmt.Println("warning:", err)
	}
	handler := edge.Handler(http.NotFoundHandler())
	transport := &propagator.Transport{Propagator: edge.Propagator}
	_ = &http.Server{Handler: handler}
	fmt.Println(transport.Propagator.Fields(), edge.Trust(httptest.NewRequest(http.MethodGet, "/", nil)))
	// Output: [traceparent tracestate baggage x-session-id] ignore
}

// A service at the edge issues a session id that then travels with the
// trace, as if a caller had sent it.
func ExampleContextWithPassThrough() {
	p := propagator.Compose(propagator.TraceContext(), propagator.PassThrough{Headers: []string{"X-Session-Id"}})
	handler := propagator.Edge{Propagator: p}.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if propagator.PassThroughValue(ctx, "X-Session-Id") == "" {
			ctx = propagator.ContextWithPassThrough(ctx, "X-Session-Id", "s-42")
		}
		out := http.Header{} // the headers of a request to the next service
		p.Inject(ctx, carrier.HTTPHeader(out))
		fmt.Println(out.Get("X-Session-Id"), out.Get("Traceparent") != "")
	}))
	handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	// Output: s-42 true
}

// A handler reads its caller's context beside its own.
func ExampleDecisionFromContext() {
	handler := propagator.Edge{}.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, _ := propagator.DecisionFromContext(r.Context())
		own := tracewire.SpanContextFromContext(r.Context())
		fmt.Println("caller:", d.Parent.SpanID())
		fmt.Println("own parent:", own.ParentSpanID())
		fmt.Println("same trace:", own.TraceID() == d.Parent.TraceID(), "new span:", own.SpanID() != d.Parent.SpanID())
	}))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	handler.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// caller: 00f067aa0ba902b7
	// own parent: 00f067aa0ba902b7
	// same trace: true new span: true
}

// A caller whose traceparent and b3 headers name different traces (a
// proxy rewrote one): the edge continues the first format's, and the
// other trace is in the Decision's Links, to record on this service's span.
func ExampleDecision_links() {
	edge := propagator.Edge{Propagator: propagator.Compose(propagator.TraceContext(), propagator.B3())}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	r.Header.Set("B3", "a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-1")
	d := edge.Decide(r)
	fmt.Println("parent:", d.Parent)
	for _, l := range d.Links {
		fmt.Println("link:", l)
	}
	// Output:
	// parent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
	// link: conflict 00-a3ce929d0e0e47364bf92f3577b34da6-1111111111111111-01
}
