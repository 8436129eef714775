package xray_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/xray"
)

// errorOffset returns the offset an error message reports, reading it
// from the message so as not to depend on ParseError's fields.
func errorOffset(t *testing.T, err error) int {
	t.Helper()
	msg := err.Error()
	i := strings.LastIndex(msg, " at offset ")
	if !strings.HasPrefix(msg, "x-amzn-trace-id: ") || i < 0 {
		t.Fatalf("error message %q", msg)
	}
	n, convErr := strconv.Atoi(msg[i+len(" at offset "):])
	if convErr != nil {
		t.Fatalf("error message %q", msg)
	}
	return n
}

// FuzzParse checks that Parse never panics, that ParseBytes and
// ParseHeader agree with it, that errors point inside the value, that
// whatever parses survives Append and Parse unchanged with a canonical
// form that is a fixed point, and that a Header passes its fields on
// through extract and inject.
func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "xray").Cases {
		for _, v := range c.Lines("x-amzn-trace-id") {
			f.Add(v)
		}
		for _, kv := range c.Env {
			f.Add(kv[1])
		}
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200) + "x")
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := xray.Parse(s)
		scb, errb := xray.ParseBytes([]byte(s))
		h, errh := xray.ParseHeader(s)
		if sc != scb || !vectorcheck.SameError(err, errb) || !vectorcheck.SameError(err, errh) || h.SpanContext() != sc {
			t.Fatalf("Parse = %v, %v; ParseBytes = %v, %v; ParseHeader = %v, %v", sc, err, scb, errb, h.SpanContext(), errh)
		}
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T", s, err)
			}
			if off := errorOffset(t, err); off < 0 || off > len(s) {
				t.Fatalf("Parse(%q) error offset %d", s, off)
			}
			if sc != (tracewire.SpanContext{}) || h != (xray.Header{}) {
				t.Fatalf("Parse(%q) returned %v with error", s, sc)
			}
			return
		}
		if !sc.TraceID().IsValid() || sc.IsRemote() || sc.IsRandom() || sc.IsDebug() {
			t.Fatalf("Parse(%q) = %+v", s, sc)
		}
		if strings.Trim(s, " \t") != h.String() {
			t.Fatalf("Header.String() = %q for %q", h.String(), s)
		}

		// The span context alone: round trip and fixed point.
		canon := xray.Append(nil, sc)
		again, err := xray.ParseBytes(canon)
		if err != nil || again != sc {
			t.Fatalf("Parse(Append(Parse(%q))) = %v, %v; want %v", s, again, err, sc)
		}
		if c2 := xray.Append(nil, again); !bytes.Equal(c2, canon) {
			t.Fatalf("canonical form not a fixed point: %q then %q", canon, c2)
		}
		if xray.Format(sc) != string(canon) {
			t.Fatal("Format and Append disagree")
		}

		// The whole header: passed on within the cap, Lineage kept,
		// and a fixed point.
		full := h.Append(nil, sc)
		want := canon
		if sc.IsDeferred() && h.Get("Sampled") == "" {
			want = bytes.TrimSuffix(canon, []byte(";Sampled=?"))
		}
		if len(full) > xray.MaxLen || !bytes.HasPrefix(full, want) {
			t.Fatalf("Header.Append(%q) = %q", s, full)
		}
		h2, err := xray.ParseHeader(string(full))
		if err != nil || h2.SpanContext() != sc || h2.Lineage() != h.Lineage() {
			t.Fatalf("ParseHeader(%q) = %v, %v; want %v, lineage %q", full, h2.SpanContext(), err, sc, h.Lineage())
		}
		if f2 := h2.Append(nil, sc); !bytes.Equal(f2, full) {
			t.Fatalf("Header.Append not a fixed point: %q then %q", full, f2)
		}
		received := map[string]int{}
		for k, v := range h.All() {
			received[k+"="+v]++
		}
		for k, v := range h2.All() {
			switch k {
			case "Root", "Parent", "Sampled":
				continue
			}
			if received[k+"="+v]--; received[k+"="+v] < 0 {
				t.Fatalf("Header.Append(%q) = %q: %s=%s was not received", s, full, k, v)
			}
		}

		// extract -> inject -> extract over an http.Header.
		p := xray.Propagator{}
		x1, err := p.ExtractFrom(carrier.HTTPHeader{"X-Amzn-Trace-Id": {s}})
		if err != nil || x1 != sc.WithRemote(true) {
			t.Fatalf("ExtractFrom = %v, %v; want %v", x1, err, sc)
		}
		out := carrier.HTTPHeader{}
		p.Inject(p.Extract(context.Background(), carrier.HTTPHeader{"X-Amzn-Trace-Id": {s}}), out)
		if got := out.Get("x-amzn-trace-id"); got != string(full) {
			t.Fatalf("Inject wrote %q, want %q", got, full)
		}
		x2, err := p.ExtractFrom(out)
		if err != nil || x2 != x1 {
			t.Fatalf("re-extract = %v, %v; want %v", x2, err, x1)
		}
	})
}
