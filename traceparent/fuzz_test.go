package traceparent

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/vectors"
)

// seedVectors adds every value of the named headers in a vector file.
func seedVectors(f *testing.F, file string, headers ...string) {
	for _, c := range vectors.Load(f, file).Cases {
		for _, h := range headers {
			for _, v := range c.Lines(h) {
				f.Add(v)
			}
		}
	}
}

// sameError reports whether two parse errors agree on kind and offset.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	pa, pb := a.(*tracewire.ParseError), b.(*tracewire.ParseError)
	return pa.Kind() == pb.Kind() && pa.Offset() == pb.Offset()
}

// checkCodec holds the properties every traceparent-grammar parser shares.
func checkCodec(t *testing.T, s string, parse func(string) (tracewire.SpanContext, error), parseBytes func([]byte) (tracewire.SpanContext, error), header string) tracewire.SpanContext {
	t.Helper()
	sc, err := parse(s)
	scb, errb := parseBytes([]byte(s))
	if sc != scb || !sameError(err, errb) {
		t.Fatalf("string and []byte disagree on %q: %v %v / %v %v", s, sc, err, scb, errb)
	}
	if err != nil {
		pe, ok := err.(*tracewire.ParseError)
		if !ok || pe.Header() != header || pe.Offset() < 0 || pe.Offset() > len(s) {
			t.Fatalf("%q: bad error %#v", s, err)
		}
		if sc != (tracewire.SpanContext{}) {
			t.Fatalf("%q: context %v returned with error", s, sc)
		}
		return sc
	}
	if !sc.IsValid() || sc.IsRemote() {
		t.Fatalf("%q: parsed %v without error", s, sc)
	}
	out := Append(nil, sc)
	if len(out) != valueLen {
		t.Fatalf("%q: Append = %q", s, out)
	}
	again, err := parse(string(out))
	if err != nil || again != sc {
		t.Fatalf("%q: re-parse of %q = %v, %v; want %v", s, out, again, err, sc)
	}
	if out2 := Append(nil, again); !bytes.Equal(out, out2) {
		t.Fatalf("canonical form is not a fixed point: %q -> %q", out, out2)
	}
	// Version 00 comes out as it came in, reserved flag bits cleared.
	if v := strings.Trim(s, " \t"); strings.HasPrefix(v, "00") {
		in := hexid.Lower(v[53])<<4 | hexid.Lower(v[54])
		want := v[:53] + "0" + string(hexid.Digits[in&0x03])
		if string(out) != want {
			t.Fatalf("%q: Append = %q, want %q", s, out, want)
		}
	}
	return sc
}

// checkRoundTrip builds a span context from arbitrary bytes and checks
// that Parse(Append(sc)) gives it back, apart from what W3C cannot carry.
func checkRoundTrip(t *testing.T, raw string) {
	if len(raw) < 25 {
		return
	}
	sc := tracewire.NewSpanContext(tracewire.TraceID([]byte(raw[:16])), tracewire.SpanID([]byte(raw[16:24])), tracewire.Flags(raw[24])).
		WithRemote(raw[24]&0x80 != 0)
	out := Append(nil, sc)
	if !sc.IsValid() {
		if len(out) != 0 {
			t.Fatalf("Append wrote %q for an invalid context", out)
		}
		return
	}
	got, err := Parse(string(out))
	if err != nil || got != sc.WithRemote(false) {
		t.Fatalf("Parse(Append(%v)) = %v, %v", sc, got, err)
	}
	resp, err := ParseResponse(string(AppendResponse(nil, sc)))
	if err != nil || resp != got {
		t.Fatalf("ParseResponse(AppendResponse(%v)) = %v, %v", sc, resp, err)
	}
	st, err := ParseServerTiming("db;dur=1, " + string(AppendServerTiming(nil, sc)))
	if err != nil || st != got {
		t.Fatalf("ParseServerTiming(AppendServerTiming(%v)) = %v, %v", sc, st, err)
	}
}

func FuzzParse(f *testing.F) {
	seedVectors(f, "traceparent", "traceparent")
	f.Add("\x4b\xf9\x2f\x35\x77\xb3\x4d\xa6\xa3\xce\x92\x9d\x0e\x0e\x47\x36\x00\xf0\x67\xaa\x0b\xa9\x02\xb7\x03")
	f.Fuzz(func(t *testing.T, s string) {
		sc := checkCodec(t, s, Parse, ParseBytes, "traceparent")
		checkRoundTrip(t, s)
		// The propagator agrees with Parse on any present value; an
		// empty or blank one is absent to it.
		if strings.Trim(s, " \t") == "" {
			return
		}
		got, err := Propagator{}.ExtractFrom(carrier.HTTPHeader(http.Header{"Traceparent": {s}}))
		_, perr := Parse(s)
		if got.WithRemote(false) != sc || !sameError(err, perr) {
			t.Fatalf("ExtractFrom(%q) = %v, %v; Parse = %v, %v", s, got, err, sc, perr)
		}
	})
}

func FuzzTraceResponse(f *testing.F) {
	seedVectors(f, "traceresponse", "traceresponse")
	seedVectors(f, "traceparent", "traceparent")
	f.Fuzz(func(t *testing.T, s string) {
		sc := checkCodec(t, s, ParseResponse, ParseResponseBytes, "traceresponse")
		// Same grammar as traceparent: same verdict, same place.
		psc, perr := Parse(s)
		_, rerr := ParseResponse(s)
		if psc != sc || !sameError(perr, rerr) {
			t.Fatalf("%q: ParseResponse and Parse disagree", s)
		}
	})
}

func FuzzParseServerTiming(f *testing.F) {
	seedVectors(f, "traceresponse", "server-timing", "traceresponse")
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := ParseServerTiming(s)
		if err != nil {
			pe, ok := err.(*tracewire.ParseError)
			if !ok || pe.Header() != "server-timing" || pe.Offset() < 0 || pe.Offset() > len(s) {
				t.Fatalf("%q: bad error %#v", s, err)
			}
			return
		}
		if !sc.IsValid() {
			t.Fatalf("%q: invalid context without error", s)
		}
		out := AppendServerTiming(nil, sc)
		again, err := ParseServerTiming(string(out))
		if err != nil || again != sc {
			t.Fatalf("%q: re-parse of %q = %v, %v", s, out, again, err)
		}
		if out2 := AppendServerTiming(nil, again); !bytes.Equal(out, out2) {
			t.Fatalf("canonical form is not a fixed point: %q -> %q", out, out2)
		}
	})
}
