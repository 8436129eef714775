package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// vendorFiles are the vector files of the vendor formats; conform also
// checks them against a test service that takes the format packages'
// propagators directly (vendorFormats), so that a format is checked as its
// package writes it whatever the registry names.
var vendorFiles = []string{"xray", "ottrace", "cloudtrace", "sentry", "datadog", "grpc-trace-bin"}

// vendorFormats configures the test service with conform's own
// propagators, by name, each once, in order.
func vendorFormats(value string) (propagator.Composite, []string) {
	names := normalizeNames(strings.Split(value, ","))
	var known []string
	for _, n := range names {
		if _, ok := conformPropagator(n); ok {
			known = append(known, n)
		}
	}
	return conformComposite(known), known
}

// conformRun runs conform against service over the named vector files
// (all when none) and returns the report.
func conformRun(t *testing.T, service string, files ...string) *conformReport {
	t.Helper()
	paths, err := vectorFiles(vectors.Dir(), files)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := conform(ctx, conformConfig{Service: service, Files: paths, Timeout: 10 * time.Second, Deadline: 60 * time.Second, Parallel: 8})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// failures lists a report's failed cases, one line each.
func failures(rep *conformReport) []string {
	var out []string
	for _, f := range rep.Formats {
		for _, r := range f.Cases {
			if r.Result == resultFail {
				out = append(out, r.Format+"/"+r.Name+": "+strings.Join(r.Detail, "; "))
			}
		}
	}
	return out
}

// TestConformOwnService is the kit's own acceptance test: tracewire's
// test service passes every case of every vector file that a request can
// express, for every format. The registry's formats run against the
// service as it ships; the formats the registry does not name yet run
// against it configured with the format packages' propagators.
func TestConformOwnService(t *testing.T) {
	registry := startTestService(t, testServiceConfig{})
	rep := conformRun(t, registry)
	if f := failures(rep); len(f) > 0 {
		t.Errorf("%d failures against the registry's formats:\n%s", len(f), strings.Join(f, "\n"))
	}
	if rep.Totals.Pass < 400 {
		t.Errorf("only %d cases passed", rep.Totals.Pass)
	}
	ran := map[string]int{}
	for _, f := range rep.Formats {
		ran[f.Format] = f.Totals.Pass
		for _, r := range f.Cases {
			if r.Result != resultNA || !strings.HasPrefix(r.Detail[0], "the service does not propagate") {
				continue
			}
			// Only names the registry lacks may be missing.
			for _, m := range strings.Split(r.Propagators, ",") {
				if _, ok := propagator.ByName(m); ok && !slices.Contains(vendorFiles, r.Format) {
					t.Errorf("%s/%s: %s, but the registry has %s", r.Format, r.Name, r.Detail[0], m)
				}
			}
		}
	}

	vendor := startTestService(t, testServiceConfig{Formats: vendorFormats})
	vrep := conformRun(t, vendor, vendorFiles...)
	if f := failures(vrep); len(f) > 0 {
		t.Errorf("%d failures against the vendor formats:\n%s", len(f), strings.Join(f, "\n"))
	}
	for _, f := range vrep.Formats {
		ran[f.Format] += f.Totals.Pass
		for _, r := range f.Cases {
			if r.Result == resultNA && strings.HasPrefix(r.Detail[0], "the service does not propagate") {
				t.Errorf("%s/%s: %s", r.Format, r.Name, r.Detail[0])
			}
		}
	}
	t.Logf("registry formats: %+v; vendor formats: %+v; passed per file: %v", rep.Totals, vrep.Totals, ran)
	for _, f := range rep.Formats {
		if _, na := notApplicableFiles[f.Format]; !na && ran[f.Format] == 0 {
			t.Errorf("format %s: no case passed", f.Format)
		}
	}
}

// harnessService is a stand-in service of the harness protocol whose
// callbacks carry what outgoing returns for the request's headers, and
// which answers the format extension when echo is set.
func harnessService(t *testing.T, echo bool, outgoing func(in http.Header) http.Header) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var actions []testServiceAction
		if err := json.NewDecoder(r.Body).Decode(&actions); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for _, a := range actions {
			req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, a.URL, strings.NewReader("[]"))
			for k, vs := range outgoing(r.Header) {
				req.Header[k] = vs
			}
			if resp, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		if echo {
			if v := r.Header.Get(testServiceFormatsHeader); v != "" {
				w.Header().Set(testServiceFormatsHeader, strings.Join(normalizeNames(strings.Split(v, ",")), ","))
			}
		}
		io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/test"
}

// verdicts maps "format/case" to its result, for the cases named.
func verdicts(rep *conformReport, names ...string) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Formats {
		for _, r := range f.Cases {
			key := r.Format + "/" + r.Name
			if slices.Contains(names, key) {
				out[key] = r.Result + ": " + strings.Join(r.Detail, "; ")
			}
		}
	}
	return out
}

// TestConformCatchesFaults runs conform against services that get
// propagation wrong in one way each, and checks that the cases that show
// the fault fail with the reason, and the others do not.
func TestConformCatchesFaults(t *testing.T) {
	forward := func(names ...string) func(http.Header) http.Header {
		return func(in http.Header) http.Header {
			out := http.Header{}
			for _, n := range names {
				if v := in.Values(n); len(v) > 0 {
					out[http.CanonicalHeaderKey(n)] = v
				}
			}
			return out
		}
	}
	tests := []struct {
		name    string
		echo    bool
		service func(http.Header) http.Header
		file    string
		want    map[string]string
	}{{
		name:    "forwards the caller's traceparent as it is",
		echo:    true,
		service: forward("traceparent", "tracestate"),
		file:    "traceparent",
		want: map[string]string{
			"traceparent/sampled":                 "fail: span id 00f067aa0ba902b7 is the caller's: the service sent no span of its own",
			"traceparent/zero trace id":           "fail: the callback carried no valid tracecontext context (traceparent: all-zero trace id at offset 3); a service sends its own span on, a new trace when it could not continue one",
			"traceparent/tracestate lines joined": "fail: span id 00f067aa0ba902b7 is the caller's: the service sent no span of its own",
		},
	}, {
		name: "continues the trace but drops tracestate and flips sampling",
		echo: true,
		service: func(in http.Header) http.Header {
			v := in.Get("Traceparent")
			if _, err := traceparent.Parse(v); err != nil {
				return http.Header{"Traceparent": {"00-11111111111111111111111111111111-2222222222222222-01"}}
			}
			flags := "01"
			if strings.HasSuffix(v, "01") {
				flags = "00"
			}
			return http.Header{"Traceparent": {v[:36] + "3333333333333333-" + flags}}
		},
		file: "traceparent",
		want: map[string]string{
			"traceparent/sampled":                 "fail: sampling deny, want accept: the caller's decision was not kept",
			"traceparent/tracestate lines joined": `fail: sampling deny, want accept: the caller's decision was not kept; tracestate "", want "a=1,b=2,c=3"`,
			"traceparent/zero trace id":           "pass: ",
		},
	}, {
		name:    "never calls back with a context: no extension answered",
		echo:    false,
		service: forward(),
		file:    "b3",
		want: map[string]string{
			"b3/single T-S-1": "n/a: the service does not answer the Tracewire-Propagators extension, so only W3C Trace Context cases run",
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := conformRun(t, harnessService(t, tc.echo, tc.service), tc.file)
			var names []string
			for k := range tc.want {
				names = append(names, k)
			}
			got := verdicts(rep, names...)
			want := map[string]string{}
			for k, v := range tc.want {
				if v != "" {
					want[k] = v
				}
			}
			for k := range got {
				if tc.want[k] == "" {
					delete(got, k)
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("verdicts (-want +got):\n%s", d)
			}
			if rep.Totals.Fail == 0 && tc.echo {
				t.Error("no case failed")
			}
		})
	}
}

// TestConformCheck checks a callback's headers against plans of single
// cases, without a service.
func TestConformCheck(t *testing.T) {
	load := func(file, name string) vectors.Case {
		f, err := readVectorFile(filepath.Join(vectors.Dir(), file+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range f.Cases {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("%s has no case %q", file, name)
		return vectors.Case{}
	}
	tests := []struct {
		file, name string
		callback   http.Header
		want       []string
	}{
		{"b3", "single T-S-1", http.Header{"B3": {"80f198ee56343ba864fe8b2a57d3eff7-0102030405060708-1"}}, nil},
		{"b3", "single T-S-1", http.Header{"X-B3-Traceid": {"80f198ee56343ba864fe8b2a57d3eff7"}, "X-B3-Spanid": {"0102030405060708"}, "X-B3-Sampled": {"1"}}, nil},
		{"b3", "single T-S-1", http.Header{"B3": {"80f198ee56343ba864fe8b2a57d3eff7-0102030405060708-0"}}, []string{"sampling deny, want accept: the caller's decision was not kept"}},
		{"b3", "single sampling-only d", http.Header{"B3": {"11111111111111111111111111111111-0102030405060708-d"}}, nil},
		{"b3", "single sampling-only d", http.Header{"B3": {"11111111111111111111111111111111-0102030405060708-1"}}, []string{"sampling accept, want debug: the caller's decision was not kept"}},
		{"b3", "single T-S-P", http.Header{"B3": {"80f198ee56343ba864fe8b2a57d3eff7-0102030405060708-1"}}, []string{"trace id 80f198ee56343ba864fe8b2a57d3eff7 comes from the request: an invalid or id-less context must start a new trace"}},
		{"b3", "single T-S-P", http.Header{}, []string{"the callback carried no valid b3 context (none); a service sends its own span on, a new trace when it could not continue one"}},
		{"jaeger", "uberctx and jaeger-baggage", http.Header{"Uber-Trace-Id": {"4bf92f3577b34da6a3ce929d0e0e4736:0102030405060708:00f067aa0ba902b7:1"}, "Uberctx-User": {"alice"}}, nil},
		{"jaeger", "uberctx and jaeger-baggage", http.Header{"Uber-Trace-Id": {"4bf92f3577b34da6a3ce929d0e0e4736:0102030405060708:00f067aa0ba902b7:1"}}, []string{`baggage [], want ["user=alice" "user=bob"]`}},
		{"tracestate", "two members", http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-0102030405060708-01"}, "Tracestate": {"mine=1,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"}}, nil},
		{"tracestate", "two members", http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-0102030405060708-01"}, "Tracestate": {"congo=t61rcWkgMzE"}}, []string{`tracestate "congo=t61rcWkgMzE", want "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"`}},
		{"composite", "none propagates nothing", http.Header{}, nil},
		{"baggage", "duplicate keys", http.Header{"Baggage": {"k=2,k=1"}}, []string{`baggage ["k=2" "k=1"], want ["k=1" "k=2"]`}},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.name, func(t *testing.T) {
			p := planCase(tc.file, load(tc.file, tc.name))
			if p.NA != "" {
				t.Fatalf("not applicable: %s", p.NA)
			}
			if d := cmp.Diff(tc.want, p.check(tc.callback)); d != "" {
				t.Errorf("check (-want +got):\n%s", d)
			}
		})
	}
}

// TestConformPlanCategories pins how cases are sorted and which cannot run.
func TestConformPlanCategories(t *testing.T) {
	count := map[string]int{}
	for _, file := range []string{"traceparent", "composite", "xray", "baggage"} {
		f, err := readVectorFile(filepath.Join(vectors.Dir(), file+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range f.Cases {
			p := planCase(f.Format, c)
			key := file + " " + p.Category
			if p.NA != "" {
				key += " n/a"
			}
			count[key]++
		}
	}
	// Spot checks: every file has runnable cases in its main categories.
	for _, key := range []string{"traceparent valid", "traceparent invalid", "traceparent tracestate", "composite config", "composite decision", "xray valid", "xray invalid", "baggage baggage", "baggage invalid", "xray valid n/a"} {
		if count[key] == 0 {
			var keys []string
			for k := range count {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			t.Errorf("no case in %q; have %v", key, keys)
		}
	}
}

// TestConformCommand covers the command line: usage errors, the loopback
// rule, JSON output and the exit status.
func TestConformCommand(t *testing.T) {
	service := startTestService(t, testServiceConfig{})
	tests := []struct {
		name    string
		args    []string
		code    int
		stdout  string // a substring
		stderrs string // a substring
	}{
		{"no URL", []string{"conform"}, 2, "", "missing the service URL"},
		{"remote refused", []string{"conform", "http://192.0.2.1:5000/test"}, 2, "", "not a loopback address"},
		{"unknown file", []string{"conform", service, "nosuchformat"}, 2, "", `no vector file "nosuchformat"`},
		{"bad timeout", []string{"conform", "--timeout", "0s", service}, 2, "", "must be positive"},
		{"help", []string{"help", "conform"}, 0, "usage: tracewire conform", ""},
		{"table", []string{"conform", service, "sentry", "b3"}, 0, "total", ""},
		{"flags after the URL", []string{"conform", service, "--parallel", "2", "traceparent"}, 0, "traceparent", ""},
		{"unreachable", []string{"conform", "http://127.0.0.1:1/test", "b3"}, 1, "", "the service at http://127.0.0.1:1/test"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errOut, tc.stderrs) {
				t.Errorf("code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		out, errOut, code := runCmd(t, "", "conform", "--json", service, "composite")
		if code != 0 {
			t.Fatalf("code %d: %s", code, errOut)
		}
		var rep conformReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		got := []any{rep.Extension, len(rep.Formats), rep.Formats[0].Format, rep.Totals.Fail, rep.Totals.Pass+rep.Totals.NA == len(rep.Formats[0].Cases)}
		if d := cmp.Diff([]any{true, 1, "composite", 0, true}, got); d != "" {
			t.Errorf("report (-want +got):\n%s", d)
		}
	})

	t.Run("failure exits 1", func(t *testing.T) {
		bad := harnessService(t, true, func(http.Header) http.Header { return http.Header{} })
		out, _, code := runCmd(t, "", "conform", bad, "traceparent")
		if code != 1 || !strings.Contains(out, "failures:") {
			t.Errorf("code %d, want 1, and a list of failures:\n%s", code, out)
		}
	})
}

// TestServiceFormatsExtension pins the test service's side of the format
// extension: the echo of what it configured, the policy, and the W3C
// protocol unchanged without the header.
func TestServiceFormatsExtension(t *testing.T) {
	service := startTestService(t, testServiceConfig{})
	tests := []struct {
		name          string
		header        map[string]string
		status        int
		echo, policy  string
		echoIsPresent bool
	}{
		{"no extension", nil, 200, "", "", false},
		{"names", map[string]string{"Tracewire-Propagators": "B3, jaeger,b3"}, 200, "b3,jaeger", "", true},
		{"empty is the default", map[string]string{"Tracewire-Propagators": ""}, 200, "tracecontext,baggage", "", true},
		{"none", map[string]string{"Tracewire-Propagators": "none"}, 200, "none", "", true},
		{"unknown left out", map[string]string{"Tracewire-Propagators": "tracecontext,nosuch"}, 200, "tracecontext", "", true},
		{"policy", map[string]string{"Tracewire-Propagators": "b3,tracecontext", "Tracewire-Policy": "Last-Wins"}, 200, "b3,tracecontext", "last-wins", true},
		{"bad policy", map[string]string{"Tracewire-Propagators": "b3", "Tracewire-Policy": "random"}, 400, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, service, strings.NewReader("[]"))
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			_, present := resp.Header["Tracewire-Propagators"]
			got := []any{resp.StatusCode, resp.Header.Get("Tracewire-Propagators"), resp.Header.Get("Tracewire-Policy"), present}
			if d := cmp.Diff([]any{tc.status, tc.echo, tc.policy, tc.echoIsPresent}, got); d != "" {
				t.Errorf("status, echo, policy, echo present (-want +got):\n%s", d)
			}
		})
	}
}
