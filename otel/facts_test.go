package twotel_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/contrib/propagators/autoprop"
	otelb3 "go.opentelemetry.io/contrib/propagators/b3"
	oteljaeger "go.opentelemetry.io/contrib/propagators/jaeger"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// The facts of OpenTelemetry-Go's own propagator tests: their inputs and
// the outcomes they expect, transcribed (not their code) from
//
//	go.opentelemetry.io/otel@v1.47.0 propagation/trace_context_test.go, baggage_test.go
//	go.opentelemetry.io/contrib/propagators/b3@v1.47.0 b3_data_test.go, b3_integration_test.go
//	go.opentelemetry.io/contrib/propagators/jaeger@v1.47.0 jaeger_data_test.go
//	go.opentelemetry.io/contrib/propagators/aws@v1.47.0 xray/propagator_test.go
//	go.opentelemetry.io/contrib/propagators/ot@v1.47.0 ot_data_test.go
//
// and run against the adapter through the OpenTelemetry API, each
// propagator chosen by its OTEL_PROPAGATORS name. Where the adapter
// differs, the fact names the difference (a row of the table in
// README.md) and states what the adapter does instead, so the difference
// is pinned by the test rather than skipped.

// outcome is what a fact expects, in OpenTelemetry's terms.
type outcome struct {
	// The span context in ctx: the zero value means none (invalid).
	Span spanFact
	// Debug and Deferred: contrib's b3.DebugFromContext and
	// DeferredFromContext, jaeger.DebugFromContext; the adapter's
	// SpanContextFromContext IsDebug and IsDeferred.
	Debug, Deferred bool
	// Baggage members, "value" or "value;prop=v", by key.
	Baggage map[string]string
	// BaggageCount and BaggageBytes, for facts that state only those.
	BaggageCount, BaggageBytes int
	// Headers injected (names compared case-insensitively) and headers
	// that must be absent.
	Headers map[string]string
	Absent  []string
}

type spanFact struct {
	TraceID, SpanID string
	Flags           byte
	TraceState      string
}

// fact is one row of an OpenTelemetry table.
type fact struct {
	src  string // the OpenTelemetry test the row comes from
	name string // the row's name there
	prop string // OTEL_PROPAGATORS names, comma-separated
	// Extract: header lines in order (repeated names are repeated lines),
	// into an http.Header through Add, or into a MapCarrier with the
	// names as given when mapCarrier is set. base is baggage the context
	// already holds.
	in         [][2]string
	mapCarrier bool
	base       map[string]string
	// Inject: the span context in ctx (with debug or deferred, which the
	// adapter keeps beside it), and baggage.
	inject   bool
	sc       spanFact
	debug    bool
	deferred bool
	bag      map[string]string

	want outcome
	// diff names the README row when the adapter differs; ours is then
	// what the adapter does.
	diff string
	ours *outcome
	// otel is what OpenTelemetry's own propagator does where that is not
	// what its table says (see otelNote).
	otel     *outcome
	otelNote string
}

const (
	tid   = "4bf92f3577b34da6a3ce929d0e0e4736"
	sid   = "00f067aa0ba902b7"
	tid32 = "a1ce929d0e0e4736a3ce929d0e0e4736"
	tid16 = "a3ce929d0e0e4736"
	tid15 = "3ce929d0e0e4736"
)

func tp(v string) [2]string   { return [2]string{"traceparent", v} }
func ts(v string) [2]string   { return [2]string{"tracestate", v} }
func bg(v string) [2]string   { return [2]string{"baggage", v} }
func h(k, v string) [2]string { return [2]string{k, v} }

func span(t, s string, flags byte) spanFact { return spanFact{TraceID: t, SpanID: s, Flags: flags} }

func pad(t string) string { return strings.Repeat("0", 32-len(t)) + t }

func traceContextFacts() []fact {
	const ex = "propagation/trace_context_test.go TestExtractValidTraceContext"
	const inv = "propagation/trace_context_test.go TestExtractInvalidTraceContextFromHTTPReq"
	const inj = "propagation/trace_context_test.go TestInjectValidTraceContext"
	p := "tracecontext"
	fs := []fact{
		{src: ex, name: "not sampled", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-00")}, want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "sampled", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-01")}, want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "random", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-02")}, want: outcome{Span: span(tid, sid, 2)}},
		{src: ex, name: "sampled and random", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-03")}, want: outcome{Span: span(tid, sid, 3)}},
		{src: ex, name: "valid tracestate", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-00"), ts("key1=value1,key2=value2")},
			want: outcome{Span: spanFact{tid, sid, 0, "key1=value1,key2=value2"}}},
		{src: ex, name: "invalid tracestate preserves traceparent", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-00"), ts("invalid$@#=invalid")},
			want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "future version not sampled", prop: p, in: [][2]string{tp("02-" + tid + "-" + sid + "-00")}, want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "future version sampled", prop: p, in: [][2]string{tp("02-" + tid + "-" + sid + "-01")}, want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "future version sample bit set reserved bits zeroed", prop: p, in: [][2]string{tp("02-" + tid + "-" + sid + "-09")}, want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "future version reserved bits zeroed", prop: p, in: [][2]string{tp("02-" + tid + "-" + sid + "-08")}, want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "future version additional data", prop: p, in: [][2]string{tp("02-" + tid + "-" + sid + "-00-XYZxsf09")}, want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "B3 format ending in dash", prop: p, in: [][2]string{tp("00-" + tid + "-" + sid + "-00-")}, want: outcome{Span: span(tid, sid, 0)},
			diff: "tp-trailing-dash", ours: &outcome{}},
		{src: ex, name: "future version B3 format ending in dash", prop: p, in: [][2]string{tp("03-" + tid + "-" + sid + "-00-")}, want: outcome{Span: span(tid, sid, 0)}},
	}
	for _, c := range []struct{ name, v string }{
		{"wrong version length", "0000-00000000000000000000000000000000-0000000000000000-01"},
		{"wrong trace ID length", "00-ab00000000000000000000000000000000-cd00000000000000-01"},
		{"wrong span ID length", "00-ab000000000000000000000000000000-cd0000000000000000-01"},
		{"wrong trace flag length", "00-ab000000000000000000000000000000-cd00000000000000-0100"},
		{"bogus version", "qw-00000000000000000000000000000000-0000000000000000-01"},
		{"bogus trace ID", "00-qw000000000000000000000000000000-cd00000000000000-01"},
		{"bogus span ID", "00-ab000000000000000000000000000000-qw00000000000000-01"},
		{"bogus trace flag", "00-ab000000000000000000000000000000-cd00000000000000-qw"},
		{"upper case version", "A0-00000000000000000000000000000000-0000000000000000-01"},
		{"upper case trace ID", "00-AB000000000000000000000000000000-cd00000000000000-01"},
		{"upper case span ID", "00-ab000000000000000000000000000000-CD00000000000000-01"},
		{"upper case trace flag", "00-ab000000000000000000000000000000-cd00000000000000-A1"},
		{"zero trace ID and span ID", "00-00000000000000000000000000000000-0000000000000000-01"},
		{"missing options", "00-" + tid + "-" + sid},
		{"empty options", "00-" + tid + "-" + sid + "-"},
		{"version 0 with extra content", "00-" + tid + "-" + sid + "-01-extra"},
	} {
		fs = append(fs, fact{src: inv, name: c.name, prop: p, in: [][2]string{tp(c.v)}})
	}
	fs = append(fs, fact{src: inv, name: "version 0 reserved trace flag bits set", prop: p,
		in:   [][2]string{tp("00-ab000000000000000000000000000000-cd00000000000000-09")},
		diff: "tp-reserved-flags", ours: &outcome{Span: span("ab000000000000000000000000000000", "cd00000000000000", 1)}})
	for _, c := range []struct {
		name  string
		flags byte
		state string
		out   string
	}{
		{"not sampled", 0, "", "00"},
		{"sampled", 1, "", "01"},
		{"reserved trace flag bits dropped on inject", 0xff, "", "03"},
		{"random", 2, "", "02"},
		{"sampled and random", 3, "", "03"},
		{"with tracestate", 0, "key1=value1,key2=value2", "00"},
	} {
		f := fact{src: inj, name: c.name, prop: p, inject: true, sc: spanFact{tid, sid, c.flags, c.state},
			want: outcome{Headers: map[string]string{"traceparent": "00-" + tid + "-" + sid + "-" + c.out}}}
		if c.state != "" {
			f.want.Headers["tracestate"] = c.state
		} else {
			f.want.Absent = []string{"tracestate"}
		}
		fs = append(fs, f)
	}
	fs = append(fs, fact{src: "propagation/trace_context_test.go TestInvalidSpanContextDropped", name: "invalid span context", prop: p, inject: true,
		want: outcome{Absent: []string{"traceparent", "tracestate"}}})
	return fs
}

func members(n int, prefix string, width int) (header string, m map[string]string) {
	parts := make([]string, n)
	m = map[string]string{}
	for i := range parts {
		k, v := fmt.Sprintf("%s%0*d", prefix, width, i), fmt.Sprintf("v%0*d", width, i)
		parts[i] = k + "=" + v
		m[k] = v
	}
	return strings.Join(parts, ","), m
}

func baggageFacts() []fact {
	const ex = "propagation/baggage_test.go TestExtractValidBaggage"
	const multi = "propagation/baggage_test.go TestExtractValidMultipleBaggageHeaders"
	const inv = "propagation/baggage_test.go TestExtractInvalidDistributedContextFromHTTPReq"
	const many = "propagation/baggage_test.go TestExtractManyBaggageHeader"
	p := "baggage"
	two := map[string]string{"key1": "val1", "key2": "val2"}
	var fs []fact
	for _, c := range []struct {
		name, v string
		want    map[string]string
	}{
		{"valid w3cHeader", "key1=val1,key2=val2", two},
		{"valid w3cHeader with spaces", "key1 =   val1,  key2 =val2   ", two},
		{"valid w3cHeader with properties", "key1=val1,key2=val2;prop=1", map[string]string{"key1": "val1", "key2": "val2;prop=1"}},
		{"valid header with an invalid header", "key1=val1,key2=val2,a,val3", two},
		{"valid header with no value", "key1=,key2=val2", map[string]string{"key1": "", "key2": "val2"}},
		{"valid header with url encoded string", "key1=val%252", map[string]string{"key1": "val%2"}},
		{"empty header", "", nil},
	} {
		for _, m := range []bool{false, true} {
			fs = append(fs, fact{src: ex, name: c.name, prop: p, in: [][2]string{bg(c.v)}, mapCarrier: m, want: outcome{Baggage: c.want}})
		}
	}
	lines := func(vs ...string) [][2]string {
		out := make([][2]string, len(vs))
		for i, v := range vs {
			out[i] = bg(v)
		}
		return out
	}
	h64, m64 := members(64, "k", 0)
	h65, _ := members(65, "k", 0)
	ha, _ := members(32, "a", 2)
	hb, _ := members(32, "b", 2)
	hc, _ := members(1, "c", 2)
	v := func(n int) string { return strings.Repeat("v", n) }
	const max = 8192
	fs = append(fs,
		fact{src: multi, name: "non conflicting headers", prop: p, in: lines("key1=val1", "key2=val2"), want: outcome{Baggage: two}},
		fact{src: multi, name: "conflicting keys, uses last val", prop: p, in: lines("key1=val1", "key1=val2"), want: outcome{Baggage: map[string]string{"key1": "val2"}}},
		fact{src: multi, name: "single empty", prop: p, in: lines("", "key1=val1"), want: outcome{Baggage: map[string]string{"key1": "val1"}}},
		fact{src: multi, name: "all empty", prop: p, in: lines("", "")},
		fact{src: multi, name: "none", prop: p},
		fact{src: multi, name: "single header with one invalid skips invalid", prop: p, in: lines("key1=val1,invalid-no-equals,key2=val2"), want: outcome{Baggage: two}},
		fact{src: multi, name: "multiple headers with one invalid skips invalid and continues", prop: p, in: lines("key1=val1", "invalid-no-equals", "key2=val2"), want: outcome{Baggage: two}},
		fact{src: multi, name: "single header at max members limit", prop: p, in: lines(h64), want: outcome{Baggage: m64}},
		fact{src: multi, name: "single header exceeds max members limit keeps 64", prop: p, in: lines(h65), want: outcome{Baggage: m64}},
		fact{src: multi, name: "multiple headers exceeds total max members limit keeps 64", prop: p, in: lines(ha, hb, hc),
			want: outcome{BaggageCount: 64, BaggageBytes: 64*7 + 63}},
		fact{src: multi, name: "single header at max bytes limit", prop: p, in: lines("k=" + v(max-2)), want: outcome{Baggage: map[string]string{"k": v(max - 2)}}},
		fact{src: multi, name: "single header exceeds max bytes limit will be dropped entirely", prop: p, in: lines("k=" + v(max-1))},
		fact{src: multi, name: "multiple headers exceed total max bytes drops everything", prop: p, in: lines("k="+v(max-2), "y="+v(max-2)),
			diff: "bag-over-limit", ours: &outcome{Baggage: map[string]string{"k": v(max - 2)}}},
		fact{src: multi, name: "multiple headers within total max bytes", prop: p, in: lines("k="+v(max/2-2), "y="+v(max/2-3)),
			want: outcome{Baggage: map[string]string{"k": v(max/2 - 2), "y": v(max/2 - 3)}}},
		fact{src: multi, name: "empty headers between non-empty do count comma separators", prop: p, in: lines("k="+v(max/2-2), "", "", "y="+v(max/2-3)),
			diff: "bag-empty-lines", ours: &outcome{Baggage: map[string]string{"k": v(max/2 - 2), "y": v(max/2 - 3)}}},
		fact{src: multi, name: "empty headers before non-empty do count comma separators", prop: p, in: lines("", "k="+v(max/2-2), "y="+v(max/2-3)),
			diff: "bag-empty-lines", ours: &outcome{Baggage: map[string]string{"k": v(max/2 - 2), "y": v(max/2 - 3)}}},
		fact{src: multi, name: "multiple headers exceed total max bytes due to comma separator", prop: p, in: lines("k="+v(max/2-2), "y="+v(max/2-2)),
			diff: "bag-over-limit", ours: &outcome{Baggage: map[string]string{"k": v(max/2 - 2)}}},
	)
	var hundred []string
	kept := map[string]string{}
	for i := range 100 {
		line, m := members(10, fmt.Sprintf("h%02d_k", i), 2)
		hundred = append(hundred, line)
		if i < 6 || i == 6 && false {
			for k, v := range m {
				kept[k] = v
			}
		}
	}
	// The first 64 members fit 8192 bytes (each is 12 bytes): the 6
	// first lines and 4 members of the 7th.
	for i := range 4 {
		kept[fmt.Sprintf("h06_k%02d", i)] = fmt.Sprintf("v%02d", i)
	}
	fs = append(fs, fact{src: multi, name: "many headers total max members and max bytes", prop: p, in: lines(hundred...),
		diff: "bag-over-limit", ours: &outcome{Baggage: kept}})

	var big []string
	bigKept := map[string]string{}
	size := -1
	for i := range 100 {
		k, val := fmt.Sprintf("k%d", i), v(190)
		big = append(big, k+"="+val)
		if size+1+len(k)+1+190 <= max {
			size += 1 + len(k) + 1 + 190
			bigKept[k] = val
		}
	}
	var tenBad []string
	for i := range 10 {
		tenBad = append(tenBad, fmt.Sprintf("bad%d", i))
	}
	fs = append(fs,
		fact{src: many, name: "aggregate byte budget exceeded drops everything", prop: p, in: lines(big...),
			diff: "bag-over-limit", ours: &outcome{Baggage: bigKept}},
		fact{src: many, name: "too many invalid headers triggers error cap", prop: p, in: lines(append(tenBad, "good=val")...),
			want: outcome{Baggage: map[string]string{"good": "val"}}},
		fact{src: many, name: "single header with many invalid members preserves inner error", prop: p, in: lines(strings.Join(tenBad, ",") + ",good=val"),
			want: outcome{Baggage: map[string]string{"good": "val"}}},
		fact{src: many, name: "member cap does not stop aggregate byte accounting", prop: p, in: lines(ha+","+hb, "oversized="+v(max)),
			diff: "bag-over-limit", ours: &outcome{BaggageCount: 64, BaggageBytes: 64*7 + 63}},
		fact{src: "propagation/baggage_test.go TestExtractOversizedSingleBaggageHeader", name: "oversized single header", prop: p, in: lines("key=" + v(max))},
	)
	has := map[string]string{"key1": "val1", "key2": "val2"}
	fs = append(fs,
		fact{src: inv, name: "no key values", prop: p, in: lines("header1")},
		fact{src: inv, name: "invalid header with existing context", prop: p, in: lines("header2"), base: has, want: outcome{Baggage: has}},
		fact{src: inv, name: "empty header value", prop: p, in: lines(""), base: has, want: outcome{Baggage: has}},
		fact{src: inv, name: "with properties", prop: p, in: lines("key1=val1,key2=val2;prop=1"), base: map[string]string{"key1": "val1", "key2": "val2;prop=1"},
			want: outcome{Baggage: map[string]string{"key1": "val1", "key2": "val2;prop=1"}}},
	)
	const injSrc = "propagation/baggage_test.go TestInjectBaggageToHTTPReq"
	fs = append(fs,
		fact{src: injSrc, name: "two simple values", prop: p, inject: true, bag: two,
			want: outcome{Headers: map[string]string{"baggage": "key1=val1,key2=val2"}}},
		fact{src: injSrc, name: "values with escaped chars", prop: p, inject: true, bag: map[string]string{"key2": "val3,4"},
			want: outcome{Headers: map[string]string{"baggage": "key2=val3%2C4"}}},
		fact{src: injSrc, name: "with properties", prop: p, inject: true, bag: map[string]string{"key1": "val1", "key2": "val2;prop=1"},
			want: outcome{Headers: map[string]string{"baggage": "key1=val1,key2=val2;prop=1"}}},
	)
	return fs
}

func b3Facts() []fact {
	const ex = "contrib b3/b3_data_test.go extractHeaders"
	const inv = "contrib b3/b3_data_test.go extractInvalidHeaders"
	const inj = "contrib b3/b3_data_test.go injectHeader"
	const (
		hTrace  = "x-b3-traceid"
		hSpan   = "x-b3-spanid"
		hSample = "x-b3-sampled"
		hFlags  = "x-b3-flags"
		hParent = "x-b3-parentspanid"
		hSingle = "b3"
	)
	p := "b3"
	multi := func(kv ...string) [][2]string {
		var out [][2]string
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, h(kv[i], kv[i+1]))
		}
		return out
	}
	fs := []fact{
		{src: ex, name: "empty", prop: p},
		{src: ex, name: "multiple: sampling state defer", prop: p, in: multi(hTrace, tid, hSpan, sid), want: outcome{Span: span(tid, sid, 0), Deferred: true}},
		{src: ex, name: "multiple: sampling state deny", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "0"), want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "multiple: sampling state accept", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "1"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "multiple: sampling state as a boolean: true", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "true"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "multiple: sampling state as a boolean: false", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "false"), want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "multiple: debug flag set", prop: p, in: multi(hTrace, tid, hSpan, sid, hFlags, "1"), want: outcome{Span: span(tid, sid, 1), Debug: true}},
		{src: ex, name: "multiple: debug flag set to not 1 (ignored)", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "1", hFlags, "2"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "multiple: debug flag set and sampling state is deny", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "0", hFlags, "1"), want: outcome{Span: span(tid, sid, 1), Debug: true}},
		{src: ex, name: "multiple: with parent span id", prop: p, in: multi(hTrace, tid, hSpan, sid, hSample, "1", hParent, "00f067aa0ba90200"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "multiple: with only sampled state header", prop: p, in: multi(hSample, "0")},
		{src: ex, name: "multiple: left-padding 64-bit traceID", prop: p, in: multi(hTrace, tid16, hSpan, sid), want: outcome{Span: span(pad(tid16), sid, 0), Deferred: true}},
		{src: ex, name: "single: sampling state defer", prop: p, in: multi(hSingle, tid+"-"+sid), want: outcome{Span: span(tid, sid, 0), Deferred: true}},
		{src: ex, name: "single: sampling state deny", prop: p, in: multi(hSingle, tid+"-"+sid+"-0"), want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "single: sampling state accept", prop: p, in: multi(hSingle, tid+"-"+sid+"-1"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "single: sampling state debug", prop: p, in: multi(hSingle, tid+"-"+sid+"-d"), want: outcome{Span: span(tid, sid, 1), Debug: true}},
		{src: ex, name: "single: with parent span id", prop: p, in: multi(hSingle, tid+"-"+sid+"-1-00000000000000cd"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "single: with only sampling state deny", prop: p, in: multi(hSingle, "0")},
		{src: ex, name: "single: left-padding 64-bit traceID", prop: p, in: multi(hSingle, tid16+"-"+sid), want: outcome{Span: span(pad(tid16), sid, 0), Deferred: true}},
		{src: ex, name: "both single and multiple: single priority", prop: p, in: multi(hSingle, tid+"-"+sid+"-1", hTrace, tid, hSpan, sid, hSample, "0"), want: outcome{Span: span(tid, sid, 1)}},
		{src: ex, name: "both single and multiple: invalid single", prop: p, in: multi(hSingle, tid+"-"+sid+"-", hTrace, tid, hSpan, sid, hSample, "0"), want: outcome{Span: span(tid, sid, 0)}},
		{src: ex, name: "both single and multiple: invalid multiple", prop: p, in: multi(hSingle, tid+"-"+sid+"-1", hTrace, tid, hSpan, sid, hSample, "invalid"), want: outcome{Span: span(tid, sid, 1)}},
	}
	const a, c = "ab000000000000000000000000000000", "cd00000000000000"
	for _, x := range []struct {
		name string
		in   [][2]string
	}{
		{"multiple: trace ID length > 32", multi(hTrace, "ab00000000000000000000000000000000", hSpan, c, hSample, "1")},
		{"multiple: trace ID length >16 and <32", multi(hTrace, "ab0000000000000000000000000000", hSpan, c, hSample, "1")},
		{"multiple: trace ID length <16", multi(hTrace, "ab0000000000", hSpan, c, hSample, "1")},
		{"multiple: wrong span ID length", multi(hTrace, a, hSpan, "cd0000000000000000", hSample, "1")},
		{"multiple: wrong sampled flag length", multi(hTrace, a, hSpan, c, hSample, "10")},
		{"multiple: bogus trace ID", multi(hTrace, "qw000000000000000000000000000000", hSpan, c, hSample, "1")},
		{"multiple: bogus span ID", multi(hTrace, a, hSpan, "qw00000000000000", hSample, "1")},
		{"multiple: bogus sampled flag", multi(hTrace, a, hSpan, c, hSample, "d")},
		{"multiple: upper case trace ID", multi(hTrace, "AB000000000000000000000000000000", hSpan, c, hSample, "1")},
		{"multiple: upper case span ID", multi(hTrace, a, hSpan, "CD00000000000000", hSample, "1")},
		{"multiple: zero trace ID", multi(hTrace, "00000000000000000000000000000000", hSpan, c, hSample, "1")},
		{"multiple: zero span ID", multi(hTrace, a, hSpan, "0000000000000000", hSample, "1")},
		{"multiple: missing span ID", multi(hTrace, a, hSample, "1")},
		{"multiple: missing trace ID", multi(hSpan, c, hSample, "1")},
		{"multiple: sampled header set to 1 but trace ID and span ID are missing", multi(hSample, "1")},
		{"single: wrong trace ID length", multi(hSingle, "ab00000000000000000000000000000000-cd00000000000000-1")},
		{"single: wrong span ID length", multi(hSingle, "ab000000000000000000000000000000-cd0000000000000000-1")},
		{"single: wrong sampled state length", multi(hSingle, "00-ab000000000000000000000000000000-cd00000000000000-01")},
		{"single: wrong parent span ID length", multi(hSingle, "ab000000000000000000000000000000-cd00000000000000-1-cd0000000000000000")},
		{"single: bogus trace ID", multi(hSingle, "qw000000000000000000000000000000-cd00000000000000-1")},
		{"single: bogus span ID", multi(hSingle, "ab000000000000000000000000000000-qw00000000000000-1")},
		{"single: bogus sampled flag", multi(hSingle, "ab000000000000000000000000000000-cd00000000000000-q")},
		{"single: bogus parent span ID", multi(hSingle, "ab000000000000000000000000000000-cd00000000000000-1-qw00000000000000")},
		{"single: upper case trace ID", multi(hSingle, "AB000000000000000000000000000000-cd00000000000000-1")},
		{"single: upper case span ID", multi(hSingle, "ab000000000000000000000000000000-CD00000000000000-1")},
		{"single: upper case parent span ID", multi(hSingle, "ab000000000000000000000000000000-cd00000000000000-1-EF00000000000000")},
		{"single: zero trace ID and span ID", multi(hSingle, "00000000000000000000000000000000-0000000000000000-1")},
		{"single: with sampling set to true", multi(hSingle, "ab000000000000000000000000000000-cd00000000000000-true")},
	} {
		fs = append(fs, fact{src: inv, name: x.name, prop: p, in: x.in})
	}

	single := func(s string) map[string]string { return map[string]string{hSingle: s} }
	multiOut := func(sampled, flags string) map[string]string {
		m := map[string]string{hTrace: tid, hSpan: sid}
		if sampled != "" {
			m[hSample] = sampled
		}
		if flags != "" {
			m[hFlags] = flags
		}
		return m
	}
	union := func(a, b map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range a {
			m[k] = v
		}
		for k, v := range b {
			m[k] = v
		}
		return m
	}
	allB3 := []string{hSingle, hTrace, hSpan, hSample, hFlags, hParent}
	without := func(keep map[string]string) []string {
		var out []string
		for _, k := range allB3 {
			if _, ok := keep[k]; !ok {
				out = append(out, k)
			}
		}
		return out
	}
	for _, enc := range []struct{ name, prop string }{{"none", "b3"}, {"single", "b3"}, {"multiple", "b3multi"}, {"single+multiple", "b3,b3multi"}} {
		for _, x := range []struct {
			name            string
			sc              spanFact
			debug, deferred bool
			single, multi   map[string]string
		}{
			{"sampled", span(tid, sid, 1), false, false, single(tid + "-" + sid + "-1"), multiOut("1", "")},
			{"not sampled", span(tid, sid, 0), false, false, single(tid + "-" + sid + "-0"), multiOut("0", "")},
			{"unset sampled", span(tid, sid, 0), false, true, single(tid + "-" + sid), multiOut("", "")},
			{"sampled only", span("", "", 1), false, false, single("1"), map[string]string{hSample: "1"}},
			{"debug", span(tid, sid, 0), true, false, single(tid + "-" + sid + "-d"), multiOut("", "1")},
			{"debug omitting sample", span(tid, sid, 1), true, false, single(tid + "-" + sid + "-d"), multiOut("", "1")},
		} {
			var want map[string]string
			switch enc.name {
			case "none", "single":
				want = x.single
			case "multiple":
				want = x.multi
			default:
				want = union(x.single, x.multi)
			}
			f := fact{src: inj, name: enc.name + ": " + x.name, prop: enc.prop, inject: true, sc: x.sc, debug: x.debug, deferred: x.deferred,
				want: outcome{Headers: want, Absent: without(want)}}
			if x.name == "sampled only" {
				// An OpenTelemetry span context with no ids but the
				// sampled flag: the adapter attaches no decision to it.
				f.diff, f.ours = "b3-sampled-only", &outcome{Absent: allB3}
			}
			fs = append(fs, f)
		}
		for _, x := range missingIDs(tid, "missing traceID and spanID") {
			// Contrib writes the bare sampled flag of a context without
			// ids, even of the empty one; its test's check for absent
			// headers looks up lowercase names in a canonical
			// http.Header and so cannot fail.
			state := "0"
			if x.sc.Flags&1 != 0 {
				state = "1"
			}
			actual := map[string]string{}
			if enc.name != "multiple" {
				actual[hSingle] = state
			}
			if enc.name == "multiple" || enc.name == "single+multiple" {
				actual[hSample] = state
			}
			fs = append(fs, fact{src: "contrib b3/b3_data_test.go injectInvalidHeader", name: enc.name + ": " + x.name, prop: enc.prop, inject: true, sc: x.sc,
				want: outcome{Absent: allB3}, otel: &outcome{Headers: actual}, otelNote: "b3-empty-inject"})
		}
	}
	return fs
}

// missingIDs are the span contexts contrib's tables inject expecting
// nothing: none, and sampled ones missing an id; both names the last.
func missingIDs(traceID, both string) []struct {
	name string
	sc   spanFact
} {
	return []struct {
		name string
		sc   spanFact
	}{{"empty", spanFact{}}, {"missing traceID", span("", sid, 1)}, {"missing spanID", span(traceID, "", 1)}, {both, span("", "", 1)}}
}

func jaegerFacts() []fact {
	const ex = "contrib jaeger/jaeger_data_test.go extractHeaders"
	const inv = "contrib jaeger/jaeger_data_test.go invalidExtractHeaders"
	const inj = "contrib jaeger/jaeger_data_test.go injectHeaders"
	p := "jaeger"
	u := func(v string) [][2]string { return [][2]string{h("uber-trace-id", v)} }
	fs := []fact{
		{src: ex, name: "empty", prop: p},
		{src: ex, name: "sampling state not sample", prop: p, in: u(tid32 + ":" + sid + ":0:0"), want: outcome{Span: span(tid32, sid, 0)}},
		{src: ex, name: "sampling state sampled", prop: p, in: u(tid32 + ":" + sid + ":0:1"), want: outcome{Span: span(tid32, sid, 1)}},
		{src: ex, name: "sampling state debug", prop: p, in: u(tid32 + ":" + sid + ":0:3"), want: outcome{Span: span(tid32, sid, 1), Debug: true}},
		{src: ex, name: "sampling state debug but sampled bit didn't set, result in not sampled decision", prop: p, in: u(tid32 + ":" + sid + ":0:2"), want: outcome{Span: span(tid32, sid, 0)}},
		{src: ex, name: "flag can be various length", prop: p, in: u(tid32 + ":" + sid + ":0:00001"), want: outcome{Span: span(tid32, sid, 1)},
			diff: "jaeger-flags-length", ours: &outcome{}},
		{src: ex, name: "flag can be hex numbers", prop: p, in: u(tid32 + ":" + sid + ":0:ff"), want: outcome{Span: span(tid32, sid, 1), Debug: true}},
		{src: ex, name: "left padding 60 bit trace ID", prop: p, in: u(tid15 + ":" + sid + ":0:1"), want: outcome{Span: span(pad(tid15), sid, 1)}},
		{src: ex, name: "left padding 64 bit trace ID", prop: p, in: u(tid16 + ":" + sid + ":0:1"), want: outcome{Span: span(pad(tid16), sid, 1)}},
		{src: ex, name: "128 bit trace ID", prop: p, in: u(tid32 + ":" + sid + ":0:1"), want: outcome{Span: span(tid32, sid, 1)}},
		{src: ex, name: "ignore parent span id", prop: p, in: u(tid32 + ":" + sid + ":whatever:1"), want: outcome{Span: span(tid32, sid, 1)},
			diff: "jaeger-parent", ours: &outcome{}},
	}
	for _, x := range []struct{ name, v string }{
		{"trace ID length > 32", tid32 + "0000:" + sid + ":0:1"},
		{"span ID length is not 16 or 32", tid32 + ":" + sid + "0000:0:1"},
		{"invalid trace ID", "zcd00v0000000000a3ce929d0e0e4736:" + sid + ":0:1"},
		{"invalid span ID", tid32 + ":00f0wiredba902b7:0:1"},
		{"invalid flags", tid32 + ":" + sid + ":0:wired"},
		{"invalid separator", tid32 + "-" + sid + "-0-1"},
		{"empty header value", ""},
	} {
		fs = append(fs, fact{src: inv, name: x.name, prop: p, in: u(x.v)})
	}
	fs = append(fs, fact{src: inv, name: "missing jaeger header", prop: p, in: [][2]string{h("uber-trace-idnot", tid32+":"+sid+":0:1")}})
	fs = append(fs,
		fact{src: inj, name: "sampled", prop: p, inject: true, sc: span(tid32, sid, 1), want: outcome{Headers: map[string]string{"uber-trace-id": tid32 + ":" + sid + ":0:1"}}},
		fact{src: inj, name: "debug", prop: p, inject: true, sc: span(tid32, sid, 1), debug: true, want: outcome{Headers: map[string]string{"uber-trace-id": tid32 + ":" + sid + ":0:3"}}},
		fact{src: inj, name: "not sampled", prop: p, inject: true, sc: span(tid32, sid, 0), want: outcome{Headers: map[string]string{"uber-trace-id": tid32 + ":" + sid + ":0:0"}}},
	)
	for _, x := range missingIDs(tid32, "missing both traceID and spanID") {
		fs = append(fs, fact{src: "contrib jaeger/jaeger_data_test.go invalidInjectHeaders", name: x.name, prop: p, inject: true, sc: x.sc,
			want: outcome{Absent: []string{"uber-trace-id"}}})
	}
	return fs
}

func xrayFacts() []fact {
	const ex = "contrib aws/xray/propagator_test.go TestExtract"
	const inj = "contrib aws/xray/propagator_test.go TestInject"
	p := "xray"
	const tidX, sidX = "abcdef121234567890abcdef12345678", "1234567890abcdef"
	x := func(v string) [][2]string {
		if v == "" {
			return nil
		}
		return [][2]string{h("X-Amzn-Trace-Id", v)}
	}
	const root = "Root=1-abcdef12-1234567890abcdef12345678"
	fs := []fact{
		{src: ex, name: "Valid header - sampled", prop: p, in: x(root + ";Parent=" + sidX + ";Sampled=1"), want: outcome{Span: span(tidX, sidX, 1)}},
		{src: ex, name: "Valid header - not sampled", prop: p, in: x(root + ";Parent=" + sidX + ";Sampled=0"), want: outcome{Span: span(tidX, sidX, 0)}},
		{src: ex, name: "Valid header - sample requested", prop: p, in: x(root + ";Parent=" + sidX + ";Sampled=?"), want: outcome{Span: span(tidX, sidX, 0)},
			diff: "xray-deferred", ours: &outcome{Span: span(tidX, sidX, 0), Deferred: true}},
		{src: ex, name: "Empty header - no trace info", prop: p, in: x("")},
		{src: ex, name: "Malformed TraceID - too short", prop: p, in: x("Root=1-abc-123;Parent=" + sidX + ";Sampled=1")},
		{src: ex, name: "Malformed TraceID - missing delimiters", prop: p, in: x("Root=1abcdef121234567890abcdef12345678;Parent=" + sidX + ";Sampled=1")},
		{src: ex, name: "Invalid TraceID version", prop: p, in: x("Root=2-abcdef12-1234567890abcdef12345678;Parent=" + sidX + ";Sampled=1")},
		{src: ex, name: "Invalid SpanID format", prop: p, in: x(root + ";Parent=bad-spanid;Sampled=1")},
		{src: ex, name: "Missing Sampled", prop: p, in: x(root + ";Parent=" + sidX), want: outcome{Span: span(tidX, sidX, 0)},
			diff: "xray-deferred", ours: &outcome{Span: span(tidX, sidX, 0), Deferred: true}},
		{src: ex, name: "Unknown Sampled value", prop: p, in: x(root + ";Parent=" + sidX + ";Sampled=other"), want: outcome{Span: span(tidX, sidX, 0)},
			diff: "xray-sampled-other", ours: &outcome{}},
		{src: ex, name: "Malformed key-value pair - missing '='", prop: p, in: x(root + ";BrokenKeyValue;Sampled=1")},
		{src: ex, name: "Only Sampled key", prop: p, in: x("Sampled=1")},
		{src: ex, name: "Missing Root key", prop: p, in: x("Parent=" + sidX + ";Sampled=1")},
		{src: ex, name: "Trailing semicolon", prop: p, in: x(root + ";Parent=" + sidX + ";Sampled=1;"), want: outcome{Span: span(tidX, sidX, 1)}},
	}
	for i := range fs {
		fs[i].mapCarrier = true
	}
	for _, c := range []struct {
		name, t, s string
		flags      byte
		want       string
	}{
		{"Valid span context - sampled", tidX, sidX, 1, root + ";Parent=" + sidX + ";Sampled=1"},
		{"Valid span context - not sampled", tidX, sidX, 0, root + ";Parent=" + sidX + ";Sampled=0"},
		{"Different trace and span IDs - sampled", "fedcba098765432100fedcba09876543", "fedcba0987654321", 1, "Root=1-fedcba09-8765432100fedcba09876543;Parent=fedcba0987654321;Sampled=1"},
		{"Minimum valid trace and span - not sampled", "00000000000000000000000000000001", "0000000000000001", 0, "Root=1-00000000-000000000000000000000001;Parent=0000000000000001;Sampled=0"},
		{"Maximum valid trace and span - sampled", "ffffffffffffffffffffffffffffffff", "ffffffffffffffff", 1, "Root=1-ffffffff-ffffffffffffffffffffffff;Parent=ffffffffffffffff;Sampled=1"},
		{"Complex hex pattern - not sampled", "a1b2c3d4e5f6789012345678901abcde", "a1b2c3d4e5f67890", 0, "Root=1-a1b2c3d4-e5f6789012345678901abcde;Parent=a1b2c3d4e5f67890;Sampled=0"},
	} {
		fs = append(fs, fact{src: inj, name: c.name, prop: p, inject: true, mapCarrier: true, sc: span(c.t, c.s, c.flags),
			want: outcome{Headers: map[string]string{"X-Amzn-Trace-Id": c.want}}})
	}
	for _, c := range []struct{ name, t, s string }{
		{"Invalid trace ID - empty", "", sidX}, {"Invalid span ID - empty", tidX, ""}, {"Both invalid - empty trace and span IDs", "", ""},
	} {
		fs = append(fs, fact{src: inj, name: c.name, prop: p, inject: true, mapCarrier: true, sc: span(c.t, c.s, 1),
			want: outcome{Absent: []string{"X-Amzn-Trace-Id"}}})
	}
	return fs
}

func otFacts() []fact {
	const ex = "contrib ot/ot_data_test.go extractHeaders"
	const inv = "contrib ot/ot_data_test.go invalidExtractHeaders"
	const inj = "contrib ot/ot_data_test.go injectHeaders"
	p := "ottrace"
	ot := func(t, s, sampled string, more ...[2]string) [][2]string {
		out := [][2]string{h("ot-tracer-traceid", t), h("ot-tracer-spanid", s), h("ot-tracer-sampled", sampled)}
		return append(out, more...)
	}
	fs := []fact{
		{src: ex, name: "empty", prop: p},
		{src: ex, name: "sampling state not sample", prop: p, in: ot(tid32, sid, "0"), want: outcome{Span: span(tid32, sid, 0)}},
		{src: ex, name: "sampling state sampled", prop: p, in: ot(tid32, sid, "1", h("ot-baggage-test", "value123")),
			want: outcome{Span: span(tid32, sid, 1), Baggage: map[string]string{"test": "value123"}}},
		{src: ex, name: "baggage multiple values", prop: p, in: ot(tid32, sid, "0", h("ot-baggage-test", "value123"), h("ot-baggage-test2", "value456")),
			want: outcome{Span: span(tid32, sid, 0), Baggage: map[string]string{"test": "value123", "test2": "value456"}}},
		{src: ex, name: "left padding 64 bit trace ID", prop: p, in: ot(tid16, sid, "1"), want: outcome{Span: span(pad(tid16), sid, 1)}},
		{src: ex, name: "128 bit trace ID", prop: p, in: ot(tid32, sid, "1"), want: outcome{Span: span(tid32, sid, 1)}},
	}
	for _, x := range []struct {
		name string
		in   [][2]string
		want outcome
	}{
		{"trace ID length > 32", ot(tid32+"0000", sid, "1"), outcome{}},
		{"trace ID length is not 32 or 16", ot("1234567890abcd01234", sid, "1"), outcome{}},
		{"span ID length is not 16 or 32", ot(tid32, sid+"0000", "1"), outcome{}},
		{"invalid trace ID", ot("zcd00v0000000000a3ce929d0e0e4736", sid, "1"), outcome{}},
		{"invalid span ID", ot(tid32, "00f0wiredba902b7", "1"), outcome{}},
		{"invalid sampled", ot(tid32, sid, "wired"), outcome{}},
		{"invalid baggage key", ot(tid32, sid, "1", h("ot-baggage-d–76", "test")), outcome{Span: span(tid32, sid, 1)}},
		{"invalid baggage value", ot(tid32, sid, "1", h("ot-baggage-test", "øtel")), outcome{Span: span(tid32, sid, 1)}},
		{"invalid baggage result (too large)", ot(tid32, sid, "1", h("ot-baggage-test", strings.Repeat("s", 8188))), outcome{Span: span(tid32, sid, 1)}},
		{"missing headers", nil, outcome{}},
		{"empty header value", [][2]string{h("ot-tracer-traceid", "")}, outcome{}},
	} {
		f := fact{src: inv, name: x.name, prop: p, in: x.in, want: x.want}
		switch x.name {
		case "trace ID length is not 32 or 16":
			f.diff, f.ours = "ot-trace-id-length", &outcome{Span: span(pad("1234567890abcd01234"), sid, 1)}
		case "invalid baggage value":
			f.diff, f.ours = "ot-baggage-value", &outcome{Span: span(tid32, sid, 1), Baggage: map[string]string{"test": "øtel"}}
		}
		fs = append(fs, f)
	}
	fs = append(fs,
		fact{src: inj, name: "sampled", prop: p, inject: true, sc: span(tid32, sid, 1),
			want: outcome{Headers: map[string]string{"ot-tracer-traceid": tid16, "ot-tracer-spanid": sid, "ot-tracer-sampled": "true"}}},
		fact{src: inj, name: "not sampled", prop: p, inject: true, sc: span(tid32, sid, 0), bag: map[string]string{"test": "value123", "test2": "value456"},
			want: outcome{Headers: map[string]string{"ot-tracer-traceid": tid16, "ot-tracer-spanid": sid, "ot-tracer-sampled": "false", "ot-baggage-test": "value123", "ot-baggage-test2": "value456"}}},
	)
	for _, x := range missingIDs(tid32, "missing both traceID and spanID") {
		fs = append(fs, fact{src: "contrib ot/ot_data_test.go invalidInjectHeaders", name: x.name, prop: p, inject: true, sc: x.sc,
			want: outcome{Absent: []string{"ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled"}}})
	}
	return fs
}

// otelBaggage builds OpenTelemetry baggage from "value" or
// "value;prop=v" members.
func otelBaggage(t *testing.T, m map[string]string) baggage.Baggage {
	t.Helper()
	var ms []baggage.Member
	for k, v := range m {
		val, props, _ := strings.Cut(v, ";")
		var ps []baggage.Property
		if props != "" {
			pk, pv, _ := strings.Cut(props, "=")
			p, err := baggage.NewKeyValuePropertyRaw(pk, pv)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
		mem, err := baggage.NewMemberRaw(k, val, ps...)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, mem)
	}
	b, err := baggage.New(ms...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hexID[T ~[16]byte | ~[8]byte](t *testing.T, s string) T {
	var id T
	if s == "" {
		return id
	}
	var err error
	switch p := any(&id).(type) {
	case *trace.TraceID:
		*p, err = trace.TraceIDFromHex(s)
	case *trace.SpanID:
		*p, err = trace.SpanIDFromHex(s)
	}
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return id
}

// injectContext builds the context an inject fact describes: the span
// context as OpenTelemetry holds it, or, with debug or deferred (which
// contrib keeps in context keys of its own), through the adapter's
// ContextWithSpanContext, which keeps them beside it.
func (f fact) injectContext(t *testing.T) context.Context {
	ctx, osc := f.otelContext(t)
	if !f.debug && !f.deferred {
		return trace.ContextWithRemoteSpanContext(ctx, osc)
	}
	sc := twotel.SpanContextFromOTel(osc)
	switch {
	case f.debug:
		sc = sc.WithSampling(tracewire.SamplingDebug)
	case f.deferred:
		sc = sc.WithSampling(tracewire.SamplingDeferred)
	}
	return twotel.ContextWithSpanContext(ctx, sc)
}

// injectContextOTel builds it for contrib's propagators, which keep
// debug and deferred in context keys of their own that only their Extract
// sets: so an Extract of a header saying so sets them, and then the
// fact's span context replaces the extracted one.
func (f fact) injectContextOTel(t *testing.T) context.Context {
	ctx, osc := f.otelContext(t)
	if f.debug {
		ctx = otelb3.New().Extract(ctx, propagation.MapCarrier{"b3": tid + "-" + sid + "-d"})
		ctx = oteljaeger.Jaeger{}.Extract(ctx, propagation.MapCarrier{"uber-trace-id": tid + ":" + sid + ":0:3"})
	}
	if f.deferred {
		ctx = otelb3.New().Extract(ctx, propagation.MapCarrier{"b3": tid + "-" + sid})
	}
	return trace.ContextWithRemoteSpanContext(ctx, osc)
}

// observeOTel is observe with contrib's debug and deferred, which only
// contrib's Inject reveals.
func observeOTel(ctx context.Context, counting bool) outcome {
	o := observe(ctx, counting)
	o.Debug, o.Deferred = false, false
	if trace.SpanContextFromContext(ctx).IsValid() {
		b := propagation.MapCarrier{}
		otelb3.New().Inject(ctx, b)
		o.Debug = strings.HasSuffix(b["b3"], "-d")
		o.Deferred = strings.Count(b["b3"], "-") == 1
		j := propagation.MapCarrier{}
		oteljaeger.Jaeger{}.Inject(ctx, j)
		o.Debug = o.Debug || strings.HasSuffix(j["uber-trace-id"], ":3")
	}
	return o
}

func (f fact) otelContext(t *testing.T) (context.Context, trace.SpanContext) {
	ctx := context.Background()
	if f.bag != nil {
		ctx = baggage.ContextWithBaggage(ctx, otelBaggage(t, f.bag))
	}
	osc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    hexID[trace.TraceID](t, f.sc.TraceID),
		SpanID:     hexID[trace.SpanID](t, f.sc.SpanID),
		TraceFlags: trace.TraceFlags(f.sc.Flags),
	})
	if ts := f.sc.TraceState; ts != "" {
		state, err := trace.ParseTraceState(ts)
		if err != nil {
			t.Fatal(err)
		}
		osc = osc.WithTraceState(state)
	}
	return ctx, osc
}

// observe returns what ctx holds after Extract, in a fact's terms.
func observe(ctx context.Context, counting bool) outcome {
	var o outcome
	if osc := trace.SpanContextFromContext(ctx); osc.IsValid() {
		o.Span = spanFact{osc.TraceID().String(), osc.SpanID().String(), byte(osc.TraceFlags()), osc.TraceState().String()}
	}
	sc := twotel.SpanContextFromContext(ctx)
	o.Debug, o.Deferred = sc.IsDebug(), sc.IsValid() && sc.IsDeferred()
	b := baggage.FromContext(ctx)
	if counting {
		o.BaggageCount, o.BaggageBytes = b.Len(), len(b.String())
		return o
	}
	for _, m := range b.Members() {
		if o.Baggage == nil {
			o.Baggage = map[string]string{}
		}
		v := m.Value()
		for _, p := range m.Properties() {
			v += ";" + p.Key()
			if pv, ok := p.Value(); ok {
				v += "=" + pv
			}
		}
		o.Baggage[m.Key()] = v
	}
	return o
}

func factGroups() map[string][]fact {
	return map[string][]fact{
		"tracecontext": traceContextFacts(),
		"baggage":      baggageFacts(),
		"b3":           b3Facts(),
		"jaeger":       jaegerFacts(),
		"xray":         xrayFacts(),
		"ottrace":      otFacts(),
	}
}

func TestOpenTelemetryFacts(t *testing.T) {
	groups := factGroups()
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, group := range names {
		t.Run(group, func(t *testing.T) {
			for _, f := range groups[group] {
				t.Run(f.name, func(t *testing.T) { f.run(t) })
				t.Run(f.name+"/otel", func(t *testing.T) { f.runOTel(t) })
			}
		})
	}
}

// impl is one side of a fact: the adapter, or OpenTelemetry's own
// propagators, which the facts are also run against so that a fact whose
// transcription went wrong (or that OpenTelemetry itself does not meet)
// cannot pass unnoticed.
type impl struct {
	prop    propagation.TextMapPropagator
	observe func(ctx context.Context, counting bool) outcome
	inject  func(f fact, t *testing.T) context.Context
}

func (f fact) run(t *testing.T) {
	p, err := twotel.TextMapPropagator(strings.Split(f.prop, ",")...)
	if err != nil {
		t.Skipf("%s: %v (the format is not in the tracewire registry yet)", f.prop, err)
	}
	f.check(t, impl{p, observe, fact.injectContext}, f.expect(t, f.ours, f.diff))
}

// expect returns alt, the outcome a side has where the table is not met,
// or the table's; note must name a row of README.md's table.
func (f fact) expect(t *testing.T, alt *outcome, note string) outcome {
	if note != "" && !differences[note] {
		t.Fatalf("difference %q is not in README.md's table", note)
	}
	if alt != nil {
		return *alt
	}
	return f.want
}

// runOTel runs the fact against OpenTelemetry's own propagators.
func (f fact) runOTel(t *testing.T) {
	p, err := autoprop.TextMapPropagator(strings.Split(f.prop, ",")...)
	if err != nil {
		t.Fatal(err)
	}
	if f.prop == "b3,b3multi" {
		p = otelb3.New(otelb3.WithInjectEncoding(otelb3.B3SingleHeader | otelb3.B3MultipleHeader))
	}
	f.check(t, impl{p, observeOTel, fact.injectContextOTel}, f.expect(t, f.otel, f.otelNote))
}

func (f fact) check(t *testing.T, im impl, want outcome) {
	p := im.prop
	if !f.inject {
		ctx := context.Background()
		if f.base != nil {
			ctx = baggage.ContextWithBaggage(ctx, otelBaggage(t, f.base))
		}
		var c propagation.TextMapCarrier
		if f.mapCarrier {
			m := propagation.MapCarrier{}
			for _, kv := range f.in {
				m[kv[0]] = kv[1]
			}
			c = m
		} else {
			hh := http.Header{}
			for _, kv := range f.in {
				hh.Add(kv[0], kv[1])
			}
			c = propagation.HeaderCarrier(hh)
		}
		got := im.observe(p.Extract(ctx, c), want.BaggageCount > 0)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %q (diff %q): extract -want +got:\n%s", f.src, f.name, f.diff, diff)
		}
		return
	}
	var c propagation.TextMapCarrier = propagation.HeaderCarrier(http.Header{})
	if f.mapCarrier {
		c = propagation.MapCarrier{}
	}
	p.Inject(im.inject(f, t), c)
	// An http.Header's names are case-insensitive; a MapCarrier's are
	// exact (its Get is a map lookup), so there the spelling counts.
	name := strings.ToLower
	if f.mapCarrier {
		name = func(s string) string { return s }
	}
	var got, wantHeaders map[string]string
	for _, k := range c.Keys() {
		if got == nil {
			got = map[string]string{}
		}
		v := c.Get(k)
		if name(k) == "baggage" {
			// The tests compare the members as a set
			// (ElementsMatch): OpenTelemetry writes them in map order.
			ms := strings.Split(v, ",")
			sort.Strings(ms)
			v = strings.Join(ms, ",")
		}
		got[name(k)] = v
	}
	for k, v := range want.Headers {
		if wantHeaders == nil {
			wantHeaders = map[string]string{}
		}
		wantHeaders[name(k)] = v
	}
	if diff := cmp.Diff(wantHeaders, got); diff != "" {
		t.Errorf("%s %q (diff %q): inject -want +got:\n%s", f.src, f.name, f.diff, diff)
	}
	for _, k := range want.Absent {
		if _, ok := got[name(k)]; ok {
			t.Errorf("%s %q: %s written, want it absent", f.src, f.name, k)
		}
	}
}

// TestOpenTelemetryFields checks Fields against the propagators' tests
// (trace_context_test.go TestTraceContextFields, baggage_test.go
// TestBaggagePropagatorGetAllKeys, b3_integration_test.go
// TestB3Propagator_Fields, xray TestPropagatorFields).
func TestOpenTelemetryFields(t *testing.T) {
	for _, c := range []struct {
		prop       string
		want, ours []string
		diff       string
	}{
		{prop: "tracecontext", want: []string{"traceparent", "tracestate"}},
		{prop: "baggage", want: []string{"baggage"}},
		{prop: "b3", want: []string{"b3"}},
		{prop: "b3multi", want: []string{"x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "x-b3-flags"},
			diff: "b3-parent", ours: []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags"}},
		{prop: "b3,b3multi", want: []string{"b3", "x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "x-b3-flags"},
			diff: "b3-parent", ours: []string{"b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags"}},
		{prop: "jaeger", want: []string{"uber-trace-id"}},
		{prop: "xray", want: []string{"X-Amzn-Trace-Id"}, diff: "map-key-case", ours: []string{"x-amzn-trace-id"}},
	} {
		p, err := twotel.TextMapPropagator(strings.Split(c.prop, ",")...)
		if err != nil {
			t.Fatal(err)
		}
		want := c.want
		if c.ours != nil {
			want = c.ours
		}
		if c.diff != "" && !differences[c.diff] {
			t.Errorf("difference %q is not in README.md's table", c.diff)
		}
		if diff := cmp.Diff(want, p.Fields()); diff != "" {
			t.Errorf("%s: Fields -want +got:\n%s", c.prop, diff)
		}
	}
}
