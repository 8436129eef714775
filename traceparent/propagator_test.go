package traceparent

import (
	"context"
	"errors"
	"net/http"

	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/inlinetest"
)

func mustParse(t *testing.T, s string) tracewire.SpanContext {
	t.Helper()
	sc, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestExtractCarriers runs the same headers through every carrier kind:
// plain Getters read one tracestate value, ValuesGetters every line.
func TestExtractCarriers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		g      carrier.Getter
		wantTS string
	}{
		{"HTTPHeader", carrier.HTTPHeader(http.Header{"Traceparent": {testTP}, "Tracestate": {"a=1", "b=2"}}), "a=1,b=2"},
		{"Metadata", carrier.Metadata{"traceparent": {testTP}, "tracestate": {"a=1", "b=2"}}, "a=1,b=2"},
		{"Map", carrier.Map{"Traceparent": testTP, "tracestate": "a=1,b=2"}, "a=1,b=2"},
		{"NewMap", carrier.NewMap(map[string]string{"Traceparent": testTP, "TRACESTATE": "a=1,b=2"}), "a=1,b=2"},
		{"Map without tracestate", carrier.Map{"traceparent": testTP}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Propagator{}.ExtractFrom(tc.g)
			if err != nil {
				t.Fatal(err)
			}
			want := mustParse(t, testTP).WithRemote(true)
			if got := sc.WithTraceState(tracewire.TraceState{}); got != want {
				t.Errorf("ExtractFrom = %v, want %v", got, want)
			}
			if got := sc.TraceState().String(); got != tc.wantTS {
				t.Errorf("tracestate = %q, want %q", got, tc.wantTS)
			}
		})
	}
}

func TestExtractAbsent(t *testing.T) {
	for name, g := range map[string]carrier.Getter{
		"empty header": carrier.HTTPHeader(http.Header{}),
		"empty value":  carrier.HTTPHeader(http.Header{"Traceparent": {""}, "Tracestate": {"a=1"}}),
		"empty map":    carrier.Map{},
	} {
		sc, err := Propagator{}.ExtractFrom(g)
		if sc != (tracewire.SpanContext{}) || err != nil {
			t.Errorf("%s: ExtractFrom = %v, %v; want zero, nil", name, sc, err)
		}
	}
}

func TestExtractContext(t *testing.T) {
	type key struct{}
	base := context.WithValue(context.Background(), key{}, "kept")
	var p Propagator
	ctx := p.Extract(base, carrier.Map{"traceparent": testTP})
	sc := tracewire.SpanContextFromContext(ctx)
	if want := mustParse(t, testTP).WithRemote(true); sc != want {
		t.Errorf("Extract stored %v, want %v", sc, want)
	}
	if ctx.Value(key{}) != "kept" {
		t.Error("Extract lost the parent context's values")
	}
	// An invalid header leaves an earlier result in place.
	if got := p.Extract(ctx, carrier.Map{"traceparent": "00-bad"}); got != ctx {
		t.Error("Extract replaced the context for an invalid traceparent")
	}
	// Inject writes back what was extracted.
	out := carrier.Map{}
	p.Inject(ctx, out)
	if diff := cmp.Diff(carrier.Map{"traceparent": testTP}, out); diff != "" {
		t.Errorf("Inject (-want +got):\n%s", diff)
	}
	// Nothing to inject, nothing written.
	out = carrier.Map{}
	p.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("Inject without a span context wrote %v", out)
	}
}

func TestInjectSampling(t *testing.T) {
	base := mustParse(t, "00-"+testT+"-"+testP+"-02")
	for _, tc := range []struct {
		sampling tracewire.Sampling
		level1   bool
		want     string
	}{
		{tracewire.SamplingDeferred, false, "02"},
		{tracewire.SamplingDeny, false, "02"},
		{tracewire.SamplingAccept, false, "03"},
		{tracewire.SamplingDebug, false, "03"},
		{tracewire.SamplingDebug, true, "01"},
		{tracewire.SamplingDeny, true, "00"},
	} {
		out := carrier.Map{}
		Propagator{Level1: tc.level1}.InjectInto(out, base.WithSampling(tc.sampling))
		if got, want := out["traceparent"], "00-"+testT+"-"+testP+"-"+tc.want; got != want {
			t.Errorf("%v level1=%v: traceparent = %q, want %q", tc.sampling, tc.level1, got, want)
		}
	}
}

func TestInjectReusedHeader(t *testing.T) {
	h := http.Header{"Traceparent": {"stale"}, "Tracestate": {"stale=1"}}
	sc := mustParse(t, testTP)
	var p Propagator
	for _, f := range p.Fields() {
		carrier.HTTPHeader(h).Delete(f)
	}
	p.InjectInto(carrier.HTTPHeader(h), sc)
	if diff := cmp.Diff(http.Header{"Traceparent": {testTP}}, h); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An invalid context writes nothing at all.
	p.InjectInto(carrier.HTTPHeader(h), tracewire.SpanContext{})
	if len(h) != 1 || h.Get("Traceparent") != testTP {
		t.Errorf("InjectInto of an invalid context changed the header: %v", h)
	}
}

func TestFieldsCopy(t *testing.T) {
	f := Propagator{}.Fields()
	f[0] = "changed"
	if got := (Propagator{}).Fields(); got[0] != "traceparent" || len(got) != 2 || got[1] != "tracestate" {
		t.Errorf("Fields = %v after a caller modified an earlier result", got)
	}
}

func TestParseServerTimingEscapeTooLong(t *testing.T) {
	s := `trace;desc="\0` + strings.Repeat("0", maxEscapedDesc) + `"`
	_, err := ParseServerTiming(s)
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) || pe.Header() != "server-timing" || pe.Kind() != tracewire.ErrTooLong || pe.Offset() != 11 {
		t.Errorf("error = %v, want server-timing too-long at offset 11", err)
	}
}

// TestInlining asserts the thin string and []byte wrappers stay
// inlinable, so they cost nothing over the shared generic code.
func TestInlining(t *testing.T) {
	inlinetest.Check(t, "Parse", "ParseBytes", "ParseResponse", "ParseResponseBytes",
		"Append", "AppendResponse", "AppendServerTiming", "Format", "FormatResponse",
		"ows.Skip[go.shape.string]", "ows.Trim[go.shape.string]", "ows.Trim[go.shape.[]uint8]",
		"hexid.Load8[go.shape.string]", "hexid.Load8[go.shape.[]uint8]")
}
