package datadog_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParseHeaders() {
	h, err := datadog.ParseHeaders("11803532876627986230", "67667974448284343", "2", "rum",
		"_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6")
	if err != nil {
		panic(err)
	}
	sc := h.SpanContext()
	p, _ := h.Priority()
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling())
	fmt.Println(p, h.Origin())
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 accept
	// 2 rum
}

func ExampleParseHeaders_negative() {
	// dd-trace-go reads a negative id as its two's complement.
	h, _ := datadog.ParseHeaders("-1", "67667974448284343", "-1", "", "")
	p, _ := h.Priority()
	fmt.Println(h.SpanContext().TraceID(), p, h.SpanContext().Sampling())
	// Output: 0000000000000000ffffffffffffffff -1 deny
}

func ExampleParseHeaders_badTags() {
	// Malformed tags are reported, and dropped, but the ids survive.
	h, err := datadog.ParseHeaders("11803532876627986230", "67667974448284343", "1", "", "_dd.p.dm=-4, _dd.p.x=1")
	fmt.Println(h.SpanContext().IsValid(), err)
	fmt.Println(errors.Is(err, tracewire.ErrKey))
	// Output:
	// true x-datadog-tags: invalid key at offset 12
	// true
}

func ExampleParseHeaders_synthetics() {
	// Datadog Synthetics starts traces without a parent span.
	h, err := datadog.ParseHeaders("5", "0", "1", "synthetics", "")
	sc := h.SpanContext()
	fmt.Println(sc.TraceID().IsValid(), sc.IsValid(), err)

	out := carrier.Map{}
	datadog.InjectHeaders(out, h)
	fmt.Println(out["x-datadog-parent-id"], out["x-datadog-origin"])
	// Output:
	// true false <nil>
	// 0 synthetics
}

func ExampleExtractHeaders() {
	in := http.Header{
		"X-Datadog-Trace-Id":          {"11803532876627986230"},
		"X-Datadog-Parent-Id":         {"67667974448284343"},
		"X-Datadog-Sampling-Priority": {"-1"},
	}
	h, err := datadog.ExtractHeaders(carrier.HTTPHeader(in))
	p, _ := h.Priority()
	fmt.Println(h.SpanContext().IsRemote(), p == datadog.UserReject, err)
	// Output: true true <nil>
}

func ExampleInjectHeaders() {
	h, _ := datadog.ParseHeaders("0011803532876627986230", " 67667974448284343", "2", "rum", "_dd.p.tid=4bf92f3577b34da6,_dd.p.dm=-4")
	out := http.Header{}
	datadog.InjectHeaders(carrier.HTTPHeader(out), h)
	for _, k := range []string{"X-Datadog-Trace-Id", "X-Datadog-Parent-Id", "X-Datadog-Sampling-Priority", "X-Datadog-Origin", "X-Datadog-Tags"} {
		fmt.Println(k+":", out.Get(k))
	}
	// Output:
	// X-Datadog-Trace-Id: 11803532876627986230
	// X-Datadog-Parent-Id: 67667974448284343
	// X-Datadog-Sampling-Priority: 2
	// X-Datadog-Origin: rum
	// X-Datadog-Tags: _dd.p.tid=4bf92f3577b34da6,_dd.p.dm=-4
}

func ExampleNewHeaders() {
	// A W3C context from a Datadog tracer carries its priority, origin and
	// tags in the dd= tracestate member.
	sc, _ := traceparent.Propagator{}.ExtractFrom(carrier.Map{
		"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"tracestate":  "dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4,congo=t61rcWkgMzE",
	})
	h := datadog.NewHeaders(sc)
	p, _ := h.Priority()
	fmt.Println(p, h.Origin(), string(h.AppendTags(nil)))
	// Output: 2 rum _dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6
}

func ExampleNewHeaders_flagWins() {
	// The sampled flag and s: disagree: the flag wins.
	sc, _ := traceparent.Propagator{}.ExtractFrom(carrier.Map{
		"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
		"tracestate":  "dd=s:2;t.dm:-4",
	})
	p, _ := datadog.NewHeaders(sc).Priority()
	fmt.Println(p)
	// Output: 0
}

func ExampleHeaders_AppendTraceStateMember() {
	// Datadog headers going out as W3C tracestate as well.
	h, _ := datadog.ParseHeaders("11803532876627986230", "67667974448284343", "2", "rum",
		"_dd.p.dm=-4,_dd.p.usr.id=YWJj==,_dd.p.tid=4bf92f3577b34da6")
	fmt.Println("dd=" + string(h.AppendTraceStateMember(nil)))
	// Output: dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:YWJj~~
}

func ExampleHeaders_WithSpanContext() {
	// A service continues the trace: its child span goes out with the
	// caller's priority, origin and tags.
	h, _ := datadog.ParseHeaders("11803532876627986230", "67667974448284343", "2", "rum", "_dd.p.dm=-4")
	child := h.SpanContext().NewChild()
	out := carrier.Map{}
	datadog.InjectHeaders(out, h.WithSpanContext(child))
	fmt.Println(out["x-datadog-sampling-priority"], out["x-datadog-origin"], out["x-datadog-tags"])
	fmt.Println(out["x-datadog-parent-id"] != "67667974448284343")
	// Output:
	// 2 rum _dd.p.dm=-4
	// true
}

func ExampleParseTraceStateMember() {
	m, err := datadog.ParseTraceStateMember("s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4")
	p, _ := m.Priority()
	last, _ := m.LastParent()
	fmt.Println(p, m.Origin(), last, string(m.AppendTags(nil)), err)
	// Output: 2 rum 00f067aa0ba902b7 _dd.p.dm=-4 <nil>
}

func ExampleParseTraceStateMember_lenient() {
	// One bad item costs only itself.
	m, err := datadog.ParseTraceStateMember("s:1;p:xyz;o:rum")
	fmt.Println(m.Origin(), err)
	// Output: rum tracestate: invalid parent span id at offset 6
}

func ExampleAppendTraceStateMember() {
	// Recording the last Datadog span on a member, canonically.
	m, _ := datadog.ParseTraceStateMember("t.dm:-4;o:rum;x:unknown;s:1")
	id, _ := tracewire.ParseSpanID("b7ad6b7169203331")
	fmt.Println(string(datadog.AppendTraceStateMember(nil, m.WithLastParent(id))))
	// Output: s:1;o:rum;p:b7ad6b7169203331;t.dm:-4
}

func ExampleFormatTraceStateMember() {
	m, _ := datadog.ParseTraceStateMember("s:-1")
	fmt.Println(datadog.FormatTraceStateMember(m))
	// Output: s:-1
}

func ExampleLastParentID() {
	// A W3C-only tracer sat between two Datadog services: traceparent and
	// the Datadog headers name different parents of one trace.
	g := carrier.Map{
		"traceparent":         "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01",
		"x-datadog-trace-id":  "11803532876627986230",
		"x-datadog-parent-id": "67667974448284343",
		"x-datadog-tags":      "_dd.p.tid=4bf92f3577b34da6",
	}
	w3c, _ := traceparent.Propagator{}.ExtractFrom(g)
	dd, _ := datadog.Propagator{}.ExtractFrom(g)
	id, ok := datadog.LastParentID(w3c, dd)
	fmt.Println(id, ok)
	// Output: 00f067aa0ba902b7 true
}

func ExamplePropagator() {
	// A proxy passes Datadog headers on exactly, priority -1 included.
	in := http.Header{
		"X-Datadog-Trace-Id":          {"11803532876627986230"},
		"X-Datadog-Parent-Id":         {"67667974448284343"},
		"X-Datadog-Sampling-Priority": {"-1"},
		"X-Datadog-Origin":            {"synthetics-browser"},
	}
	var p datadog.Propagator
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out.Get("X-Datadog-Sampling-Priority"), out.Get("X-Datadog-Origin"))

	// The span context alone holds only the decision.
	sc := tracewire.SpanContextFromContext(ctx)
	fmt.Println(sc.Sampling())
	// Output:
	// -1 synthetics-browser
	// deny
}

func ExamplePropagator_InjectInto() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	out := carrier.Map{}
	datadog.Propagator{}.InjectInto(out, tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	fmt.Println(out["x-datadog-trace-id"], out["x-datadog-parent-id"], out["x-datadog-sampling-priority"], out["x-datadog-tags"])
	// Output: 11803532876627986230 67667974448284343 1 _dd.p.tid=4bf92f3577b34da6
}

func ExamplePropagator_ExtractFrom() {
	sc, err := datadog.Propagator{}.ExtractFrom(carrier.Map{
		"x-datadog-trace-id":  "11803532876627986230",
		"x-datadog-parent-id": "0",
	})
	fmt.Println(sc.IsValid(), err)
	// Output: false x-datadog-parent-id: all-zero span id at offset 0
}

func ExamplePropagator_Fields() {
	fmt.Println(datadog.Propagator{}.Fields())
	// Output: [x-datadog-trace-id x-datadog-parent-id x-datadog-sampling-priority x-datadog-origin x-datadog-tags]
}

func ExamplePriorityFor() {
	for _, s := range []tracewire.Sampling{tracewire.SamplingDeny, tracewire.SamplingAccept, tracewire.SamplingDebug, tracewire.SamplingDeferred} {
		p, ok := datadog.PriorityFor(s)
		fmt.Println(s, p, ok)
	}
	// Output:
	// deny 0 true
	// accept 1 true
	// debug 2 true
	// deferred 0 false
}

func ExamplePriority_Sampling() {
	for _, p := range []datadog.Priority{datadog.UserReject, datadog.AutoReject, datadog.AutoKeep, datadog.UserKeep} {
		fmt.Println(p, p.Sampling())
	}
	// Output:
	// -1 deny
	// 0 deny
	// 1 accept
	// 2 accept
}

func ExampleAppendTraceID() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	fmt.Println(string(datadog.AppendTraceID(nil, t)), string(datadog.AppendSpanID(nil, s)))
	// Output: 11803532876627986230 67667974448284343
}

func ExampleHeadersFromContext() {
	var p datadog.Propagator
	ctx := p.Extract(context.Background(), carrier.Map{
		"x-datadog-trace-id":  "1",
		"x-datadog-parent-id": "2",
		"x-datadog-origin":    "lambda",
	})
	h, ok := datadog.HeadersFromContext(ctx)
	fmt.Println(h.Origin(), ok)
	// Output: lambda true
}
