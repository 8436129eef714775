package b3_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

const (
	tT   = "80f198ee56343ba864fe8b2a57d3eff7"
	tS   = "e457b5a2e4d86bd1"
	tP   = "05e3ac9a4f6e3b90"
	tT64 = "a3ce929d0e0e4736"
)

func mustTrace(t testing.TB, s string) tracewire.TraceID {
	t.Helper()
	if len(s) == 16 {
		s = strings.Repeat("0", 16) + s
	}
	id, err := tracewire.ParseTraceID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustSpan(t testing.TB, s string) tracewire.SpanID {
	t.Helper()
	id, err := tracewire.ParseSpanID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// kindAt returns the kind and offset of a *ParseError, or 0, -1.
func kindAt(err error) (tracewire.ErrorKind, int) {
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		return pe.Kind(), pe.Offset()
	}
	return 0, -1
}

// TestParseSingleMalformedLengths feeds the shapes that make a well-known
// Go B3 implementation index past the end of its input: a 128-bit (or
// 64-bit) trace id followed by a span id of every short length, with and
// without the fields after it. Each must be a length error at the point
// where the span id stopped, and nothing may panic.
func TestParseSingleMalformedLengths(t *testing.T) {
	for _, trace := range []string{tT, tT64} {
		for n := 0; n < 16; n++ {
			span := tS[:n]
			for _, tail := range []string{"", "-1", "-d", "-1-" + tP, "-0-" + tP + "-x"} {
				in := trace + "-" + span + tail
				sc, err := b3.Parse(in)
				kind, off := kindAt(err)
				if kind != tracewire.ErrLength || off != len(trace)+1+n {
					t.Errorf("Parse(%q) = %v, %v; want length error at %d", in, sc.IsValid(), err, len(trace)+1+n)
				}
				if _, err2 := b3.ParseBytes([]byte(in)); !vectorcheck.SameError(err2, err) {
					t.Errorf("ParseBytes(%q) = %v, want %v", in, err2, err)
				}
			}
		}
	}
	// The exact input from the upstream report.
	if _, err := b3.Parse("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2"); !errors.Is(err, tracewire.ErrLength) {
		t.Errorf("upstream panic input: err = %v, want ErrLength", err)
	}
}

// TestParseSingleValidLengths checks the B3 rule that the only valid
// lengths are 1, 33, 35, 49, 51, 52 and 68, over every prefix of the
// longest forms.
func TestParseSingleValidLengths(t *testing.T) {
	// Each form is valid only where it ends after a whole field: the
	// 128-bit form at 49, 51 and 68 bytes, the 64-bit form at 33, 35 and
	// 52; every other prefix (and anything longer) is an error.
	for _, tc := range []struct {
		full  string
		valid map[int]bool
	}{
		{tT + "-" + tS + "-1-" + tP + "-" + tP, map[int]bool{49: true, 51: true, 68: true}},
		{tT64 + "-" + tS + "-d-" + tP + "-" + tP, map[int]bool{33: true, 35: true, 52: true}},
	} {
		for n := 1; n <= len(tc.full); n++ {
			in := tc.full[:n]
			_, err := b3.Parse(in)
			if (err == nil) != tc.valid[n] {
				t.Errorf("Parse(%q) (len %d) err = %v, want valid %v", in, n, err, tc.valid[n])
			}
		}
	}
	for c := 0; c < 256; c++ {
		_, err := b3.Parse(string([]byte{byte(c)}))
		if want := c == '0' || c == '1' || c == 'd'; (err == nil) != want {
			t.Errorf("Parse(%q) err = %v, want valid %v", byte(c), err, want)
		}
	}
}

func TestParseSingleValues(t *testing.T) {
	trace, trace64 := mustTrace(t, tT), mustTrace(t, tT64)
	span, parent := mustSpan(t, tS), mustSpan(t, tP)
	base := tracewire.SpanContext{}.WithTraceID(trace).WithSpanID(span)
	tests := []struct {
		in   string
		want tracewire.SpanContext
	}{
		{tT + "-" + tS, base},
		{tT + "-" + tS + "-0", base.WithSampling(tracewire.SamplingDeny)},
		{tT + "-" + tS + "-1-" + tP, base.WithSampling(tracewire.SamplingAccept).WithParentSpanID(parent)},
		{tT64 + "-" + tS + "-d", base.WithTraceID(trace64).With64BitTraceID(true).WithSampling(tracewire.SamplingDebug)},
		{"\t1 ", tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept)},
	}
	for _, tc := range tests {
		got, err := b3.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tc.in, view(got), view(tc.want))
		}
		if got.IsRemote() || got.IsRandom() {
			t.Errorf("Parse(%q) set remote or random", tc.in)
		}
	}
}

func TestAppendSingle(t *testing.T) {
	trace, trace64 := mustTrace(t, tT), mustTrace(t, tT64)
	span, parent := mustSpan(t, tS), mustSpan(t, tP)
	base := tracewire.SpanContext{}.WithTraceID(trace).WithSpanID(span)
	tests := []struct {
		name string
		sc   tracewire.SpanContext
		want string
	}{
		{"zero", tracewire.SpanContext{}, ""},
		{"deferred, no ids", tracewire.SpanContext{}.WithTraceID(trace), ""},
		{"deny, no ids", tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny), "0"},
		{"debug, span id missing", tracewire.SpanContext{}.WithTraceID(trace).WithSampling(tracewire.SamplingDebug), "d"},
		{"deferred", base, tT + "-" + tS},
		{"deferred with parent drops parent", base.WithParentSpanID(parent), tT + "-" + tS},
		{"accept with parent", base.WithParentSpanID(parent).WithSampling(tracewire.SamplingAccept), tT + "-" + tS + "-1-" + tP},
		{"64-bit", base.WithTraceID(trace64).With64BitTraceID(true).WithSampling(tracewire.SamplingDeny), tT64 + "-" + tS + "-0"},
		{"64-bit id without the mark goes out 128-bit", base.WithTraceID(trace64), "0000000000000000" + tT64 + "-" + tS},
		{"64-bit mark on a 128-bit id is ignored", base.With64BitTraceID(true).WithSampling(tracewire.SamplingDebug), tT + "-" + tS + "-d"},
		{"from W3C flags", tracewire.NewSpanContext(trace, span, tracewire.FlagSampled|tracewire.FlagRandom), tT + "-" + tS + "-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prefix := []byte("b3: ")
			got := b3.Append(prefix, tc.sc)
			if d := cmp.Diff("b3: "+tc.want, string(got)); d != "" {
				t.Errorf("Append (-want +got):\n%s", d)
			}
			if got := b3.Format(tc.sc); got != tc.want {
				t.Errorf("Format = %q, want %q", got, tc.want)
			}
			if got := b3.Format(tc.sc); got != tc.want {
				t.Errorf("Format = %q, want %q", got, tc.want)
			}
			if got := string(b3.Append(nil, tc.sc)); got != tc.want {
				t.Errorf("Append = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseBytesAgrees(t *testing.T) {
	for _, in := range []string{tT + "-" + tS + "-1", "d", "", tT + "-e457b5a2"} {
		a, errA := b3.Parse(in)
		b, errB := b3.ParseBytes([]byte(in))
		if a != b || !vectorcheck.SameError(errA, errB) {
			t.Errorf("%q: Parse = %v, %v; ParseBytes = %v, %v", in, a, errA, b, errB)
		}
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := b3.Parse(tT + "-" + tS + "-true")
	if got, want := err.Error(), "b3: invalid sampling state at offset 50"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParseSingleKeepsInput(t *testing.T) {
	in := []byte(" " + tT + "-" + tS + "-1-" + tP + " ")
	orig := string(in)
	sc, err := b3.ParseBytes(in)
	if err != nil || string(in) != orig {
		t.Fatalf("input changed or err %v", err)
	}
	in[1] = 'f' // the result must not alias the input
	if sc.TraceID().String() != tT {
		t.Errorf("span context aliases its input")
	}
}
