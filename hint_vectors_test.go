package tracewire_test

import (
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// hintInput returns the error a parser gives for an invalid vector case,
// through the entry point a receiver uses, and the value its offset
// indexes: what a caller passes to Hint. ok is false for a case whose
// error no single call here reproduces.
func hintInput(format string, c vectors.Case) (value string, ok bool, err error) {
	h := strings.ToLower(c.Error.Header)
	firstOf := func(name string) string {
		if l := c.Lines(name); len(l) > 0 {
			return l[0]
		}
		return ""
	}
	joined := strings.Join(c.Lines(h), ",")
	g := vectorcheck.HTTPHeader(c.Headers)
	ts := tracewire.TraceStateOptions{Level1: c.Options.Level1, Lenient: c.Options.Lenient}
	switch {
	case h == "tracestate" && format == "datadog":
		list, _ := tracewire.TraceStateOptions{Lenient: true}.Parse(c.Lines("tracestate")...)
		v, _ := list.Get("dd")
		_, err = datadog.ParseTraceStateMember(v)
		return v, true, err
	case h == "tracestate":
		_, err = ts.Parse(c.Lines(h)...)
		return joined, true, err
	case h == "traceparent" && format == "traceparent":
		_, err = traceparent.Propagator{Level1: c.Options.Level1, LenientTraceState: c.Options.Lenient}.ExtractFrom(g)
		if err == nil { // a blank header is absent to the propagator
			_, err = traceparent.Parse(joined)
		}
		return joined, true, err
	case h == "traceparent":
		_, err = traceparent.Parse(firstOf(h))
		return firstOf(h), true, err
	case h == "traceresponse":
		_, err = traceparent.ParseResponse(firstOf(h))
		return firstOf(h), true, err
	case h == "server-timing":
		_, err = traceparent.ParseServerTiming(firstOf(h))
		return firstOf(h), true, err
	case h == "baggage":
		_, err = baggageLimits(c).Parse(c.Lines(h)...)
		return joined, true, err
	case h == "b3":
		_, err = b3.Parse(firstOf(h))
		return firstOf(h), true, err
	case strings.HasPrefix(h, "x-b3-"):
		_, err = b3.ExtractMulti(g)
		return firstOf(h), true, err
	case h == "uber-trace-id":
		_, err = jaeger.Parse(firstOf(h))
		return firstOf(h), true, err
	case h == "x-amzn-trace-id":
		_, err = xray.Parse(firstOf(h))
		return firstOf(h), true, err
	case h == "_x_amzn_trace_id":
		env := carrier.Env{}
		for _, kv := range c.Env {
			env = append(env, kv[0]+"="+kv[1])
			if kv[0] == c.Error.Header {
				value = kv[1]
			}
		}
		_, err = xray.Propagator{Env: env}.ExtractFrom(g)
		return value, true, err
	case strings.HasPrefix(h, "ot-tracer-"):
		_, err = ottrace.ParseHeaders(firstOf("ot-tracer-traceid"), firstOf("ot-tracer-spanid"), firstOf("ot-tracer-sampled"))
		return firstOf(h), true, err
	case h == "x-cloud-trace-context":
		_, err = cloudtrace.Parse(firstOf(h))
		return firstOf(h), true, err
	case h == "sentry-trace":
		_, err = sentry.Parse(firstOf(h))
		return firstOf(h), true, err
	case h == "x-datadog-tags":
		_, err = datadog.ExtractHeaders(g)
		return joined, true, err
	case strings.HasPrefix(h, "x-datadog-"):
		_, err = datadog.ExtractHeaders(g)
		return firstOf(h), true, err
	case h == "grpc-trace-bin" && c.Binary != nil:
		b, _ := hex.DecodeString(*c.Binary)
		_, err = grpctrace.ParseBinary(b)
		return string(b), true, err
	case h == "grpc-trace-bin":
		_, err = grpctrace.Propagator{}.ExtractFrom(g)
		return firstOf(h), true, err
	}
	return "", false, nil
}

// hintFiles are the vector files whose invalid cases TestHintVectors
// explains. otstate.json has a schema of its own, read by otStateCases;
// composite.json's errors are those of the formats it composes.
var hintFiles = []string{
	"traceparent", "tracestate", "traceresponse", "baggage", "b3", "jaeger", "xray",
	"ottrace", "cloudtrace", "sentry", "datadog", "grpc-trace-bin",
}

// TestHintVectors checks that every invalid case of every vector file
// gets a hint that is specific to its header: one line, not the kind's
// name, and not the kind's generic hint. With -v it lists them all, for
// review.
func TestHintVectors(t *testing.T) {
	pairs := map[string]bool{}
	n := 0
	check := func(t *testing.T, err error, value, header, kind string) {
		t.Helper()
		var pe *tracewire.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("no *ParseError: %v", err)
		}
		if pe.Header() != header || pe.Kind().String() != kind {
			t.Fatalf("error %v; the case expects %s %s", err, header, kind)
		}
		h := pe.Hint(value)
		checkHintShape(t, h)
		if h == pe.Kind().String() || h == pe.Kind().Hint() {
			t.Errorf("%s %s at %d in %q: generic hint %q", header, kind, pe.Offset(), value, h)
		}
		pairs[header+" "+kind] = true
		n++
		if testing.Verbose() && os.Getenv("HINTS") != "" {
			t.Logf("%s %s @%d %q\n\t%s", header, kind, pe.Offset(), elide(value), h)
		}
	}
	for _, name := range hintFiles {
		f := vectors.Load(t, name)
		for _, c := range f.Cases {
			if c.Error == nil {
				continue
			}
			t.Run(name+"/"+c.Name, func(t *testing.T) {
				value, ok, err := hintInput(name, c)
				if !ok {
					t.Fatalf("no entry point for header %q", c.Error.Header)
				}
				check(t, err, value, c.Error.Header, c.Error.Kind)
			})
		}
	}
	for _, v := range otStateCases(t) {
		t.Run("otstate/"+v, func(t *testing.T) {
			_, err := tracewire.ParseOTelState(v)
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("no *ParseError: %v", err)
			}
			check(t, err, v, pe.Header(), pe.Kind().String())
		})
	}
	t.Logf("%d hints for %d (header, kind) pairs", n, len(pairs))
}

// checkHintShape fails t unless h is one line of readable, valid UTF-8 of
// bounded length.
func checkHintShape(t *testing.T, h string) {
	t.Helper()
	switch {
	case h == "":
		t.Error("empty hint")
	case strings.ContainsAny(h, "\n\r"):
		t.Errorf("hint %q is not one line", h)
	case !utf8.ValidString(h):
		t.Errorf("hint %q is not UTF-8", h)
	case len(h) > 200:
		t.Errorf("hint of %d bytes: %q", len(h), h)
	}
}

func elide(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
