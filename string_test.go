package tracewire_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/traceparent"
)

var (
	sT, _  = tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	sS, _  = tracewire.ParseSpanID("00f067aa0ba902b7")
	sP, _  = tracewire.ParseSpanID("05e3ac9a4f6e3b90")
	sT64   = tracewire.TraceID{15: 0x2a}
	sState = func() tracewire.TraceState { ts, _ := tracewire.ParseTraceState("rojo=1"); return ts }()
)

// TestSpanContextString: a valid context prints as traceparent.Format
// writes it; an invalid one, whatever it carries, as "invalid SpanContext".
func TestSpanContextString(t *testing.T) {
	tests := []struct {
		name string
		sc   tracewire.SpanContext
		want string
	}{
		{"sampled", tracewire.NewSpanContext(sT, sS, tracewire.FlagSampled), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
		{"not sampled", tracewire.NewSpanContext(sT, sS, 0), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"},
		{"sampled random", tracewire.NewSpanContext(sT, sS, tracewire.FlagSampled|tracewire.FlagRandom), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"},
		{"deferred", tracewire.SpanContextConfig{TraceID: sT, SpanID: sS}.SpanContext(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"},
		{"debug, parent, state", tracewire.SpanContextConfig{TraceID: sT, SpanID: sS, ParentSpanID: sP, Sampling: tracewire.SamplingDebug, TraceState: sState}.SpanContext(),
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
		{"64-bit, remote", tracewire.SpanContextConfig{TraceID: sT64, SpanID: sS, Sampling: tracewire.SamplingAccept, TraceID64: true}.SpanContext().WithRemote(true),
			"00-0000000000000000000000000000002a-00f067aa0ba902b7-01"},
		{"zero", tracewire.SpanContext{}, "invalid SpanContext"},
		{"decision only", tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny), "invalid SpanContext"},
		{"no span id", tracewire.SpanContext{}.WithTraceID(sT), "invalid SpanContext"},
		{"no trace id", tracewire.SpanContext{}.WithSpanID(sS).WithSampling(tracewire.SamplingAccept), "invalid SpanContext"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sc.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			if tc.sc.IsValid() {
				if got := traceparent.Format(tc.sc); got != tc.sc.String() {
					t.Errorf("traceparent.Format = %q, String = %q", got, tc.sc.String())
				}
				back, err := traceparent.Parse(tc.sc.String())
				if err != nil || back.TraceID() != tc.sc.TraceID() || back.SpanID() != tc.sc.SpanID() || back.Flags() != tc.sc.Flags() {
					t.Errorf("traceparent.Parse(String()) = %v, %v", back, err)
				}
			}
		})
	}
}

func TestFlagsString(t *testing.T) {
	got := map[tracewire.Flags]string{}
	for _, f := range []tracewire.Flags{0, 1, 2, 3, 4, 0x81, 0xfe, 0xff} {
		got[f] = f.String()
	}
	want := map[tracewire.Flags]string{
		0:    "00",
		1:    "01 (sampled)",
		2:    "02 (random)",
		3:    "03 (sampled, random)",
		4:    "04",
		0x81: "81 (sampled)",
		0xfe: "fe (random)",
		0xff: "ff (sampled, random)",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Flags.String (-want +got):\n%s", d)
	}
}

func TestSamplingString(t *testing.T) {
	var got []string
	for s := range tracewire.Sampling(6) {
		got = append(got, s.String())
	}
	want := []string{"deferred", "deny", "accept", "debug", "invalid", "invalid"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Sampling.String (-want +got):\n%s", d)
	}
}
