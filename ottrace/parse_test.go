package ottrace_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/ottrace"
)

// reference is an independent reading of the rules, built from strings:
// after trimming, 1-32 and 1-16 hex digits of either case, not all zero,
// both or neither present, and sampled one of the four values or empty.
// It returns the padded lowercase ids, the decision and validity.
func reference(traceID, spanID, sampled string) (trace, span string, sampling tracewire.Sampling, is64, ok bool) {
	tv, sv, pv := strings.Trim(traceID, " \t"), strings.Trim(spanID, " \t"), strings.Trim(sampled, " \t")
	hexOK := func(v string, width int) bool {
		return v != "" && len(v) <= width && strings.Trim(strings.ToLower(v), "0123456789abcdef") == "" && strings.Trim(v, "0") != ""
	}
	if !hexOK(tv, 32) || !hexOK(sv, 16) {
		return "", "", 0, false, false
	}
	switch strings.ToLower(pv) {
	case "":
		sampling = tracewire.SamplingDeferred
	case "true", "1":
		sampling = tracewire.SamplingAccept
	case "false", "0":
		sampling = tracewire.SamplingDeny
	default:
		return "", "", 0, false, false
	}
	trace = strings.Repeat("0", 32-len(tv)) + strings.ToLower(tv)
	span = strings.Repeat("0", 16-len(sv)) + strings.ToLower(sv)
	return trace, span, sampling, len(tv) <= 16, true
}

// agree fails t unless ParseHeaders and the reference agree.
func agree(t *testing.T, traceID, spanID, sampled string) {
	t.Helper()
	sc, err := ottrace.ParseHeaders(traceID, spanID, sampled)
	trace, span, sampling, is64, ok := reference(traceID, spanID, sampled)
	if (err == nil) != ok {
		t.Fatalf("ParseHeaders(%q, %q, %q) error %v; reference valid %v", traceID, spanID, sampled, err, ok)
	}
	if ok && (sc.TraceID().String() != trace || sc.SpanID().String() != span || sc.Sampling() != sampling || sc.Is64BitTraceID() != is64) {
		t.Fatalf("ParseHeaders(%q, %q, %q) = %v %v %v %v; reference %s %s %v %v", traceID, spanID, sampled,
			sc.TraceID(), sc.SpanID(), sc.Sampling(), sc.Is64BitTraceID(), trace, span, sampling, is64)
	}
}

// TestEveryByte replaces each byte of each value with every byte value,
// and cuts each value at every length, checking ParseHeaders against the
// reference.
func TestEveryByte(t *testing.T) {
	for _, v := range [][3]string{{tT, tS, "true"}, {tT32, tS, "False"}, {" ff\t", "1", "0"}} {
		for f := range 3 {
			vectorcheck.EveryByte(v[f], func(s string) {
				w := v
				w[f] = s
				agree(t, w[0], w[1], w[2])
			})
		}
	}
}

// TestHostile feeds long values: each fails at the first offending byte.
func TestHostile(t *testing.T) {
	big := strings.Repeat("f", 1<<20)
	for _, tc := range []struct {
		name, trace, span, sampled string
		want                       vectors.Error
		off                        int
	}{
		{"megabyte trace id", big, tS, "", vectors.Error{Header: "ot-tracer-traceid", Kind: "length"}, 32},
		{"megabyte span id", tT, big, "", vectors.Error{Header: "ot-tracer-spanid", Kind: "length"}, 16},
		{"megabyte of spaces", strings.Repeat(" ", 1<<20), tS, "", vectors.Error{Header: "ot-tracer-traceid", Kind: "missing-field"}, 0},
		{"megabyte sampled", tT, tS, strings.Repeat("t", 1<<20), vectors.Error{Header: "ot-tracer-sampled", Kind: "sampling"}, 0},
	} {
		sc, err := ottrace.ParseHeaders(tc.trace, tc.span, tc.sampled)
		tc.want.Offset = &tc.off
		vectorcheck.Error(t, tc.name, err, &tc.want)
		if sc != (tracewire.SpanContext{}) {
			t.Errorf("%s: %v returned with the error", tc.name, sc)
		}
	}
}

func TestFormat(t *testing.T) {
	tr, _ := tracewire.ParseTraceID(tT32)
	sp, _ := tracewire.ParseSpanID(tS)
	base := tracewire.SpanContext{}.WithTraceID(tr).WithSpanID(sp)
	type headers struct{ TraceID, SpanID, Sampled string }
	for _, tc := range []struct {
		name string
		sc   tracewire.SpanContext
		want headers
	}{
		{"zero", tracewire.SpanContext{}, headers{}},
		{"sampling only", tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept), headers{}},
		{"deferred", base, headers{tT32[16:], tS, ""}},
		{"deny", base.WithSampling(tracewire.SamplingDeny), headers{tT32[16:], tS, "false"}},
		{"accept", base.WithSampling(tracewire.SamplingAccept), headers{tT32[16:], tS, "true"}},
		{"debug is true", base.WithSampling(tracewire.SamplingDebug), headers{tT32[16:], tS, "true"}},
		{"64-bit", base.WithTraceID(tracewire.TraceID{15: 0xff}).With64BitTraceID(true), headers{"00000000000000ff", tS, ""}},
		{"64-bit id not marked still goes out 16 wide", base.WithTraceID(tracewire.TraceID{15: 0xff}), headers{"00000000000000ff", tS, ""}},
	} {
		var got headers
		got.TraceID, got.SpanID, got.Sampled = ottrace.FormatHeaders(tc.sc)
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s: FormatHeaders (-want +got):\n%s", tc.name, d)
		}
		if a := string(ottrace.AppendTraceID([]byte("x"), tc.sc)); a != "x"+tc.want.TraceID {
			t.Errorf("%s: AppendTraceID = %q", tc.name, a)
		}
		if a := string(ottrace.AppendSpanID([]byte("x"), tc.sc)); a != "x"+tc.want.SpanID {
			t.Errorf("%s: AppendSpanID = %q", tc.name, a)
		}
	}
}

func TestParseKeepsInput(t *testing.T) {
	tb, sb := []byte(tT), []byte(tS)
	sc, err := ottrace.ParseHeadersBytes(tb, sb, nil)
	if err != nil || string(tb) != tT || string(sb) != tS {
		t.Fatalf("input changed or err %v", err)
	}
	tb[0], sb[0] = 'f', 'f'
	if sc.TraceID().String() != "0000000000000000"+tT || sc.SpanID().String() != tS {
		t.Error("span context aliases its input")
	}
}

func TestErrorText(t *testing.T) {
	_, err := ottrace.ParseHeaders(tT, tS, "yes")
	if got, want := err.Error(), "ot-tracer-sampled: invalid sampling state at offset 0"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
