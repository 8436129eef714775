package bench

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/tracewire/tracewire"
)

// The inputs every library sees. They are built once, outside the timed
// loops, and checked by TestInputs so that no benchmark measures an error
// path by accident. They are variables, not constants, so that an inlined
// parser cannot fold its length checks away at compile time.
var (
	inTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	inTracestate3 = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7,vendor@tenant=opaque"
	inBaggage5    = "userId=alice,serverNode=DF%2028,isProduction=false,tenant=acme;ttl=60,session=8f3a9c"
	inB3Single    = "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"
	inB3TraceID   = "80f198ee56343ba864fe8b2a57d3eff7"
	inB3SpanID    = "e457b5a2e4d86bd1"
	inB3ParentID  = "05e3ac9a4f6e3b90"
	inJaeger      = "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"
	inXRay        = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
	inOTTraceID   = "a3ce929d0e0e4736"
	inOTSpanID    = "00f067aa0ba902b7"
	inDDTraceID   = "11803532876627986230" // the low 64 bits of 4bf92f3577b34da6a3ce929d0e0e4736
	inDDParentID  = "67667974448284343"    // 00f067aa0ba902b7
	inDDTags      = "_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6"
)

// inTracestate32 is a full 32-member list that stays within the 512 bytes
// every participant must propagate, so no library truncates it.
var inTracestate32 = func() string {
	var sb strings.Builder
	for i := range 32 {
		if i > 0 {
			sb.WriteByte(',')
		}
		k := strconv.Itoa(100 + i)[1:]
		if i%4 == 3 {
			sb.WriteString("t" + k + "@s=012345678")
		} else {
			sb.WriteString("v" + k + "=0123456789a")
		}
	}
	return sb.String()
}()

// inBaggage64 is 64 members, the W3C minimum every platform must accept.
var inBaggage64 = func() string {
	var sb strings.Builder
	for i := range 64 {
		if i > 0 {
			sb.WriteByte(',')
		}
		k := strconv.Itoa(100 + i)[1:]
		sb.WriteString("key" + k + "=value" + k)
	}
	return sb.String()
}()

// noise is what a real request carries besides trace headers. It matters
// for map carriers, where a case-insensitive miss may scan every key.
var noise = map[string]string{
	"accept":          "*/*",
	"accept-encoding": "gzip, br",
	"content-type":    "application/json",
	"user-agent":      "bench/1.0",
	"x-request-id":    "7f6c1d9e-4a1b-4c1e-9d2f-0b8e5a3c2d10",
}

// input is one set of trace headers, keyed by lowercase name.
type input map[string]string

// header returns the headers as a server receives them: canonical keys.
func (in input) header() http.Header {
	h := make(http.Header, len(in)+len(noise))
	for k, v := range noise {
		h.Set(k, v)
	}
	for k, v := range in {
		h.Set(k, v)
	}
	return h
}

// mapOf returns the headers as a message queue carries them: lowercase keys.
func (in input) mapOf() map[string]string {
	m := make(map[string]string, len(in)+len(noise))
	for k, v := range noise {
		m[k] = v
	}
	for k, v := range in {
		m[k] = v
	}
	return m
}

// otelMapOf is mapOf as OpenTelemetry's propagator for the case looks keys
// up in a propagation.MapCarrier, whose Get is an exact lookup: contrib's
// aws/xray asks for "X-Amzn-Trace-Id", so the lowercase key a message
// carries is never found, and its map rows would time a miss.
func (in input) otelMapOf(name string) map[string]string {
	m := in.mapOf()
	if v, ok := m["x-amzn-trace-id"]; ok && name == "xray" {
		delete(m, "x-amzn-trace-id")
		m["X-Amzn-Trace-Id"] = v
	}
	return m
}

// The extraction cases, by name, in the order they are reported.
var extractInputs = []struct {
	name string
	in   input
}{
	{"traceparent", input{"traceparent": inTraceparent}},
	{"tracestate3", input{"traceparent": inTraceparent, "tracestate": inTracestate3}},
	{"tracestate32", input{"traceparent": inTraceparent, "tracestate": inTracestate32}},
	{"baggage5", input{"baggage": inBaggage5}},
	{"baggage64", input{"baggage": inBaggage64}},
	{"b3single", input{"b3": inB3Single}},
	{"b3multi", input{
		"x-b3-traceid": inB3TraceID, "x-b3-spanid": inB3SpanID,
		"x-b3-parentspanid": inB3ParentID, "x-b3-sampled": "1",
	}},
	{"jaeger", input{"uber-trace-id": inJaeger}},
	{"xray", input{"x-amzn-trace-id": inXRay}},
	{"ottrace", input{"ot-tracer-traceid": inOTTraceID, "ot-tracer-spanid": inOTSpanID, "ot-tracer-sampled": "true"}},
	// All five x-datadog-* headers, a 128-bit trace id and a user-keep
	// priority, as a Datadog tracer sends them.
	{"datadog", input{
		"x-datadog-trace-id": inDDTraceID, "x-datadog-parent-id": inDDParentID,
		"x-datadog-sampling-priority": "2", "x-datadog-origin": "rum", "x-datadog-tags": inDDTags,
	}},
	// The composite case of the issue: four formats configured, only a
	// traceparent present.
	{"composite", input{"traceparent": inTraceparent}},
}

// compositeNames is the OTEL_PROPAGATORS list both composites are built from.
var compositeNames = []string{"tracecontext", "baggage", "b3", "jaeger"}

// Sinks keep results alive so the compiler cannot drop the work.
var (
	sinkSC    tracewire.SpanContext
	sinkErr   error
	sinkCtx   context.Context
	sinkBytes []byte
	sinkStr   string
	sinkBool  bool
	sinkAny   any
	sinkDDErr error
)
