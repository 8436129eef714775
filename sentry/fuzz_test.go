package sentry_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/sentry"
)

// FuzzParse checks that Parse never panics, that ParseBytes and the
// reference grammar agree with it, that errors point inside the value, and
// that whatever parses survives Append, Parse and extract-inject-extract,
// with the canonical form a fixed point.
func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "sentry").Cases {
		for _, v := range c.Lines("sentry-trace") {
			f.Add(v)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := sentry.Parse(s)
		scb, errb := sentry.ParseBytes([]byte(s))
		if sc != scb || err != errb {
			t.Fatalf("Parse = %v, %v; ParseBytes = %v, %v", sc, err, scb, errb)
		}
		agree(t, s)
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Header != "sentry-trace" || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("Parse(%q) error %#v", s, err)
			}
			if sc != (tracewire.SpanContext{}) {
				t.Fatalf("Parse(%q) returned %v with its error", s, sc)
			}
			_ = err.Error()
			return
		}
		if !sc.IsValid() || sc.IsRemote() || sc.IsRandom() || sc.Is64BitTraceID() || sc.IsDebug() {
			t.Fatalf("Parse(%q) = %+v", s, sc)
		}
		canon := sentry.Append(nil, sc)
		again, err := sentry.ParseBytes(canon)
		if err != nil || again != sc {
			t.Fatalf("Parse(Append(Parse(%q))) = %v, %v; want %v", s, again, err, sc)
		}
		if c2 := sentry.Append(nil, again); !bytes.Equal(c2, canon) {
			t.Fatalf("canonical form not a fixed point: %q then %q", canon, c2)
		}
		if sentry.Format(sc) != string(canon) {
			t.Fatal("Format and Append disagree")
		}

		var p sentry.Propagator
		x1, err := p.ExtractFrom(carrier.HTTPHeader{"Sentry-Trace": {s}})
		if err != nil || x1 != sc.WithRemote(true) {
			t.Fatalf("ExtractFrom = %v, %v; want %v", x1, err, sc)
		}
		out := carrier.Map{}
		p.InjectInto(out, x1)
		if got := out["sentry-trace"]; got != string(canon) {
			t.Fatalf("InjectInto wrote %q, want %q", got, canon)
		}
		if x2, err := p.ExtractFrom(out); err != nil || x2 != x1 {
			t.Fatalf("re-extract = %v, %v; want %v", x2, err, x1)
		}
	})
}
