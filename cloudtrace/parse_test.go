package cloudtrace_test

import (
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// reference is an independent reading of the strict grammar,
// ^[0-9a-f]{32}/[0-9]{1,20}(;o=[0-9])?$ after trimming, built from strings
// and strconv, with the zero-id rules. It says whether s is valid and what
// it holds.
func reference(s string) (trace string, span uint64, sampling tracewire.Sampling, ok bool) {
	v := strings.Trim(s, " \t")
	trace, rest, found := strings.Cut(v, "/")
	if !found || len(trace) != 32 || strings.Trim(trace, "0123456789abcdef") != "" || trace == strings.Repeat("0", 32) {
		return "", 0, 0, false
	}
	digits, opt, hasOpt := strings.Cut(rest, ";")
	if len(digits) < 1 || len(digits) > 20 || strings.Trim(digits, "0123456789") != "" {
		return "", 0, 0, false
	}
	span, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || span == 0 {
		return "", 0, 0, false
	}
	sampling = tracewire.SamplingDeferred
	if hasOpt {
		if len(opt) != 3 || opt[:2] != "o=" || opt[2] < '0' || opt[2] > '9' {
			return "", 0, 0, false
		}
		sampling = tracewire.SamplingAccept
		if opt[2] == '0' {
			sampling = tracewire.SamplingDeny
		}
	}
	return trace, span, sampling, true
}

// agree fails t unless Parse and the reference agree on s.
func agree(t *testing.T, s string) {
	t.Helper()
	sc, err := cloudtrace.Parse(s)
	trace, span, sampling, ok := reference(s)
	if (err == nil) != ok {
		t.Fatalf("Parse(%q) error %v; reference valid %v", s, err, ok)
	}
	if ok {
		sp := sc.SpanID()
		if sc.TraceID().String() != trace || binary.BigEndian.Uint64(sp[:]) != span || sc.Sampling() != sampling {
			t.Fatalf("Parse(%q) = %v %v %v; reference %s %d %v", s, sc.TraceID(), sc.SpanID(), sc.Sampling(), trace, span, sampling)
		}
	}
}

// TestEveryByte replaces each byte of valid values with every byte value
// and checks Parse against the reference grammar.
func TestEveryByte(t *testing.T) {
	for _, v := range []string{valid, tT + "/1", " " + tT + "/18446744073709551615;o=0\t"} {
		vectorcheck.EveryByte(v, func(s string) { agree(t, s) })
	}
}

// TestHostile feeds long values: each fails at the first offending byte
// and costs no more than reading up to it.
func TestHostile(t *testing.T) {
	nines, zeros := strings.Repeat("9", 1<<20), strings.Repeat("0", 1<<20)
	for _, tc := range []struct {
		name, in, kind string
		off            int
	}{
		{"megabyte of hex", strings.Repeat("f", 1<<20), "length", 32},
		{"megabyte of nines as span id", tT + "/" + nines, "span-id", 52},
		{"megabyte of zeros as span id", tT + "/" + zeros, "length", 53},
		{"megabyte of spaces", strings.Repeat(" ", 1<<20), "empty", 0},
		{"megabyte after the option", valid + nines, "trailing-data", len(valid)},
		{"megabyte of slashes", strings.Repeat("/", 1<<20), "length", 0},
	} {
		sc, err := cloudtrace.Parse(tc.in)
		vectorcheck.Error(t, tc.name, err, &vectors.Error{Header: "x-cloud-trace-context", Kind: tc.kind, Offset: &tc.off})
		if sc != (tracewire.SpanContext{}) {
			t.Errorf("%s: %v returned with the error", tc.name, sc)
		}
	}
}

func TestAppend(t *testing.T) {
	tr, _ := tracewire.ParseTraceID(tT)
	sp, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	base := tracewire.SpanContext{}.WithTraceID(tr).WithSpanID(sp)
	for _, tc := range []struct {
		name string
		sc   tracewire.SpanContext
		want string
	}{
		{"zero", tracewire.SpanContext{}, ""},
		{"no span id", tracewire.SpanContext{}.WithTraceID(tr).WithSampling(tracewire.SamplingAccept), ""},
		{"deferred", base, tT + "/67667974448284343"},
		{"deny", base.WithSampling(tracewire.SamplingDeny), tT + "/67667974448284343;o=0"},
		{"accept", base.WithSampling(tracewire.SamplingAccept), tT + "/67667974448284343;o=1"},
		{"debug is o=1", base.WithSampling(tracewire.SamplingDebug), tT + "/67667974448284343;o=1"},
		{"W3C flags, random dropped", tracewire.NewSpanContext(tr, sp, tracewire.FlagSampled|tracewire.FlagRandom), tT + "/67667974448284343;o=1"},
		{"parent and firehose dropped", base.WithParentSpanID(sp).WithFirehose(true).WithSampling(tracewire.SamplingDeny), tT + "/67667974448284343;o=0"},
		{"largest span id", base.WithSpanID(tracewire.SpanID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), tT + "/18446744073709551615"},
		{"64-bit trace id goes out 32 digits", base.WithTraceID(tracewire.TraceID{15: 1}).With64BitTraceID(true), "00000000000000000000000000000001/67667974448284343"},
	} {
		codec.CheckFormat(t, tc.name, tc.sc, tc.want)
	}
}

func TestParseKeepsInput(t *testing.T) { codec.CheckKeepsInput(t, valid) }

func TestErrorText(t *testing.T) {
	_, err := cloudtrace.Parse(invalid)
	if got, want := err.Error(), "x-cloud-trace-context: invalid span id at offset 52"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
