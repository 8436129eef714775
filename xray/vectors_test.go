package xray_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/xray"
)

// header builds a carrier.HTTPHeader from ordered lines, canonicalizing
// names as net/http does on receipt.
func header(lines [][2]string) carrier.HTTPHeader {
	h := http.Header{}
	for _, kv := range lines {
		h.Add(kv[0], kv[1])
	}
	return carrier.HTTPHeader(h)
}

// propagatorFor returns the propagator a case asks for: xray, or with
// options.lambda xray-lambda over the case's environment.
func propagatorFor(c vectors.Case) xray.Propagator {
	if !c.Options.Lambda {
		return xray.Propagator{}
	}
	env := carrier.Env{}
	for _, kv := range c.Env {
		env = append(env, kv[0]+"="+kv[1])
	}
	return xray.Propagator{Env: env}
}

// describe renders sc and h in the vocabulary of the vectors' "expect".
func describe(sc tracewire.SpanContext, h xray.Header) map[string]any {
	return map[string]any{
		"trace_id":       sc.TraceID().String(),
		"span_id":        sc.SpanID().String(),
		"parent_span_id": "",
		"sampling":       sc.Sampling().String(),
		"random":         sc.IsRandom(),
		"lineage":        h.Lineage(),
	}
}

// wanted renders the fields of e that are set.
func wanted(e *vectors.Expect) map[string]any {
	m := map[string]any{}
	for k, s := range map[string]*string{
		"trace_id": e.TraceID, "span_id": e.SpanID, "parent_span_id": e.ParentSpanID,
		"sampling": e.Sampling, "lineage": e.Lineage,
	} {
		if s != nil {
			m[k] = *s
		}
	}
	if e.Random != nil {
		m["random"] = *e.Random
	}
	return m
}

func only(got, want map[string]any) map[string]any {
	out := map[string]any{}
	for k := range want {
		out[k] = got[k]
	}
	return out
}

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "xray")
	if f.Format != "xray" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 40 {
		t.Errorf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("case has no reason")
			}
			var headerErr *vectors.Error
			if c.Error != nil && c.Error.Header == "x-amzn-trace-id" {
				headerErr = c.Error
			}

			// Parse, ParseBytes and ParseHeader on the first line.
			if lines := c.Lines("x-amzn-trace-id"); len(lines) > 0 {
				sc, err := xray.Parse(lines[0])
				scb, errb := xray.ParseBytes([]byte(lines[0]))
				h, errh := xray.ParseHeader(lines[0])
				if sc != scb || !vectorcheck.SameError(err, errb) || !vectorcheck.SameError(err, errh) || h.SpanContext() != sc {
					t.Errorf("Parse = %v, %v; ParseBytes = %v, %v; ParseHeader = %v, %v", sc, err, scb, errb, h.SpanContext(), errh)
				}
				vectorcheck.Error(t, "Parse", err, headerErr)
			}

			// The propagator over an http.Header, and over a map.
			p := propagatorFor(c)
			hh := header(c.Headers)
			sc, err := p.ExtractFrom(hh)
			msc, merr := p.ExtractFrom(carrier.NewMap(flatten(c))) // names in any case
			if sc != msc || !vectorcheck.SameError(err, merr) {
				t.Errorf("ExtractFrom(http.Header) = %v, %v; ExtractFrom(map) = %v, %v", sc, err, msc, merr)
			}
			if sc.IsValid() != c.Valid {
				t.Errorf("ExtractFrom valid = %v, want %v", sc.IsValid(), c.Valid)
			}
			wantErr := c.Error
			if wantErr != nil && (wantErr.Kind == "empty" || c.Valid) {
				wantErr = nil // an empty header is absent; a valid result reports no error
			}
			vectorcheck.Error(t, "ExtractFrom", err, wantErr)
			if sc.TraceID().IsValid() != sc.IsRemote() {
				t.Errorf("ExtractFrom remote = %v for %v", sc.IsRemote(), sc)
			}
			h, herr := p.ExtractHeader(hh)
			if !vectorcheck.SameError(herr, err) || (h.SpanContext().WithRemote(h.String() != "") != sc) {
				t.Errorf("ExtractHeader = %v, %v; ExtractFrom = %v, %v", h.SpanContext(), herr, sc, err)
			}
			if c.Expect != nil {
				want := wanted(c.Expect)
				if d := cmp.Diff(want, only(describe(sc, h), want)); d != "" {
					t.Errorf("ExtractFrom mismatch (-want +got):\n%s", d)
				}
			}

			// What Inject writes after Extract: the canonical form, with
			// the header's other fields passed on.
			ctx := p.Extract(context.Background(), hh)
			out := carrier.HTTPHeader{}
			p.Inject(ctx, out)
			got := [][2]string{}
			for _, v := range out["X-Amzn-Trace-Id"] {
				got = append(got, [2]string{"x-amzn-trace-id", v})
			}
			if d := cmp.Diff(c.Canonical, got); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			if len(got) == 1 {
				if len(got[0][1]) > xray.MaxLen {
					t.Errorf("injected %d characters", len(got[0][1]))
				}
				again, err := xray.ParseHeader(got[0][1])
				if err != nil || again.SpanContext() != sc.WithRemote(false) || again.Lineage() != h.Lineage() {
					t.Errorf("ParseHeader(canonical) = %v, %v; want %v", again.SpanContext(), err, sc.WithRemote(false))
				}
				// Canonical is a fixed point.
				if v := string(again.Append(nil, again.SpanContext())); v != got[0][1] {
					t.Errorf("canonical not a fixed point: %q then %q", got[0][1], v)
				}
			}
		})
	}
}

// flatten returns the case's headers as a map with the names as given,
// first line winning, as a message's headers would hold them.
func flatten(c vectors.Case) map[string]string {
	m := map[string]string{}
	for _, kv := range c.Headers {
		if _, ok := m[kv[0]]; !ok {
			m[kv[0]] = kv[1]
		}
	}
	return m
}
