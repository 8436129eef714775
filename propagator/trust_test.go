package propagator_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

func TestFromNetworks(t *testing.T) {
	cond := propagator.FromNetworks(netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::1/8"), netip.Prefix{})
	tests := []struct {
		remote string
		want   bool
	}{
		{"10.1.2.3:443", true},
		{"10.1.2.3", true}, // no port
		{"11.1.2.3:443", false},
		{"[::ffff:10.1.2.3]:443", true}, // IPv4-mapped
		{"[fd12::1]:80", true},          // the prefix was masked
		{"[fd12::1%eth0]:80", true},     // zone ignored
		{"[fe80::1]:80", false},
		{"", false},
		{"not an address", false},
		{"10.1.2.3:99999", false},
	}
	for _, tc := range tests {
		r := &http.Request{RemoteAddr: tc.remote}
		if got := cond(r); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.remote, got, tc.want)
		}
	}
	if propagator.FromNetworks()(&http.Request{RemoteAddr: "10.1.2.3:1"}) {
		t.Error("no networks should trust nobody")
	}
}

// condCase is a request carrying the header lines values, and whether a
// condition should accept it.
type condCase struct {
	values []string
	want   bool
}

func checkCond(t *testing.T, cond func(*http.Request) bool, header string, tests []condCase) {
	t.Helper()
	for _, tc := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		for _, v := range tc.values {
			r.Header.Add(header, v)
		}
		if got := cond(r); got != tc.want {
			t.Errorf("%s %q: %v, want %v", header, tc.values, got, tc.want)
		}
	}
}

func TestHeaderEquals(t *testing.T) {
	checkCond(t, propagator.HeaderEquals("x-internal", "yes"), "X-Internal", []condCase{
		{[]string{"yes"}, true},
		{[]string{"Yes"}, false},
		{[]string{"yes", "yes"}, false}, // appended, not replaced
		{nil, false},
		{[]string{""}, false},
	})
}

func TestHasTraceStateMember(t *testing.T) {
	checkCond(t, propagator.HasTraceStateMember("es"), "Tracestate", []condCase{
		{[]string{"es=s:1"}, true},
		{[]string{"rojo=1", "congo=2,es=s:1"}, true},
		{[]string{"rojo=1,Es=2"}, false}, // invalid list: discarded whole
		{[]string{"res=1,es@x=2"}, false},
		{nil, false},
	})
}

func TestAllowHosts(t *testing.T) {
	allow := propagator.AllowHosts("api.example.com", "*.internal.test", "10.0.0.1", "[::1]", " Upper.Example. ", "*", "*.")
	tests := []struct {
		url  string
		want bool
	}{
		{"http://api.example.com/x", true},
		{"https://API.Example.com:8443/x", true},
		{"http://api.example.com./", true},
		{"http://www.example.com/", false},
		{"http://example.com/", false},
		{"http://a.internal.test/", true},
		{"http://a.b.internal.test/", true},
		{"http://internal.test/", false},
		{"http://evilinternal.test/", false},
		{"http://10.0.0.1:9000/", true},
		{"http://10.0.0.2/", false},
		{"http://[::1]:80/", true},
		{"http://upper.example/", true},
		{"http://anything/", false}, // "*" alone matches nothing
		{"/relative", false},
	}
	for _, tc := range tests {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := allow(&http.Request{URL: u}); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.url, got, tc.want)
		}
	}
	if allow(&http.Request{}) {
		t.Error("a request without a URL was allowed")
	}
	r := &http.Request{URL: &url.URL{Host: "a.internal.test:80"}}
	if n := testing.AllocsPerRun(100, func() { allow(r) }); n != 0 {
		t.Errorf("AllowHosts allocates %v times", n)
	}
}

func TestParseTrust(t *testing.T) {
	tracestateEs := httptest.NewRequest(http.MethodGet, "/", nil)
	tracestateEs.Header.Set("Tracestate", "es=s:1")
	plain := httptest.NewRequest(http.MethodGet, "/", nil)
	tests := []struct {
		value           string
		withEs, without string // the policies for a request with and without an "es" member
		err             string
	}{
		{"", "continue", "continue", ""},
		{"continue", "continue", "continue", ""},
		{" Restart ", "restart", "restart", ""},
		{"IGNORE", "ignore", "ignore", ""},
		{"restart-external:es", "continue", "restart", ""},
		{"Restart-External: es ", "continue", "restart", ""},
		{"restart-external:ES", "restart", "restart", `propagator: TRACEWIRE_TRUST: "ES" is not a tracestate key`},
		{"restart-external:", "restart", "restart", `propagator: TRACEWIRE_TRUST: "" is not a tracestate key`},
		{"restart-external", "restart", "restart", `propagator: TRACEWIRE_TRUST: unknown value "restart-external" (continue, restart, ignore or restart-external:KEY); restarting every trace`},
		{"continue:es", "restart", "restart", `propagator: TRACEWIRE_TRUST: unknown value "continue:es" (continue, restart, ignore or restart-external:KEY); restarting every trace`},
		{"trust", "restart", "restart", `propagator: TRACEWIRE_TRUST: unknown value "trust" (continue, restart, ignore or restart-external:KEY); restarting every trace`},
	}
	for _, tc := range tests {
		trust, err := propagator.ParseTrust(tc.value)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		got := []string{trust(tracestateEs).String(), trust(plain).String(), errText}
		if diff := cmp.Diff([]string{tc.withEs, tc.without, tc.err}, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.value, diff)
		}
		// The same rules over other carriers: a map (Get only) and gRPC
		// metadata whose member is on a second tracestate line.
		ctrust, err := propagator.ParseCarrierTrust(tc.value)
		errText = ""
		if err != nil {
			errText = err.Error()
		}
		got = []string{
			ctrust(carrier.Map{"tracestate": "es=s:1"}).String(), ctrust(carrier.Map{}).String(),
			ctrust(carrier.Metadata{"tracestate": {"rojo=1", "es=s:1"}}).String(), ctrust(carrier.Metadata{"tracestate": {"rojo=1"}}).String(),
			errText,
		}
		if diff := cmp.Diff([]string{tc.withEs, tc.without, tc.withEs, tc.without, tc.err}, got); diff != "" {
			t.Errorf("ParseCarrierTrust(%q) (-want +got):\n%s", tc.value, diff)
		}
	}
	ctrust, _ := propagator.ParseCarrierTrust("restart-external:es")
	for _, g := range []carrier.Getter{carrier.Map{"tracestate": "rojo=1,es=s:1"}, carrier.Metadata{"tracestate": {"rojo=1,es=s:1"}}} {
		if n := testing.AllocsPerRun(100, func() { ctrust(g) }); n != 0 {
			t.Errorf("%T: the restart-external trust allocates %v times", g, n)
		}
	}
}

func TestEdgeFromEnv(t *testing.T) {
	tests := []struct {
		env    map[string]string
		fields []string
		policy string // for a request without tracestate
		errs   int    // errors joined
	}{
		{map[string]string{}, []string{"traceparent", "tracestate", "baggage"}, "continue", 0},
		{map[string]string{"OTEL_PROPAGATORS": "b3", "TRACEWIRE_PASSTHROUGH": " X-Session-Id, x-tenant ,,x-session-id", "TRACEWIRE_TRUST": "restart-external:es"},
			[]string{"b3", "x-session-id", "x-tenant"}, "restart", 0},
		{map[string]string{"OTEL_PROPAGATORS": "bogus", "TRACEWIRE_PASSTHROUGH": "x-ok,bad header", "TRACEWIRE_TRUST": "sometimes"},
			[]string{"traceparent", "tracestate", "baggage", "x-ok"}, "restart", 3},
		{map[string]string{"TRACEWIRE_TRUST": "ignore"}, []string{"traceparent", "tracestate", "baggage"}, "ignore", 0},
	}
	for _, tc := range tests {
		for _, k := range []string{"OTEL_PROPAGATORS", "TRACEWIRE_PASSTHROUGH", "TRACEWIRE_TRUST"} {
			t.Setenv(k, tc.env[k])
		}
		e, err := propagator.EdgeFromEnv()
		n := 0
		if err != nil {
			n = 1
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				n = len(j.Unwrap())
			}
		}
		got := struct {
			Fields []string
			Policy string
			Errs   int
		}{e.Propagator.Fields(), e.Trust(httptest.NewRequest(http.MethodGet, "/", nil)).String(), n}
		want := got
		want.Fields, want.Policy, want.Errs = tc.fields, tc.policy, tc.errs
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s (error: %v)", tc.env, diff, err)
		}
		var ue *propagator.UnknownError
		if tc.env["OTEL_PROPAGATORS"] == "bogus" && !errors.As(err, &ue) {
			t.Errorf("the OTEL_PROPAGATORS error is not reachable with errors.As: %v", err)
		}
	}
}
