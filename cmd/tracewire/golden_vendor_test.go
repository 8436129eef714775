package main

import "testing"

// vendorGoldenCases are inspect's reports on the vendor formats (X-Ray,
// OT, Google Cloud, Sentry, Datadog, grpc-trace-bin) alone and beside
// W3C, kept like goldenCases.
var vendorGoldenCases = []struct {
	name string
	args []string // after "inspect"
	code int
}{
	{name: "cloud-run-sampling", args: []string{
		"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
		"X-Cloud-Trace-Context: 4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1",
	}, code: 0},
	{name: "xray-load-balancer", args: []string{
		"X-Amzn-Trace-Id: Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
		tpValid,
	}, code: 0},
	{name: "xray-passthrough", args: []string{
		"X-Amzn-Trace-Id: Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=1;Lineage=a87bd80c:99999:1;CalledFrom=app",
		tpValid,
		"sentry-trace: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
	}, code: 0},
	{name: "ot-baggage", args: []string{
		"ot-tracer-traceid: a3ce929d0e0e4736",
		"ot-tracer-spanid: 00f067aa0ba902b7",
		"ot-tracer-sampled: true",
		"ot-baggage-user: alice",
		"ot-baggage-Tenant: acme",
		"baggage: User=bob;p=1",
		tpValid,
	}, code: 0},
	{name: "datadog-reparent", args: []string{
		"x-datadog-trace-id: 11803532876627986230",
		"x-datadog-parent-id: 67667974448284343",
		"x-datadog-sampling-priority: 2",
		"x-datadog-origin: rum",
		"x-datadog-tags: _dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6",
		"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-00",
		"tracestate: dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4,rojo=1",
	}, code: 0},
	{name: "datadog-bad-tags", args: []string{
		"x-datadog-trace-id: 11803532876627986230",
		"x-datadog-parent-id: 67667974448284343",
		"x-datadog-tags: _dd.p.dm=-4,bad key=1",
		"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"tracestate: rojo=1,dd=s:1;p:xyz",
		"grpc-trace-bin: AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE",
	}, code: 1},
	{name: "vendor-errors", args: []string{
		"X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8",
		"ot-tracer-traceid: a3ce929d0e0e4736",
		"ot-tracer-spanid: 00f067aa0ba902b7",
		"ot-tracer-sampled: yes",
		"ot-baggage-user: alice",
		"X-Cloud-Trace-Context: 4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551616;o=1",
		"sentry-trace: 771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-x",
	}, code: 1},
}

func TestGoldenVendor(t *testing.T) {
	for _, tc := range vendorGoldenCases {
		for _, mode := range []struct{ flag, ext string }{{"", ".golden"}, {"--json", ".json.golden"}} {
			t.Run(tc.name+mode.ext, func(t *testing.T) {
				args := append([]string{"inspect"}, tc.args...)
				if mode.flag != "" {
					args = append(args, mode.flag)
				}
				out, errOut, code := runCmd(t, "", args...)
				if code != tc.code {
					t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, errOut)
				}
				if errOut != "" {
					t.Errorf("unexpected stderr:\n%s", errOut)
				}
				checkGolden(t, tc.name+mode.ext, out)
			})
		}
	}
}
