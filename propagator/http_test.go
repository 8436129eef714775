package propagator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/propagator"
)

// Three services, each speaking another format, continue one trace: each
// receives its own format only, with its caller's span as the parent, and
// the baggage and the session header the client sent travel the chain.
func TestThreeHopChain(t *testing.T) {
	session := propagator.PassThrough{Headers: []string{"X-Session-Id"}}
	w3c, err := propagator.Parse("tracecontext,baggage")
	if err != nil {
		t.Fatal(err)
	}
	w3c.Members = append(w3c.Members, session)
	b3 := propagator.Compose(propagator.B3(), propagator.Baggage(), session)
	jaeger := propagator.Compose(propagator.Jaeger(), session)

	s3 := newService(t, propagator.Edge{Propagator: jaeger}, nil)
	s2 := newRelay(t, propagator.Edge{Propagator: b3}, jaeger, s3)
	s1 := newRelay(t, propagator.Edge{Propagator: w3c}, b3, s2)

	// The client: a new sampled trace with baggage and a session header it
	// sets itself.
	root := tracewire.NewRoot(tracewire.SamplingAccept)
	req, _ := http.NewRequestWithContext(callerContext(root, "alice smith", ""), http.MethodGet, s1.srv.URL, nil)
	req.Header.Set("X-Session-Id", "s-123")
	before := req.Header.Clone()
	do(t, &http.Client{Transport: &propagator.Transport{Propagator: w3c}}, req)
	if diff := cmp.Diff(before, req.Header); diff != "" {
		t.Errorf("the Transport modified the caller's request headers (-before +after):\n%s", diff)
	}

	h1, h2, h3 := s1.last(t), s2.last(t), s3.last(t)
	formats := func(h http.Header) []bool {
		return []bool{h.Get("Traceparent") != "", h.Get("B3") != "", h.Get("Uber-Trace-Id") != ""}
	}
	if diff := cmp.Diff([][]bool{{true, false, false}, {false, true, false}, {false, false, true}},
		[][]bool{formats(h1.Headers), formats(h2.Headers), formats(h3.Headers)}); diff != "" {
		t.Errorf("formats received (traceparent, b3, uber-trace-id) (-want +got):\n%s", diff)
	}
	type hopView struct {
		Trace, CallerSpan, Parent string
		Sampled, CallerRemote     bool
		Baggage, Session          string
	}
	view := func(v visit) hopView {
		return hopView{v.Own.TraceID().String(), v.Decision.Parent.SpanID().String(), v.Own.ParentSpanID().String(),
			v.Own.IsSampled(), v.Decision.Parent.IsRemote(), v.Baggage, v.Session}
	}
	trace := root.TraceID().String()
	want := []hopView{
		{trace, root.SpanID().String(), root.SpanID().String(), true, true, "user=alice%20smith", "s-123"},
		{trace, h1.Own.SpanID().String(), h1.Own.SpanID().String(), true, true, "user=alice%20smith", "s-123"},
		{trace, h2.Own.SpanID().String(), h2.Own.SpanID().String(), true, true, "user=alice%20smith", "s-123"},
	}
	if diff := cmp.Diff(want, []hopView{view(h1), view(h2), view(h3)}); diff != "" {
		t.Errorf("hops (-want +got):\n%s", diff)
	}
	distinct(t, root, h1.Own, h2.Own, h3.Own)
}

func TestMiddlewareWithoutHeaders(t *testing.T) {
	var seen propagator.Decision
	var own tracewire.SpanContext
	var mu sync.Mutex
	h := propagator.Middleware(propagator.TraceContext(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen, _ = propagator.DecisionFromContext(r.Context())
		own = tracewire.SpanContextFromContext(r.Context())
		mu.Unlock()
	}))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", "00-"+tT+"-"+tP+"-01-extra")
	h.ServeHTTP(httptest.NewRecorder(), r)
	if seen.Parent.IsValid() {
		t.Errorf("invalid traceparent produced a parent: %v", seen.Parent.TraceID())
	}
	if !own.IsValid() || !own.IsSampled() || own.ParentSpanID().IsValid() || own.TraceID().String() == tT {
		t.Errorf("without a valid caller the service should start a sampled root, got %v", own)
	}
	r.Header.Set("Traceparent", tp)
	h.ServeHTTP(httptest.NewRecorder(), r)
	if seen.Parent.TraceID().String() != tT || !seen.Parent.IsRemote() {
		t.Errorf("valid traceparent not extracted: %v", seen.Parent.TraceID())
	}
	if own.TraceID().String() != tT || own.ParentSpanID().String() != tP || own.IsRemote() {
		t.Errorf("the service's span should be a local child of the caller's, got %v", own)
	}
}

type recordingRT struct{ got http.Header }

func (rt *recordingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.got = r.Header
	return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
}

func TestTransportNilHeader(t *testing.T) {
	rt := &recordingRT{}
	sc := tracewire.NewSpanContext(tracewire.TraceID{1}, tracewire.SpanID{2}, tracewire.FlagSampled)
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.invalid/", nil)
	req.Header = nil
	resp, err := (&propagator.Transport{Base: rt, Propagator: propagator.TraceContext()}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := rt.got.Get("Traceparent"), "00-01000000000000000000000000000000-0200000000000000-01"; got != want {
		t.Errorf("traceparent = %q, want %q", got, want)
	}
	if req.Header != nil {
		t.Error("the caller's request was modified")
	}
}
