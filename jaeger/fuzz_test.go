package jaeger_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
)

// FuzzParse checks that Parse never panics, that ParseBytes agrees with
// it, that errors point inside the value, and that whatever parses
// survives Append, Parse and extract-inject-extract unchanged.
func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "jaeger").Cases {
		for _, v := range c.Lines("uber-trace-id") {
			f.Add(v)
		}
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200) + "x")
	f.Fuzz(func(t *testing.T, s string) {
		// ProbeSpan finds what ExtractFrom finds, errors dropped, for
		// any value, the invalid and the blank among them.
		probed := carrier.Map{"uber-trace-id": s}
		psc, more, found := jaeger.Propagator{}.ProbeSpan(probed)
		if xsc, _ := (jaeger.Propagator{}).ExtractFrom(probed); more || !found || psc != xsc {
			t.Fatalf("ProbeSpan = %v, %v, %v; ExtractFrom = %v", psc, more, found, xsc)
		}

		sc, err := jaeger.Parse(s)
		scb, errb := jaeger.ParseBytes([]byte(s))
		if sc != scb || !vectorcheck.SameError(err, errb) {
			t.Fatalf("Parse = %v, %v; ParseBytes = %v, %v", sc, err, scb, errb)
		}
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Header() != "uber-trace-id" || pe.Offset() < 0 || pe.Offset() > len(s) {
				t.Fatalf("Parse(%q) error %v", s, err)
			}
			if sc != (tracewire.SpanContext{}) {
				t.Fatalf("Parse(%q) returned %v with error", s, sc)
			}
			_ = err.Error()
			return
		}
		if !sc.IsValid() || sc.IsRemote() || sc.IsRandom() || sc.IsDeferred() {
			t.Fatalf("Parse(%q) = %+v", s, sc)
		}
		canon := jaeger.Append(nil, sc)
		again, err := jaeger.ParseBytes(canon)
		if err != nil || again != sc {
			t.Fatalf("Parse(Append(Parse(%q))) = %v, %v; want %v", s, again, err, sc)
		}
		if c2 := jaeger.Append(nil, again); !bytes.Equal(c2, canon) {
			t.Fatalf("canonical form not a fixed point: %q then %q", canon, c2)
		}
		if jaeger.Format(sc) != string(canon) {
			t.Fatalf("Format and Append disagree")
		}
		if strings.ContainsRune(s, ':') == strings.Contains(strings.ToLower(s), "%3a") {
			t.Fatalf("Parse accepted %q, which mixes or lacks delimiter forms", s)
		}

		// extract -> inject -> extract over an http.Header.
		p := jaeger.Propagator{}
		x1, err := p.ExtractFrom(carrier.HTTPHeader{"Uber-Trace-Id": {s}})
		if err != nil || x1 != sc.WithRemote(true) {
			t.Fatalf("ExtractFrom = %v, %v; want %v", x1, err, sc)
		}
		out := carrier.HTTPHeader{}
		p.InjectInto(out, x1)
		if got := out.Get("uber-trace-id"); got != string(canon) {
			t.Fatalf("InjectInto wrote %q, want %q", got, canon)
		}
		x2, err := p.ExtractFrom(out)
		if err != nil || x2 != x1 {
			t.Fatalf("re-extract = %v, %v; want %v", x2, err, x1)
		}
	})
}

// FuzzEscape checks that AppendEscaped output only holds unreserved
// characters and escapes, that AppendUnescaped inverts it, and that
// AppendUnescaped on arbitrary input never panics and reports errors at a
// '%'.
func FuzzEscape(f *testing.F) {
	for _, c := range vectors.Load(f, "jaeger").Cases {
		for _, h := range c.Headers {
			if n := strings.ToLower(h[0]); strings.HasPrefix(n, "uberctx-") || n == "jaeger-baggage" {
				f.Add(h[1])
			}
		}
	}
	f.Add("alice smith")
	f.Add("100%")
	f.Fuzz(func(t *testing.T, v string) {
		esc := jaeger.AppendEscaped(nil, v)
		for i, c := range esc {
			if !(c == '%' || c == '-' || c == '.' || c == '_' || c == '~' ||
				'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				t.Fatalf("AppendEscaped(%q) = %q: byte %d not unreserved", v, esc, i)
			}
		}
		back, err := jaeger.AppendUnescaped(nil, string(esc))
		if err != nil || string(back) != v {
			t.Fatalf("AppendUnescaped(AppendEscaped(%q)) = %q, %v", v, back, err)
		}

		dec, err := jaeger.AppendUnescaped([]byte("pre"), v)
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Kind() != tracewire.ErrEscape || pe.Offset() >= len(v) || v[pe.Offset()] != '%' {
				t.Fatalf("AppendUnescaped(%q) error %v", v, err)
			}
			if string(dec) != "pre" {
				t.Fatalf("AppendUnescaped(%q) left %q in dst on error", v, dec)
			}
			return
		}
		if len(dec)-3 > len(v) {
			t.Fatalf("AppendUnescaped(%q) grew to %q", v, dec)
		}
		re := jaeger.AppendEscaped(nil, string(dec[3:]))
		if back, err := jaeger.AppendUnescaped(nil, string(re)); err != nil || !bytes.Equal(back, dec[3:]) {
			t.Fatalf("decoded value %q does not survive escape/unescape: %q, %v", dec[3:], back, err)
		}
	})
}
