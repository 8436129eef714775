package propagator_test

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// byName builds the registry's members from the format packages directly,
// as values and as pointers, to show that a composite knows its members
// only through interfaces.
var (
	valueForms = map[string]propagator.Propagator{
		"tracecontext":   traceparent.Propagator{},
		"b3":             b3.Propagator{},
		"b3multi":        b3.Propagator{Multi: true},
		"jaeger":         jaeger.Propagator{},
		"baggage":        baggage.Propagator{},
		"xray":           xray.Propagator{},
		"xray-lambda":    xray.Propagator{Env: carrier.EnvLookup(os.LookupEnv)},
		"ottrace":        ottrace.Propagator{},
		"cloudtrace":     cloudtrace.Propagator{},
		"sentry":         sentry.Propagator{},
		"datadog":        datadog.Propagator{},
		"grpc-trace-bin": grpctrace.Propagator{},
	}
	pointerForms = map[string]propagator.Propagator{
		"tracecontext":   &traceparent.Propagator{},
		"b3":             &b3.Propagator{},
		"b3multi":        &b3.Propagator{Multi: true},
		"jaeger":         &jaeger.Propagator{},
		"baggage":        &baggage.Propagator{},
		"xray":           &xray.Propagator{},
		"xray-lambda":    &xray.Propagator{Env: carrier.EnvLookup(os.LookupEnv)},
		"ottrace":        &ottrace.Propagator{},
		"cloudtrace":     &cloudtrace.Propagator{},
		"sentry":         &sentry.Propagator{},
		"datadog":        &datadog.Propagator{},
		"grpc-trace-bin": &grpctrace.Propagator{},
	}
)

// extracted is everything a composite's Extract stored, for cmp.Diff.
type extracted struct {
	SC      string
	Valid   bool
	Remote  bool
	Baggage string
	DebugID string
	XRay    string
	DDTags  string // the Datadog headers stored, as their tags and origin
}

func extractedOf(ctx context.Context) extracted {
	sc := tracewire.SpanContextFromContext(ctx)
	return extracted{
		SC:      sc.TraceID().String() + "-" + sc.SpanID().String() + "-" + sc.ParentSpanID().String() + "-" + sc.Sampling().String() + "-" + sc.TraceState().String(),
		Valid:   sc.IsValid(),
		Remote:  sc.IsRemote(),
		Baggage: baggage.Format(baggage.FromContext(ctx)),
		DebugID: jaeger.DebugIDFromContext(ctx),
		XRay:    xray.HeaderFromContext(ctx).String(),
		DDTags:  ddView(ctx),
	}
}

func ddView(ctx context.Context) string {
	h, ok := datadog.HeadersFromContext(ctx)
	if !ok {
		return ""
	}
	return string(h.AppendTags(nil)) + " origin=" + h.Origin()
}

// staleCarrier is an outgoing header reused from an earlier request: every
// header any member could have written, plus one of the application's.
func staleCarrier() http.Header {
	return header(
		"Traceparent", "00-11111111111111111111111111111111-2222222222222222-01",
		"Tracestate", "old=1",
		"Baggage", "old=1",
		"B3", "11111111111111111111111111111111-2222222222222222-1",
		"X-B3-Traceid", "11111111111111111111111111111111",
		"X-B3-Spanid", "2222222222222222",
		"X-B3-Parentspanid", "3333333333333333",
		"X-B3-Sampled", "1",
		"X-B3-Flags", "1",
		"Uber-Trace-Id", "1:2:0:1",
		"Uberctx-Old", "stale",
		"Jaeger-Baggage", "old=1",
		"X-Amzn-Trace-Id", "Root=1-11111111-111111111111111111111111;Parent=2222222222222222;Sampled=1;Self=old",
		"Ot-Tracer-Traceid", "1111111111111111",
		"Ot-Tracer-Spanid", "2222222222222222",
		"Ot-Tracer-Sampled", "true",
		"Ot-Baggage-Old", "stale",
		"Sentry-Trace", "11111111111111111111111111111111-2222222222222222-1",
		"X-Datadog-Trace-Id", "1",
		"X-Datadog-Parent-Id", "2",
		"X-Datadog-Sampling-Priority", "2",
		"X-Datadog-Origin", "rum",
		"X-Datadog-Tags", "_dd.p.dm=-4",
		"Grpc-Trace-Bin", "AAARERERERERERERERERERERAQIiIiIiIiIiAgE",
		"Content-Type", "text/plain",
	)
}

// TestCompositeForms runs every case of composite.json through composites
// of the registry's members, of the packages' zero values and of pointers
// to them: extraction, injection into a fresh carrier and injection into a
// reused one must agree byte for byte.
func TestCompositeForms(t *testing.T) {
	f := loadCompositeVectors(t)
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			value := ""
			if tc.Propagators != nil {
				value = *tc.Propagators
			}
			reg, _ := propagator.Parse(value)
			policy := policyNamed(t, tc.Policy)
			reg.Policy = policy
			forms := map[string]propagator.Composite{"registry": reg}
			for form, table := range map[string]map[string]propagator.Propagator{"value": valueForms, "pointer": pointerForms} {
				c := propagator.Composite{Policy: policy}
				for _, name := range memberNames(reg) {
					c.Members = append(c.Members, table[name])
				}
				forms[form] = c
			}
			h := http.Header{}
			for _, l := range tc.Headers {
				h.Add(l[0], l[1])
			}
			type outcome struct {
				Extracted extracted
				Fresh     http.Header
				Reused    http.Header
				Into      http.Header
			}
			run := func(c propagator.Composite) outcome {
				ctx := c.Extract(context.Background(), carrier.HTTPHeader(h))
				o := outcome{Extracted: extractedOf(ctx), Fresh: http.Header{}, Reused: staleCarrier(), Into: staleCarrier()}
				c.Inject(ctx, carrier.HTTPHeader(o.Fresh))
				c.Inject(ctx, carrier.HTTPHeader(o.Reused))
				sc, _ := c.ExtractFrom(carrier.HTTPHeader(h))
				c.InjectInto(carrier.HTTPHeader(o.Into), sc)
				return o
			}
			want := run(forms["registry"])
			for _, form := range []string{"value", "pointer"} {
				if diff := cmp.Diff(want, run(forms[form])); diff != "" {
					t.Errorf("%s form differs from the registry's (-registry +%s):\n%s", form, form, diff)
				}
			}
			// What a reused carrier holds is what a fresh one gets, plus
			// the headers of formats not configured and the application's.
			for k, v := range want.Fresh {
				if diff := cmp.Diff(v, want.Reused[k]); diff != "" {
					t.Errorf("reused carrier's %s (-fresh +reused):\n%s", k, diff)
				}
			}
		})
	}
}

// TestRegressionJaegerBaggageByValue is the first reproduction of issue
// 11: a composite built from the packages' own propagators, by value or
// by pointer, extracts and injects uberctx-* and clears a stale one.
func TestRegressionJaegerBaggageByValue(t *testing.T) {
	for name, c := range map[string]propagator.Composite{
		"value":    propagator.Compose(jaeger.Propagator{}, baggage.Propagator{}),
		"pointer":  propagator.Compose(&jaeger.Propagator{}, &baggage.Propagator{}),
		"registry": propagator.Compose(propagator.Jaeger(), propagator.Baggage()),
	} {
		t.Run(name, func(t *testing.T) {
			in := header("Uber-Trace-Id", bT+":"+bS+":0:1", "Uberctx-User", "alice", "Baggage", "tier=gold")
			ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
			if got, want := baggage.Format(baggage.FromContext(ctx)), "tier=gold,user=alice"; got != want {
				t.Errorf("extracted baggage %q, want %q", got, want)
			}
			out := header("Uberctx-Stale", "old", "Uberctx-User", "bob", "Accept", "*/*")
			c.Inject(ctx, carrier.HTTPHeader(out))
			want := http.Header{
				"Uber-Trace-Id": {bT + ":" + bS + ":0:1"},
				"Uberctx-Tier":  {"gold"},
				"Uberctx-User":  {"alice"},
				"Baggage":       {"tier=gold,user=alice"},
				"Accept":        {"*/*"},
			}
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("reused carrier after Inject (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRegressionBaggagePointerClears is the second reproduction of issue
// 11: a pointer to baggage.Propagator clears a stale baggage header as
// the value does.
func TestRegressionBaggagePointerClears(t *testing.T) {
	for name, c := range map[string]propagator.Composite{
		"value":   propagator.Compose(baggage.Propagator{}),
		"pointer": propagator.Compose(&baggage.Propagator{}),
	} {
		t.Run(name, func(t *testing.T) {
			out := header("Baggage", "stale=1", "Accept", "*/*")
			c.Inject(context.Background(), carrier.HTTPHeader(out))
			if diff := cmp.Diff(http.Header{"Accept": {"*/*"}}, out); diff != "" {
				t.Errorf("reused carrier after Inject of no baggage (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFormsNewFormats: a composite of the X-Ray, OT, Sentry and Cloud
// Trace packages' own propagators, by value or by pointer, does what the
// registry's does: the X-Ray header's Self and Lineage go on beside a
// traceparent that won, OT baggage merges under W3C baggage, and a reused
// carrier loses its stale ot-baggage-* and sentry-trace headers.
func TestFormsNewFormats(t *testing.T) {
	const (
		tp   = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
		xr   = "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=1"
		self = "Self=1-67891234-12456789abcdef012345678"
	)
	for name, c := range map[string]propagator.Composite{
		"value": propagator.Compose(traceparent.Propagator{}, xray.Propagator{}, ottrace.Propagator{},
			sentry.Propagator{}, cloudtrace.Propagator{}, baggage.Propagator{}),
		"pointer": propagator.Compose(&traceparent.Propagator{}, &xray.Propagator{}, &ottrace.Propagator{},
			&sentry.Propagator{}, &cloudtrace.Propagator{}, &baggage.Propagator{}),
		"registry": propagator.Compose(propagator.TraceContext(), propagator.XRay(), propagator.OTTrace(),
			propagator.Sentry(), propagator.CloudTrace(), propagator.Baggage()),
	} {
		t.Run(name, func(t *testing.T) {
			in := header(
				"Traceparent", tp,
				"X-Amzn-Trace-Id", self+";"+xr+";Lineage=a87bd80c:1:68",
				"Ot-Tracer-Traceid", "a3ce929d0e0e4736",
				"Ot-Tracer-Spanid", "00f067aa0ba902b7",
				"Ot-Baggage-User", "alice",
				"Ot-Baggage-Tenant", "acme",
				"Baggage", "User=bob",
				"X-Cloud-Trace-Context", "4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1",
			)
			ctx := c.Extract(context.Background(), carrier.HTTPHeader(in))
			if got, want := baggage.Format(baggage.FromContext(ctx)), "User=bob,tenant=acme"; got != want {
				t.Errorf("extracted baggage %q, want %q", got, want)
			}
			out := header("Ot-Baggage-Stale", "old", "Sentry-Trace", "11111111111111111111111111111111-2222222222222222-1", "Accept", "*/*")
			c.Inject(ctx, carrier.HTTPHeader(out))
			want := http.Header{
				"Traceparent":       {tp},
				"X-Amzn-Trace-Id":   {xr + ";" + self + ";Lineage=a87bd80c:1:68"},
				"Ot-Tracer-Traceid": {"a3ce929d0e0e4736"},
				"Ot-Tracer-Spanid":  {"00f067aa0ba902b7"},
				"Ot-Tracer-Sampled": {"true"},
				"Ot-Baggage-User":   {"bob"},
				"Ot-Baggage-Tenant": {"acme"},
				"Sentry-Trace":      {"4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"},
				"Baggage":           {"User=bob,tenant=acme"},
				"Accept":            {"*/*"},
			}
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("reused carrier after Inject (-want +got):\n%s", diff)
			}
		})
	}
}
