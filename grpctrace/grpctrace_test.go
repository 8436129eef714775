package grpctrace_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
)

type errView struct {
	Kind   string
	Offset int
}

func errOf(err error) *errView {
	if err == nil {
		return nil
	}
	_, kind, off, ok := vectorcheck.Detail(err)
	if !ok {
		return &errView{Kind: "not a ParseError"}
	}
	return &errView{kind.String(), off}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want *errView
	}{
		{"", &errView{"empty", 0}},
		{" \t", &errView{"empty", 0}},
		{specText + ",AAAA", &errView{"trailing-data", 39}},
		{"  " + specText[:37], &errView{"length", 39}},
		{"  AQBL+S81d7NN", &errView{"version", 2}},
		{specText + "=A", &errView{"value", 39}},
		{specText, nil},
		{"\t" + specText + "= ", nil},
	} {
		_, err := grpctrace.Parse(tc.in)
		if d := cmp.Diff(tc.want, errOf(err)); d != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, d)
		}
	}
}

func TestParseBinaryErrors(t *testing.T) {
	bin := specBinary()
	for _, tc := range []struct {
		name string
		in   []byte
		want *errView
	}{
		{"nil", nil, &errView{"empty", 0}},
		{"version 255", append([]byte{0xff}, bin[1:]...), &errView{"version", 0}},
		{"trace only", bin[:18], &errView{"missing-field", 18}},
		{"field id 1 cut", bin[:19], &errView{"length", 19}},
		{"exact", bin, nil},
	} {
		_, err := grpctrace.ParseBinary(tc.in)
		if d := cmp.Diff(tc.want, errOf(err)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
}

func TestAppendSampling(t *testing.T) {
	base, _ := grpctrace.ParseBinary(specBinary())
	for _, tc := range []struct {
		s    tracewire.Sampling
		last byte
	}{
		{tracewire.SamplingDeferred, 0},
		{tracewire.SamplingDeny, 0},
		{tracewire.SamplingAccept, 1},
		{tracewire.SamplingDebug, 1},
	} {
		b := grpctrace.AppendBinary(nil, base.WithSampling(tc.s).WithRandom(true))
		if len(b) != 29 || b[28] != tc.last {
			t.Errorf("%v: options byte %x", tc.s, b[len(b)-1])
		}
	}
	if b := grpctrace.Append([]byte("x"), tracewire.SpanContext{}); string(b) != "x" {
		t.Errorf("Append(invalid) = %q", b)
	}
	if s := grpctrace.Format(base.WithSpanID(tracewire.SpanID{})); s != "" {
		t.Errorf("Format(invalid) = %q", s)
	}
}

func TestPropagator(t *testing.T) {
	var p grpctrace.Propagator
	sc, _ := grpctrace.Parse(specText)

	// Inject writes nothing without a valid context.
	out := carrier.Map{}
	p.Inject(context.Background(), out)
	if len(out) != 0 {
		t.Errorf("Inject without a context wrote %v", out)
	}
	p.Inject(tracewire.ContextWithSpanContext(context.Background(), sc), out)
	if d := cmp.Diff(carrier.Map{"grpc-trace-bin": specText}, out); d != "" {
		t.Errorf("Inject (-want +got):\n%s", d)
	}

	// Extract leaves ctx alone for an invalid value.
	ctx := p.Extract(context.Background(), carrier.Map{"grpc-trace-bin": "!"})
	if got := tracewire.SpanContextFromContext(ctx); got != (tracewire.SpanContext{}) {
		t.Errorf("Extract of an invalid value stored %v", got)
	}
	// A binary value that is broken reports offsets into the bytes.
	_, err := p.ExtractFrom(carrier.Metadata{"grpc-trace-bin": {string(specBinary()[:20])}})
	if d := cmp.Diff(&errView{"length", 20}, errOf(err)); d != "" {
		t.Errorf("ExtractFrom broken binary (-want +got):\n%s", d)
	}

	f := p.Fields()
	f[0] = "changed"
	if p.Fields()[0] != "grpc-trace-bin" {
		t.Error("Fields shares its slice")
	}
}
