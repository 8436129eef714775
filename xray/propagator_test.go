package xray_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/xray"
)

func TestExtractInject(t *testing.T) {
	other := tracewire.NewSpanContext(tracewire.TraceID{15: 9}, tracewire.SpanID{7: 9}, tracewire.FlagSampled)
	tests := []struct {
		name    string
		header  string
		before  tracewire.SpanContext // already in the context (another format's)
		stored  tracewire.SpanContext // the span context in ctx after Extract
		written string                // what Inject writes after Extract
	}{
		{
			name:    "valid with fields",
			header:  valid + ";Lineage=a87bd80c:1:68;Foo=bar",
			stored:  mustParse(t, valid).WithRemote(true),
			written: valid + ";Lineage=a87bd80c:1:68;Foo=bar",
		},
		{
			name:    "root only, no decision: nothing stored, the root goes on",
			header:  "Root=" + root + ";Foo=bar",
			written: "Root=" + root + ";Foo=bar",
		},
		{
			name:    "root with decision: stored",
			header:  "Root=" + root + ";Sampled=0",
			stored:  mustParse(t, "Root="+root+";Sampled=0").WithRemote(true),
			written: "Root=" + root + ";Sampled=0",
		},
		{
			name:    "root with decision never replaces a valid context",
			header:  "Root=" + root + ";Sampled=0;Foo=bar",
			before:  other,
			stored:  other,
			written: xray.Format(other),
		},
		{
			name:    "valid replaces another format's context",
			header:  valid + ";Foo=bar",
			before:  other,
			stored:  mustParse(t, valid).WithRemote(true),
			written: valid + ";Foo=bar",
		},
		{
			name:    "invalid leaves the context alone",
			header:  valid + ";Parent=" + sid,
			before:  other,
			stored:  other,
			written: xray.Format(other),
		},
		{name: "blank", header: " \t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.before != (tracewire.SpanContext{}) {
				ctx = tracewire.ContextWithSpanContext(ctx, tt.before)
			}
			p := xray.Propagator{}
			ctx = p.Extract(ctx, carrier.Map{"x-amzn-trace-id": tt.header})
			if got := tracewire.SpanContextFromContext(ctx); got != tt.stored {
				t.Errorf("stored %v, want %v", got, tt.stored)
			}
			m := carrier.Map{}
			p.Inject(ctx, m)
			want := carrier.Map{}
			if tt.written != "" {
				want["x-amzn-trace-id"] = tt.written
			}
			if d := cmp.Diff(want, m); d != "" {
				t.Errorf("Inject (-want +got):\n%s", d)
			}
		})
	}
}

func mustParse(t *testing.T, s string) tracewire.SpanContext {
	t.Helper()
	sc, err := xray.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestExtractUnchanged(t *testing.T) {
	ctx := context.Background()
	for _, v := range []string{"", "Root=2-" + root[2:], "Parent=" + sid} {
		if got := (xray.Propagator{}).Extract(ctx, carrier.Map{"x-amzn-trace-id": v}); got != ctx {
			t.Errorf("Extract(%q) changed the context", v)
		}
	}
	if got := (xray.Propagator{}).Extract(ctx, carrier.Map{}); got != ctx {
		t.Error("Extract of nothing changed the context")
	}
}

func TestInjectInto(t *testing.T) {
	p := xray.Propagator{}
	for _, sc := range []tracewire.SpanContext{{}, tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept)} {
		m := carrier.Map{}
		p.InjectInto(m, sc)
		if len(m) != 0 {
			t.Errorf("InjectInto(%v) wrote %v", sc, m)
		}
	}
	h := carrier.HTTPHeader{}
	p.InjectInto(h, mustParse(t, valid))
	if d := cmp.Diff(carrier.HTTPHeader{"X-Amzn-Trace-Id": {valid}}, h); d != "" {
		t.Errorf("InjectInto (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"x-amzn-trace-id"}, p.Fields()); d != "" {
		t.Errorf("Fields (-want +got):\n%s", d)
	}
}

func TestLambda(t *testing.T) {
	const envValue = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
	var asked []string
	lookup := carrier.EnvLookup(func(name string) (string, bool) {
		asked = append(asked, name)
		return envValue, true
	})
	p := xray.Propagator{Env: lookup}

	// A valid header in the carrier: the environment is not read.
	sc, err := p.ExtractFrom(carrier.Map{"x-amzn-trace-id": valid})
	if err != nil || sc != mustParse(t, valid).WithRemote(true) || len(asked) != 0 {
		t.Errorf("ExtractFrom = %v, %v after reading %v", sc, err, asked)
	}

	// None: the variable is read, by its own name.
	sc, err = p.ExtractFrom(carrier.Map{})
	if err != nil || sc != mustParse(t, envValue).WithRemote(true) {
		t.Errorf("ExtractFrom = %v, %v", sc, err)
	}
	if d := cmp.Diff([]string{xray.EnvVar}, asked); d != "" {
		t.Errorf("looked up (-want +got):\n%s", d)
	}

	// The variable's fields go on through Extract and Inject.
	p.Env = carrier.Env{xray.EnvVar + "=" + envValue + ";Lineage=1:a87bd80c:2"}
	m := carrier.Map{}
	p.Inject(p.Extract(context.Background(), carrier.Map{}), m)
	if got, want := m["x-amzn-trace-id"], envValue+";Lineage=1:a87bd80c:2"; got != want {
		t.Errorf("Inject wrote %q, want %q", got, want)
	}

	// Both invalid: the carrier's error. Only the variable invalid: its
	// error, naming the variable.
	off := 5
	p.Env = carrier.Env{xray.EnvVar + "=Root=2-" + root[2:]}
	_, err = p.ExtractFrom(carrier.Map{"x-amzn-trace-id": "Root=x"})
	vectorcheck.Error(t, "both invalid", err, &vectors.Error{Header: "x-amzn-trace-id", Kind: "version", Offset: &off})
	_, err = p.ExtractFrom(carrier.Map{})
	vectorcheck.Error(t, "variable invalid", err, &vectors.Error{Header: xray.EnvVar, Kind: "version", Offset: &off})
}

func TestHeaderFromContext(t *testing.T) {
	if h := xray.HeaderFromContext(context.Background()); h != (xray.Header{}) {
		t.Errorf("empty context holds %v", h)
	}
	h, _ := xray.ParseHeader(valid + ";Foo=bar")
	type key struct{}
	ctx := context.WithValue(xray.ContextWithHeader(context.Background(), h), key{}, 1)
	if got := xray.HeaderFromContext(ctx); got != h {
		t.Errorf("HeaderFromContext = %v, want %v", got, h)
	}
	if ctx.Value(key{}) != 1 {
		t.Error("other values lost")
	}
}

// TestExtractHeaderKept: Extract stores the Header only when it carries
// more than the span context it stores, and Inject writes the same value
// as if it always stored it, for the context as extracted, a child of it,
// a child with a deferred decision, and another trace.
func TestExtractHeaderKept(t *testing.T) {
	other := tracewire.NewSpanContext(tracewire.TraceID{15: 9}, tracewire.SpanID{7: 9}, tracewire.FlagSampled)
	for _, tc := range []struct {
		header string
		kept   bool // HeaderFromContext returns it
		allocs float64
	}{
		{valid, false, 1},
		{"Root=" + root + ";Parent=" + sid + ";Sampled=0", false, 1},
		{"Root=" + root + ";Parent=" + sid + ";Sampled=?", false, 1},
		{"Sampled=1;Root=" + root + ";Parent=" + sid, false, 1},
		{" " + valid + " ", false, 1},
		{"Root=" + root + ";Parent=" + sid, true, 1}, // no Sampled: "?" stays out
		{"Root=" + root + ";Sampled=1", false, 1},    // stored as decision-only
		{"Root=" + root + ";Sampled=?", true, 1},     // deferred: only the Header is stored
		{valid + ";Lineage=a87bd80c:1:68", true, 1},  // a field to pass on; one node holds both
		{"Root=" + root + ";Parent=" + sid + ";Sampled=1;Foo=bar", true, 1},
	} {
		p := xray.Propagator{}
		g := carrier.Map{"x-amzn-trace-id": tc.header}
		h, err := p.ExtractHeader(g)
		if err != nil {
			t.Fatalf("%q: %v", tc.header, err)
		}
		ctx := p.Extract(context.Background(), g)
		if got, want := xray.HeaderFromContext(ctx), (xray.Header{}); (got != want) != tc.kept {
			t.Errorf("%q: HeaderFromContext = %q, kept %v", tc.header, got.String(), tc.kept)
		}
		if n := testing.AllocsPerRun(50, func() { ctx = p.Extract(context.Background(), g) }); n != tc.allocs {
			t.Errorf("%q: Extract %v allocations, want %v", tc.header, n, tc.allocs)
		}
		always := xray.ContextWithHeader(tracewire.ContextWithExtracted(context.Background(), h.SpanContext()), h)
		child := func(c context.Context, s tracewire.Sampling) context.Context {
			sc := tracewire.SpanContextFromContext(c)
			if !sc.TraceID().IsValid() {
				return c
			}
			return tracewire.ContextWithSpanContext(c, sc.WithSpanID(tracewire.SpanID{7: 5}).WithSampling(s))
		}
		for name, f := range map[string]func(context.Context) context.Context{
			"as extracted":   func(c context.Context) context.Context { return c },
			"child":          func(c context.Context) context.Context { return child(c, tracewire.SamplingAccept) },
			"deferred child": func(c context.Context) context.Context { return child(c, tracewire.SamplingDeferred) },
			"other trace":    func(c context.Context) context.Context { return tracewire.ContextWithSpanContext(c, other) },
		} {
			got, want := carrier.Map{}, carrier.Map{}
			p.Inject(f(ctx), got)
			p.Inject(f(always), want)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%q, %s: Inject (-always stored +got):\n%s", tc.header, name, d)
			}
		}
	}
}
