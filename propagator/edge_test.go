package propagator_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// visit is what one service saw of one request.
type visit struct {
	Decision propagator.Decision
	Own      tracewire.SpanContext // the span context in r.Context()
	Baggage  string                // the baggage in r.Context(), formatted
	Session  string                // pass-through x-session-id in r.Context()
	Headers  http.Header
}

// service is an httptest server on 127.0.0.1 behind an Edge. It records
// every request and, if next is set, calls next with r.Context() through
// a Transport with the edge's propagator, as a handler naturally would.
type service struct {
	srv    *httptest.Server
	next   *service
	client *http.Client
	mu     sync.Mutex
	visits []visit
}

func newService(t *testing.T, e propagator.Edge, next *service) *service {
	t.Helper()
	return newRelay(t, e, e.Propagator, next)
}

// newRelay is newService with another propagator for the calls to next.
func newRelay(t *testing.T, e propagator.Edge, out propagator.Propagator, next *service) *service {
	t.Helper()
	s := &service{next: next}
	s.client = &http.Client{Transport: &propagator.Transport{Propagator: out}}
	s.srv = httptest.NewServer(e.Handler(http.HandlerFunc(s.serve)))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *service) serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, ok := propagator.DecisionFromContext(ctx)
	if !ok {
		http.Error(w, "no decision in the context", http.StatusInternalServerError)
		return
	}
	s.mu.Lock()
	s.visits = append(s.visits, visit{
		Decision: d,
		Own:      tracewire.SpanContextFromContext(ctx),
		Baggage:  baggage.FromContext(ctx).String(),
		Session:  propagator.PassThroughValue(ctx, "x-session-id"),
		Headers:  r.Header.Clone(),
	})
	s.mu.Unlock()
	if s.next != nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.next.srv.URL, nil)
		resp, err := s.client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
	}
}

// callerContext returns a client's context: span sc, baggage user=user
// and, unless empty, pass-through x-session-id.
func callerContext(sc tracewire.SpanContext, user, session string) context.Context {
	ctx := tracewire.ContextWithSpanContext(context.Background(), sc)
	var bd baggage.Builder
	bd.Set("user", user)
	ctx = baggage.ContextWith(ctx, bd.Baggage())
	if session != "" {
		ctx = propagator.ContextWithPassThrough(ctx, "x-session-id", session)
	}
	return ctx
}

// last returns the service's latest visit.
func (s *service) last(t *testing.T) visit {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.visits) == 0 {
		t.Fatal("the service was not called")
	}
	return s.visits[len(s.visits)-1]
}

// call sends a GET to url with the given header lines ("Name", "value",
// ...) through a plain client, and returns the response headers.
func call(t *testing.T, url string, lines ...string) http.Header {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(lines); i += 2 {
		req.Header.Add(lines[i], lines[i+1])
	}
	return do(t, http.DefaultClient, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) http.Header {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	return resp.Header
}

// hopView is the part of a visit the chain tests compare: ids as strings,
// so that a diff reads.
type hopView struct {
	Policy            string
	CallerSpan        string // Decision.Parent's span id
	Trace, Parent     string // the service's own span: trace and parent span ids
	Sampled, Remote   bool
	Link              string
	Baggage, Session  string
	SentParentSpanHdr string // the span id in the traceparent received
}

func view(v visit) hopView {
	hv := hopView{
		Policy:     v.Decision.Policy.String(),
		CallerSpan: spanOrEmpty(v.Decision.Parent.SpanID()),
		Trace:      v.Own.TraceID().String(),
		Parent:     spanOrEmpty(v.Own.ParentSpanID()),
		Sampled:    v.Own.IsSampled(),
		Remote:     v.Own.IsRemote(),
		Baggage:    v.Baggage,
		Session:    v.Session,
	}
	if v.Decision.Link.Reason != 0 {
		hv.Link = v.Decision.Link.String()
	}
	if sc, err := traceparent.Parse(v.Headers.Get("Traceparent")); err == nil {
		hv.SentParentSpanHdr = sc.SpanID().String()
	}
	return hv
}

func spanOrEmpty(s tracewire.SpanID) string {
	if !s.IsValid() {
		return ""
	}
	return s.String()
}

// w3cSession is the propagator of the chain tests: W3C Trace Context,
// Baggage and a pass-through session header.
func w3cSession() propagator.Composite {
	return propagator.Compose(propagator.TraceContext(), propagator.Baggage(), propagator.PassThrough{Headers: []string{"X-Session-Id"}})
}

func TestEdgeContinueThreeHops(t *testing.T) {
	p := w3cSession()
	s3 := newService(t, propagator.Edge{Propagator: p}, nil)
	s2 := newService(t, propagator.Edge{Propagator: p}, s3)
	s1 := newService(t, propagator.Edge{Propagator: p}, s2)

	t.Run("caller starts the trace", func(t *testing.T) {
		root := tracewire.NewRoot(nil)
		ctx := callerContext(root, "alice", "s-1")
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s1.srv.URL, nil)
		do(t, &http.Client{Transport: &propagator.Transport{Propagator: p}}, req)

		h1, h2, h3 := s1.last(t), s2.last(t), s3.last(t)
		trace := root.TraceID().String()
		want := []hopView{
			{"continue", root.SpanID().String(), trace, root.SpanID().String(), true, false, "", "user=alice", "s-1", root.SpanID().String()},
			{"continue", h1.Own.SpanID().String(), trace, h1.Own.SpanID().String(), true, false, "", "user=alice", "s-1", h1.Own.SpanID().String()},
			{"continue", h2.Own.SpanID().String(), trace, h2.Own.SpanID().String(), true, false, "", "user=alice", "s-1", h2.Own.SpanID().String()},
		}
		if diff := cmp.Diff(want, []hopView{view(h1), view(h2), view(h3)}); diff != "" {
			t.Errorf("hops (-want +got):\n%s", diff)
		}
		distinct(t, root, h1.Own, h2.Own, h3.Own)
	})

	t.Run("first service starts the trace", func(t *testing.T) {
		call(t, s1.srv.URL)
		h1, h2, h3 := s1.last(t), s2.last(t), s3.last(t)
		if h1.Decision.Parent != (tracewire.SpanContext{}) || h1.Own.ParentSpanID().IsValid() || !h1.Own.IsSampled() || !h1.Own.IsRandom() {
			t.Errorf("the first service should start a sampled random root, got %v (caller %v)", h1.Own, h1.Decision.Parent)
		}
		trace := h1.Own.TraceID().String()
		want := []hopView{
			{"continue", h1.Own.SpanID().String(), trace, h1.Own.SpanID().String(), true, false, "", "", "", h1.Own.SpanID().String()},
			{"continue", h2.Own.SpanID().String(), trace, h2.Own.SpanID().String(), true, false, "", "", "", h2.Own.SpanID().String()},
		}
		if diff := cmp.Diff(want, []hopView{view(h2), view(h3)}); diff != "" {
			t.Errorf("hops 2 and 3 (-want +got):\n%s", diff)
		}
		distinct(t, h1.Own, h2.Own, h3.Own)
	})
}

// distinct fails unless every span id differs.
func distinct(t *testing.T, scs ...tracewire.SpanContext) {
	t.Helper()
	seen := map[tracewire.SpanID]bool{}
	for _, sc := range scs {
		if seen[sc.SpanID()] {
			t.Errorf("span id %v repeats along the chain", sc.SpanID())
		}
		seen[sc.SpanID()] = true
	}
}

// trustAll returns an Edge.Trust that picks p for every request.
func trustAll(p propagator.TrustPolicy) func(*http.Request) propagator.TrustPolicy {
	return func(*http.Request) propagator.TrustPolicy { return p }
}

// An untrusted caller: restart (new trace, link, Server-Timing) or ignore
// (new trace, nothing kept). Its baggage and pass-through headers are
// dropped unless a restart keeps them.
func TestEdgeRestartAndIgnore(t *testing.T) {
	tests := []struct {
		name   string
		edge   propagator.Edge
		caller string // the caller's traceparent
		link   bool   // a restarted link to the caller is reported
		keep   bool   // the caller's baggage and session survive
	}{
		{"restart", propagator.Edge{Trust: trustAll(propagator.Restart), ServerTiming: true}, tp, true, false},
		{"restart keeping baggage", propagator.Edge{Trust: trustAll(propagator.Restart), ServerTiming: true, RestartKeepsBaggage: true}, tp, true, true},
		{"ignore", propagator.Edge{Trust: trustAll(propagator.Ignore), RestartKeepsBaggage: true}, tp0, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := w3cSession()
			s2 := newService(t, propagator.Edge{Propagator: p}, nil)
			e := tc.edge
			e.Propagator = p
			s1 := newService(t, e, s2)
			resp := call(t, s1.srv.URL, "Traceparent", tc.caller, "Baggage", "user=mallory", "X-Session-Id", "s-9")

			h1, h2 := s1.last(t), s2.last(t)
			trace := h1.Own.TraceID().String()
			if trace == tT {
				t.Fatalf("%s kept the caller's trace id", tc.edge.Trust(nil))
			}
			bag, session, link := "", "", ""
			if tc.keep {
				bag, session = "user=mallory", "s-9"
			}
			if tc.link {
				link = "restarted " + tc.caller
			}
			own := h1.Own.SpanID().String()
			want := []hopView{
				{tc.edge.Trust(nil).String(), "", trace, "", true, false, link, bag, session, tP},
				{"continue", own, trace, own, true, false, "", bag, session, own},
			}
			if diff := cmp.Diff(want, []hopView{view(h1), view(h2)}); diff != "" {
				t.Errorf("hops (-want +got):\n%s", diff)
			}
			if got := h1.Decision.Link.SpanContext; tc.link && (!got.IsRemote() || got.TraceID().String() != tT) {
				t.Errorf("link context = %v, want the caller's, remote", got)
			}
			st, err := traceparent.ParseServerTiming(resp.Get("Server-Timing"))
			switch {
			case !tc.edge.ServerTiming:
				if got := resp.Values("Server-Timing"); len(got) != 0 {
					t.Errorf("Server-Timing sent without the option: %q", got)
				}
			case err != nil || st.TraceID() != h1.Own.TraceID() || st.SpanID() != h1.Own.SpanID() || st.Flags() != h1.Own.Flags():
				t.Errorf("Server-Timing %q (%v) does not name the new span %v", resp.Get("Server-Timing"), err, h1.Own)
			}
		})
	}
}

func TestEdgeTrustByRemoteAddress(t *testing.T) {
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	private := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		policy  string
		trace   bool // the caller's trace continued
	}{
		{"caller in a trusted network", loopback, "continue", true},
		{"caller outside the trusted networks", private, "restart", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, propagator.Edge{Trust: propagator.TrustWhen(propagator.FromNetworks(tc.trusted...), propagator.Restart)}, nil)
			call(t, s.srv.URL, "Traceparent", tp)
			v := s.last(t)
			got := struct {
				Policy string
				Trace  bool
				Parent string
			}{v.Decision.Policy.String(), v.Own.TraceID().String() == tT, spanOrEmpty(v.Own.ParentSpanID())}
			want := got
			want.Policy, want.Trace, want.Parent = tc.policy, tc.trace, ""
			if tc.trace {
				want.Parent = tP
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// A cloud load balancer injects its own traceparent, not sampled, in front
// of a service. A service that continues it records nothing; one that
// restarts untrusted callers decides with its own sampler, which keeps
// everything, and links to the balancer's context.
func TestEdgeBehindLoadBalancer(t *testing.T) {
	const lbTrace, lbSpan = "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"
	balancer := func(t *testing.T, backend *service) string {
		u, _ := url.Parse(backend.srv.URL)
		rp := httputil.NewSingleHostReverseProxy(u)
		direct := rp.Director
		rp.Director = func(r *http.Request) {
			direct(r)
			r.Header.Set("Traceparent", "00-"+lbTrace+"-"+lbSpan+"-00")
		}
		lb := httptest.NewServer(rp)
		t.Cleanup(lb.Close)
		return lb.URL
	}
	tests := []struct {
		name string
		edge propagator.Edge
		want []hopView // the service and its backend; "" ids filled in below
	}{
		{"continue: the balancer decides, nothing is recorded", propagator.Edge{}, []hopView{
			{Policy: "continue", CallerSpan: lbSpan, Trace: lbTrace, Parent: lbSpan, Sampled: false, SentParentSpanHdr: lbSpan},
			{Policy: "continue", Trace: lbTrace, Sampled: false},
		}},
		{"restart: the service's sampler decides", propagator.Edge{Trust: trustAll(propagator.Restart), Sampler: tracewire.SamplingAccept}, []hopView{
			{Policy: "restart", Sampled: true, Link: "restarted 00-" + lbTrace + "-" + lbSpan + "-00", SentParentSpanHdr: lbSpan},
			{Policy: "continue", Sampled: true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			backend := newService(t, propagator.Edge{}, nil)
			svc := newService(t, tc.edge, backend)
			call(t, balancer(t, svc), "Traceparent", "00-"+tT+"-"+tP+"-01")
			h1, h2 := svc.last(t), backend.last(t)
			want := tc.want
			if want[0].Trace == "" {
				want[0].Trace = h1.Own.TraceID().String()
				if want[0].Trace == lbTrace || want[0].Trace == tT {
					t.Errorf("restart kept trace %s", want[0].Trace)
				}
			}
			want[1].Trace = want[0].Trace
			own := h1.Own.SpanID().String()
			want[1].CallerSpan, want[1].Parent, want[1].SentParentSpanHdr = own, own, own
			if diff := cmp.Diff(want, []hopView{view(h1), view(h2)}); diff != "" {
				t.Errorf("hops (-want +got):\n%s", diff)
			}
		})
	}
}

// Three services that sample half the traces by ratio make the same
// decision for each trace: called in a chain (the first decides, the
// others follow) or each on its own. The callers send B3 ids without a
// decision, which asks the receiver to decide.
func TestEdgeRatioSamplerAgrees(t *testing.T) {
	e := propagator.Edge{Propagator: propagator.B3Multi(), Sampler: tracewire.NewRatioSampler(0.5)}
	s3 := newService(t, e, nil)
	s2 := newService(t, e, s3)
	s1 := newService(t, e, s2)
	chain := []*service{s1, s2, s3}
	sampled := 0
	for i := range 16 {
		// The low 56 bits start with byte 9: at or above 0x80, kept.
		id := tracewire.TraceID{0: 0xab, 9: byte(i * 17), 15: byte(i + 1)}
		want := id[9] >= 0x80
		if want {
			sampled++
		}
		for entry := range chain {
			call(t, chain[entry].srv.URL, "X-B3-TraceId", id.String(), "X-B3-SpanId", tP)
			for _, s := range chain[entry:] {
				v := s.last(t)
				if v.Own.TraceID() != id || v.Own.IsSampled() != want {
					t.Errorf("trace %v entering at service %d: service %d has %v sampled=%v, want sampled=%v",
						id, entry+1, indexOf(chain, s)+1, v.Own.TraceID(), v.Own.IsSampled(), want)
				}
			}
		}
	}
	if sampled != 8 {
		t.Fatalf("test ids: %d of 16 sampled, want 8", sampled)
	}
}

func indexOf(list []*service, s *service) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// A Transport with an allowlist sends the trace context to the listed
// hosts and none at all to the others, even what the caller's request
// already carried.
func TestTransportAllowlist(t *testing.T) {
	var mu sync.Mutex
	got := map[string]http.Header{}
	record := func(name string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			got[name] = r.Header.Clone()
			mu.Unlock()
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	addrs := map[string]string{
		"api.internal.test": record("internal").Listener.Addr().String(),
		"tracker.example":   record("third party").Listener.Addr().String(),
	}
	base := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		var d net.Dialer
		return d.DialContext(ctx, network, addrs[host])
	}}
	t.Cleanup(base.CloseIdleConnections)
	p := w3cSession()
	client := &http.Client{Transport: &propagator.Transport{Base: base, Propagator: p, Allow: propagator.AllowHosts("*.internal.test")}}

	root := tracewire.NewRoot(nil)
	ctx := callerContext(root, "alice", "s-1")
	for _, host := range []string{"api.internal.test", "tracker.example"} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+host+"/", nil)
		// A proxy that copied its incoming headers.
		req.Header.Set("Traceparent", tp)
		req.Header.Set("Tracestate", "rojo=1")
		req.Header.Set("Baggage", "user=mallory")
		req.Header.Set("X-App", "1")
		before := req.Header.Clone()
		do(t, client, req)
		if diff := cmp.Diff(before, req.Header); diff != "" {
			t.Errorf("%s: the caller's headers changed (-before +after):\n%s", host, diff)
		}
	}
	pick := func(h http.Header) map[string]string {
		out := map[string]string{}
		for _, k := range []string{"Traceparent", "Tracestate", "Baggage", "X-Session-Id", "X-App"} {
			if v := h.Get(k); v != "" {
				out[k] = v
			}
		}
		return out
	}
	want := map[string]map[string]string{
		"internal":    {"Traceparent": traceparent.Format(root), "Baggage": "user=alice", "X-Session-Id": "s-1", "X-App": "1"},
		"third party": {"X-App": "1"},
	}
	gotPicked := map[string]map[string]string{}
	for k, h := range got {
		gotPicked[k] = pick(h)
	}
	if diff := cmp.Diff(want, gotPicked); diff != "" {
		t.Errorf("headers received (-want +got):\n%s", diff)
	}
}

func TestTransportZeroValue(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
	defer srv.Close()
	client := &http.Client{Transport: &propagator.Transport{}}

	root := tracewire.NewRoot(nil)
	req, _ := http.NewRequestWithContext(callerContext(root, "alice", ""), http.MethodGet, srv.URL, nil)
	do(t, client, req)
	if diff := cmp.Diff([]string{traceparent.Format(root), "user=alice"}, []string{got.Get("Traceparent"), got.Get("Baggage")}); diff != "" {
		t.Errorf("zero Transport injected (-want +got):\n%s", diff)
	}

	req, _ = http.NewRequest(http.MethodGet, srv.URL, nil)
	do(t, client, req)
	if got.Get("Traceparent") != "" || got.Get("Baggage") != "" {
		t.Errorf("a request without a trace got %v", got)
	}
}

func TestEdgeConstruction(t *testing.T) {
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	tests := []struct {
		name  string
		build func()
		panic string
	}{
		{"Middleware nil handler", func() { propagator.Middleware(propagator.TraceContext(), nil) }, "propagator: Middleware: nil handler"},
		{"Middleware nil propagator", func() { propagator.Middleware(nil, ok) }, "propagator: Middleware: nil Propagator (use Edge{}.Handler for the default propagators)"},
		{"Edge nil handler", func() { propagator.Edge{}.Handler(nil) }, "propagator: Edge.Handler: nil handler"},
		{"zero Edge", func() { propagator.Edge{}.Handler(ok) }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := func() (msg string) {
				defer func() {
					if r := recover(); r != nil {
						msg, _ = r.(string)
					}
				}()
				tc.build()
				return ""
			}()
			if got != tc.panic {
				t.Errorf("panic %q, want %q", got, tc.panic)
			}
		})
	}
}

// The zero Edge extracts W3C Trace Context and Baggage.
func TestEdgeZeroValue(t *testing.T) {
	var v visit
	h := propagator.Edge{}.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.Own = tracewire.SpanContextFromContext(r.Context())
		v.Baggage = baggage.FromContext(r.Context()).String()
	}))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Traceparent", tp)
	r.Header.Set("Baggage", "user=alice")
	h.ServeHTTP(httptest.NewRecorder(), r)
	if diff := cmp.Diff([]string{tT, tP, "user=alice"}, []string{v.Own.TraceID().String(), v.Own.ParentSpanID().String(), v.Baggage}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestEdgeServerTiming(t *testing.T) {
	handler := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Server-Timing", "db;dur=53")
	}
	tests := []struct {
		name string
		edge propagator.Edge
		in   string
		want func(own tracewire.SpanContext) []string
	}{
		{"continue", propagator.Edge{ServerTiming: true}, tp, func(own tracewire.SpanContext) []string {
			return []string{"trace;desc=" + traceparent.Format(own), "db;dur=53"}
		}},
		{"new root", propagator.Edge{ServerTiming: true, Sampler: tracewire.SamplingDeny}, "", func(own tracewire.SpanContext) []string {
			return []string{"trace;desc=" + traceparent.Format(own), "db;dur=53"}
		}},
		{"transparent: no span of its own", propagator.Edge{ServerTiming: true, Transparent: true}, tp, func(tracewire.SpanContext) []string {
			return []string{"db;dur=53"}
		}},
		{"off", propagator.Edge{}, tp, func(tracewire.SpanContext) []string { return []string{"db;dur=53"} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var own tracewire.SpanContext
			h := tc.edge.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				own = tracewire.SpanContextFromContext(r.Context())
				handler(w, r)
			}))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			if tc.in != "" {
				r.Header.Set("Traceparent", tc.in)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if diff := cmp.Diff(tc.want(own), w.Header().Values("Server-Timing")); diff != "" {
				t.Errorf("Server-Timing (-want +got):\n%s", diff)
			}
			if strings.Contains(w.Header().Get("Server-Timing"), "-"+tP+"-") {
				t.Error("Server-Timing names the caller's span, not the service's")
			}
		})
	}
}
