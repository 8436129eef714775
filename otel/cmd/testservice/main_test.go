package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	twotel "github.com/tracewire/tracewire/otel"
)

// harness stands in for the W3C harness: it records the headers of every
// callback the service makes.
type harness struct {
	*httptest.Server
	mu    sync.Mutex
	calls []http.Header
}

func newHarness(t *testing.T) *harness {
	h := &harness{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h.mu.Lock()
		h.calls = append(h.calls, r.Header.Clone())
		h.mu.Unlock()
		io.WriteString(w, "null")
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *harness) take() []http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.calls
	h.calls = nil
	return c
}

func startService(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, twotel.TraceContext()) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/test"
}

// observed summarises the callbacks of one request.
type observed struct {
	Trace       string   // "incoming", "new" or what went wrong
	Flags       []string // per call
	Tracestate  []string // per call, the lines joined by "|"
	NewParents  bool     // every call has its own parent id, none the incoming one
	OneTrace    bool
	Traceparent []int // lines per call
}

const (
	inTrace  = "12345678901234567890123456789012"
	inParent = "1234567890123456"
)

func observe(calls []http.Header) observed {
	o := observed{NewParents: true, OneTrace: true}
	traces := map[string]bool{}
	parents := map[string]bool{inParent: true}
	for _, h := range calls {
		lines := h.Values("Traceparent")
		o.Traceparent = append(o.Traceparent, len(lines))
		o.Tracestate = append(o.Tracestate, strings.Join(h.Values("Tracestate"), "|"))
		if len(lines) != 1 || len(lines[0]) != 55 {
			continue
		}
		v := lines[0]
		traces[v[3:35]] = true
		if parents[v[36:52]] {
			o.NewParents = false
		}
		parents[v[36:52]] = true
		o.Flags = append(o.Flags, v[53:])
	}
	o.OneTrace = len(traces) == 1
	switch {
	case traces[inTrace]:
		o.Trace = "incoming"
	case len(traces) > 0:
		o.Trace = "new"
	}
	return o
}

// TestServiceAgainstHarness runs the protocol with the cases of the W3C
// suite that decide continue or restart, trace state and the random flag.
func TestServiceAgainstHarness(t *testing.T) {
	h := newHarness(t)
	service := startService(t)
	three := `[{"url":"` + h.URL + `/a","arguments":[]},{"url":"` + h.URL + `/b","arguments":[]},{"url":"` + h.URL + `/c","arguments":[]}]`
	tp := func(flags string) [2]string {
		return [2]string{"traceparent", "00-" + inTrace + "-" + inParent + "-" + flags}
	}
	ts := func(v string) [2]string { return [2]string{"tracestate", v} }
	for _, c := range []struct {
		name  string
		lines [][2]string
		want  observed
	}{
		{"continued, sampled", [][2]string{tp("01")},
			observed{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: []string{"", "", ""}}},
		{"continued, not sampled (the SDK keeps the caller's decision)", [][2]string{tp("00")},
			observed{Trace: "incoming", Flags: []string{"00", "00", "00"}, Tracestate: []string{"", "", ""}}},
		{"random flag propagated", [][2]string{tp("02")},
			observed{Trace: "incoming", Flags: []string{"02", "02", "02"}, Tracestate: []string{"", "", ""}}},
		{"tracestate lines combined, kept whole (a Level 2 key too)", [][2]string{tp("01"), ts("foo=1"), ts("1bar=2")},
			observed{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: []string{"foo=1,1bar=2", "foo=1,1bar=2", "foo=1,1bar=2"}}},
		{"tracestate with a duplicate key: the first kept", [][2]string{tp("01"), ts("foo=1,bar=2,foo=3")},
			observed{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: []string{"foo=1,bar=2", "foo=1,bar=2", "foo=1,bar=2"}}},
		{"missing: restart", nil, observed{Trace: "new", Flags: []string{"01", "01", "01"}, Tracestate: []string{"", "", ""}}},
		{"two traceparent lines: restart, tracestate dropped", [][2]string{tp("01"), tp("01"), ts("foo=1")},
			observed{Trace: "new", Flags: []string{"01", "01", "01"}, Tracestate: []string{"", "", ""}}},
		{"zero trace id: restart", [][2]string{{"traceparent", "00-00000000000000000000000000000000-" + inParent + "-01"}},
			observed{Trace: "new", Flags: []string{"01", "01", "01"}, Tracestate: []string{"", "", ""}}},
		{"higher version with more fields: continued", [][2]string{{"traceparent", "cc-" + inTrace + "-" + inParent + "-01-what-the-future-holds"}},
			observed{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: []string{"", "", ""}}},
	} {
		req, _ := http.NewRequest(http.MethodPost, service, strings.NewReader(three))
		for _, l := range c.lines {
			req.Header[http.CanonicalHeaderKey(l[0])] = append(req.Header[http.CanonicalHeaderKey(l[0])], l[1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.name, resp.StatusCode)
		}
		c.want.NewParents, c.want.OneTrace, c.want.Traceparent = true, true, []int{1, 1, 1}
		if diff := cmp.Diff(c.want, observe(h.take())); diff != "" {
			t.Errorf("%s: -want +got:\n%s", c.name, diff)
		}
	}
}

func TestServiceRefuses(t *testing.T) {
	service := startService(t)
	for _, c := range []struct {
		body string
		want int
	}{
		{`[{"url":"http://192.0.2.1/x","arguments":[]}]`, http.StatusForbidden},
		{`[{"url":"ftp://127.0.0.1/x","arguments":[]}]`, http.StatusForbidden},
		{`not json`, http.StatusBadRequest},
	} {
		resp, err := http.Post(service, "application/json", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", c.body, resp.StatusCode, c.want)
		}
	}
	if err := loopbackOnly("tcp", "192.0.2.1:80", nil); err == nil {
		t.Error("the dial guard let a remote address through")
	}
}
