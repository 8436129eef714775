package jaeger_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
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

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "jaeger")
	if f.Format != "jaeger" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 50 {
		t.Errorf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("case has no reason")
			}
			var traceErr *vectors.Error
			if c.Error != nil && c.Error.Header == "uber-trace-id" {
				traceErr = c.Error
			}

			// Parse and ParseBytes on the first uber-trace-id line.
			if lines := c.Lines("uber-trace-id"); len(lines) > 0 {
				sc, err := jaeger.Parse(lines[0])
				scb, errb := jaeger.ParseBytes([]byte(lines[0]))
				if sc != scb || !vectorcheck.SameError(err, errb) {
					t.Errorf("Parse = %v, %v; ParseBytes = %v, %v", sc, err, scb, errb)
				}
				vectorcheck.Error(t, "Parse", err, traceErr)
				if err == nil && c.Expect != nil {
					vectorcheck.SpanContext(t, "Parse", sc, c.Expect)
				}
			}

			// The propagator over an http.Header.
			h := header(c.Headers)
			sc, err := jaeger.Propagator{}.ExtractFrom(h)
			if sc.IsValid() != c.Valid {
				t.Errorf("ExtractFrom valid = %v, want %v", sc.IsValid(), c.Valid)
			}
			extractErr := traceErr
			if extractErr != nil && extractErr.Kind == "empty" {
				extractErr = nil // an empty header is absent, not an error
			}
			vectorcheck.Error(t, "ExtractFrom", err, extractErr)
			if (sc.IsValid() || sc.IsDebug()) != sc.IsRemote() {
				t.Errorf("ExtractFrom remote = %v for %v", sc.IsRemote(), sc)
			}
			if c.Expect != nil {
				vectorcheck.SpanContext(t, "ExtractFrom", sc, c.Expect)
				if c.Expect.Baggage != nil {
					got := []vectors.BaggageMem{}
					jaeger.ExtractBaggage(h, func(k, v string) bool {
						got = append(got, vectors.BaggageMem{Key: k, Value: v})
						return true
					})
					if d := cmp.Diff(c.Expect.Baggage, got); d != "" {
						t.Errorf("ExtractBaggage mismatch (-want +got):\n%s", d)
					}
				}
				if c.Expect.DebugID != nil {
					if got := jaeger.DebugID(h); got != *c.Expect.DebugID {
						t.Errorf("DebugID = %q, want %q", got, *c.Expect.DebugID)
					}
				}
			}

			// Canonical form, and that it is a fixed point.
			out := carrier.HTTPHeader{}
			jaeger.Propagator{}.InjectInto(out, sc)
			got := [][2]string{}
			for _, v := range out["Uber-Trace-Id"] {
				got = append(got, [2]string{"uber-trace-id", v})
			}
			if d := cmp.Diff(c.Canonical, got); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			if len(got) == 1 {
				again, err := jaeger.Parse(got[0][1])
				if err != nil || again != sc.WithRemote(false) {
					t.Errorf("Parse(canonical) = %v, %v; want %v", again, err, sc.WithRemote(false))
				}
			}
		})
	}
}
