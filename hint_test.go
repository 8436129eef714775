package tracewire_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// Parsers of one value, for the hint table.
var (
	parseTraceparent = func(v string) error { _, err := traceparent.Parse(v); return err }
	parseTraceState  = func(v string) error { _, err := tracewire.ParseTraceState(v); return err }
	parseLevel1      = func(v string) error {
		_, err := tracewire.TraceStateOptions{Level1: true}.Parse(v)
		return err
	}
	parseBaggage    = func(v string) error { _, err := baggage.Parse(v); return err }
	parseB3         = func(v string) error { _, err := b3.Parse(v); return err }
	parseJaeger     = func(v string) error { _, err := jaeger.Parse(v); return err }
	parseXRay       = func(v string) error { _, err := xray.Parse(v); return err }
	parseCloudTrace = func(v string) error { _, err := cloudtrace.Parse(v); return err }
	parseSentry     = func(v string) error { _, err := sentry.Parse(v); return err }
	parseGRPC       = func(v string) error { _, err := grpctrace.Parse(v); return err }
	parseOTelState  = func(v string) error { _, err := tracewire.ParseOTelState(v); return err }
	parseDDTraceID  = func(v string) error {
		_, err := datadog.ParseHeaders(v, "1", "", "", "")
		return err
	}
	parseDDPriority = func(v string) error {
		_, err := datadog.ParseHeaders("1", "1", v, "", "")
		return err
	}
	parseOTTraceID = func(v string) error {
		_, err := ottrace.ParseHeaders(v, "1", "")
		return err
	}
	parseB3Sampled = func(v string) error {
		_, err := b3.ExtractMulti(b3Multi{"x-b3-sampled": v})
		return err
	}
	parseUberctx = func(v string) error { _, err := jaeger.AppendUnescaped(nil, v); return err }
)

// b3Multi is a carrier.Getter of lowercase names.
type b3Multi map[string]string

func (m b3Multi) Get(k string) string { return m[strings.ToLower(k)] }
func (m b3Multi) Keys() []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

const (
	hT = "4bf92f3577b34da6a3ce929d0e0e4736"
	hS = "00f067aa0ba902b7"
)

// TestHintText pins the hints that matter most: the examples and
// one or more per format, each through the parser that reports it.
func TestHintText(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		value string
		want  string
	}{
		{"uppercase trace id", parseTraceparent, "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + hS + "-01",
			"uppercase hex; W3C requires lowercase"},
		{"64-bit trace id in traceparent", parseTraceparent, "00-a3ce929d0e0e4736-" + hS + "-01",
			"64-bit trace id: traceparent needs 32 hex digits; pad with 16 leading zeros"},
		{"zero span id", parseTraceparent, "00-" + hT + "-0000000000000000-01",
			"span id is all zeros, which W3C forbids; the sender must generate a random nonzero id"},
		{"en dash pasted from a document", parseTraceparent, "00\u2013" + hT + "-" + hS + "-01",
			"'\u2013' (U+2013, an en dash) where '-' belongs; it looks like '-' but is not ASCII: retype it"},
		{"zero-width space in the trace id", parseTraceparent, "00-4bf92f35\u200b77b34da6a3ce929d0e0e4736-" + hS + "-01",
			"U+200B (a zero-width space) is not a hex digit in the trace id"},
		{"byte that is not UTF-8", parseTraceparent, "00-4bf92f35\xff7b34da6a3ce929d0e0e4736-" + hS + "-01",
			"byte 0xff (not UTF-8) is not a hex digit in the trace id"},
		{"version ff", parseTraceparent, "ff-" + hT + "-" + hS + "-01",
			"version ff is forbidden; send 00"},
		{"short span id", parseTraceparent, "00-" + hT + "-00f067aa0ba902b-01",
			"span id has 15 hex digits; traceparent needs 16 hex digits"},
		{"flags missing", parseTraceparent, "00-" + hT + "-" + hS,
			"the value ends after the span id, without the flags: add -01 (sampled) or -00; traceparent is 00-{32 hex trace id}-{16 hex span id}-{2 hex flags}"},
		{"two traceparents", parseTraceparent, "00-" + hT + "-" + hS + "-01,00-" + hT + "-" + hS + "-01",
			"',' after the value: several traceparent values, in one line or several; send exactly one"},
		{"uppercase tracestate key", parseTraceState, "rojo=1,Congo=2",
			"uppercase 'C' in a key; tracestate keys are lowercase"},
		{"Level 1 key starting with a digit", parseLevel1, "1abc=x",
			"a key starting with a digit is valid only in Trace Context Level 2; this receiver reads Level 1 keys, which start with a lowercase letter"},
		{"tracestate member without =", parseTraceState, "rojo=1,congo",
			"member 'congo' has no '='; tracestate members are key=value"},
		{"33 tracestate members", parseTraceState, strings.Repeat("k=v,", 32) + "z=1",
			"member 33: tracestate holds at most 32 members; the sender must drop members from the right"},
		{"baggage escape", parseBaggage, "k=%G1",
			"'%G1' is not an escape: '%' needs two hex digits after it; write a literal '%' as %25"},
		{"baggage space in a key", parseBaggage, "user id=1",
			"a space inside the key 'user id'; keys are tokens, without spaces"},
		{"baggage member without =", parseBaggage, "a=1,userid",
			"member 'userid' has no '='; baggage members are key=value"},
		{"baggage non-ASCII value", parseBaggage, "city=Zürich",
			"'ü' (U+00FC) is not allowed in a baggage value; percent-encode it as %C3%BC"},
		{"baggage 65 members", parseBaggage, strings.Repeat("k=v,", 64) + "z=1",
			"member 65: W3C receivers keep at most 64 members and may drop the rest"},
		{"b3 sampling 2", parseB3, hT + "-" + hS + "-2",
			"'2' is not a sampling state; b3 uses 0 (deny), 1 (accept) or d (debug)"},
		{"b3 sampling true", parseB3, hT + "-" + hS + "-true",
			"b3 writes the sampling state as 1 or 0, not true or false"},
		{"b3 15-digit trace id", parseB3, hT[:15] + "-" + hS,
			"trace id has 15 hex digits; b3 needs 16 or 32 hex digits"},
		{"x-b3-sampled yes", parseB3Sampled, "yes",
			"'yes' is not a decision; x-b3-sampled is 1 or 0 (true and false are read too)"},
		{"jaeger flags not hex", parseJaeger, hT + ":" + hS + ":0:x",
			"'x' is not a hex digit in the flags"},
		{"jaeger missing fields", parseJaeger, hT + ":" + hS,
			"uber-trace-id has 2 of its 4 fields; it is {trace id}:{span id}:{parent span id}:{flags}"},
		{"uberctx escape", parseUberctx, "50%",
			"'%' is not an escape: '%' needs two hex digits after it; a literal '%' is %25"},
		{"xray W3C id as Root", parseXRay, "Root=" + hT + ";Parent=" + hS,
			"Root is a bare 32-digit trace id; X-Ray writes it as 1-4bf92f35-77b34da6a3ce929d0e0e4736"},
		{"xray Root version", parseXRay, "Root=2-5759e988-bd862e3fe1be46a994272793",
			"Root must be 1-{8 hex epoch}-{24 hex}; it starts with version 1, not '2'"},
		{"xray lowercase names", parseXRay, "root=1-5759e988-bd862e3fe1be46a994272793",
			"no Root field; field names are case-sensitive, and root is not Root"},
		{"datadog hex id", parseDDTraceID, "a3ce929d0e0e4736",
			"x-datadog-trace-id is decimal, and 'a3ce929d0e0e4736' is hex: in decimal it is 11803532876627986230"},
		{"datadog overflow", parseDDTraceID, "18446744073709551616",
			"the trace id exceeds 64 bits; the largest is 18446744073709551615"},
		{"datadog priority", parseDDPriority, "3",
			"'3' is not a priority; Datadog sends -1, 0, 1 or 2"},
		{"cloudtrace hex span id", parseCloudTrace, hT + "/0x10;o=1",
			"'0x' prefix; X-Cloud-Trace-Context carries the span id in decimal, not hex"},
		{"cloudtrace option", parseCloudTrace, hT + "/1;O=1",
			"uppercase 'O'; the option is a lowercase o: ;o=1"},
		{"cloudtrace fullwidth digit", parseCloudTrace, hT + "/\uff11",
			"'\uff11' (U+FF11, a fullwidth character) is not a decimal digit; it looks like '1' but is not ASCII: retype it; the span id is a decimal number"},
		{"sentry debug flag", parseSentry, hT + "-" + hS + "-d",
			"sentry-trace has no debug flag; the sampled flag is 1 or 0"},
		{"sentry given a traceparent", parseSentry, "00-" + hT + "-" + hS + "-01",
			"this is a traceparent value; sentry-trace is {32 hex trace id}-{16 hex span id}-{sampled 1 or 0}, the flag optional"},
		{"ottrace given a traceparent", parseOTTraceID, "00-" + hT + "-" + hS + "-01",
			"this looks like a traceparent value; ot-tracer-traceid holds the trace id alone, 1 to 32 hex digits"},
		{"grpc URL-safe base64", parseGRPC, "AABL-S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE",
			"'-' is from the URL-safe alphabet; grpc-trace-bin is standard base64, with '+' and '/'"},
		{"grpc cut short", parseGRPC, "AABL+S81d7NNpqPOkp0ODkc2AQDwZ6o",
			"field 1, the span id, is cut short: 4 bytes of 8"},
		{"ot= uppercase rv", parseOTelState, "rv:9B8233F7E3A151",
			"uppercase hex; OpenTelemetry requires lowercase in rv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pe *tracewire.ParseError
			if err := tt.parse(tt.value); !errors.As(err, &pe) {
				t.Fatalf("parse(%q) = %v, want a *ParseError", tt.value, err)
			}
			if diff := cmp.Diff(tt.want, pe.Hint(tt.value)); diff != "" {
				t.Errorf("%v: Hint (-want +got):\n%s", pe, diff)
			}
		})
	}
}

// TestHintWithoutValue checks the hints given without the value, or with
// a value the offset does not fit: from the header and kind alone.
func TestHintWithoutValue(t *testing.T) {
	_, err := traceparent.Parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-" + hS + "-01")
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		t.Fatal(err)
	}
	want := "the trace id must be 32 hex digits, lowercase"
	for _, v := range []string{"", "0"} {
		if diff := cmp.Diff(want, pe.Hint(v)); diff != "" {
			t.Errorf("Hint(%q) (-want +got):\n%s", v, diff)
		}
	}
	var zero tracewire.ParseError
	if got := zero.Hint("x"); got != "not a parse error kind" {
		t.Errorf("zero ParseError: Hint = %q", got)
	}
}

// TestErrorKindHint checks that every kind has its own generic hint.
func TestErrorKindHint(t *testing.T) {
	seen := map[string]tracewire.ErrorKind{}
	for k := tracewire.ErrorKind(1); ; k++ {
		h := k.Hint()
		if k.String() == "unknown" {
			if h != "not a parse error kind" {
				t.Errorf("ErrorKind(%d).Hint() = %q", k, h)
			}
			break
		}
		checkHintShape(t, h)
		if prev, dup := seen[h]; dup {
			t.Errorf("%v and %v share the hint %q", prev, k, h)
		}
		seen[h] = k
	}
	if len(seen) < 20 {
		t.Errorf("%d kinds with hints, want 20", len(seen))
	}
}

// hintHeaders are the header names the module's error tables use.
var hintHeaders = []string{
	"traceparent", "traceresponse", "server-timing", "tracestate", "tracestate ot", "baggage",
	"trace-id", "span-id", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled",
	"uber-trace-id", "uberctx-", "x-amzn-trace-id", "_X_AMZN_TRACE_ID", "ot-tracer-traceid",
	"ot-tracer-spanid", "ot-tracer-sampled", "x-cloud-trace-context", "sentry-trace",
	"x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-origin",
	"x-datadog-tags", "grpc-trace-bin", "unknown",
}

// FuzzHint checks that any header, kind, offset and value gives a hint of
// one line, bounded, without a panic, whatever the value (it need not be
// the one the error came from).
func FuzzHint(f *testing.F) {
	for _, v := range []string{
		"", " ", "00-" + hT + "-" + hS + "-01", "k=v;p", "Root=1-;Parent=", "a:b;c", "trace;desc=\"00-\\",
		"AABL+S81d7NNpqPO", "\x00\x00K", "%", "-", "0x", "\u2013\u200b\xff",
	} {
		for i := range len(v) + 1 {
			f.Add(uint8(i), uint8(i), v)
		}
	}
	f.Fuzz(func(t *testing.T, h, k uint8, v string) {
		header := hintHeaders[int(h)%len(hintHeaders)]
		for _, off := range []int{int(h) % (len(v) + 1), len(v), 0, -1, len(v) + 1} {
			pe := tracewire.NewParseErrorForTest(header, tracewire.ErrorKind(k%24), off)
			checkHintShape(t, pe.Hint(v))
		}
	})
}

// TestHintAnyOffset gives every header and kind awkward values at every
// offset, and some past them: the hints must not fail whatever value a
// caller passes.
func TestHintAnyOffset(t *testing.T) {
	values := []string{
		"", " ", "\t\t", "-", "x  ", "=", ";", ",", ":", "%", "%3", "o", "0x", "@", "'",
		"Root=1-", "Ro=;", "a:b", "k=v;", "s:1;p:", "trace;desc=\"0\\", "desc=00-",
		"00-" + hT + "-" + hS + "-01", "  " + hT + "/1;o", "\u2013\u200b\xff\xc3",
	}
	n := 0
	for _, header := range hintHeaders {
		for k := range tracewire.ErrorKind(24) {
			for _, v := range values {
				for off := -1; off <= len(v)+1; off++ {
					checkHintShape(t, tracewire.NewParseErrorForTest(header, k, off).Hint(v))
					n++
				}
			}
		}
	}
	t.Logf("%d hints", n)
}
