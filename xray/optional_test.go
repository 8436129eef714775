package xray_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/xray"
)

// The methods a composite finds by interface: Name, HasIDs, ClearFields
// and ExtractExtras.

func TestName(t *testing.T) {
	for _, tc := range []struct {
		p    xray.Propagator
		want string
	}{
		{xray.Propagator{}, "xray"},
		{xray.Propagator{Env: carrier.Env{}}, "xray-lambda"},
	} {
		if got := tc.p.Name(); got != tc.want {
			t.Errorf("Name() = %q, want %q", got, tc.want)
		}
	}
}

func TestHasIDs(t *testing.T) {
	env := carrier.Env{xray.EnvVar + "=" + valid}
	for _, tc := range []struct {
		name string
		p    xray.Propagator
		g    carrier.Getter
		want bool
	}{
		{"absent", xray.Propagator{}, carrier.Map{}, false},
		{"present", xray.Propagator{}, carrier.Map{"x-amzn-trace-id": valid}, true},
		{"http", xray.Propagator{}, carrier.HTTPHeader{"X-Amzn-Trace-Id": {valid}}, true},
		{"invalid counts", xray.Propagator{}, carrier.Map{"x-amzn-trace-id": "Root=x"}, true},
		{"environment ignored without Env", xray.Propagator{}, env, false},
		{"lambda, carrier empty, variable set", xray.Propagator{Env: env}, carrier.Map{}, true},
		{"lambda, neither", xray.Propagator{Env: carrier.Env{}}, carrier.Map{}, false},
	} {
		if got := tc.p.HasIDs(tc.g); got != tc.want {
			t.Errorf("%s: HasIDs = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestClearFields(t *testing.T) {
	h := http.Header{"X-Amzn-Trace-Id": {valid}, "Accept": {"*/*"}}
	xray.Propagator{}.ClearFields(carrier.HTTPHeader(h))
	if d := cmp.Diff(http.Header{"Accept": {"*/*"}}, h); d != "" {
		t.Errorf("after ClearFields (-want +got):\n%s", d)
	}
	// A Setter that cannot delete is left alone.
	xray.Propagator{}.ClearFields(setOnly{})
}

type setOnly struct{}

func (setOnly) Set(string, string) {}

// TestExtractExtras: the Header is stored for Inject whatever decides the
// span context, so a context of the same trace from elsewhere still
// carries the Self and Lineage fields on.
func TestExtractExtras(t *testing.T) {
	p := xray.Propagator{}
	ctx := context.Background()
	if got := p.ExtractExtras(ctx, carrier.Map{}); got != ctx {
		t.Error("ExtractExtras changed the context without a header")
	}
	if got := p.ExtractExtras(ctx, carrier.Map{"x-amzn-trace-id": "Root=x"}); got != ctx {
		t.Error("ExtractExtras changed the context for an invalid header")
	}
	ctx = p.ExtractExtras(ctx, carrier.Map{"x-amzn-trace-id": rich})
	if got := xray.HeaderFromContext(ctx).String(); got != rich {
		t.Errorf("stored header %q, want %q", got, rich)
	}
	if sc := tracewire.SpanContextFromContext(ctx); sc.IsValid() {
		t.Errorf("ExtractExtras stored a span context %v", sc)
	}
	// Another member decided the context: a child span of the same trace.
	sc := mustParse(t, valid).WithSpanID(tracewire.SpanID{7: 9})
	out := carrier.Map{}
	p.Inject(tracewire.ContextWithSpanContext(ctx, sc), out)
	want := "Root=" + root + ";Parent=0000000000000009;Sampled=1;Self=1-67891234-12456789abcdef012345678;Lineage=a87bd80c:1:68;CalledFrom=app"
	if got := out["x-amzn-trace-id"]; got != want {
		t.Errorf("Inject wrote %q, want %q", got, want)
	}

	// xray-lambda stores the variable's header when the carrier has none.
	lp := xray.Propagator{Env: carrier.Env{xray.EnvVar + "=" + rich}}
	ctx = lp.ExtractExtras(context.Background(), carrier.Map{})
	if got := xray.HeaderFromContext(ctx).String(); got != rich {
		t.Errorf("lambda: stored header %q, want %q", got, rich)
	}
}
