package b3_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// trim is the reference OWS trim: the value a strict parser must echo.
func trim(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

func FuzzParseSingle(f *testing.F) {
	for _, c := range vectors.Load(f, "b3").Cases {
		for _, v := range c.Lines("b3") {
			f.Add(v)
		}
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200) + "x")
	for _, s := range []string{"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2", "a3ce929d0e0e4736-e457b5a2e4d86bd1-1-05e3ac9a", "-", "--", "0-0-0-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := b3.Parse(s)
		sc2, err2 := b3.ParseBytes([]byte(s))
		if sc != sc2 || !vectorcheck.SameError(err, err2) {
			t.Fatalf("string and []byte disagree on %q: %v %v / %v %v", s, view(sc), err, view(sc2), err2)
		}
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Header() != "b3" || pe.Offset() < 0 || pe.Offset() > len(s) {
				t.Fatalf("bad error for %q: %#v", s, err)
			}
			if sc != (tracewire.SpanContext{}) {
				t.Fatalf("%q: span context returned with error", s)
			}
			_ = pe.Error()
			return
		}
		// Strict and lossless: the canonical form is the trimmed input.
		out := b3.Append(nil, sc)
		if string(out) != trim(s) {
			t.Fatalf("Append(Parse(%q)) = %q", s, out)
		}
		back, err := b3.Parse(string(out))
		if err != nil || back != sc {
			t.Fatalf("round trip of %q: %v, %v", out, view(back), err)
		}
		if again := b3.Append(nil, back); string(again) != string(out) {
			t.Fatalf("canonical form not a fixed point: %q then %q", out, again)
		}

		// Propagator: extract, inject in both forms, extract again.
		checkPropagation(t, carrier.HTTPHeader(http.Header{"B3": {s}}))
	})
}

func FuzzExtractMulti(f *testing.F) {
	for _, c := range vectors.Load(f, "b3").Cases {
		first := func(name string) string {
			if l := c.Lines(name); len(l) > 0 {
				return l[0]
			}
			return ""
		}
		f.Add(first("x-b3-traceid"), first("x-b3-spanid"), first("x-b3-parentspanid"), first("x-b3-sampled"), first("x-b3-flags"), first("b3"))
	}
	f.Fuzz(func(t *testing.T, traceID, spanID, parentID, sampled, flags, single string) {
		h := http.Header{}
		for _, kv := range [][2]string{
			{"X-B3-Traceid", traceID}, {"X-B3-Spanid", spanID}, {"X-B3-Parentspanid", parentID},
			{"X-B3-Sampled", sampled}, {"X-B3-Flags", flags},
		} {
			if kv[1] != "" {
				h[kv[0]] = []string{kv[1]}
			}
		}
		sc, err := b3.ExtractMulti(carrier.HTTPHeader(h))
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Offset() < 0 || sc != (tracewire.SpanContext{}) {
				t.Fatalf("bad error: %#v with %+v", err, view(sc))
			}
			_ = pe.Error()
		} else {
			out := carrier.HTTPHeader{}
			b3.InjectMulti(out, sc)
			back, err := b3.ExtractMulti(out)
			if err != nil || back != sc {
				t.Fatalf("multi round trip: %+v, %v; want %+v", view(back), err, view(sc))
			}
			again := carrier.HTTPHeader{}
			b3.InjectMulti(again, back)
			if len(again) != len(out) {
				t.Fatalf("multi canonical form not a fixed point: %v then %v", out, again)
			}
			for k, v := range out {
				if again.Get(k) != v[0] {
					t.Fatalf("multi canonical form not a fixed point: %v then %v", out, again)
				}
			}
		}
		checkPropagation(t, carrier.HTTPHeader(h))
		if single != "" {
			h["B3"] = []string{single}
			checkPropagation(t, carrier.HTTPHeader(h))
		}
	})
}

// checkPropagation extracts from g, injects the result in both forms and
// extracts again: the second extraction must give the first, except that
// the single header cannot carry a parent with a deferred decision.
func checkPropagation(t *testing.T, g carrier.Getter) {
	t.Helper()
	sc, err := b3.Propagator{}.ExtractFrom(g)
	usable := sc.IsValid() || !sc.IsDeferred()
	if err != nil && sc != (tracewire.SpanContext{}) {
		t.Fatalf("ExtractFrom returned %+v with %v", view(sc), err)
	}
	if usable != sc.IsRemote() {
		t.Fatalf("ExtractFrom: remote=%v for %+v", sc.IsRemote(), view(sc))
	}
	for _, p := range []b3.Propagator{{}, {Multi: true}} {
		out := carrier.HTTPHeader{}
		p.InjectInto(out, sc)
		if !usable {
			if len(out) != 0 {
				t.Fatalf("%+v injected %v for an unusable context", p, out)
			}
			continue
		}
		back, err := p.ExtractFrom(out)
		want := sc
		if !p.Multi && sc.IsDeferred() {
			want = want.WithParentSpanID(tracewire.SpanID{})
		}
		if err != nil || back != want {
			t.Fatalf("%+v: extract(inject(%+v)) = %+v, %v", p, view(sc), view(back), err)
		}
	}
}
