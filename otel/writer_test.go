package twotel

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
	"go.opentelemetry.io/otel/trace"
)

// userFormat is a span format written elsewhere, with none of the
// optional methods: it gets the trace state in tracewire form.
type userFormat struct{ tp traceparent.Propagator }

func (u userFormat) Extract(ctx context.Context, g carrier.Getter) context.Context {
	return u.tp.Extract(ctx, g)
}
func (u userFormat) Inject(ctx context.Context, s carrier.Setter) { u.tp.Inject(ctx, s) }
func (u userFormat) Fields() []string                             { return u.tp.Fields() }
func (u userFormat) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	return u.tp.ExtractFrom(g)
}
func (u userFormat) InjectInto(s carrier.Setter, sc tracewire.SpanContext) { u.tp.InjectInto(s, sc) }

// TestWriterOf: every format gets the way its optional methods ask for,
// and Inject's span writers (injectSpan) write what InjectInto writes of
// the span context with the tracewire form of OpenTelemetry's trace
// state: short, past what traceparent keeps whole, past the adapter's
// buffer, and held in tracewire form beside OpenTelemetry's.
func TestWriterOf(t *testing.T) {
	type way struct{ Text, Ignores bool }
	formats := map[string]propagator.SpanContextPropagator{
		"tracecontext Level1":  traceparent.Propagator{Level1: true},
		"tracecontext lenient": &traceparent.Propagator{LenientTraceState: true},
		"user":                 userFormat{},
	}
	want := map[string]way{
		"tracecontext": {Text: true}, "tracecontext Level1": {Text: true}, "tracecontext lenient": {Text: true},
		"datadog": {}, "user": {},
	}
	for _, name := range propagator.Names() {
		p, _ := propagator.ByName(name)
		if sp, ok := p.(propagator.SpanContextPropagator); ok {
			formats[name] = sp
			if _, ok := want[name]; !ok {
				want[name] = way{Ignores: true}
			}
		}
	}
	sc := tracewire.SpanContextConfig{
		TraceID:  tracewire.TraceID{0x4b, 15: 0x36},
		SpanID:   tracewire.SpanID{0x00, 7: 0xb7},
		Sampling: tracewire.SamplingAccept,
		Random:   true,
	}.SpanContext()
	long := "a=" + strings.Repeat("x", 250) + ",b=" + strings.Repeat("y", 250) + ",c=" + strings.Repeat("z", 250)
	held := must(tracewire.ParseTraceState("1ab=x,a=1"))
	states := map[string]traceStateOf{
		"none":                   {},
		"short":                  {ots: must(trace.ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"))},
		"512 bytes":              {ots: must(trace.ParseTraceState("a=" + strings.Repeat("x", 254) + ",b=" + strings.Repeat("y", 253)))},
		"513 bytes":              {ots: must(trace.ParseTraceState("a=" + strings.Repeat("x", 254) + ",b=" + strings.Repeat("y", 254)))},
		"past the buffer":        {ots: must(trace.ParseTraceState(long))},
		"held in tracewire form": {ots: must(trace.ParseTraceState("a=1")), tw: &held},
	}
	for name, f := range formats {
		sw := writerOf(f)
		if got := (way{Text: sw.text != nil, Ignores: sw.ignores}); got != want[name] {
			t.Errorf("%s: writerOf gives %+v, want %+v", name, got, want[name])
		}
		p := Propagator{&adapter{writers: []spanWriter{sw}}}
		for stName, st := range states {
			for _, sc := range []tracewire.SpanContext{sc, {}} {
				for _, kind := range []string{"Map", "HTTPHeader"} {
					wantC, gotC := mapSetter(kind), mapSetter(kind)
					f.InjectInto(wantC, st.attach(sc))
					p.injectSpan(gotC, sc, st)
					if d := cmp.Diff(wantC, gotC); d != "" {
						t.Errorf("%s, %s, %v, %s: (-InjectInto +injectSpan):\n%s", name, stName, sc, kind, d)
					}
				}
			}
		}
	}
}

// mapSetter returns an empty carrier of the kind named.
func mapSetter(kind string) carrier.Setter {
	if kind == "Map" {
		return carrier.Map{}
	}
	return carrier.HTTPHeader(http.Header{})
}
