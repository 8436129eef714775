// Command otelgo is a test service of the W3C Trace Context harness
// protocol built on the OpenTelemetry-Go SDK, for "tracewire conform" to
// check (conformance/run.sh runs it).
//
// The harness POSTs a JSON array of {"url", "arguments"}; for each entry,
// in order, the service POSTs "arguments" to "url" from a client span that
// is a child of its server span, and answers once every call returned.
// The server span continues what the propagators extract: OpenTelemetry's
// own, chosen per request by the Tracewire-Propagators header
// (testdata/README.md, "Checking a live service") exactly as an
// OpenTelemetry-Go program reads OTEL_PROPAGATORS through autoprop, and
// the SDK's default sampler, ParentBased(AlwaysSample), decides sampling.
// The service answers with the names it configured. Without the header it
// is a plain W3C harness service (tracecontext).
//
// It calls loopback addresses only: it relays requests to URLs chosen by
// whoever reaches it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"go.opentelemetry.io/contrib/propagators/autoprop"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

const (
	formatsHeader = "Tracewire-Propagators"
	maxBody       = 1 << 20
	maxCalls      = 64
	callTimeout   = 5 * time.Second
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5001", "loopback `address` to serve on")
	flag.Parse()
	if ap, err := netip.ParseAddrPort(*listen); err != nil || !ap.Addr().IsLoopback() {
		log.Fatalf("otelgo: -listen %q: want a loopback address and port", *listen)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider() // ParentBased(AlwaysSample); no exporter: nothing is recorded
	svc := &service{tracer: tp.Tracer("tracewire/conformance/otelgo"), client: loopbackClient()}
	fmt.Printf("otelgo: listening on http://%s/test\n", ln.Addr())
	srv := &http.Server{Handler: svc, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	log.Fatal(srv.Serve(ln))
}

type service struct {
	tracer trace.Tracer
	client *http.Client
}

type action struct {
	URL       string          `json:"url"`
	Arguments json.RawMessage `json:"arguments"`
}

func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "the harness protocol uses POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var actions []action
	if err := json.Unmarshal(body, &actions); err != nil || len(actions) > maxCalls {
		http.Error(w, "want a JSON array of at most 64 {\"url\", \"arguments\"}", http.StatusBadRequest)
		return
	}
	for _, a := range actions {
		if err := checkLoopback(a.URL); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
	}

	prop, names := propagators(r.Header)
	if _, ok := r.Header[formatsHeader]; ok {
		w.Header().Set(formatsHeader, names)
	}
	ctx := prop.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
	ctx, span := s.tracer.Start(ctx, "harness", trace.WithSpanKind(trace.SpanKindServer))
	defer span.End()
	status := http.StatusOK
	for _, a := range actions {
		if err := s.call(ctx, prop, a); err != nil {
			status = http.StatusBadGateway
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, "{}\n")
}

// call makes one callback from a client span, injecting its context.
func (s *service) call(ctx context.Context, prop propagation.TextMapPropagator, a action) error {
	ctx, span := s.tracer.Start(ctx, "callback", trace.WithSpanKind(trace.SpanKindClient))
	defer span.End()
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	args := []byte(a.Arguments)
	if len(args) == 0 || string(args) == "null" {
		args = []byte("[]")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL, bytes.NewReader(args))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	prop.Inject(ctx, propagation.HeaderCarrier(req.Header))
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	return resp.Body.Close()
}

// propagators configures the request's propagators as autoprop reads
// OTEL_PROPAGATORS (autoprop.NewTextMapPropagator): an empty value, or
// one with no known name, means the default tracecontext,baggage; "none"
// anywhere means none; unknown names are skipped. Names are taken as
// written, as autoprop does: not trimmed, not lowercased, repeats kept.
// It returns the names configured, "none" for none.
func propagators(h http.Header) (propagation.TextMapPropagator, string) {
	vals, ok := h[formatsHeader]
	if !ok {
		return propagation.TraceContext{}, "tracecontext" // the W3C protocol
	}
	def := propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{})
	value := strings.Join(vals, ",")
	if value == "" {
		return def, "tracecontext,baggage"
	}
	list := strings.Split(value, ",")
	p, _ := autoprop.TextMapPropagator(list...) // the error lists unknown names, which are skipped
	if p == nil {
		return def, "tracecontext,baggage"
	}
	var names []string
	for _, n := range list {
		if n == "none" {
			return p, "none"
		}
		if _, err := autoprop.TextMapPropagator(n); err == nil {
			names = append(names, n)
		}
	}
	return p, strings.Join(names, ",")
}

var errNotLoopback = errors.New("not a loopback address")

func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" {
		return fmt.Errorf("url %q: want http", raw)
	}
	if h := u.Hostname(); h != "localhost" {
		if ip, err := netip.ParseAddr(h); err != nil || !ip.Unmap().IsLoopback() {
			return fmt.Errorf("url %q: %w", raw, errNotLoopback)
		}
	}
	return nil
}

// loopbackClient dials loopback addresses only, whatever a name resolves
// to, and never through a proxy.
func loopbackClient() *http.Client {
	dialer := &net.Dialer{Timeout: callTimeout, Control: func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !ap.Addr().Unmap().IsLoopback() {
			return fmt.Errorf("dial %s: %w", address, errNotLoopback)
		}
		return nil
	}}
	return &http.Client{
		Transport: &http.Transport{Proxy: nil, DialContext: dialer.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
