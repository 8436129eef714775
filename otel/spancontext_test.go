package twotel_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	twotel "github.com/tracewire/tracewire/otel"
	"go.opentelemetry.io/otel/trace"
)

// otelView is an OpenTelemetry span context in comparable, printable form.
type otelView struct {
	TraceID, SpanID string
	Flags           trace.TraceFlags
	TraceState      string
	Remote, Valid   bool
}

func viewOTel(sc trace.SpanContext) otelView {
	return otelView{sc.TraceID().String(), sc.SpanID().String(), sc.TraceFlags(), sc.TraceState().String(), sc.IsRemote(), sc.IsValid()}
}

// twView is a tracewire span context in comparable, printable form.
type twView struct {
	TraceID, SpanID, Parent string
	Sampling                string
	TraceState              string
	Random, Remote          bool
	Trace64, Firehose       bool
}

func viewTW(sc tracewire.SpanContext) twView {
	v := twView{Sampling: sc.Sampling().String(), TraceState: sc.TraceState().String(),
		Random: sc.IsRandom(), Remote: sc.IsRemote(), Trace64: sc.Is64BitTraceID(), Firehose: sc.IsFirehose()}
	if sc.TraceID().IsValid() {
		v.TraceID = sc.TraceID().String()
	}
	if sc.SpanID().IsValid() {
		v.SpanID = sc.SpanID().String()
	}
	if sc.ParentSpanID().IsValid() {
		v.Parent = sc.ParentSpanID().String()
	}
	return v
}

func mustTS(t *testing.T, s string) tracewire.TraceState {
	t.Helper()
	ts, err := tracewire.ParseTraceState(s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func twSC(t *testing.T, trace, span string) tracewire.SpanContextConfig {
	t.Helper()
	var c tracewire.SpanContextConfig
	if err := c.TraceID.UnmarshalText([]byte(trace)); err != nil {
		t.Fatal(err)
	}
	if err := c.SpanID.UnmarshalText([]byte(span)); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSpanContextToOTel(t *testing.T) {
	base := func() tracewire.SpanContextConfig { return twSC(t, tid, sid) }
	for _, c := range []struct {
		name string
		in   func() tracewire.SpanContextConfig
		want otelView
	}{
		{"deny", func() tracewire.SpanContextConfig { c := base(); c.Sampling = tracewire.SamplingDeny; return c },
			otelView{tid, sid, 0, "", false, true}},
		{"accept, remote", func() tracewire.SpanContextConfig {
			c := base()
			c.Sampling, c.Remote = tracewire.SamplingAccept, true
			return c
		}, otelView{tid, sid, trace.FlagsSampled, "", true, true}},
		{"debug is sampled", func() tracewire.SpanContextConfig { c := base(); c.Sampling = tracewire.SamplingDebug; return c },
			otelView{tid, sid, trace.FlagsSampled, "", false, true}},
		{"deferred is not sampled", func() tracewire.SpanContextConfig { return base() },
			otelView{tid, sid, 0, "", false, true}},
		{"random flag", func() tracewire.SpanContextConfig {
			c := base()
			c.Random, c.Sampling = true, tracewire.SamplingAccept
			return c
		}, otelView{tid, sid, trace.FlagsSampled | trace.FlagsRandom, "", false, true}},
		{"trace state in order", func() tracewire.SpanContextConfig {
			c := base()
			c.TraceState = mustTS(t, "congo=t61rcWkgMzE, rojo=00f067aa0ba902b7,vendor@tenant=x")
			return c
		}, otelView{tid, sid, 0, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7,vendor@tenant=x", false, true}},
		{"a Level 2 key OpenTelemetry refuses is left out, the rest kept in order", func() tracewire.SpanContextConfig {
			c := base()
			c.TraceState = mustTS(t, "a=1,1b=2,c=3")
			return c
		}, otelView{tid, sid, 0, "a=1,c=3", false, true}},
		{"parent, 64-bit width and firehose have no OpenTelemetry field", func() tracewire.SpanContextConfig {
			c := twSC(t, "000000000000000000f067aa0ba902b7", sid)
			c.ParentSpanID, c.TraceID64, c.Firehose, c.Sampling = c.SpanID, true, true, tracewire.SamplingAccept
			return c
		}, otelView{"000000000000000000f067aa0ba902b7", sid, trace.FlagsSampled, "", false, true}},
		{"zero", func() tracewire.SpanContextConfig { return tracewire.SpanContextConfig{} },
			otelView{"00000000000000000000000000000000", "0000000000000000", 0, "", false, false}},
	} {
		got := viewOTel(twotel.SpanContextToOTel(c.in().SpanContext()))
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: -want +got:\n%s", c.name, diff)
		}
	}
}

func TestSpanContextFromOTel(t *testing.T) {
	tidB, _ := trace.TraceIDFromHex(tid)
	sidB, _ := trace.SpanIDFromHex(sid)
	state, _ := trace.ParseTraceState("a=1,b=2")
	for _, c := range []struct {
		name string
		in   trace.SpanContextConfig
		want twView
	}{
		{"not sampled", trace.SpanContextConfig{TraceID: tidB, SpanID: sidB},
			twView{TraceID: tid, SpanID: sid, Sampling: "deny"}},
		{"sampled, random, remote, trace state", trace.SpanContextConfig{TraceID: tidB, SpanID: sidB, TraceFlags: 3, TraceState: state, Remote: true},
			twView{TraceID: tid, SpanID: sid, Sampling: "accept", TraceState: "a=1,b=2", Random: true, Remote: true}},
		{"reserved flag bits are dropped", trace.SpanContextConfig{TraceID: tidB, SpanID: sidB, TraceFlags: 0xfd},
			twView{TraceID: tid, SpanID: sid, Sampling: "accept"}},
		{"invalid: no decision is invented from the flags", trace.SpanContextConfig{TraceFlags: trace.FlagsSampled},
			twView{Sampling: "deferred"}},
		{"invalid: no span id", trace.SpanContextConfig{TraceID: tidB, TraceFlags: trace.FlagsSampled},
			twView{Sampling: "deferred"}},
	} {
		got := viewTW(twotel.SpanContextFromOTel(trace.NewSpanContext(c.in)))
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: -want +got:\n%s", c.name, diff)
		}
	}
}

// TestSpanContextRoundTrip: what both can hold survives both ways.
func TestSpanContextRoundTrip(t *testing.T) {
	for _, s := range []string{"deny", "accept"} {
		for _, random := range []bool{false, true} {
			for _, remote := range []bool{false, true} {
				c := twSC(t, tid, sid)
				c.Sampling = map[string]tracewire.Sampling{"deny": tracewire.SamplingDeny, "accept": tracewire.SamplingAccept}[s]
				c.Random, c.Remote, c.TraceState = random, remote, mustTS(t, "x=1,y@z=2")
				in := c.SpanContext()
				if got := twotel.SpanContextFromOTel(twotel.SpanContextToOTel(in)); got.TraceState().String() != in.TraceState().String() ||
					got.WithTraceState(in.TraceState()) != in {
					t.Errorf("%v -> %v", viewTW(in), viewTW(got))
				}
			}
		}
	}
}
