package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/traceparent"
)

// startTestService serves the protocol on a loopback port for the length
// of the test and returns its URL.
func startTestService(t *testing.T, cfg testServiceConfig) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveTestService(ctx, ln, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serveTestService returned %v after its context ended, want nil", err)
		}
	})
	return "http://" + ln.Addr().String() + "/test"
}

// harnessCall is one callback as the stand-in harness received it.
type harnessCall struct {
	Path   string
	Header http.Header
	Body   string
}

// fakeHarness stands in for the W3C harness's callback endpoint: it
// records every call, and an ordered log of events that the test adds to.
type fakeHarness struct {
	*httptest.Server
	mu     sync.Mutex
	calls  []harnessCall
	events []string
	// hold, when set, runs inside the handler before it answers.
	hold func(path string)
}

func newFakeHarness(t *testing.T) *fakeHarness {
	h := &fakeHarness{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.calls = append(h.calls, harnessCall{Path: r.URL.Path, Header: r.Header.Clone(), Body: string(body)})
		h.events = append(h.events, "callback "+r.URL.Path)
		hold := h.hold
		h.mu.Unlock()
		if hold != nil {
			hold(r.URL.Path)
		}
		h.event("answered " + r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "null")
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *fakeHarness) event(e string) {
	h.mu.Lock()
	h.events = append(h.events, e)
	h.mu.Unlock()
}

func (h *fakeHarness) recorded() ([]harnessCall, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]harnessCall(nil), h.calls...), append([]string(nil), h.events...)
}

// actions builds the harness's array: one call to each path, each with
// the given arguments.
func (h *fakeHarness) actions(args string, paths ...string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, p := range paths {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"url":"` + h.URL + p + `","arguments":` + args + `}`)
	}
	b.WriteByte(']')
	return b.String()
}

// post sends body to the service with the header lines exactly as listed:
// names keep their case, repeated names become repeated lines.
func postToService(t *testing.T, service, body string, lines [][2]string) (int, testServiceReply) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, service, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = http.Header{"Content-Type": {"application/json"}}
	for _, l := range lines {
		req.Header[l[0]] = append(req.Header[l[0]], l[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reply testServiceReply
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		t.Fatalf("reply is not JSON: %v", err)
	}
	return resp.StatusCode, reply
}

const (
	svcInTrace  = "12345678901234567890123456789012"
	svcInParent = "1234567890123456"
)

func svcTP(flags string) [2]string {
	return [2]string{"traceparent", "00-" + svcInTrace + "-" + svcInParent + "-" + flags}
}
func svcTS(v string) [2]string { return [2]string{"tracestate", v} }

// svcObserved is what the callbacks of one request carried, summarised so
// that a table row can state it and cmp.Diff can show the difference.
type svcObserved struct {
	Paths            []string
	Bodies           []string
	TraceparentLines []int      // per call
	Trace            string     // "incoming", "one new trace" or what went wrong
	DistinctParents  bool       // every call has its own parent id, none the incoming one
	Flags            []string   // per call, as sent
	Tracestate       [][]string // per call, the lines sent
}

func observeCalls(calls []harnessCall) svcObserved {
	var o svcObserved
	traces := map[string]bool{}
	parents := map[string]bool{svcInParent: true}
	o.DistinctParents = true
	for _, c := range calls {
		o.Paths = append(o.Paths, c.Path)
		o.Bodies = append(o.Bodies, c.Body)
		lines := c.Header.Values("Traceparent")
		o.TraceparentLines = append(o.TraceparentLines, len(lines))
		o.Tracestate = append(o.Tracestate, c.Header.Values("Tracestate"))
		if len(lines) != 1 {
			continue
		}
		v := lines[0]
		sc, err := traceparent.Parse(v)
		if err != nil || len(v) != 55 || !strings.HasPrefix(v, "00-") {
			o.Trace = "invalid traceparent sent: " + v
			continue
		}
		traces[sc.TraceID().String()] = true
		if p := sc.SpanID().String(); parents[p] {
			o.DistinctParents = false
		} else {
			parents[p] = true
		}
		o.Flags = append(o.Flags, v[53:])
	}
	switch {
	case o.Trace != "":
	case len(traces) == 1 && traces[svcInTrace]:
		o.Trace = "incoming"
	case len(traces) == 1:
		o.Trace = "one new trace"
	default:
		o.Trace = "calls disagree on the trace id"
	}
	return o
}

func TestServiceProtocol(t *testing.T) {
	h := newFakeHarness(t)
	service := startTestService(t, testServiceConfig{})
	three := []string{"/s/0", "/s/1", "/s/2"}
	noState := [][]string{nil, nil, nil}

	tests := []struct {
		name    string
		lines   [][2]string
		args    string // arguments of each action
		want    svcObserved
		restart bool
	}{{
		name:  "continued: same trace, new parent per call, in order, tracestate kept",
		lines: [][2]string{svcTP("01"), svcTS("foo=1,bar=2")},
		want: svcObserved{
			Trace: "incoming", Flags: []string{"01", "01", "01"},
			Tracestate: [][]string{{"foo=1,bar=2"}, {"foo=1,bar=2"}, {"foo=1,bar=2"}},
		},
	}, {
		name:  "random flag copied when continuing, sampled flag carried",
		lines: [][2]string{svcTP("02")},
		want:  svcObserved{Trace: "incoming", Flags: []string{"02", "02", "02"}, Tracestate: noState},
	}, {
		name:  "reserved flag bits dropped, random and sampled kept",
		lines: [][2]string{svcTP("ff")},
		want:  svcObserved{Trace: "incoming", Flags: []string{"03", "03", "03"}, Tracestate: noState},
	}, {
		name:  "repeated tracestate lines combined in order",
		lines: [][2]string{svcTP("00"), svcTS("foo=1,bar=2"), svcTS("rojo=1,congo=2"), svcTS(""), svcTS("baz=3")},
		want: svcObserved{
			Trace: "incoming", Flags: []string{"00", "00", "00"},
			Tracestate: [][]string{
				{"foo=1,bar=2,rojo=1,congo=2,baz=3"}, {"foo=1,bar=2,rojo=1,congo=2,baz=3"}, {"foo=1,bar=2,rojo=1,congo=2,baz=3"},
			},
		},
	}, {
		name:  "header names matched in any case",
		lines: [][2]string{{"TrAcEpArEnT", "00-" + svcInTrace + "-" + svcInParent + "-01"}, {"TRACESTATE", "foo=1"}},
		want:  svcObserved{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: [][]string{{"foo=1"}, {"foo=1"}, {"foo=1"}}},
	}, {
		name:  "future version continued, sent as version 00",
		lines: [][2]string{{"traceparent", "cc-" + svcInTrace + "-" + svcInParent + "-01-what-the-future-will-be-like"}},
		want:  svcObserved{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: noState},
	}, {
		name:  "invalid tracestate discarded whole, trace continued",
		lines: [][2]string{svcTP("01"), svcTS("foo=1"), svcTS("FOO=1")},
		want:  svcObserved{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: noState},
	}, {
		name:    "no traceparent: new random trace, not sampled, tracestate dropped",
		lines:   [][2]string{svcTS("foo=1")},
		want:    svcObserved{Trace: "one new trace", Flags: []string{"02", "02", "02"}, Tracestate: noState},
		restart: true,
	}, {
		name:    "two traceparent lines restart",
		lines:   [][2]string{svcTP("01"), svcTP("01"), svcTS("foo=1")},
		want:    svcObserved{Trace: "one new trace", Flags: []string{"02", "02", "02"}, Tracestate: noState},
		restart: true,
	}, {
		name:    "trailing data restarts",
		lines:   [][2]string{{"traceparent", "00-" + svcInTrace + "-" + svcInParent + "-01."}, svcTS("foo=1")},
		want:    svcObserved{Trace: "one new trace", Flags: []string{"02", "02", "02"}, Tracestate: noState},
		restart: true,
	}, {
		name:    "zero trace id restarts",
		lines:   [][2]string{{"traceparent", "00-00000000000000000000000000000000-" + svcInParent + "-01"}},
		want:    svcObserved{Trace: "one new trace", Flags: []string{"02", "02", "02"}, Tracestate: noState},
		restart: true,
	}, {
		name:    "misspelt header name is no traceparent",
		lines:   [][2]string{{"trace-parent", "00-" + svcInTrace + "-" + svcInParent + "-01"}},
		want:    svcObserved{Trace: "one new trace", Flags: []string{"02", "02", "02"}, Tracestate: noState},
		restart: true,
	}, {
		name:  "arguments forwarded verbatim, nested actions not followed",
		lines: [][2]string{svcTP("01")},
		args:  `[{"url":"http://192.0.2.1/never","arguments":[]}]`,
		want: svcObserved{
			Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: noState,
			Bodies: []string{`[{"url":"http://192.0.2.1/never","arguments":[]}]`, `[{"url":"http://192.0.2.1/never","arguments":[]}]`, `[{"url":"http://192.0.2.1/never","arguments":[]}]`},
		},
	}, {
		name:  "null arguments sent as an empty array",
		lines: [][2]string{svcTP("01")},
		args:  `null`,
		want:  svcObserved{Trace: "incoming", Flags: []string{"01", "01", "01"}, Tracestate: noState},
	}}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := make([]string, len(three))
			for j, p := range three {
				paths[j] = "/" + string(rune('a'+i)) + p
			}
			args := tt.args
			if args == "" {
				args = "[]"
			}
			status, reply := postToService(t, service, h.actions(args, paths...), tt.lines)
			if status != http.StatusOK {
				t.Fatalf("status %d, reply %+v", status, reply)
			}
			if reply.Restarted != tt.restart {
				t.Errorf("reply says restarted=%v (%s), want %v", reply.Restarted, reply.Reason, tt.restart)
			}
			var mine []harnessCall
			calls, _ := h.recorded()
			for _, c := range calls {
				if strings.HasPrefix(c.Path, paths[0][:2]+"/") {
					mine = append(mine, c)
				}
			}
			want := tt.want
			want.Paths = paths
			want.TraceparentLines = []int{1, 1, 1}
			want.DistinctParents = true
			if want.Bodies == nil {
				want.Bodies = []string{"[]", "[]", "[]"}
			}
			if diff := cmp.Diff(want, observeCalls(mine)); diff != "" {
				t.Errorf("callbacks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServiceRespondsAfterAllCalls(t *testing.T) {
	h := newFakeHarness(t)
	service := startTestService(t, testServiceConfig{})
	arrived := make(chan struct{})
	release := make(chan struct{})
	h.hold = func(path string) {
		if path == "/last" {
			close(arrived)
			<-release
		}
	}
	done := make(chan int)
	go func() {
		status, _ := postToService(t, service, h.actions("[]", "/first", "/second", "/last"), [][2]string{svcTP("01")})
		h.event("service answered")
		done <- status
	}()
	<-arrived
	var status int
	select {
	case status = <-done:
		t.Error("the service answered while a call was still in flight")
		close(release)
	default:
		close(release)
		status = <-done
	}
	if status != http.StatusOK {
		t.Errorf("status %d", status)
	}
	_, events := h.recorded()
	want := []string{
		"callback /first", "answered /first",
		"callback /second", "answered /second",
		"callback /last", "answered /last",
		"service answered",
	}
	if diff := cmp.Diff(want, events); diff != "" {
		t.Errorf("order of events (-want +got):\n%s", diff)
	}
}

func TestServiceRefusesRequests(t *testing.T) {
	h := newFakeHarness(t)
	service := startTestService(t, testServiceConfig{MaxBody: 4096, MaxCalls: 3})
	local := h.URL + "/refused"
	tests := []struct {
		name   string
		method string
		body   string
		want   int
	}{
		{"non-loopback IP", "POST", `[{"url":"http://192.0.2.1/cb","arguments":[]}]`, http.StatusForbidden},
		{"remote name", "POST", `[{"url":"http://example.com/cb","arguments":[]}]`, http.StatusForbidden},
		{"remote after a loopback one: nothing is called", "POST", `[{"url":"` + local + `","arguments":[]},{"url":"http://10.0.0.1/","arguments":[]}]`, http.StatusForbidden},
		{"unspecified address", "POST", `[{"url":"http://0.0.0.0:1/","arguments":[]}]`, http.StatusForbidden},
		{"scheme", "POST", `[{"url":"file:///etc/passwd","arguments":[]}]`, http.StatusBadRequest},
		{"missing url", "POST", `[{"arguments":[]}]`, http.StatusBadRequest},
		{"not JSON", "POST", `[{"url":`, http.StatusBadRequest},
		{"not an array", "POST", `"http://127.0.0.1/"`, http.StatusBadRequest},
		{"empty body", "POST", ``, http.StatusBadRequest},
		{"too many calls", "POST", h.actions("[]", "/1", "/2", "/3", "/4"), http.StatusBadRequest},
		{"body too large", "POST", `[{"url":"` + local + `","arguments":"` + strings.Repeat("x", 4096) + `"}]`, http.StatusRequestEntityTooLarge},
		{"GET", "GET", ``, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, service, strings.NewReader(tt.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var reply testServiceReply
			json.NewDecoder(resp.Body).Decode(&reply)
			resp.Body.Close()
			if resp.StatusCode != tt.want || reply.Error == "" {
				t.Errorf("status %d (error %q), want %d with an error", resp.StatusCode, reply.Error, tt.want)
			}
		})
	}
	if calls, _ := h.recorded(); len(calls) != 0 {
		t.Errorf("refused requests made %d calls: %+v", len(calls), calls)
	}
}

func TestServiceAcceptsLoneObject(t *testing.T) {
	h := newFakeHarness(t)
	service := startTestService(t, testServiceConfig{})
	status, _ := postToService(t, service, `{"url":"`+h.URL+`/only","arguments":[1]}`, nil)
	calls, _ := h.recorded()
	if status != http.StatusOK || len(calls) != 1 || calls[0].Path != "/only" || calls[0].Body != "[1]" {
		t.Errorf("status %d, calls %+v", status, calls)
	}
}

func TestServiceCallFailures(t *testing.T) {
	h := newFakeHarness(t)
	// A loopback port with nothing listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/gone"
	ln.Close()
	// A callback that never answers on its own. It reads the body so that
	// the server notices the caller hanging up, and quit frees it should
	// the caller never do so (Close waits for handlers).
	quit := make(chan struct{})
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-quit:
		}
	}))
	defer stuck.Close()
	defer close(quit)

	service := startTestService(t, testServiceConfig{CallTimeout: 2 * time.Second}) // generous: the calls that must succeed run under -race on a loaded machine
	body := `[{"url":"` + closed + `"},{"url":"` + stuck.URL + `/stuck"},{"url":"` + h.URL + `/after"}]`
	status, reply := postToService(t, service, body, nil)
	if status != http.StatusBadGateway {
		t.Errorf("status %d, want %d", status, http.StatusBadGateway)
	}
	type outcome struct {
		URL    string
		Status int
		Failed bool
	}
	var got []outcome
	for _, r := range reply.Results {
		got = append(got, outcome{r.URL, r.Status, r.Error != ""})
	}
	want := []outcome{{closed, 0, true}, {stuck.URL + "/stuck", 0, true}, {h.URL + "/after", 200, false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if len(reply.Results) == 3 && !strings.Contains(reply.Results[1].Error, "deadline exceeded") {
		t.Errorf("stuck call failed with %q, want a timeout", reply.Results[1].Error)
	}
}

func TestServiceCallbackURL(t *testing.T) {
	tests := []struct {
		url          string
		local        bool // allowed without -allow-remote
		remote       bool // allowed with it
		notLoopbackE bool // refused for where it goes (not for its form)
	}{
		{"http://127.0.0.1:7777/cb.0", true, true, false},
		{"http://127.8.9.10/", true, true, false},
		{"https://localhost:8443/x", true, true, false},
		{"http://LOCALHOST/x", true, true, false},
		{"http://[::1]:7777/", true, true, false},
		{"http://[::ffff:127.0.0.1]/", true, true, false},
		{"http://192.0.2.1/", false, true, true},
		{"http://[2001:db8::1]/", false, true, true},
		{"http://example.com/", false, true, true},
		{"http://localhost.example.com/", false, true, true},
		{"http://127.0.0.1.nip.io/", false, true, true},
		{"ftp://127.0.0.1/", false, false, false},
		{"/relative", false, false, false},
		{"http:///nohost", false, false, false},
		{"", false, false, false},
		{"http://[::1/", false, false, false},
	}
	for _, tt := range tests {
		errLocal := checkCallbackURL(tt.url, false)
		errRemote := checkCallbackURL(tt.url, true)
		got := []bool{errLocal == nil, errRemote == nil, errors.Is(errLocal, errNotLoopback)}
		if diff := cmp.Diff([]bool{tt.local, tt.remote, tt.notLoopbackE}, got); diff != "" {
			t.Errorf("%q: [allowed, allowed with -allow-remote, refused as not loopback] (-want +got):\n%s (errors %v; %v)", tt.url, diff, errLocal, errRemote)
		}
	}
}

func TestServiceDialGuard(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1:7777":        true,
		"127.1.2.3:80":          true,
		"[::1]:80":              true,
		"[::ffff:127.0.0.1]:80": true,
		"10.0.0.1:80":           false,
		"0.0.0.0:80":            false,
		"[2001:db8::1]:443":     false,
		"[::]:80":               false,
		"localhost:80":          false, // the hook sees resolved addresses only
	}
	for addr, ok := range tests {
		err := testServiceDialGuard("tcp", addr, nil)
		if (err == nil) != ok || (err != nil && !errors.Is(err, errNotLoopback)) {
			t.Errorf("testServiceDialGuard(%q) = %v, want allowed=%v", addr, err, ok)
		}
	}
}

func TestServiceFlags(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"--bogus"}, 2, "", "tracewire testservice: flag provided but not defined: -bogus"},
		{[]string{"extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"--call-timeout", "0s"}, 2, "", "must be positive"},
		{[]string{"--request-timeout=-1s"}, 2, "", "must be positive"},
		{[]string{"--max-calls", "-1"}, 2, "", "must be positive"},
		{[]string{"--timeout", "1s"}, 2, "", "flag provided but not defined: -timeout"},
		{[]string{"-v"}, 2, "", "flag provided but not defined: -v"},
		{[]string{"--listen", "127.0.0.1:notaport"}, 1, "", "listen tcp"},
		{[]string{"-h"}, 0, "Usage: tracewire testservice [--listen ADDR] [FLAGS]", ""},
		{[]string{"--help"}, 0, "--request-timeout DURATION", ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := runTestService(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) || !strings.Contains(stdout.String(), tt.stdout) ||
			(tt.stdout == "" && stdout.Len() != 0) || (tt.stderr == "" && stderr.Len() != 0) {
			t.Errorf("runTestService(%q) = %d, stdout %q, stderr %q; want %d, stdout containing %q, stderr containing %q",
				tt.args, code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestServiceDefaults(t *testing.T) {
	got := testServiceConfig{}.withDefaults()
	want := testServiceConfig{CallTimeout: 5 * time.Second, RequestTimeout: 30 * time.Second, MaxBody: 1 << 20, MaxCalls: 64}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}

// TestServiceRequestDeadline: one request cannot hold the service for its
// whole call budget times the per-call limit. The calls after the deadline
// are not made and the answer says so.
func TestServiceRequestDeadline(t *testing.T) {
	h := newFakeHarness(t)
	release := make(chan struct{})
	defer close(release)
	h.hold = func(path string) {
		if path == "/slow" {
			<-release
		}
	}
	service := startTestService(t, testServiceConfig{CallTimeout: time.Minute, RequestTimeout: 300 * time.Millisecond})
	status, reply := postToService(t, service, h.actions("[]", "/fast", "/slow", "/never"), [][2]string{svcTP("01")})
	if status != http.StatusGatewayTimeout {
		t.Errorf("status %d, want %d", status, http.StatusGatewayTimeout)
	}
	type outcome struct {
		Path   string
		Status int
		Error  string
	}
	var got []outcome
	for _, r := range reply.Results {
		e := r.Error
		switch {
		case strings.HasPrefix(e, "not made: "):
			e = "not made"
		case strings.Contains(e, "deadline exceeded") && strings.HasSuffix(e, "(the request's deadline, --request-timeout 300ms, passed)"):
			e = "deadline"
		}
		got = append(got, outcome{strings.TrimPrefix(r.URL, h.URL), r.Status, e})
	}
	want := []outcome{{"/fast", 200, ""}, {"/slow", 0, "deadline"}, {"/never", 0, "not made"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	calls, _ := h.recorded()
	var paths []string
	for _, c := range calls {
		paths = append(paths, c.Path)
	}
	if diff := cmp.Diff([]string{"/fast", "/slow"}, paths); diff != "" {
		t.Errorf("calls made (-want +got):\n%s", diff)
	}
}
