package twotel_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	twotel "github.com/tracewire/tracewire/otel"
	"github.com/tracewire/tracewire/propagator"
	"go.opentelemetry.io/contrib/propagators/autoprop"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// TestTextMapPropagatorNames: every name contrib's autoprop registers
// (but "ottrace", until the tracewire registry has it) gives a propagator
// with the same fields, and the lists follow OTEL_PROPAGATORS' rules.
func TestTextMapPropagatorNames(t *testing.T) {
	for _, name := range []string{"tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray"} {
		ours, err := twotel.TextMapPropagator(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		theirs, err := autoprop.TextMapPropagator(name)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ToLower(strings.Join(theirs.Fields(), ","))
		if name == "b3multi" {
			want = "x-b3-traceid,x-b3-spanid,x-b3-parentspanid,x-b3-sampled,x-b3-flags" // see b3-parent in README.md
		}
		if got := strings.Join(ours.Fields(), ","); got != want {
			t.Errorf("%s: fields %q, autoprop's %q", name, got, want)
		}
	}
	for _, c := range []struct {
		name    string
		in      []string
		fields  string
		unknown []string
	}{
		{"trimmed, any case, repeats once", []string{" TraceContext ", "b3", "B3", "tracecontext"}, "traceparent,tracestate,b3", nil},
		{"no names: the default", nil, "traceparent,tracestate,baggage", nil},
		{"only blanks: the default", []string{"", " "}, "traceparent,tracestate,baggage", nil},
		{"none anywhere: nothing", []string{"b3", "none"}, "", nil},
		{"unknown reported, the rest used", []string{"b3", "bogus"}, "b3", []string{"bogus"}},
		{"nothing known: the default", []string{"bogus"}, "traceparent,tracestate,baggage", []string{"bogus"}},
		{"a name only the adapter's table has, composed in order", []string{"xray", "tracecontext"}, "x-amzn-trace-id,traceparent,tracestate", nil},
	} {
		p, err := twotel.TextMapPropagator(c.in...)
		var ue *propagator.UnknownError
		switch {
		case c.unknown == nil && err != nil && !strings.Contains(err.Error(), "none"):
			t.Errorf("%s: %v", c.name, err)
		case c.unknown != nil && !errors.As(err, &ue):
			t.Errorf("%s: error %v, want an UnknownError", c.name, err)
		case c.unknown != nil && !cmp.Equal(ue.Unknown, c.unknown):
			t.Errorf("%s: unknown %q, want %q", c.name, ue.Unknown, c.unknown)
		}
		if got := strings.Join(p.Fields(), ","); got != c.fields {
			t.Errorf("%s: fields %q, want %q", c.name, got, c.fields)
		}
	}
}

// TestCompositeFirstWins: where formats disagree, the first valid span
// context wins (tracewire's rule); OpenTelemetry's composite lets the
// last one win.
func TestCompositeFirstWins(t *testing.T) {
	h := header("traceparent", "00-"+tid+"-"+sid+"-01", "b3", tid32+"-"+parent+"-1")
	ours := mustProp(t, "tracecontext,b3")
	theirs, _ := autoprop.TextMapPropagator("tracecontext", "b3")
	for _, c := range []struct {
		who  string
		p    propagation.TextMapPropagator
		want string
	}{{"adapter", ours, tid}, {"OpenTelemetry", theirs, tid32}} {
		ctx := c.p.Extract(context.Background(), propagation.HeaderCarrier(h))
		if got := twotel.SpanContextFromContext(ctx).TraceID().String(); got != c.want {
			t.Errorf("%s: trace %s, want %s", c.who, got, c.want)
		}
	}
	if !differences["composite-first-wins"] {
		t.Error("composite-first-wins is not in README.md's table")
	}
}

func TestNewTextMapPropagator(t *testing.T) {
	t.Setenv("OTEL_PROPAGATORS", "b3multi, bogus")
	var handled []error
	orig := otel.GetErrorHandler()
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { handled = append(handled, err) }))
	defer otel.SetErrorHandler(orig)
	p := twotel.NewTextMapPropagator(propagation.TraceContext{})
	if got := strings.Join(p.Fields(), ","); got != "x-b3-traceid,x-b3-spanid,x-b3-parentspanid,x-b3-sampled,x-b3-flags" {
		t.Errorf("the variable did not win over props: %q", got)
	}
	if len(handled) != 1 || !strings.Contains(handled[0].Error(), "bogus") {
		t.Errorf("otel.Handle got %v", handled)
	}
	fromEnv, err := twotel.FromEnv()
	if err == nil || strings.Join(fromEnv.Fields(), ",") != strings.Join(p.Fields(), ",") {
		t.Errorf("FromEnv: %v, %v", fromEnv.Fields(), err)
	}

	t.Setenv("OTEL_PROPAGATORS", "")
	if _, ok := twotel.NewTextMapPropagator(propagation.TraceContext{}).(propagation.TraceContext); !ok {
		t.Error("with the variable unset, one prop is not returned as it is")
	}
	both := twotel.NewTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{})
	if got := strings.Join(both.Fields(), ","); !strings.Contains(got, "baggage") {
		t.Errorf("two props: %q", got)
	}
	def := twotel.NewTextMapPropagator()
	if got := strings.Join(def.Fields(), ","); got != "traceparent,tracestate,baggage" {
		t.Errorf("default: %q", got)
	}
	if _, ok := def.(twotel.Propagator); !ok {
		t.Errorf("the default is a %T, not the adapter", def)
	}
	ctx := def.Extract(context.Background(), propagation.HeaderCarrier(http.Header{"Traceparent": {"00-" + tid + "-" + sid + "-01"}}))
	if twotel.SpanContextFromContext(ctx).TraceID().String() != tid {
		t.Error("the default extracts nothing")
	}
}

// TestZeroPropagator: the zero Propagator (what "none" gives) does
// nothing.
func TestZeroPropagator(t *testing.T) {
	var p twotel.Propagator
	h := header("traceparent", "00-"+tid+"-"+sid+"-01")
	ctx := p.Extract(context.Background(), propagation.HeaderCarrier(h))
	if ctx != context.Background() {
		t.Error("Extract changed the context")
	}
	out := http.Header{}
	p.Inject(twotel.TraceContext().Extract(ctx, propagation.HeaderCarrier(h)), propagation.HeaderCarrier(out))
	if len(out) != 0 || p.Fields() != nil {
		t.Errorf("Inject wrote %v, fields %v", out, p.Fields())
	}
}
