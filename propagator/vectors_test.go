package propagator_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

// compositeVectors is testdata/composite.json. It extends the shared
// schema (internal/vectors.Case, which rejects unknown fields) with the
// composite's configuration, so it has its own type here:
//   - propagators: the OTEL_PROPAGATORS value; absent means unset;
//   - policy: the conflict policy by name ("first-wins" when absent,
//     "last-wins", "reparent");
//   - env_error: present when configuring reports an error, listing the
//     unknown names (empty when the error is only about "none");
//   - members: the propagator names configured, in order;
//   - links: the contexts Composite.Links reports, when the case checks
//     them.
//
// canonical is what Composite.Inject writes for the extracted context,
// sorted by header name.
type compositeVectors struct {
	Format  string `json:"format"`
	Spec    string `json:"spec"`
	Version string `json:"version"`
	Cases   []struct {
		Name        string          `json:"name"`
		Reason      string          `json:"reason"`
		Choice      string          `json:"choice,omitempty"`
		Tags        []string        `json:"tags"`
		Propagators *string         `json:"propagators,omitempty"`
		Policy      string          `json:"policy,omitempty"`
		EnvError    *[]string       `json:"env_error,omitempty"`
		Members     *[]string       `json:"members,omitempty"`
		Headers     [][2]string     `json:"headers"`
		Valid       bool            `json:"valid"`
		Error       *vectors.Error  `json:"error,omitempty"`
		Expect      *vectors.Expect `json:"expect,omitempty"`
		Links       *[]linkView     `json:"links,omitempty"`
		Canonical   [][2]string     `json:"canonical"`
	} `json:"cases"`
}

// linkView is a tracewire.Link as composite.json writes it.
type linkView struct {
	TraceID string `json:"trace_id"`
	SpanID  string `json:"span_id"`
	Reason  string `json:"reason"`
}

func linkViews(links []tracewire.Link) []linkView {
	out := []linkView{}
	for _, l := range links {
		out = append(out, linkView{l.SpanContext.TraceID().String(), l.SpanContext.SpanID().String(), l.Reason.String()})
	}
	return out
}

func loadCompositeVectors(t *testing.T) compositeVectors {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectors.Dir(), "composite.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f compositeVectors
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("composite.json: %v", err)
	}
	if f.Format != "composite" || len(f.Cases) == 0 {
		t.Fatalf("composite.json: format %q, %d cases", f.Format, len(f.Cases))
	}
	return f
}

// lineRecorder is a carrier.Setter that keeps the lines set, one per
// name, as a proxy's outgoing header would.
type lineRecorder map[string]string

func (r lineRecorder) Set(k, v string) { r[strings.ToLower(k)] = v }

func (r lineRecorder) sorted() [][2]string {
	out := make([][2]string, 0, len(r))
	for k, v := range r {
		out = append(out, [2]string{k, v})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// memberNames names the members of c as OTEL_PROPAGATORS does.
func memberNames(c propagator.Composite) []string {
	out := []string{}
	for _, m := range c.Members {
		name := "?"
		if n, ok := m.(propagator.Namer); ok {
			name = n.Name()
		}
		out = append(out, name)
	}
	return out
}

// policyNamed returns the Policy whose String is name, "" meaning the
// default.
func policyNamed(t *testing.T, name string) propagator.Policy {
	t.Helper()
	if name == "" {
		return propagator.FirstWins
	}
	p, err := propagator.ParsePolicy(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// expectView is the part of vectors.Expect a composite case checks,
// filled from what was extracted for the fields the case sets.
func expectView(e *vectors.Expect, ctx context.Context) *vectors.Expect {
	sc := tracewire.SpanContextFromContext(ctx)
	str := func(s string) *string { return &s }
	bl := func(b bool) *bool { return &b }
	got := &vectors.Expect{}
	if e.TraceID != nil {
		got.TraceID = str(sc.TraceID().String())
	}
	if e.SpanID != nil {
		got.SpanID = str(sc.SpanID().String())
	}
	if e.ParentSpanID != nil {
		got.ParentSpanID = str("")
		if p := sc.ParentSpanID(); p.IsValid() {
			got.ParentSpanID = str(p.String())
		}
	}
	if e.Sampling != nil {
		got.Sampling = str(sc.Sampling().String())
	}
	if e.Random != nil {
		got.Random = bl(sc.IsRandom())
	}
	if e.TraceID64 != nil {
		got.TraceID64 = bl(sc.Is64BitTraceID())
	}
	if e.Firehose != nil {
		got.Firehose = bl(sc.IsFirehose())
	}
	if e.DebugID != nil {
		got.DebugID = str(jaeger.DebugIDFromContext(ctx))
	}
	if e.TraceState != nil {
		got.TraceState = [][2]string{}
		for k, v := range sc.TraceState().All() {
			got.TraceState = append(got.TraceState, [2]string{k, v})
		}
	}
	if e.Baggage == nil {
		return got
	}
	got.Baggage = []vectors.BaggageMem{}
	for _, m := range baggage.FromContext(ctx).All() {
		bm := vectors.BaggageMem{Key: m.Key(), Value: m.Value()}
		for p := range m.Properties() {
			var v *string
			if p.HasValue() {
				v = str(p.Value())
			}
			bm.Properties = append(bm.Properties, [2]*string{str(p.Key()), v})
		}
		got.Baggage = append(got.Baggage, bm)
	}
	return got
}

// TestCompositeVectors runs testdata/composite.json: configure from
// OTEL_PROPAGATORS, extract the headers, compare what was found, inject
// it again and compare the lines written.
func TestCompositeVectors(t *testing.T) {
	f := loadCompositeVectors(t)
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			value := ""
			t.Setenv(propagator.EnvVar, "")
			if tc.Propagators != nil {
				value = *tc.Propagators
				t.Setenv(propagator.EnvVar, value)
			} else if err := os.Unsetenv(propagator.EnvVar); err != nil {
				t.Fatal(err)
			}
			c, err := propagator.FromEnv()
			parsed, perr := propagator.Parse(value)
			if diff := cmp.Diff(memberNames(c), memberNames(parsed)); diff != "" || (err == nil) != (perr == nil) {
				t.Fatalf("FromEnv and Parse(%q) disagree: %v / %v\n%s", value, err, perr, diff)
			}

			var unknown *propagator.UnknownError
			switch {
			case tc.EnvError == nil && err != nil:
				t.Errorf("configuring: unexpected error %v", err)
			case tc.EnvError != nil && !errors.As(err, &unknown):
				t.Errorf("configuring: error %v, want an *UnknownError", err)
			case tc.EnvError != nil:
				if diff := cmp.Diff(*tc.EnvError, unknown.Unknown, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("unknown names (-want +got):\n%s", diff)
				}
			}
			if tc.Members != nil {
				if diff := cmp.Diff(*tc.Members, memberNames(c)); diff != "" {
					t.Errorf("members (-want +got):\n%s", diff)
				}
			}
			c.Policy = policyNamed(t, tc.Policy)

			h := http.Header{}
			for _, l := range tc.Headers {
				h.Add(l[0], l[1])
			}
			ctx := c.Extract(context.Background(), carrier.HTTPHeader(h))
			sc := tracewire.SpanContextFromContext(ctx)
			if sc.IsValid() != tc.Valid {
				t.Errorf("valid = %v, want %v", sc.IsValid(), tc.Valid)
			}
			if sc.IsValid() && !sc.IsRemote() {
				t.Errorf("extracted context is not marked remote")
			}

			xsc, xerr := c.ExtractFrom(carrier.HTTPHeader(h))
			var gotErr *vectors.Error
			var pe *tracewire.ParseError
			if errors.As(xerr, &pe) {
				off := pe.Offset()
				gotErr = &vectors.Error{Header: pe.Header(), Kind: pe.Kind().String(), Offset: &off}
			} else if xerr != nil {
				t.Errorf("ExtractFrom error %T (%v) is not a *tracewire.ParseError", xerr, xerr)
			}
			if diff := cmp.Diff(tc.Error, gotErr); diff != "" {
				t.Errorf("ExtractFrom error (-want +got):\n%s", diff)
			}

			if tc.Expect != nil {
				if diff := cmp.Diff(tc.Expect, expectView(tc.Expect, ctx)); diff != "" {
					t.Errorf("extracted (-want +got):\n%s", diff)
				}
			}
			results := c.ExtractAll(carrier.HTTPHeader(h), nil)
			if rsc, rerr := c.Resolve(results); rsc != xsc || !vectorcheck.SameError(rerr, xerr) {
				t.Errorf("Resolve(ExtractAll) = %v, %v; ExtractFrom = %v, %v", rsc, rerr, xsc, xerr)
			}
			if tc.Links != nil {
				if diff := cmp.Diff(*tc.Links, linkViews(c.Links(nil, results))); diff != "" {
					t.Errorf("links (-want +got):\n%s", diff)
				}
			}

			out := lineRecorder{}
			c.Inject(ctx, out)
			if diff := cmp.Diff(tc.Canonical, out.sorted(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("injected (-want +got):\n%s", diff)
			}
		})
	}
}
