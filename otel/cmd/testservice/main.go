// Command testservice is the "vendor service" of the W3C Trace Context
// test harness (w3c/trace-context, test/README.md), built the way an
// OpenTelemetry-Go service is: otelhttp on the way in and out, spans from
// the OpenTelemetry SDK, and the tracewire adapter as the propagator.
//
// The harness POSTs a JSON array of {"url", "arguments"} actions; for
// each, in order, the service POSTs "arguments" to "url" from a client
// span that is a child of its server span, which continues the caller's
// trace (or starts a new one when the traceparent is missing or invalid),
// and it answers once every call has come back. Run the suite against it:
//
//	go run ./cmd/testservice &
//	cd trace-context/test && STRICT_LEVEL=2 SPEC_LEVEL=2 python3 test.py http://127.0.0.1:5000/test
//
// It relays requests to URLs chosen by whoever reaches it, so it calls
// loopback addresses only, checked on the URL before any call is made and
// again on the address dialled.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
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

	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

const (
	maxBody  = 1 << 20
	maxCalls = 64
	timeout  = 5 * time.Second
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5000", "`address` to serve on")
	props := flag.String("propagators", "tracecontext", "OTEL_PROPAGATORS names of the propagators to use")
	flag.Parse()
	p, err := twotel.TextMapPropagator(strings.Split(*props, ",")...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testservice:", err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testservice:", err)
		os.Exit(1)
	}
	fmt.Printf("testservice: listening on http://%s/test\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, ln, p); err != nil {
		fmt.Fprintln(os.Stderr, "testservice:", err)
		os.Exit(1)
	}
}

// serve serves the protocol on ln until ctx is done, with a tracer
// provider of its own: the SDK's default sampler (parent-based, always on
// for roots) and no exporter.
func serve(ctx context.Context, ln net.Listener, p propagation.TextMapPropagator) error {
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	opts := []otelhttp.Option{otelhttp.WithPropagators(p), otelhttp.WithTracerProvider(tp)}
	dialer := &net.Dialer{Timeout: timeout, Control: loopbackOnly}
	client := &http.Client{
		Transport: otelhttp.NewTransport(&http.Transport{Proxy: nil, DialContext: dialer.DialContext}, opts...),
		Timeout:   timeout,
		// A redirect is an answer, not a further instruction.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	srv := &http.Server{
		Handler:           otelhttp.NewHandler(handler{client}, "testservice", opts...),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// action is one element of the harness's array.
type action struct {
	URL       string          `json:"url"`
	Arguments json.RawMessage `json:"arguments"`
}

type handler struct{ client *http.Client }

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "the harness protocol uses POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '{' { // the harness's reference service takes a lone object too
		body = append(append([]byte{'['}, body...), ']')
	}
	var actions []action
	if err := json.Unmarshal(body, &actions); err != nil || len(actions) > maxCalls {
		http.Error(w, fmt.Sprintf("want a JSON array of at most %d {\"url\", \"arguments\"}", maxCalls), http.StatusBadRequest)
		return
	}
	for _, a := range actions {
		if err := checkURL(a.URL); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
	}
	status := http.StatusOK
	for _, a := range actions {
		if err := h.call(r.Context(), a); err != nil {
			status = http.StatusBadGateway
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"trace_id": trace.SpanContextFromContext(r.Context()).TraceID().String()})
}

// call POSTs the action's arguments to its url; otelhttp's transport
// starts the client span and injects it.
func (h handler) call(ctx context.Context, a action) error {
	args := []byte(a.Arguments)
	if len(args) == 0 || string(args) == "null" {
		args = []byte("[]")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL, bytes.NewReader(args))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	return err
}

var errNotLoopback = errors.New("not a loopback address")

// checkURL accepts absolute http URLs to loopback hosts.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: scheme must be http or https", raw)
	}
	if !loopback.Host(u.Hostname()) {
		return fmt.Errorf("%q: %w", raw, errNotLoopback)
	}
	return nil
}

// loopbackOnly refuses a connection to any address that is not loopback,
// whatever the name resolved to.
func loopbackOnly(network, address string, _ syscall.RawConn) error {
	if !loopback.Address(address) {
		return fmt.Errorf("dial %s %s: %w", network, address, errNotLoopback)
	}
	return nil
}
