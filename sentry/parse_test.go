package sentry_test

import (
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/sentry"
)

// reference is an independent reading of the grammar,
// ^[0-9a-fA-F]{32}-[0-9a-fA-F]{16}(-[01])?$ after trimming, with the
// zero-id rules: whether s is valid, its ids in lowercase and its
// decision.
func reference(s string) (trace, span string, sampling tracewire.Sampling, ok bool) {
	v := strings.Trim(s, " \t")
	if len(v) != 49 && len(v) != 51 || v[32] != '-' {
		return "", "", 0, false
	}
	trace, span = strings.ToLower(v[:32]), strings.ToLower(v[33:49])
	if strings.Trim(trace, "0123456789abcdef") != "" || strings.Trim(span, "0123456789abcdef") != "" ||
		strings.Trim(trace, "0") == "" || strings.Trim(span, "0") == "" {
		return "", "", 0, false
	}
	sampling = tracewire.SamplingDeferred
	if len(v) == 51 {
		switch v[49:] {
		case "-0":
			sampling = tracewire.SamplingDeny
		case "-1":
			sampling = tracewire.SamplingAccept
		default:
			return "", "", 0, false
		}
	}
	return trace, span, sampling, true
}

// agree fails t unless Parse and the reference agree on s.
func agree(t *testing.T, s string) {
	t.Helper()
	sc, err := sentry.Parse(s)
	trace, span, sampling, ok := reference(s)
	if (err == nil) != ok {
		t.Fatalf("Parse(%q) error %v; reference valid %v", s, err, ok)
	}
	if ok && (sc.TraceID().String() != trace || sc.SpanID().String() != span || sc.Sampling() != sampling) {
		t.Fatalf("Parse(%q) = %v %v %v; reference %s %s %v", s, sc.TraceID(), sc.SpanID(), sc.Sampling(), trace, span, sampling)
	}
}

// TestEveryByte replaces each byte of valid values with every byte value,
// and cuts them at every length, checking Parse against the reference.
func TestEveryByte(t *testing.T) {
	for _, v := range []string{valid, tT + "-" + tS, "\t" + strings.ToUpper(tT) + "-" + tS + "-0 "} {
		vectorcheck.EveryByte(v, func(s string) { agree(t, s) })
	}
}

// TestHostile feeds long values: each fails at the first offending byte.
func TestHostile(t *testing.T) {
	big := strings.Repeat("f", 1<<20)
	for _, tc := range []struct {
		name, in, kind string
		off            int
	}{
		{"megabyte of hex", big, "length", 32},
		{"megabyte of dashes", strings.Repeat("-", 1<<20), "length", 0},
		{"megabyte of spaces", strings.Repeat(" ", 1<<20), "empty", 0},
		{"megabyte of hex as span id", tT + "-" + big, "length", 49},
		{"megabyte after the flag", valid + big, "trailing-data", 51},
	} {
		sc, err := sentry.Parse(tc.in)
		vectorcheck.Error(t, tc.name, err, &vectors.Error{Header: "sentry-trace", Kind: tc.kind, Offset: &tc.off})
		if sc != (tracewire.SpanContext{}) {
			t.Errorf("%s: %v returned with the error", tc.name, sc)
		}
	}
}

func TestAppend(t *testing.T) {
	tr, _ := tracewire.ParseTraceID(tT)
	sp, _ := tracewire.ParseSpanID(tS)
	base := tracewire.SpanContext{}.WithTraceID(tr).WithSpanID(sp)
	for _, tc := range []struct {
		name string
		sc   tracewire.SpanContext
		want string
	}{
		{"zero", tracewire.SpanContext{}, ""},
		{"sampling only", tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept), ""},
		{"deferred", base, tT + "-" + tS},
		{"deny", base.WithSampling(tracewire.SamplingDeny), tT + "-" + tS + "-0"},
		{"accept", base.WithSampling(tracewire.SamplingAccept), tT + "-" + tS + "-1"},
		{"debug is -1", base.WithSampling(tracewire.SamplingDebug), tT + "-" + tS + "-1"},
		{"W3C flags", tracewire.NewSpanContext(tr, sp, tracewire.FlagRandom), tT + "-" + tS + "-0"},
		{"parent dropped", base.WithParentSpanID(sp).WithSampling(tracewire.SamplingAccept), tT + "-" + tS + "-1"},
		{"64-bit trace id goes out 32 digits", base.WithTraceID(tracewire.TraceID{15: 1}).With64BitTraceID(true), "00000000000000000000000000000001-" + tS},
	} {
		codec.CheckFormat(t, tc.name, tc.sc, tc.want)
	}
}

func TestParseKeepsInput(t *testing.T) { codec.CheckKeepsInput(t, valid) }

func TestErrorText(t *testing.T) {
	_, err := sentry.Parse(tT + "-" + tS + "-x")
	if got, want := err.Error(), "sentry-trace: invalid sampling state at offset 50"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
