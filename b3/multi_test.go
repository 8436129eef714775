package b3_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
)

func TestExtractMultiErrors(t *testing.T) {
	tests := []struct {
		name   string
		lines  [][2]string
		header string
		kind   tracewire.ErrorKind
		offset int
	}{
		{"trace id only", [][2]string{{"X-B3-TraceId", tT}}, "x-b3-spanid", tracewire.ErrMissingField, 0},
		{"span id only", [][2]string{{"X-B3-SpanId", tS}}, "x-b3-traceid", tracewire.ErrMissingField, 0},
		{"parent only", [][2]string{{"X-B3-ParentSpanId", tP}}, "x-b3-traceid", tracewire.ErrMissingField, 0},
		{"parent and span", [][2]string{{"X-B3-SpanId", tS}, {"X-B3-ParentSpanId", tP}}, "x-b3-traceid", tracewire.ErrMissingField, 0},
		{"bad trace before missing span", [][2]string{{"X-B3-TraceId", "xyz"}}, "x-b3-traceid", tracewire.ErrTraceID, 0},
		{"short trace", [][2]string{{"X-B3-TraceId", tT[:31]}, {"X-B3-SpanId", tS}}, "x-b3-traceid", tracewire.ErrLength, 31},
		{"uppercase span", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", "E457B5A2E4D86BD1"}}, "x-b3-spanid", tracewire.ErrSpanID, 0},
		{"short span, 128-bit trace", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", "e457b5a2"}}, "x-b3-spanid", tracewire.ErrLength, 8},
		{"short span, 64-bit trace", [][2]string{{"X-B3-TraceId", tT64}, {"X-B3-SpanId", "e"}}, "x-b3-spanid", tracewire.ErrLength, 1},
		{"span trailing data", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", tS + "-"}}, "x-b3-spanid", tracewire.ErrTrailingData, 16},
		{"short parent", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", tS}, {"X-B3-ParentSpanId", tP[:15]}}, "x-b3-parentspanid", tracewire.ErrLength, 15},
		{"long parent", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", tS}, {"X-B3-ParentSpanId", tP + "0"}}, "x-b3-parentspanid", tracewire.ErrLength, 16},
		{"zero parent", [][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", tS}, {"X-B3-ParentSpanId", " 0000000000000000"}}, "x-b3-parentspanid", tracewire.ErrParentSpanID, 1},
		{"sampled 2", [][2]string{{"X-B3-Sampled", "2"}}, "x-b3-sampled", tracewire.ErrSampling, 0},
		{"sampled d", [][2]string{{"X-B3-Sampled", "d"}}, "x-b3-sampled", tracewire.ErrSampling, 0},
		{"sampled truex", [][2]string{{"X-B3-Sampled", "\ttruex"}}, "x-b3-sampled", tracewire.ErrSampling, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := b3.ExtractMulti(headerOf(tc.lines))
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			type errView struct {
				Header string
				Kind   tracewire.ErrorKind
				Offset int
			}
			want := errView{tc.header, tc.kind, tc.offset}
			if d := cmp.Diff(want, errView{pe.Header(), pe.Kind(), pe.Offset()}); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
			if sc != (tracewire.SpanContext{}) {
				t.Errorf("span context %+v returned with the error", view(sc))
			}
		})
	}
}

func TestExtractMultiNothing(t *testing.T) {
	for _, lines := range [][][2]string{
		nil,
		{{"X-B3-Flags", "0"}},
		{{"X-B3-Sampled", ""}, {"X-B3-TraceId", " "}},
		{{"Traceparent", "00-" + tT + "-" + tS + "-01"}},
	} {
		sc, err := b3.ExtractMulti(headerOf(lines))
		if err != nil || sc != (tracewire.SpanContext{}) {
			t.Errorf("%v: got %+v, %v; want the zero value and no error", lines, view(sc), err)
		}
	}
}

// TestInjectMulti pins the multi-header output, including the forms the
// single-header vectors cannot show: a parent with a deferred decision.
func TestInjectMulti(t *testing.T) {
	trace, trace64 := mustTrace(t, tT), mustTrace(t, tT64)
	span, parent := mustSpan(t, tS), mustSpan(t, tP)
	base := tracewire.SpanContext{}.WithTraceID(trace).WithSpanID(span)
	tests := []struct {
		name string
		sc   tracewire.SpanContext
		want [][2]string
	}{
		{"zero writes nothing", tracewire.SpanContext{}, nil},
		{"deferred", base, [][2]string{{"x-b3-traceid", tT}, {"x-b3-spanid", tS}}},
		{"deferred with parent keeps parent", base.WithParentSpanID(parent), [][2]string{{"x-b3-traceid", tT}, {"x-b3-spanid", tS}, {"x-b3-parentspanid", tP}}},
		{"accept", base.WithSampling(tracewire.SamplingAccept), [][2]string{{"x-b3-traceid", tT}, {"x-b3-spanid", tS}, {"x-b3-sampled", "1"}}},
		{"deny 64-bit", base.WithTraceID(trace64).With64BitTraceID(true).WithSampling(tracewire.SamplingDeny), [][2]string{{"x-b3-traceid", tT64}, {"x-b3-spanid", tS}, {"x-b3-sampled", "0"}}},
		{"debug sends flags alone", base.WithParentSpanID(parent).WithSampling(tracewire.SamplingDebug), [][2]string{{"x-b3-traceid", tT}, {"x-b3-spanid", tS}, {"x-b3-parentspanid", tP}, {"x-b3-flags", "1"}}},
		{"sampling-only deny", tracewire.SpanContext{}.WithSampling(tracewire.SamplingDeny), [][2]string{{"x-b3-sampled", "0"}}},
		{"sampling-only debug", tracewire.SpanContext{}.WithSampling(tracewire.SamplingDebug), [][2]string{{"x-b3-flags", "1"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			b3.InjectMulti(&r, tc.sc)
			if d := cmp.Diff(tc.want, [][2]string(r), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("InjectMulti (-want +got):\n%s", d)
			}
			var r2 recorder
			b3.Propagator{Multi: true}.InjectInto(&r2, tc.sc)
			if d := cmp.Diff(r, r2); d != "" {
				t.Errorf("Propagator{Multi: true}.InjectInto differs from InjectMulti:\n%s", d)
			}
			// What goes out comes back unchanged.
			back, err := b3.ExtractMulti(headerOf(r))
			if err != nil || back != tc.sc {
				t.Errorf("ExtractMulti(InjectMulti(sc)) = %+v, %v; want %+v", view(back), err, view(tc.sc))
			}
		})
	}
}

// TestMultiPassThrough: canonical multi headers extracted and injected
// again come out line for line.
func TestMultiPassThrough(t *testing.T) {
	for _, lines := range [][][2]string{
		{{"x-b3-traceid", tT}, {"x-b3-spanid", tS}, {"x-b3-parentspanid", tP}, {"x-b3-sampled", "1"}},
		{{"x-b3-traceid", tT64}, {"x-b3-spanid", tS}, {"x-b3-parentspanid", tP}},
		{{"x-b3-traceid", tT64}, {"x-b3-spanid", tS}, {"x-b3-flags", "1"}},
		{{"x-b3-sampled", "0"}},
		{{"x-b3-flags", "1"}},
	} {
		p := b3.Propagator{Multi: true}
		sc, err := p.ExtractFrom(headerOf(lines))
		if err != nil {
			t.Fatal(err)
		}
		var r recorder
		p.InjectInto(&r, sc)
		if d := cmp.Diff(lines, [][2]string(r)); d != "" {
			t.Errorf("pass-through (-in +out):\n%s", d)
		}
	}
}

// TestExtractMultiCarriers reads the same headers through every carrier
// adapter: the names are asked for in lowercase and matched by the carrier.
func TestExtractMultiCarriers(t *testing.T) {
	want := tracewire.SpanContext{}.WithTraceID(mustTrace(t, tT)).WithSpanID(mustSpan(t, tS)).WithSampling(tracewire.SamplingDebug)
	for name, g := range map[string]carrier.Getter{
		"http":     headerOf([][2]string{{"X-B3-TraceId", tT}, {"X-B3-SpanId", tS}, {"X-B3-Flags", "1"}}),
		"map":      carrier.Map{"X-B3-TraceId": tT, "X-B3-Spanid": tS, "x-b3-flags": "1"},
		"any case": carrier.NewMap(map[string]string{"X-B3-TRACEID": tT, "x-b3-SpanId": tS, "x-b3-flags": "1"}),
		"metadata": carrier.Metadata{"x-b3-traceid": {tT}, "x-b3-spanid": {tS, "ignored"}, "x-b3-flags": {"1"}},
	} {
		sc, err := b3.ExtractMulti(g)
		if err != nil || sc != want {
			t.Errorf("%s: got %+v, %v", name, view(sc), err)
		}
	}
}
