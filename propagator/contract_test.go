package propagator_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// TestExtractFromContract checks the one contract of
// SpanContextPropagator.ExtractFrom for every format, and for a composite
// of them: absent gives (zero, nil); invalid gives (zero, error); valid
// gives (context, nil); a decision without ids gives (no ids, the
// decision, nil).
func TestExtractFromContract(t *testing.T) {
	type want struct {
		Kind     tracewire.ErrorKind // 0: a nil error
		Valid    bool
		Sampling tracewire.Sampling
		Zero     bool // the zero SpanContext
	}
	absent := want{Zero: true}
	tests := []struct {
		format string
		p      propagator.SpanContextPropagator
		name   string
		h      http.Header
		want   want
	}{
		{"tracecontext", propagator.TraceContext(), "absent", header("Accept", "*/*"), absent},
		{"tracecontext", propagator.TraceContext(), "blank", header("traceparent", " \t"), absent},
		{"tracecontext", propagator.TraceContext(), "invalid", header("traceparent", "00-"+tT+"-"+tP+"-0g"), want{Kind: tracewire.ErrFlags, Zero: true}},
		{"tracecontext", propagator.TraceContext(), "two lines", header("traceparent", tp, "traceparent", tp), want{Kind: tracewire.ErrTrailingData, Zero: true}},
		{"tracecontext", propagator.TraceContext(), "valid", header("traceparent", tp), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"tracecontext", propagator.TraceContext(), "valid, invalid tracestate discarded", header("traceparent", tp, "tracestate", "Bad=1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"tracecontext", propagator.TraceContext(), "tracestate alone", header("tracestate", "rojo=1"), absent},

		{"b3", propagator.B3(), "absent", header("Accept", "*/*"), absent},
		{"b3", propagator.B3(), "blank", header("b3", " "), absent},
		{"b3", propagator.B3(), "invalid", header("b3", bT+"-"+bS+"-2"), want{Kind: tracewire.ErrSampling, Zero: true}},
		{"b3", propagator.B3(), "valid", header("b3", bT+"-"+bS+"-1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"b3", propagator.B3(), "decision only", header("b3", "0"), want{Sampling: tracewire.SamplingDeny}},
		{"b3", propagator.B3(), "invalid beside a bare decision", header("b3", bT+"-", "x-b3-sampled", "0"), want{Kind: tracewire.ErrLength, Zero: true}},
		{"b3", propagator.B3(), "invalid beside valid multi ids", header("b3", bT+"-", "x-b3-traceid", bT, "x-b3-spanid", bS), want{Valid: true}},

		{"b3multi", propagator.B3Multi(), "absent", header("Accept", "*/*"), absent},
		{"b3multi", propagator.B3Multi(), "invalid", header("x-b3-traceid", bT), want{Kind: tracewire.ErrMissingField, Zero: true}},
		{"b3multi", propagator.B3Multi(), "valid", header("x-b3-traceid", bT, "x-b3-spanid", bS, "x-b3-sampled", "1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"b3multi", propagator.B3Multi(), "decision only", header("x-b3-flags", "1"), want{Sampling: tracewire.SamplingDebug}},
		{"b3multi", propagator.B3Multi(), "invalid decision", header("x-b3-sampled", "yes"), want{Kind: tracewire.ErrSampling, Zero: true}},

		{"jaeger", propagator.Jaeger(), "absent", header("Accept", "*/*"), absent},
		{"jaeger", propagator.Jaeger(), "blank", header("uber-trace-id", "\t"), absent},
		{"jaeger", propagator.Jaeger(), "invalid", header("uber-trace-id", "0:1:0:1"), want{Kind: tracewire.ErrZeroTraceID, Zero: true}},
		{"jaeger", propagator.Jaeger(), "valid", header("uber-trace-id", bT+":"+bS+":0:1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"jaeger", propagator.Jaeger(), "decision only", header("jaeger-debug-id", "req-1"), want{Sampling: tracewire.SamplingDebug}},
		{"jaeger", propagator.Jaeger(), "invalid beside a debug id", header("uber-trace-id", "0:1:0:1", "jaeger-debug-id", "req-1"), want{Kind: tracewire.ErrZeroTraceID, Zero: true}},

		{"xray", propagator.XRay(), "absent", header("Accept", "*/*"), absent},
		{"xray", propagator.XRay(), "blank", header("x-amzn-trace-id", " "), absent},
		{"xray", propagator.XRay(), "invalid", header("x-amzn-trace-id", "Root=2-"+xRoot[2:]), want{Kind: tracewire.ErrVersion, Zero: true}},
		{"xray", propagator.XRay(), "valid", header("x-amzn-trace-id", "Root="+xRoot+";Parent="+tP+";Sampled=1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"xray", propagator.XRay(), "decision only", header("x-amzn-trace-id", "Root="+xRoot+";Sampled=0"), want{Sampling: tracewire.SamplingDeny}},

		{"ottrace", propagator.OTTrace(), "absent", header("Accept", "*/*"), absent},
		{"ottrace", propagator.OTTrace(), "invalid", header("ot-tracer-traceid", tT), want{Kind: tracewire.ErrMissingField, Zero: true}},
		{"ottrace", propagator.OTTrace(), "valid", header("ot-tracer-traceid", tT, "ot-tracer-spanid", tP, "ot-tracer-sampled", "true"), want{Valid: true, Sampling: tracewire.SamplingAccept}},

		{"cloudtrace", propagator.CloudTrace(), "absent", header("Accept", "*/*"), absent},
		{"cloudtrace", propagator.CloudTrace(), "invalid", header("x-cloud-trace-context", tT+"/0;o=1"), want{Kind: tracewire.ErrZeroSpanID, Zero: true}},
		{"cloudtrace", propagator.CloudTrace(), "valid", header("x-cloud-trace-context", tT+"/67667974448284343;o=1"), want{Valid: true, Sampling: tracewire.SamplingAccept}},

		{"sentry", propagator.Sentry(), "absent", header("Accept", "*/*"), absent},
		{"sentry", propagator.Sentry(), "invalid", header("sentry-trace", tT+"-"+tP+"-x"), want{Kind: tracewire.ErrSampling, Zero: true}},
		{"sentry", propagator.Sentry(), "valid", header("sentry-trace", tT+"-"+tP), want{Valid: true, Sampling: tracewire.SamplingDeferred}},

		{"datadog", propagator.Datadog(), "absent", header("Accept", "*/*"), absent},
		{"datadog", propagator.Datadog(), "invalid", header("x-datadog-trace-id", "0", "x-datadog-parent-id", "1"), want{Kind: tracewire.ErrZeroTraceID, Zero: true}},
		{"datadog", propagator.Datadog(), "valid", header("x-datadog-trace-id", "1", "x-datadog-parent-id", "2", "x-datadog-sampling-priority", "2"), want{Valid: true, Sampling: tracewire.SamplingAccept}},
		{"datadog", propagator.Datadog(), "valid, bad tags dropped", header("x-datadog-trace-id", "1", "x-datadog-parent-id", "2", "x-datadog-tags", "=x"), want{Valid: true}},
		{"datadog", propagator.Datadog(), "synthetics decision", header("x-datadog-trace-id", "1", "x-datadog-origin", "synthetics", "x-datadog-sampling-priority", "1"), want{Sampling: tracewire.SamplingAccept}},

		{"grpc-trace-bin", propagator.GRPCTraceBin(), "absent", header("Accept", "*/*"), absent},
		{"grpc-trace-bin", propagator.GRPCTraceBin(), "invalid", header("grpc-trace-bin", "AQ"), want{Kind: tracewire.ErrVersion, Zero: true}},
		{"grpc-trace-bin", propagator.GRPCTraceBin(), "valid", header("grpc-trace-bin", "AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE"), want{Valid: true, Sampling: tracewire.SamplingAccept}},

		{"composite", all(), "absent", header("Accept", "*/*"), absent},
		{"composite", all(), "invalid", header("traceparent", "00-"+tT+"-"+tP+"-0g"), want{Kind: tracewire.ErrFlags, Zero: true}},
		{"composite", all(), "valid beside invalid", header("traceparent", "00-"+tT+"-"+tP+"-0g", "b3", bT+"-"+bS), want{Valid: true}},
		{"composite", all(), "decision beside invalid", header("traceparent", "00-"+tT+"-"+tP+"-0g", "b3", "0"), want{Sampling: tracewire.SamplingDeny}},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+tt.name, func(t *testing.T) {
			sc, err := tt.p.ExtractFrom(carrier.HTTPHeader(tt.h))
			got := want{Valid: sc.IsValid(), Sampling: sc.Sampling(), Zero: sc == tracewire.SpanContext{}}
			if err != nil {
				var pe *tracewire.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *tracewire.ParseError", err)
				}
				got.Kind = tt.want.Kind
				if !errors.Is(err, tt.want.Kind) {
					got.Kind = 0xff
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s (error %v)", diff, err)
			}
			if !got.Zero && !sc.IsRemote() {
				t.Error("a usable context is not marked remote")
			}
		})
	}
}

// xRoot is an X-Ray Root for the contract rows.
const xRoot = "1-4bf92f35-77b34da6a3ce929d0e0e4736"

func all() propagator.Composite {
	return propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage())
}
