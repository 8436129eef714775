package interop

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/propagator"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// A tracewire edge in front of an OpenTelemetry-Go service with the SDK's
// default settings (sampler ParentBased(AlwaysSample), W3C Trace Context):
// the backend records its span, and the span's parent is the edge's span,
// whether the edge started the trace, continued a trusted caller's, or
// restarted an untrusted caller's unsampled one.
func TestEdgeInFrontOfOTelSDK(t *testing.T) {
	const callerTrace, callerSpan = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	restart := func(*http.Request) propagator.TrustPolicy { return propagator.Restart }
	tests := []struct {
		name      string
		edge      propagator.Edge
		header    string // the caller's traceparent, if any
		sameTrace bool   // the edge continues the caller's trace
	}{
		{"the edge starts the trace", propagator.Edge{}, "", false},
		{"the edge continues a sampled caller", propagator.Edge{}, "00-" + callerTrace + "-" + callerSpan + "-01", true},
		{"the edge restarts an unsampled untrusted caller", propagator.Edge{Trust: restart}, "00-" + callerTrace + "-" + callerSpan + "-00", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := tracetest.NewSpanRecorder()
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
			t.Cleanup(func() { tp.Shutdown(context.Background()) })
			tracer := tp.Tracer("backend")
			otelProp := propagation.TraceContext{}
			backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctx := otelProp.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
				_, span := tracer.Start(ctx, "GET /stock", trace.WithSpanKind(trace.SpanKindServer))
				span.End()
			}))
			t.Cleanup(backend.Close)

			var own tracewire.SpanContext
			client := &http.Client{Transport: &propagator.Transport{}}
			edge := httptest.NewServer(tc.edge.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				own = tracewire.SpanContextFromContext(r.Context())
				req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, backend.URL, nil)
				resp, err := client.Do(req)
				if err != nil {
					http.Error(w, err.Error(), http.StatusBadGateway)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			})))
			t.Cleanup(edge.Close)

			req, _ := http.NewRequest(http.MethodGet, edge.URL, nil)
			if tc.header != "" {
				req.Header.Set("Traceparent", tc.header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()

			spans := rec.Ended()
			if len(spans) != 1 {
				t.Fatalf("the backend recorded %d spans, want 1", len(spans))
			}
			s := spans[0]
			type view struct {
				Trace, Parent             string
				Sampled, ParentRemote     bool
				CallerTrace, ParentCaller bool
			}
			got := view{
				Trace:        s.SpanContext().TraceID().String(),
				Parent:       s.Parent().SpanID().String(),
				Sampled:      s.SpanContext().IsSampled(),
				ParentRemote: s.Parent().IsRemote(),
				CallerTrace:  s.SpanContext().TraceID().String() == callerTrace,
				ParentCaller: s.Parent().SpanID().String() == callerSpan,
			}
			want := view{
				Trace:        own.TraceID().String(),
				Parent:       own.SpanID().String(),
				Sampled:      true,
				ParentRemote: true,
				CallerTrace:  tc.sameTrace,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("backend span (-want +got):\n%s", diff)
			}
		})
	}
}
