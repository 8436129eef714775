package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var capture = flag.Bool("capture", false, "rerun curl and the loggers against a local server and rewrite testdata/captured/*")

// TestCaptureInputs records the real transcripts and log lines that the
// golden tests read as input: the machine's curl -v talking HTTP/1.1 and
// HTTP/2 (cleartext, prior knowledge) to a local server that echoes the
// headers it receives and answers with a traceresponse, and the lines
// that server wrote with Go's standard logger and log/slog's text (logfmt)
// and JSON handlers. It runs only under -capture; the files it writes are
// committed, so the tests that read them need neither curl nor a network.
//
// testdata/captured/chromium.har, the HAR input, is recorded by hand with
// headless Chromium instead: see testdata/captured/har/README.md (npm ci &&
// node capture.js there). CI never installs a browser; it reads the file.
func TestCaptureInputs(t *testing.T) {
	if !*capture {
		t.Skip("run with -capture to record testdata/captured/* again")
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatal("-capture needs curl")
	}
	var plain, logfmt, jsonLog bytes.Buffer
	plainLog := log.New(&plain, "", log.LstdFlags|log.LUTC)
	textLog := slog.New(slog.NewTextHandler(&logfmt, nil))
	jsonLogger := slog.New(slog.NewJSONHandler(&jsonLog, nil))

	plainLog.Printf("INFO listening on 127.0.0.1")
	textLog.Info("listening", "addr", "127.0.0.1")
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tp := r.Header.Get("Traceparent")
		plainLog.Printf("INFO %s %s %s received traceparent: %s", r.Proto, r.Method, r.URL.Path, tp)
		textLog.Info("request received", "proto", r.Proto, "method", r.Method, "path", r.URL.Path,
			"traceparent", tp, "tracestate", r.Header.Get("Tracestate"), "baggage", r.Header.Get("Baggage"))
		jsonLogger.Info("request received", "proto", r.Proto, "method", r.Method, "path", r.URL.Path, "headers", r.Header)
		// Answer as a service continuing the trace would: same trace id,
		// its own span id.
		if len(tp) == 55 {
			w.Header().Set("Traceresponse", tp[:36]+"b7ad6b7169203331"+tp[52:])
			w.Header().Set("Server-Timing", "app;dur=12.5, trace;desc="+tp[:36]+"b7ad6b7169203331"+tp[52:])
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(r.Header)
	}))
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Start()
	defer srv.Close()

	runs := []struct {
		file    string
		args    []string
		headers []string
	}{
		{"curl-http1.txt", []string{"--http1.1"}, []string{
			"traceparent: 00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01",
			"tracestate: congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
			"baggage: userId=alice,serverNode=DF%2028;ttl=60",
			"b3: 0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-1",
		}},
		{"curl-http2.txt", []string{"--http2-prior-knowledge"}, []string{
			"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
			"uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1",
			"uberctx-tenant: acme%20corp",
			"X-B3-TraceId: 4bf92f3577b34da6a3ce929d0e0e4736",
			"X-B3-SpanId: 00f067aa0ba902b7",
			"X-B3-Sampled: 1",
		}},
	}
	for _, run := range runs {
		args := append([]string{"-sv"}, run.args...)
		for _, h := range run.headers {
			args = append(args, "-H", h)
		}
		args = append(args, srv.URL+"/api/orders/42")
		cmd := exec.Command(curl, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out // as "curl -sv URL 2>&1" shows it
		if err := cmd.Run(); err != nil {
			t.Fatalf("curl %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		writeCaptured(t, run.file, out.Bytes())
		time.Sleep(10 * time.Millisecond) // distinct log timestamps
	}
	writeCaptured(t, "log-plain.txt", plain.Bytes())
	writeCaptured(t, "log-logfmt.txt", logfmt.Bytes())
	writeCaptured(t, "log-json.ndjson", jsonLog.Bytes())
}

func writeCaptured(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join("testdata", "captured", name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
