package twotel_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

const parent = "05e3ac9a4f6e3b90"

func mustProp(t *testing.T, names string) twotel.Propagator {
	t.Helper()
	p, err := twotel.TextMapPropagator(strings.Split(names, ",")...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

// flat lists a header's lines as "name: value", lowercase names, sorted
// by name, so that a diff shows exactly what was written.
func flat(h http.Header) []string {
	var out []string
	for k, vs := range h {
		for _, v := range vs {
			out = append(out, strings.ToLower(k)+": "+v)
		}
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestReinjectUnchanged: what OpenTelemetry's span context cannot hold
// (the B3 parent id, debug, deferred, the 64-bit width, Jaeger's firehose
// bit, trace state members OpenTelemetry-Go refuses, X-Ray's other
// fields, a bare sampling decision) is kept beside it, so that a context
// extracted and injected again through the OpenTelemetry API comes out as
// it came in.
func TestReinjectUnchanged(t *testing.T) {
	for _, c := range []struct {
		name, prop string
		in         http.Header
	}{
		{"b3 debug with parent", "b3", header("b3", tid+"-"+sid+"-d-"+parent)},
		{"b3 deferred, 64-bit", "b3", header("b3", tid16+"-"+sid)},
		{"b3 deny with parent", "b3", header("b3", tid+"-"+sid+"-0-"+parent)},
		{"b3 decision only", "b3", header("b3", "0")},
		{"b3 multi, 64-bit, parent, debug", "b3multi", header("x-b3-traceid", tid16, "x-b3-spanid", sid, "x-b3-parentspanid", parent, "x-b3-flags", "1")},
		{"b3 multi deferred", "b3multi", header("x-b3-traceid", tid, "x-b3-spanid", sid)},
		{"jaeger 64-bit, parent, debug, firehose", "jaeger", header("uber-trace-id", tid16+":"+sid+":"+parent+":b")},
		{"jaeger 128-bit, parent", "jaeger", header("uber-trace-id", tid32+":"+sid+":"+parent+":1")},
		{"tracecontext, random, Level 2 trace state key", "tracecontext",
			header("traceparent", "00-"+tid+"-"+sid+"-03", "tracestate", "1ab=x,congo=t61rcWkgMzE")},
		{"xray with Self and an unknown field", "xray", header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-67891233-abcdef012345678912345678;Foo=bar")},
		{"xray root without parent (decision only)", "xray", header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0")},
		{"composite: the b3 parent refines the W3C winner", "tracecontext,b3",
			header("traceparent", "00-"+tid+"-"+sid+"-01", "b3", tid+"-"+sid+"-1-"+parent)},
		{"composite: tracecontext, baggage, b3, all alike", "tracecontext,baggage,b3",
			header("traceparent", "00-"+tid+"-"+sid+"-01", "tracestate", "a=1", "baggage", "k=v;p=1",
				"b3", tid+"-"+sid+"-1-"+parent)},
	} {
		p := mustProp(t, c.prop)
		ctx := p.Extract(context.Background(), propagation.HeaderCarrier(c.in))
		out := http.Header{}
		p.Inject(ctx, propagation.HeaderCarrier(out))
		if diff := cmp.Diff(flat(c.in), flat(out)); diff != "" {
			t.Errorf("%s: -extracted +injected:\n%s", c.name, diff)
		}
	}
	if twotel.Fast(twotel.Jaeger()) {
		t.Log("package jaeger carries no uberctx-* baggage here")
		return
	}
	// Where package jaeger carries its baggage, a composite with it sends
	// the baggage both ways, W3C's copy winning.
	in := header("traceparent", "00-"+tid+"-"+sid+"-01", "baggage", "k=v", "uber-trace-id", tid+":"+sid+":"+parent+":1", "uberctx-k", "v")
	p := mustProp(t, "tracecontext,baggage,jaeger")
	out := http.Header{}
	p.Inject(p.Extract(context.Background(), propagation.HeaderCarrier(in)), propagation.HeaderCarrier(out))
	if diff := cmp.Diff(flat(in), flat(out)); diff != "" {
		t.Errorf("composite with jaeger: -extracted +injected:\n%s", diff)
	}
}

// TestChildSpan: a span the SDK starts below the extracted one carries
// what belongs to the whole trace, and its parent.
func TestChildSpan(t *testing.T) {
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	for _, c := range []struct {
		name, prop string
		in         http.Header
		// want is the injected header with the child's span id as "S"
		// and the extracted span id as its parent.
		want []string
	}{
		{"b3 debug, 64-bit", "b3", header("b3", tid16+"-"+sid+"-d-"+parent), []string{"b3: " + tid16 + "-S-d-" + sid}},
		// OpenTelemetry's span context reads deferred as not sampled, and
		// so does the SDK's default sampler; its non-recording span does
		// not tell its parent.
		{"b3 deferred: the SDK decided", "b3", header("b3", tid+"-"+sid), []string{"b3: " + tid + "-S-0"}},
		{"b3 multi", "b3multi", header("x-b3-traceid", tid, "x-b3-spanid", sid, "x-b3-sampled", "1"),
			[]string{"x-b3-parentspanid: " + sid, "x-b3-sampled: 1", "x-b3-spanid: S", "x-b3-traceid: " + tid}},
		{"jaeger firehose and debug", "jaeger", header("uber-trace-id", tid16+":"+sid+":0:b"), []string{"uber-trace-id: " + tid16 + ":S:" + sid + ":b"}},
		{"tracecontext", "tracecontext", header("traceparent", "00-"+tid+"-"+sid+"-03", "tracestate", "a=1"),
			[]string{"traceparent: 00-" + tid + "-S-03", "tracestate: a=1"}},
		{"a trace state OpenTelemetry holds only in part is sent whole", "tracecontext", header("traceparent", "00-"+tid+"-"+sid+"-01", "tracestate", "1ab=x,a=1"),
			[]string{"traceparent: 00-" + tid + "-S-01", "tracestate: 1ab=x,a=1"}},
		{"xray keeps its other fields", "xray", header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-67891233-abcdef012345678912345678;Foo=bar"),
			[]string{"x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=S;Sampled=1;Self=1-67891233-abcdef012345678912345678;Foo=bar"}},
	} {
		p := mustProp(t, c.prop)
		ctx := p.Extract(context.Background(), propagation.HeaderCarrier(c.in))
		ctx, span := tp.Tracer("test").Start(ctx, "child")
		out := http.Header{}
		p.Inject(ctx, propagation.HeaderCarrier(out))
		span.End()
		child := span.SpanContext().SpanID().String()
		got := strings.ReplaceAll(strings.Join(flat(out), "\n"), child, "S")
		if diff := cmp.Diff(strings.Join(c.want, "\n"), got); diff != "" {
			t.Errorf("%s: -want +got:\n%s", c.name, diff)
		}
	}
}

// TestAmend: a change made through OpenTelemetry to the extracted span
// context (same ids) wins; the rest of what was received stays.
func TestAmend(t *testing.T) {
	p := twotel.B3()
	ctx := p.Extract(context.Background(), propagation.HeaderCarrier(header("b3", tid16+"-"+sid+"-1-"+parent)))
	osc := trace.SpanContextFromContext(ctx)
	ctx = trace.ContextWithRemoteSpanContext(ctx, osc.WithTraceFlags(0))
	out := http.Header{}
	p.Inject(ctx, propagation.HeaderCarrier(out))
	if got, want := out.Get("b3"), tid16+"-"+sid+"-0-"+parent; got != want {
		t.Errorf("b3 = %q, want %q", got, want)
	}

	tc := twotel.TraceContext()
	ctx = tc.Extract(context.Background(), propagation.HeaderCarrier(header("traceparent", "00-"+tid+"-"+sid+"-01", "tracestate", "a=1,b=2")))
	osc = trace.SpanContextFromContext(ctx)
	ts, err := osc.TraceState().Insert("c", "3")
	if err != nil {
		t.Fatal(err)
	}
	ctx = trace.ContextWithRemoteSpanContext(ctx, osc.WithTraceState(ts))
	out = http.Header{}
	tc.Inject(ctx, propagation.HeaderCarrier(out))
	if got, want := out.Get("tracestate"), "c=3,a=1,b=2"; got != want {
		t.Errorf("tracestate = %q, want %q", got, want)
	}
}

// TestExtractLeavesContext: a carrier with nothing valid leaves the
// context as it was (OpenTelemetry's propagators_test.go checks the same),
// and a bare decision never replaces a valid span context.
func TestExtractLeavesContext(t *testing.T) {
	tidB, _ := trace.TraceIDFromHex(tid32)
	sidB, _ := trace.SpanIDFromHex(sid)
	existing := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tidB, SpanID: sidB, Remote: true})
	base := trace.ContextWithRemoteSpanContext(context.Background(), existing)
	for _, c := range []struct {
		prop string
		in   http.Header
	}{
		{"tracecontext", header()},
		{"tracecontext", header("traceparent", "00-zz-"+sid+"-01")},
		{"b3", header("b3", "0")},
		{"b3", header("x-b3-sampled", "1")},
		{"jaeger", header("jaeger-debug-id", "x")},
		{"xray", header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0")},
		{"tracecontext,baggage,b3,jaeger,xray", header("b3", "d")},
	} {
		ctx := mustProp(t, c.prop).Extract(base, propagation.HeaderCarrier(c.in))
		if got := trace.SpanContextFromContext(ctx); !got.Equal(existing) {
			t.Errorf("%s %v: span context %v, want the existing one", c.prop, c.in, got)
		}
		if got := twotel.SpanContextFromContext(ctx); got.TraceID().String() != tid32 {
			t.Errorf("%s %v: tracewire span context %v, want the existing one", c.prop, c.in, viewTW(got))
		}
	}
}

// TestRemoteSpan: the extracted span is what OpenTelemetry's own remote
// span is to an SDK: not recording, remote, a valid parent.
func TestRemoteSpan(t *testing.T) {
	ctx := twotel.TraceContext().Extract(context.Background(), propagation.HeaderCarrier(header("traceparent", "00-"+tid+"-"+sid+"-01")))
	span := trace.SpanFromContext(ctx)
	if span.IsRecording() || !span.SpanContext().IsRemote() || span.TracerProvider() == nil {
		t.Errorf("span: recording %v, remote %v, provider %v", span.IsRecording(), span.SpanContext().IsRemote(), span.TracerProvider())
	}
	// The no-op methods must not panic.
	span.SetName("x")
	span.SetAttributes()
	span.AddEvent("e")
	span.AddLink(trace.Link{})
	span.RecordError(nil)
	span.SetStatus(0, "")
	span.End()
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	_, child := tp.Tracer("t").Start(ctx, "child")
	ro := child.(sdktrace.ReadOnlySpan)
	if ro.Parent().SpanID().String() != sid || !ro.Parent().IsRemote() || child.SpanContext().TraceID().String() != tid {
		t.Errorf("child parent %v", ro.Parent())
	}
}

// TestContextWithSpanContext: a decision-only context is kept beside an
// absent span only.
func TestContextWithSpanContext(t *testing.T) {
	only := twotel.B3()
	ctx := only.Extract(context.Background(), propagation.HeaderCarrier(header("b3", "d")))
	if trace.SpanContextFromContext(ctx).IsValid() {
		t.Error("a bare decision became a span context")
	}
	if got := twotel.SpanContextFromContext(ctx); !got.IsDebug() || got.IsValid() {
		t.Errorf("decision kept beside: %v", viewTW(got))
	}
	if got := twotel.ContextWithSpanContext(context.Background(), twotel.SpanContextFromContext(context.Background())); got != context.Background() {
		t.Error("the zero SpanContext changed the context")
	}
}
