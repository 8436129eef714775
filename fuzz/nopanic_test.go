package fuzz

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

// errKey is a comparable summary of a parse error: shared table errors
// compare equal by pointer, but errors past the table's first KiB are
// allocated fresh, so compare their fields.
type errKey struct {
	Header string
	Kind   tracewire.ErrorKind
	Offset int
	Nil    bool
}

func keyOf(err error) errKey {
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		return errKey{pe.Header(), pe.Kind(), pe.Offset(), false}
	}
	return errKey{Nil: err == nil}
}

// agree fails t unless a string and a []byte entry point gave the same
// span context and error.
func agree(t *testing.T, what string, a tracewire.SpanContext, errA error, b tracewire.SpanContext, errB error) {
	t.Helper()
	if a != b || keyOf(errA) != keyOf(errB) {
		t.Fatalf("%s: string and []byte entry points disagree:\n%+v %v\n%+v %v", what, viewOf(a), errA, viewOf(b), errB)
	}
	if errA != nil && a != (tracewire.SpanContext{}) {
		t.Fatalf("%s: failed with %v but returned a non-zero span context %+v", what, errA, viewOf(a))
	}
}

// multiB3 spreads the input over the five x-b3-* headers, one line each.
func multiB3(s string) http.Header {
	h := http.Header{}
	names := []string{"X-B3-Traceid", "X-B3-Spanid", "X-B3-Parentspanid", "X-B3-Sampled", "X-B3-Flags"}
	for i, line := range strings.SplitN(s, "\n", len(names)) {
		h[names[i]] = []string{line}
	}
	return h
}

// jaegerBaggageHeader turns the input into Jaeger baggage headers: lines
// "key value" become uberctx-{key}: value, other lines jaeger-baggage.
func jaegerBaggageHeader(s string) http.Header {
	h := http.Header{}
	for line := range strings.SplitSeq(s, "\n") {
		if k, v, ok := strings.Cut(line, " "); ok {
			h.Add("uberctx-"+k, v)
		} else {
			h.Add("jaeger-baggage", line)
		}
	}
	return h
}

// FuzzNoPanic feeds arbitrary bytes to every parser and extractor in the
// module. None may panic; every error is a *tracewire.ParseError for the
// right header with an offset inside the value; string and []byte entry
// points agree; and, for a sample of inputs under 1 KiB (len%7 == 0,
// because AllocsPerRun is slow), the parse-only entry points allocate
// nothing.
func FuzzNoPanic(f *testing.F) {
	for _, v := range seedValues(f) {
		f.Add([]byte(v))
	}
	composite := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage())
	lastWins := propagator.Composite{Members: composite.Members, Policy: propagator.LastWins}
	reparent := propagator.Composite{Members: composite.Members, Policy: propagator.Reparent}
	f.Fuzz(func(t *testing.T, in []byte) {
		s, n := string(in), len(in)
		orig := bytes.Clone(in)

		a, errA := traceparent.Parse(s)
		b, errB := traceparent.ParseBytes(in)
		agree(t, "traceparent", a, errA, b, errB)
		checkParseError(t, "traceparent.Parse", errA, "traceparent", n)

		a, errA = traceparent.ParseResponse(s)
		b, errB = traceparent.ParseResponseBytes(in)
		agree(t, "traceresponse", a, errA, b, errB)
		checkParseError(t, "traceparent.ParseResponse", errA, "traceresponse", n)

		_, err := traceparent.ParseServerTiming(s)
		checkParseError(t, "traceparent.ParseServerTiming", err, "server-timing", n)

		ts, err := tracewire.ParseTraceState(s)
		checkParseError(t, "tracewire.ParseTraceState", err, "tracestate", n)
		if err != nil && ts.Len() != 0 {
			t.Fatalf("strict tracestate kept %d members beside %v", ts.Len(), err)
		}
		for _, o := range []tracewire.TraceStateOptions{{Level1: true}, {Lenient: true}, {Level1: true, Lenient: true}} {
			lts, err := o.Parse(s)
			checkParseError(t, "TraceStateOptions.Parse", err, "tracestate", n)
			if lts.Len() > 32 {
				t.Fatalf("%+v kept %d members, more than 32", o, lts.Len())
			}
			// What a parse keeps must read back the same.
			if c := lts.String(); c != "" {
				back, err := o.Parse(c)
				if err != nil || back.String() != c {
					t.Fatalf("%+v: canonical %q does not read back: %q %v", o, c, back.String(), err)
				}
			}
		}

		bg, err := baggage.Parse(s)
		checkParseError(t, "baggage.Parse", err, "baggage", n)
		bgb, errb := baggage.ParseBytes(in)
		if bg.String() != bgb.String() || bg.Dropped() != bgb.Dropped() || keyOf(err) != keyOf(errb) {
			t.Fatalf("baggage.Parse and ParseBytes disagree: %q %v / %q %v", bg.String(), err, bgb.String(), errb)
		}
		if bg.Len() > baggage.DefaultMaxMembers {
			t.Fatalf("baggage kept %d members", bg.Len())
		}

		a, errA = b3.Parse(s)
		b, errB = b3.ParseBytes(in)
		agree(t, "b3", a, errA, b, errB)
		checkParseError(t, "b3.Parse", errA, "b3", n)

		_, err = b3.ExtractMulti(carrier.HTTPHeader(multiB3(s)))
		checkParseError(t, "b3.ExtractMulti", err, "", n)

		a, errA = jaeger.Parse(s)
		b, errB = jaeger.ParseBytes(in)
		agree(t, "uber-trace-id", a, errA, b, errB)
		checkParseError(t, "jaeger.Parse", errA, "uber-trace-id", n)

		prefix := []byte("pre")
		out, err := jaeger.AppendUnescaped(prefix, s)
		checkParseError(t, "jaeger.AppendUnescaped", err, "", n)
		switch {
		case err != nil && len(out) != len(prefix):
			t.Fatalf("AppendUnescaped failed but left %d bytes", len(out))
		case err != nil && s[keyOf(err).Offset] != '%':
			t.Fatalf("AppendUnescaped error at offset %d, which is not a %%", keyOf(err).Offset)
		case err == nil && !strings.ContainsAny(s, "%+") && string(out[len(prefix):]) != s:
			t.Fatalf("AppendUnescaped changed a value without escapes")
		case err == nil && len(out)-len(prefix) > n:
			t.Fatalf("AppendUnescaped grew the value")
		}

		jaeger.ExtractBaggage(carrier.HTTPHeader(jaegerBaggageHeader(s)), func(k, v string) bool {
			if k == "" {
				t.Fatalf("ExtractBaggage yielded an empty key")
			}
			return true
		})

		hdr := decodeLines(s)
		for _, c := range []propagator.Composite{composite, lastWins, reparent} {
			sc, err := c.ExtractFrom(carrier.HTTPHeader(hdr))
			checkParseError(t, "Composite.ExtractFrom", err, "", n)
			if err != nil && sc != (tracewire.SpanContext{}) {
				t.Fatalf("%v: Composite.ExtractFrom returned %v with error %v", c.Policy, sc, err)
			}
			// Every member keeps the one ExtractFrom contract, and the
			// results, resolved without the skips ExtractFrom makes, give
			// the same answer.
			results := c.ExtractAll(carrier.HTTPHeader(hdr), nil)
			for _, r := range results {
				if r.Err != nil && r.SpanContext != (tracewire.SpanContext{}) {
					t.Fatalf("%s: ExtractFrom returned %v with error %v", r.Format, r.SpanContext, r.Err)
				}
				if (r.SpanContext.IsValid() || !r.SpanContext.IsDeferred()) && !r.SpanContext.IsRemote() {
					t.Fatalf("%s: ExtractFrom returned a usable context not marked remote", r.Format)
				}
			}
			rsc, rerr := c.Resolve(results)
			if rsc != sc || (rerr == nil) != (err == nil) {
				t.Fatalf("%v: Resolve(ExtractAll) = %v, %v; ExtractFrom = %v, %v", c.Policy, rsc, rerr, sc, err)
			}
			for _, l := range c.Links(nil, results) {
				if !l.SpanContext.IsValid() || l.SpanContext.TraceID() == sc.TraceID() && l.Reason == tracewire.LinkConflict {
					t.Fatalf("%v: link %v beside winner %v", c.Policy, l, sc)
				}
			}
			c.Inject(c.Extract(context.Background(), carrier.HTTPHeader(hdr)), carrier.HTTPHeader(http.Header{}))
		}

		if !bytes.Equal(in, orig) {
			t.Fatalf("a parser modified its input")
		}
		if n < 1024 && n%7 == 0 {
			checkNoAllocs(t, s, in)
		}
	})
}

// checkNoAllocs asserts that the parse-only entry points allocate nothing
// on s, valid or not, but for an error at offset 256 or later: an
// ErrorTable interns offsets below 256 and allocates one error beyond.
func checkNoAllocs(t *testing.T, s string, in []byte) {
	t.Helper()
	buf := make([]byte, 0, 2*len(s)+8)
	multi := carrier.HTTPHeader(multiB3(s))
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"traceparent.Parse", func() error { _, err := traceparent.Parse(s); return err }},
		{"traceparent.ParseBytes", func() error { _, err := traceparent.ParseBytes(in); return err }},
		{"traceparent.ParseResponse", func() error { _, err := traceparent.ParseResponse(s); return err }},
		{"traceparent.ParseServerTiming", func() error { _, err := traceparent.ParseServerTiming(s); return err }},
		{"tracewire.ParseTraceState", func() error { _, err := tracewire.ParseTraceState(s); return err }},
		{"TraceStateOptions{Lenient,Level1}.Parse", func() error {
			_, err := tracewire.TraceStateOptions{Lenient: true, Level1: true}.Parse(s)
			return err
		}},
		{"baggage.Parse", func() error { _, err := baggage.Parse(s); return err }},
		{"b3.Parse", func() error { _, err := b3.Parse(s); return err }},
		{"b3.ParseBytes", func() error { _, err := b3.ParseBytes(in); return err }},
		{"b3.ExtractMulti", func() error { _, err := b3.ExtractMulti(multi); return err }},
		{"jaeger.Parse", func() error { _, err := jaeger.Parse(s); return err }},
		{"jaeger.ParseBytes", func() error { _, err := jaeger.ParseBytes(in); return err }},
		{"jaeger.AppendUnescaped", func() error { _, err := jaeger.AppendUnescaped(buf[:0], s); return err }},
	} {
		want := 0.0
		if k := keyOf(c.fn()); !k.Nil && k.Offset >= 256 {
			want = 1
		}
		run := func() { _ = c.fn() }
		// AllocsPerRun counts the whole process's allocations, and a fuzz
		// worker's own goroutines allocate as they report to the
		// coordinator; so a count above the expected one is measured
		// again over many runs, where such strays average out and a real
		// allocation, which happens on every run, does not.
		if got := testing.AllocsPerRun(5, run); got > want {
			if got = testing.AllocsPerRun(500, run); got > want {
				t.Errorf("%s(%q) allocates %v times, want at most %v", c.name, s, got, want)
			}
		}
	}
}
