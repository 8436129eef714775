package propagator_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/propagator"
)

// hopRecord is what one server saw of its caller and what it became.
type hopRecord struct {
	Remote  tracewire.SpanContext // the caller's context, as extracted
	Own     tracewire.SpanContext // the server's span, a child of Remote
	User    string                // baggage "user"
	Session string                // pass-through x-session-id
	Headers http.Header
}

// hop starts a server that extracts with in, records, and (if next is not
// empty) calls next with r.Context() through a Transport that injects with
// out.
func hop(t *testing.T, in, out propagator.Propagator, next *string, rec *hopRecord) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(propagator.Middleware(in, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		d, _ := propagator.DecisionFromContext(ctx)
		m, _ := baggage.FromContext(ctx).Get("user")
		*rec = hopRecord{
			Remote:  d.Parent,
			Own:     tracewire.SpanContextFromContext(ctx),
			User:    m.Value(),
			Session: propagator.PassThroughValue(ctx, "X-Session-Id"),
			Headers: r.Header.Clone(),
		}
		if next != nil && *next != "" {
			client := &http.Client{Transport: &propagator.Transport{Propagator: out}}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, *next, nil)
			resp, err := client.Do(req)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		io.WriteString(w, "ok")
	})))
	t.Cleanup(srv.Close)
	return srv
}

func TestThreeHopChain(t *testing.T) {
	session := propagator.PassThrough{Headers: []string{"X-Session-Id"}}
	w3c, err := propagator.Parse("tracecontext,baggage")
	if err != nil {
		t.Fatal(err)
	}
	w3c.Members = append(w3c.Members, session)
	b3 := propagator.Compose(propagator.B3(), propagator.Baggage(), session)
	jaeger := propagator.Compose(propagator.Jaeger(), session)

	var rec1, rec2, rec3 hopRecord
	var url2, url3 string
	s3 := hop(t, jaeger, nil, nil, &rec3)
	url3 = s3.URL
	s2 := hop(t, b3, jaeger, &url3, &rec2)
	url2 = s2.URL
	s1 := hop(t, w3c, b3, &url2, &rec1)

	// The client: a new sampled trace with baggage and a session header.
	root := tracewire.NewRoot(tracewire.SamplingAccept)
	ctx := tracewire.ContextWithSpanContext(context.Background(), root)
	var bd baggage.Builder
	if err := bd.Set("user", "alice smith"); err != nil {
		t.Fatal(err)
	}
	ctx = baggage.ContextWith(ctx, bd.Baggage())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s1.URL, nil)
	req.Header.Set("X-Session-Id", "s-123")
	before := req.Header.Clone()
	client := &http.Client{Transport: &propagator.Transport{Propagator: w3c}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if diff := cmp.Diff(before, req.Header); diff != "" {
		t.Errorf("the Transport modified the caller's request headers (-before +after):\n%s", diff)
	}

	// Each hop saw its own format, the same trace, and its caller as parent.
	if got := rec1.Headers.Get("Traceparent"); got == "" || rec1.Headers.Get("B3") != "" {
		t.Errorf("hop 1 should receive W3C only, got %v", rec1.Headers)
	}
	if rec2.Headers.Get("B3") == "" || rec2.Headers.Get("Traceparent") != "" {
		t.Errorf("hop 2 should receive B3 only, got %v", rec2.Headers)
	}
	if rec3.Headers.Get("Uber-Trace-Id") == "" || rec3.Headers.Get("B3") != "" {
		t.Errorf("hop 3 should receive Jaeger only, got %v", rec3.Headers)
	}
	type hopView struct {
		Trace, RemoteSpan, Parent string
		Sampled, Remote           bool
		User, Session             string
	}
	view := func(r hopRecord) hopView {
		return hopView{r.Remote.TraceID().String(), r.Remote.SpanID().String(), r.Own.ParentSpanID().String(),
			r.Remote.IsSampled(), r.Remote.IsRemote(), r.User, r.Session}
	}
	trace := root.TraceID().String()
	want := []hopView{
		{trace, root.SpanID().String(), root.SpanID().String(), true, true, "alice smith", "s-123"},
		{trace, rec1.Own.SpanID().String(), rec1.Own.SpanID().String(), true, true, "alice smith", "s-123"},
		{trace, rec2.Own.SpanID().String(), rec2.Own.SpanID().String(), true, true, "alice smith", "s-123"},
	}
	if diff := cmp.Diff(want, []hopView{view(rec1), view(rec2), view(rec3)}); diff != "" {
		t.Errorf("hops (-want +got):\n%s", diff)
	}
	spans := map[tracewire.SpanID]bool{root.SpanID(): true, rec1.Own.SpanID(): true, rec2.Own.SpanID(): true, rec3.Own.SpanID(): true}
	if len(spans) != 4 {
		t.Errorf("span ids repeat along the chain: %v", spans)
	}
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
