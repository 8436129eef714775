package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tracewire/tracewire/internal/loopback"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// The test service is the "vendor service" of the W3C Trace Context test
// harness (w3c/trace-context, test/README.md). The harness POSTs a JSON
// array of {"url", "arguments"} actions; for each one, in order, the
// service POSTs "arguments" to "url" with the trace context it received
// propagated as a child, and it answers the harness only once every call
// has come back. The harness then checks the headers each call carried.
//
// It relays requests to URLs chosen by whoever can reach it, so by default
// it calls loopback addresses only, checked twice: on the URL before any
// call is made (so a request is refused as a whole, not half executed),
// and on the address actually dialled (so a name that resolves elsewhere,
// a redirect or a proxy cannot route around the first check).

const (
	testServiceDefaultListen         = "127.0.0.1:5000"
	testServiceDefaultTimeout        = 5 * time.Second
	testServiceDefaultRequestTimeout = 30 * time.Second
	testServiceDefaultMaxBody        = 1 << 20
	testServiceDefaultMaxCalls       = 64
	// testServiceShutdownGrace is how long in-flight requests may take to
	// finish after a stop signal before connections are closed under them.
	testServiceShutdownGrace = 10 * time.Second
)

// testServiceConfig is what the flags choose; the zero value of a field
// means its default.
type testServiceConfig struct {
	AllowRemote    bool          // call any host, not just loopback
	Level1         bool          // Trace Context Level 1: no random flag, Level 1 tracestate keys
	CallTimeout    time.Duration // per outgoing call, connecting included
	RequestTimeout time.Duration // for all the calls of one request together
	MaxBody        int64         // request body limit, bytes
	MaxCalls       int           // the call budget: actions per request
	Log            io.Writer     // one line per request; nil for none
	// Formats configures the propagators that a request of the format
	// extension names, and returns their names, in order (see
	// testservice_formats.go); nil means the registry's.
	Formats func(value string) (propagator.Composite, []string)
}

func (c testServiceConfig) withDefaults() testServiceConfig {
	if c.CallTimeout <= 0 {
		c.CallTimeout = testServiceDefaultTimeout
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = testServiceDefaultRequestTimeout
	}
	if c.MaxBody <= 0 {
		c.MaxBody = testServiceDefaultMaxBody
	}
	if c.MaxCalls <= 0 {
		c.MaxCalls = testServiceDefaultMaxCalls
	}
	return c
}

const testServiceUsage = `Usage: tracewire testservice [--listen ADDR] [FLAGS]

Serve the W3C Trace Context test-harness protocol: POST a JSON array of
{"url": ..., "arguments": ...} to any path; each url is called in order
with "arguments" as its body and the incoming trace context continued as a
child (or restarted when it is missing or invalid), and the answer comes
once every call has returned. Run the W3C suite against it with
  STRICT_LEVEL=2 SPEC_LEVEL=2 python3 test.py http://127.0.0.1:5000/test

A request costs at most its call budget (--max-calls) and its deadline
(--request-timeout): calls not made by the deadline are reported as
failed, and the answer says so.

Flags:
  --listen ADDR                address to serve on (default "127.0.0.1:5000")
  --allow-remote               call back to any host, not only loopback
                               addresses (makes the service an open relay
                               for whoever can reach it)
  --level1                     behave as a Trace Context Level 1 service: no
                               random flag, Level 1 tracestate keys (the W3C
                               suite checks Level 2 keys even at SPEC_LEVEL=1,
                               so two of its tests fail by design)
  --call-timeout DURATION      time limit for each call, connecting included
                               (default 5s)
  --request-timeout DURATION   time limit for all the calls of one request
                               (default 30s)
  --max-calls N                call budget: most calls one request may ask
                               for (default 64)
  --max-body BYTES             largest accepted request body (default 1048576)
  --verbose                    log one line per request to stderr

Exit status: 0 after an interrupt (in-flight requests get 10s to finish),
1 when serving fails, 2 on a usage error.
`

// runTestService implements "tracewire testservice": it serves until the
// listener fails or the process is interrupted.
func runTestService(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("testservice")
	listen := fs.String("listen", testServiceDefaultListen, "address to serve on")
	allowRemote := fs.Bool("allow-remote", false, "call back to any host")
	level1 := fs.Bool("level1", false, "behave as a Level 1 service")
	callTimeout := fs.Duration("call-timeout", testServiceDefaultTimeout, "time limit for each call")
	requestTimeout := fs.Duration("request-timeout", testServiceDefaultRequestTimeout, "time limit for the calls of one request")
	maxBody := fs.Int64("max-body", testServiceDefaultMaxBody, "largest accepted request body")
	maxCalls := fs.Int("max-calls", testServiceDefaultMaxCalls, "call budget per request")
	verbose := fs.Bool("verbose", false, "log one line per request")
	pos, code := parseFlags(fs, args, testServiceUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "tracewire testservice: unexpected argument %q\n\n%s", pos[0], testServiceUsage)
		return 2
	}
	if *callTimeout <= 0 || *requestTimeout <= 0 || *maxBody <= 0 || *maxCalls <= 0 {
		fmt.Fprintf(stderr, "tracewire testservice: --call-timeout, --request-timeout, --max-body and --max-calls must be positive\n\n%s", testServiceUsage)
		return 2
	}
	cfg := testServiceConfig{
		AllowRemote:    *allowRemote,
		Level1:         *level1,
		CallTimeout:    *callTimeout,
		RequestTimeout: *requestTimeout,
		MaxBody:        *maxBody,
		MaxCalls:       *maxCalls,
	}
	if *verbose {
		cfg.Log = stderr
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire testservice: %v\n", err)
		return 1
	}
	if cfg.AllowRemote {
		fmt.Fprintln(stderr, "tracewire testservice: warning: --allow-remote: any client that reaches this address can make it call any host")
	}
	fmt.Fprintf(stdout, "tracewire testservice: listening on http://%s/test\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serveTestService(ctx, ln, cfg); err != nil {
		fmt.Fprintf(stderr, "tracewire testservice: %v\n", err)
		return 1
	}
	return 0
}

// serveTestService serves the protocol on ln until ctx is done (then it
// lets in-flight requests finish, for a grace period, and returns nil) or
// until serving fails. It closes ln.
func serveTestService(ctx context.Context, ln net.Listener, cfg testServiceConfig) error {
	svc := newTestService(cfg)
	defer svc.client.CloseIdleConnections()
	srv := &http.Server{
		Handler:           svc,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	stopped := make(chan struct{})
	stopWatching := context.AfterFunc(ctx, func() {
		defer close(stopped)
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), testServiceShutdownGrace)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			srv.Close()
		}
	})
	err := srv.Serve(ln)
	if stopWatching() {
		// Serving ended on its own, not because of ctx.
		srv.Close()
		return err
	}
	<-stopped
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// testService is the http.Handler of the protocol.
type testService struct {
	cfg    testServiceConfig
	prop   traceparent.Propagator
	client *http.Client
}

func newTestService(cfg testServiceConfig) *testService {
	cfg = cfg.withDefaults()
	dialer := &net.Dialer{Timeout: cfg.CallTimeout}
	if !cfg.AllowRemote {
		dialer.Control = testServiceDialGuard
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would be the address dialled, defeating the loopback guard
		DialContext:            dialer.DialContext,
		MaxIdleConnsPerHost:    8,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	return &testService{
		cfg:  cfg,
		prop: traceparent.Propagator{Level1: cfg.Level1},
		client: &http.Client{
			Transport: transport,
			// A redirect is an answer, not a further instruction: the
			// harness asked for one call to one URL.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// testServiceAction is one element of the harness's array.
type testServiceAction struct {
	URL       string          `json:"url"`
	Arguments json.RawMessage `json:"arguments"`
}

// testServiceResult reports one call in the service's answer.
type testServiceResult struct {
	URL    string `json:"url"`
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

// testServiceReply is the service's answer to the harness, which ignores
// it; it is there for a person debugging with curl.
type testServiceReply struct {
	TraceID    string              `json:"trace_id,omitempty"`
	Restarted  bool                `json:"restarted,omitempty"`
	Reason     string              `json:"reason,omitempty"`
	Tracestate string              `json:"tracestate_discarded,omitempty"`
	Error      string              `json:"error,omitempty"`
	Results    []testServiceResult `json:"results,omitempty"`
}

func (s *testService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		s.reply(w, r, http.StatusMethodNotAllowed, testServiceReply{Error: "the harness protocol uses POST"})
		return
	}
	actions, status, err := s.readActions(w, r)
	if err != nil {
		s.reply(w, r, status, testServiceReply{Error: err.Error()})
		return
	}
	if _, ok := r.Header[testServiceFormatsHeader]; ok {
		s.serveFormats(w, r, actions)
		return
	}

	// The span this service would record for the request, and from which
	// each outgoing call is a child span with its own id.
	var reply testServiceReply
	incoming, err := s.prop.ExtractFrom(carrier.HTTPHeader(r.Header))
	var span tracewire.SpanContext
	if incoming.IsValid() {
		span = incoming.NewChild()
		// The propagator discards an invalid tracestate without an error,
		// as the spec asks; its parser says why, for the reply.
		if lines := r.Header.Values("Tracestate"); len(lines) > 0 {
			opts := tracewire.TraceStateOptions{Level1: s.prop.Level1}
			if _, tsErr := opts.Parse(lines...); tsErr != nil {
				reply.Tracestate = tsErr.Error() // strict: the whole header went
			}
		}
	} else {
		// Restart: fresh random ids (so the random flag is honest), no
		// tracestate, and no claim to have recorded anything.
		span = tracewire.NewRoot(tracewire.SamplingDeny)
		reply.Restarted = true
		reply.Reason = "no traceparent"
		if err != nil {
			reply.Reason = err.Error()
		}
	}
	reply.TraceID = span.TraceID().String()

	// The request's deadline bounds what one caller can make the service
	// spend, whatever its call budget: each call gets what is left of it,
	// up to the per-call limit.
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
	defer cancel()
	status = http.StatusOK
	for i, a := range actions {
		if r.Context().Err() != nil {
			break // the caller has gone; nobody will read the answer
		}
		if ctx.Err() != nil {
			// Calls the deadline left no time for are reported, not
			// dropped: the harness, or a person, sees which did not run.
			for _, rest := range actions[i:] {
				reply.Results = append(reply.Results, testServiceResult{URL: rest.URL,
					Error: fmt.Sprintf("not made: the request's deadline (--request-timeout %s) passed", s.cfg.RequestTimeout)})
			}
			status = http.StatusGatewayTimeout
			break
		}
		res := s.call(ctx, a, span.NewChild())
		switch {
		case res.Error != "" && ctx.Err() != nil && r.Context().Err() == nil:
			res.Error += fmt.Sprintf(" (the request's deadline, --request-timeout %s, passed)", s.cfg.RequestTimeout)
			status = http.StatusGatewayTimeout
		case res.Error != "" && status == http.StatusOK:
			status = http.StatusBadGateway
		}
		reply.Results = append(reply.Results, res)
	}
	s.reply(w, r, status, reply)
}

// readActions decodes and vets the whole request before any call is made,
// so a refused request has no side effects.
func (s *testService) readActions(w http.ResponseWriter, r *http.Request) ([]testServiceAction, int, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("request body exceeds %d bytes", s.cfg.MaxBody)
		}
		return nil, http.StatusBadRequest, err
	}
	body = bytes.TrimSpace(body)
	// The harness's own reference service also takes a lone object.
	if len(body) > 0 && body[0] == '{' {
		body = append(append([]byte{'['}, body...), ']')
	}
	var actions []testServiceAction
	if err := json.Unmarshal(body, &actions); err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf("body is not a JSON array of {\"url\", \"arguments\"}: %v", err)
	}
	if len(actions) > s.cfg.MaxCalls {
		return nil, http.StatusBadRequest, fmt.Errorf("%d calls requested, at most %d allowed", len(actions), s.cfg.MaxCalls)
	}
	for i, a := range actions {
		if err := checkCallbackURL(a.URL, s.cfg.AllowRemote); err != nil {
			status := http.StatusBadRequest
			if errors.Is(err, errNotLoopback) {
				status = http.StatusForbidden
			}
			return nil, status, fmt.Errorf("call %d: %w", i, err)
		}
	}
	return actions, 0, nil
}

// call makes one outgoing call carrying child as the trace context.
func (s *testService) call(ctx context.Context, a testServiceAction, child tracewire.SpanContext) testServiceResult {
	return s.callWith(ctx, a, func(h http.Header) { s.prop.InjectInto(carrier.HTTPHeader(h), child) })
}

// callWith makes one outgoing call whose headers inject writes.
func (s *testService) callWith(ctx context.Context, a testServiceAction, inject func(http.Header)) testServiceResult {
	res := testServiceResult{URL: a.URL}
	body := []byte(a.Arguments)
	if len(body) == 0 || string(body) == "null" {
		body = []byte("[]") // what the harness's reference service sends
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.CallTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL, bytes.NewReader(body))
	if err != nil {
		res.Error = err.Error()
		return res
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	inject(req.Header)
	resp, err := s.client.Do(req)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	// Read (a bounded amount of) the answer so the call has truly finished
	// and the connection can be reused.
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, s.cfg.MaxBody))
	resp.Body.Close()
	res.Status = resp.StatusCode
	if err != nil {
		res.Error = err.Error()
	}
	return res
}

func (s *testService) reply(w http.ResponseWriter, r *http.Request, status int, reply testServiceReply) {
	if s.cfg.Log != nil {
		s.log(r, status, reply)
	}
	b, err := json.Marshal(reply)
	if err != nil {
		b = []byte(`{}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func (s *testService) log(r *http.Request, status int, reply testServiceReply) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d", r.Method, r.URL.Path, status)
	switch {
	case reply.Error != "":
		fmt.Fprintf(&b, " error: %s", reply.Error)
	case reply.Restarted:
		fmt.Fprintf(&b, " restarted trace %s (%s)", reply.TraceID, reply.Reason)
	default:
		fmt.Fprintf(&b, " continued trace %s", reply.TraceID)
	}
	if reply.Tracestate != "" {
		fmt.Fprintf(&b, ", tracestate discarded (%s)", reply.Tracestate)
	}
	for _, res := range reply.Results {
		if res.Error != "" {
			fmt.Fprintf(&b, "; %s: %s", res.URL, res.Error)
		} else {
			fmt.Fprintf(&b, "; %s: %d", res.URL, res.Status)
		}
	}
	fmt.Fprintln(s.cfg.Log, b.String())
}

// errNotLoopback marks a callback the service refuses for where it goes.
var errNotLoopback = errors.New("not a loopback address (run with --allow-remote to permit it)")

// checkCallbackURL reports whether the service may call raw: an absolute
// http or https URL and, unless allowRemote, one whose host is a loopback
// IP address or "localhost" (RFC 6761 reserves that name for loopback;
// the dial guard still checks where it really resolves).
func checkCallbackURL(raw string, allowRemote bool) error {
	if raw == "" {
		return errors.New("missing url")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("url %q: scheme must be http or https", raw)
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("url %q: no host", raw)
	}
	if allowRemote {
		return nil
	}
	if loopback.Host(host) {
		return nil
	}
	return fmt.Errorf("url %q: host %q: %w", raw, host, errNotLoopback)
}

// testServiceDialGuard is a net.Dialer Control hook that refuses any
// connection whose resolved address is not loopback.
func testServiceDialGuard(network, address string, _ syscall.RawConn) error {
	if !loopback.Address(address) {
		return fmt.Errorf("dial %s %s: %w", network, address, errNotLoopback)
	}
	return nil
}
