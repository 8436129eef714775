package tracewire_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/cloudtrace"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/ottrace"
	"github.com/tracewire/tracewire/sentry"
	"github.com/tracewire/tracewire/traceparent"
	"github.com/tracewire/tracewire/xray"
)

// The probes of the error-budget test: every entry point of every parser
// in the module that can fail, on every invalid input of the vectors in
// testdata/ and on inputs written here for the kinds no vector reaches.
// A probe builds its input behind n bytes of padding, so that the budget
// test can walk its error through the offsets.

// A probe is one entry point on one invalid input. behind(n) returns the
// call on the input moved n bytes to the right, or nil if the entry point
// cannot move it that far; building the input is not part of the call.
type probe struct {
	name   string
	table  string // a label for the table, where two tables share a header name
	behind func(n int) func() error
}

// An entry is one way into a parser: for a vector case it returns the
// call on the case's input with pad in front of the value its error is
// about, or nil if the case is not for it.
type entry struct {
	name string
	call func(c vectors.Case, pad string) func() error
}

// spaces returns n spaces, the padding of every format that trims
// whitespace around a value.
func spaces(n int) string { return strings.Repeat(" ", n) }

// errHeader returns the header the case's error is about, lowercase.
func errHeader(c vectors.Case) string { return strings.ToLower(c.Error.Header) }

// first returns the first line of header in c, and whether there is one.
func first(c vectors.Case, header string) (string, bool) {
	if l := c.Lines(header); len(l) > 0 {
		return l[0], true
	}
	return "", false
}

// value is the entry of a parser of one header value, given as a string.
func value[T any](name, header string, parse func(string) (T, error)) entry {
	return entry{name, func(c vectors.Case, pad string) func() error {
		v, ok := first(c, header)
		if !ok || errHeader(c) != header {
			return nil
		}
		s := pad + v
		return func() error { _, err := parse(s); return err }
	}}
}

// valueBytes is value for a parser of bytes.
func valueBytes[T any](name, header string, parse func([]byte) (T, error)) entry {
	return entry{name, func(c vectors.Case, pad string) func() error {
		v, ok := first(c, header)
		if !ok || errHeader(c) != header {
			return nil
		}
		b := []byte(pad + v)
		return func() error { _, err := parse(b); return err }
	}}
}

// lines is the entry of a parser of every line of a list header; pad goes
// in front of the first line, so it moves every offset.
func lines[T any](name, header string, parse func(c vectors.Case) func(...string) (T, error)) entry {
	return entry{name, func(c vectors.Case, pad string) func() error {
		ls := c.Lines(header)
		if len(ls) == 0 || errHeader(c) != header {
			return nil
		}
		ls = append([]string{pad + ls[0]}, ls[1:]...)
		p := parse(c)
		return func() error { _, err := p(ls...); return err }
	}}
}

// padded returns the case's header lines with pad in front of the first
// line of the header its error is about.
func padded(c vectors.Case, pad string) [][2]string {
	out := make([][2]string, len(c.Headers))
	copy(out, c.Headers)
	for i := range out {
		if strings.EqualFold(out[i][0], c.Error.Header) {
			out[i][1] = pad + out[i][1]
			break
		}
	}
	return out
}

// getter returns the lines as a carrier.Map when no header repeats, which
// costs no allocation to read, else as a carrier.HTTPHeader.
func getter(ls [][2]string) carrier.Getter {
	m := carrier.Map{}
	for _, l := range ls {
		if _, dup := m[strings.ToLower(l[0])]; dup {
			h := carrier.HTTPHeader{}
			for _, l := range ls {
				k := carrierKey(l[0])
				h[k] = append(h[k], l[1])
			}
			return h
		}
		m[strings.ToLower(l[0])] = l[1]
	}
	return m
}

// carrierKey is name in MIME-canonical form, as net/http keys it.
func carrierKey(name string) string {
	b := []byte(strings.ToLower(name))
	up := true
	for i, c := range b {
		if up && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '-'
	}
	return string(b)
}

// extract is the entry of a propagator's ExtractFrom (or a function of the
// same shape) over the case's headers.
func extract[T any](name string, ex func(c vectors.Case) func(carrier.Getter) (T, error)) entry {
	return entry{name, func(c vectors.Case, pad string) func() error {
		if len(c.Headers) == 0 {
			return nil
		}
		g, f := getter(padded(c, pad)), ex(c)
		return func() error { _, err := f(g); return err }
	}}
}

// codec returns the entries of a format in one header with the face every
// format package has: Parse, ParseBytes and the propagator's ExtractFrom.
func codec(pkg, header string, parse func(string) (tracewire.SpanContext, error), parseBytes func([]byte) (tracewire.SpanContext, error),
	extractFrom func(carrier.Getter) (tracewire.SpanContext, error)) []entry {
	return []entry{
		value(pkg+".Parse", header, parse),
		valueBytes(pkg+".ParseBytes", header, parseBytes),
		extract(pkg+".Propagator.ExtractFrom", always(extractFrom)),
	}
}

// always returns f whatever the case.
func always[F any](f F) func(vectors.Case) F { return func(vectors.Case) F { return f } }

// formatEntries are the entry points run on the invalid cases of each
// vector file.
var formatEntries = map[string][]entry{
	"traceparent": {
		value("traceparent.Parse", "traceparent", traceparent.Parse),
		valueBytes("traceparent.ParseBytes", "traceparent", traceparent.ParseBytes),
		lines("TraceStateOptions.Parse", "tracestate", traceStateOptions),
		lines("tracewire.ParseTraceState", "tracestate", always(tracewire.ParseTraceState)),
		extract("traceparent.Propagator.ExtractFrom", func(c vectors.Case) func(carrier.Getter) (tracewire.SpanContext, error) {
			return traceparent.Propagator{Level1: c.Options.Level1, LenientTraceState: c.Options.Lenient}.ExtractFrom
		}),
	},
	"tracestate": {
		lines("TraceStateOptions.Parse", "tracestate", traceStateOptions),
	},
	"traceresponse": {
		value("traceparent.ParseResponse", "traceresponse", traceparent.ParseResponse),
		valueBytes("traceparent.ParseResponseBytes", "traceresponse", traceparent.ParseResponseBytes),
		value("traceparent.ParseServerTiming", "server-timing", traceparent.ParseServerTiming),
	},
	"baggage": {
		lines("baggage.Limits.Parse", "baggage", func(c vectors.Case) func(...string) (baggage.Baggage, error) {
			return baggageLimits(c).Parse
		}),
		extract("baggage.Propagator.ExtractFrom", func(c vectors.Case) func(carrier.Getter) (baggage.Baggage, error) {
			return baggage.Propagator{Limits: baggageLimits(c)}.ExtractFrom
		}),
	},
	"b3": append(codec("b3", "b3", b3.Parse, b3.ParseBytes, b3.Propagator{}.ExtractFrom),
		extract("b3.ExtractMulti", always(b3.ExtractMulti)),
	),
	"jaeger": codec("jaeger", "uber-trace-id", jaeger.Parse, jaeger.ParseBytes, jaeger.Propagator{}.ExtractFrom),
	"xray": {
		value("xray.Parse", "x-amzn-trace-id", xray.Parse),
		valueBytes("xray.ParseBytes", "x-amzn-trace-id", xray.ParseBytes),
		value("xray.ParseHeader", "x-amzn-trace-id", xray.ParseHeader),
		{"xray.Propagator.ExtractFrom", xrayExtract},
	},
	"ottrace": {
		{"ottrace.ParseHeaders", func(c vectors.Case, pad string) func() error {
			t, s, p := otHeaders(c, pad)
			return func() error { _, err := ottrace.ParseHeaders(t, s, p); return err }
		}},
		{"ottrace.ParseHeadersBytes", func(c vectors.Case, pad string) func() error {
			t, s, p := otHeaders(c, pad)
			tb, sb, pb := []byte(t), []byte(s), []byte(p)
			return func() error { _, err := ottrace.ParseHeadersBytes(tb, sb, pb); return err }
		}},
		extract("ottrace.Propagator.ExtractFrom", always(ottrace.Propagator{}.ExtractFrom)),
	},
	"cloudtrace": codec("cloudtrace", "x-cloud-trace-context", cloudtrace.Parse, cloudtrace.ParseBytes, cloudtrace.Propagator{}.ExtractFrom),
	"sentry":     codec("sentry", "sentry-trace", sentry.Parse, sentry.ParseBytes, sentry.Propagator{}.ExtractFrom),
	"datadog": {
		{"datadog.ParseHeaders", func(c vectors.Case, pad string) func() error {
			if !strings.HasPrefix(errHeader(c), "x-datadog-") {
				return nil
			}
			h := padded(c, pad)
			get := func(name string) string { return lineOf(h, name) }
			var tags []string
			for _, l := range h {
				if strings.EqualFold(l[0], "x-datadog-tags") {
					tags = append(tags, l[1])
				}
			}
			t, p, s, o, g := get("x-datadog-trace-id"), get("x-datadog-parent-id"), get("x-datadog-sampling-priority"),
				get("x-datadog-origin"), strings.Join(tags, ",")
			return func() error { _, err := datadog.ParseHeaders(t, p, s, o, g); return err }
		}},
		extract("datadog.ExtractHeaders", always(datadog.ExtractHeaders)),
		extract("datadog.Propagator.ExtractFrom", always(datadog.Propagator{}.ExtractFrom)),
		// The dd= member is parsed from the tracestate value; its offsets
		// index the member, so moveMember moves it.
	},
	"grpc-trace-bin": {
		{"grpctrace.Parse", func(c vectors.Case, pad string) func() error {
			v, ok := first(c, "grpc-trace-bin")
			if !ok {
				return nil
			}
			s := pad + grpcFirst(v)
			return func() error { _, err := grpctrace.Parse(s); return err }
		}},
		{"grpctrace.ParseBytes", func(c vectors.Case, pad string) func() error {
			v, ok := first(c, "grpc-trace-bin")
			if !ok {
				return nil
			}
			b := []byte(pad + grpcFirst(v))
			return func() error { _, err := grpctrace.ParseBytes(b); return err }
		}},
		{"grpctrace.ParseBinary", func(c vectors.Case, pad string) func() error {
			if c.Binary == nil || pad != "" {
				return nil // raw bytes have no padding
			}
			b, _ := hex.DecodeString(*c.Binary)
			return func() error { _, err := grpctrace.ParseBinary(b); return err }
		}},
		{"grpctrace.Propagator.ExtractFrom", func(c vectors.Case, pad string) func() error {
			if c.Binary != nil {
				if pad != "" {
					return nil
				}
				b, _ := hex.DecodeString(*c.Binary)
				g := carrier.Metadata{"grpc-trace-bin": {string(b)}}
				return func() error { _, err := grpctrace.Propagator{}.ExtractFrom(g); return err }
			}
			g := getter(padded(c, pad))
			return func() error { _, err := grpctrace.Propagator{}.ExtractFrom(g); return err }
		}},
	},
}

func traceStateOptions(c vectors.Case) func(...string) (tracewire.TraceState, error) {
	return tracewire.TraceStateOptions{Level1: c.Options.Level1, Lenient: c.Options.Lenient}.Parse
}

func baggageLimits(c vectors.Case) baggage.Limits {
	return baggage.Limits{MaxMembers: c.Options.MaxMembers, MaxBytes: c.Options.MaxSize}
}

// xrayExtract is the X-Ray propagator on the case's headers, or with
// options.lambda on its environment, padding the value the error is about.
func xrayExtract(c vectors.Case, pad string) func() error {
	h := c.Headers
	var p xray.Propagator
	if c.Options.Lambda {
		env := carrier.Env{}
		for _, kv := range c.Env {
			if kv[0] == c.Error.Header {
				kv[1] = pad + kv[1]
			}
			env = append(env, kv[0]+"="+kv[1])
		}
		p.Env = env
	} else {
		h = padded(c, pad)
	}
	g := getter(h)
	return func() error { _, err := p.ExtractFrom(g); return err }
}

// otHeaders returns the three ot-tracer values of c, pad in front of the
// one its error is about.
func otHeaders(c vectors.Case, pad string) (traceID, spanID, sampled string) {
	h := padded(c, pad)
	return lineOf(h, "ot-tracer-traceid"), lineOf(h, "ot-tracer-spanid"), lineOf(h, "ot-tracer-sampled")
}

// lineOf returns the first line of header name in h, or "".
func lineOf(h [][2]string, name string) string {
	for _, l := range h {
		if strings.EqualFold(l[0], name) {
			return l[1]
		}
	}
	return ""
}

// grpcFirst returns the first of the values joined with "," in v, which
// is what the propagator parses.
func grpcFirst(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		return v[:i]
	}
	return v
}

// moveMember moves the error of a tracestate member value (dd= or ot=) n
// bytes to the right by putting an item of n bytes, "zz:" and n-4 "0"s
// and ";", in front; n of 1 to 3 cannot be written so.
func moveMember(v string, n int) (string, bool) {
	switch {
	case n == 0:
		return v, true
	case n < 4:
		return "", false
	}
	return "zz:" + strings.Repeat("0", n-4) + ";" + v, true
}

// memberProbes are the probes of the parsers of tracestate member values:
// the dd= member's from datadog.json and the ot= member's from
// otstate.json.
func memberProbes(t *testing.T, f map[string]vectors.File) []probe {
	var out []probe
	for _, c := range f["datadog"].Cases {
		if c.Error == nil || c.Error.Header != "tracestate" {
			continue
		}
		ts, _ := tracewire.TraceStateOptions{Lenient: true}.Parse(c.Lines("tracestate")...)
		v, ok := ts.Get("dd")
		if !ok {
			continue
		}
		out = append(out, memberProbe("datadog.ParseTraceStateMember "+c.Name, "tracestate dd=", v, func(s string) error {
			_, err := datadog.ParseTraceStateMember(s)
			return err
		}))
	}
	for _, c := range otStateCases(t) {
		out = append(out, memberProbe("tracewire.ParseOTelState "+c, "", c, func(s string) error {
			_, err := tracewire.ParseOTelState(s)
			return err
		}))
	}
	return out
}

func memberProbe(name, table, v string, parse func(string) error) probe {
	return probe{name, table, func(n int) func() error {
		s, ok := moveMember(v, n)
		if !ok {
			return nil
		}
		return func() error { return parse(s) }
	}}
}

const (
	fT = "4bf92f3577b34da6a3ce929d0e0e4736"
	fS = "00f067aa0ba902b7"
	fZ = "0000000000000000"
)

// badValue is an invalid value for one parser; behind(pad) returns a
// function that parses it behind pad.
type badValue struct {
	name   string
	behind func(pad string) func() error
}

func parseWith[T any](f func(string) (T, error), v string) func(string) func() error {
	return func(pad string) func() error {
		s := pad + v
		return func() error { _, err := f(s); return err }
	}
}

func parseLines[T any](f func(...string) (T, error), v string) func(string) func() error {
	return func(pad string) func() error {
		s := []string{pad + v}
		return func() error { _, err := f(s...); return err }
	}
}

func multiWith(lines map[string]string, padded string) func(string) func() error {
	return func(pad string) func() error {
		m := carrier.Map{}
		for k, v := range lines {
			if k == padded {
				v = pad + v
			}
			m[k] = v
		}
		return func() error { _, err := b3.ExtractMulti(m); return err }
	}
}

// fixedWidthBad fails the fixed-width parsers of traceparent, b3 and
// jaeger with (nearly) every kind they can report.
func fixedWidthBad() []badValue {
	var out []badValue
	for _, p := range []struct {
		name  string
		parse func(string) (tracewire.SpanContext, error)
	}{{"traceparent", traceparent.Parse}, {"traceresponse", traceparent.ParseResponse}} {
		for _, v := range []string{
			"", "0", "0g-", "ff-" + fT + "-" + fS + "-01", "00_", "00-" + fT[:5] + "x",
			"00-" + fZ + fZ + "-" + fS + "-01", "00-" + fT + "x", "00-" + fT + "-x",
			"00-" + fT + "-" + fZ + "-01", "00-" + fT + "-" + fS + "-0x", "00-" + fT + "-" + fS + "-01-",
			"01-" + fT + "-" + fS + "-01x", "00-" + fT + "-" + fS + "-010",
		} {
			out = append(out, badValue{p.name + " " + v, parseWith(p.parse, v)})
		}
	}
	for _, v := range []string{
		"", "x", fT + "x", fT, fZ + fZ + "-" + fS, fT + "-x", fT + "-" + fZ, fT + "-" + fS + "-x",
		fT + "-" + fS + "-1-x", fT + "-" + fS + "-1-" + fS + "-", fT + "-" + fS + "-1-" + fS + "0", fT + "_",
	} {
		out = append(out, badValue{"b3 " + v, parseWith(b3.Parse, v)})
	}
	for _, v := range []string{
		"", "x", fT + ":" + fS, "0:" + fS + ":0:1", fT + ":0:0:1", fT + ":" + fS + ":0:1:", fT + ":x",
		fT + ":" + fS + ":x:1", fT + ":" + fS + ":0:x", fT + "0:", fT + ":" + fS + ":0%3A1",
	} {
		out = append(out, badValue{"uber-trace-id " + v, parseWith(jaeger.Parse, v)})
	}
	with := func(k, v string) map[string]string {
		return map[string]string{"x-b3-traceid": fT, "x-b3-spanid": fS, k: v}
	}
	for _, c := range []struct{ header, value string }{
		{"x-b3-traceid", "x"}, {"x-b3-traceid", fT + "0"}, {"x-b3-traceid", fZ + fZ}, {"x-b3-traceid", fT + "-"},
		{"x-b3-traceid", fT[:20]}, {"x-b3-spanid", "x"}, {"x-b3-spanid", fS + "0"}, {"x-b3-spanid", fZ},
		{"x-b3-spanid", fS + "-"}, {"x-b3-parentspanid", "x"}, {"x-b3-parentspanid", fS + "0"},
		{"x-b3-parentspanid", fS + "-"}, {"x-b3-parentspanid", fZ}, {"x-b3-sampled", "x"},
	} {
		out = append(out, badValue{c.header + " " + c.value, multiWith(with(c.header, c.value), c.header)})
	}
	out = append(out,
		badValue{"x-b3-spanid missing", multiWith(map[string]string{"x-b3-traceid": fT}, "")},
		badValue{"x-b3-traceid missing", multiWith(map[string]string{"x-b3-spanid": fS}, "x-b3-spanid")},
	)
	return out
}

// listBad fails the list-header parsers of tracestate, baggage,
// server-timing and uberctx- with every kind they report.
func listBad() []badValue {
	var out []badValue
	for _, v := range []string{"A=1", "a=1,b", "a=\x01", "a=1,b=" + strings.Repeat("x", 257), strings.Repeat("k=1,", 33)} {
		out = append(out, badValue{"tracestate " + v, parseLines(tracewire.ParseTraceState, v)})
	}
	for _, v := range []string{"=1", "a", "a=%zz", "a=1;", "a=\x01", "a=1;=", strings.Repeat("k=1,", 70), "k=" + strings.Repeat("x", 8200)} {
		out = append(out, badValue{"baggage " + v, parseLines(baggage.Parse, v)})
	}
	for _, v := range []string{
		"", "x", "trace", "trace;desc=\"00", "trace;desc=00-" + fT + "-" + fS + "-0x", "trace;desc=0",
		"trace;desc=\"\\0" + strings.Repeat("0", 200) + "\"", "trace;desc=00-" + fZ + fZ + "-" + fS + "-01",
	} {
		out = append(out, badValue{"server-timing " + v, parseWith(traceparent.ParseServerTiming, v)})
	}
	buf := make([]byte, 0, 512)
	out = append(out, badValue{"uberctx %zz", func(pad string) func() error {
		s := pad + "%zz"
		return func() error { _, err := jaeger.AppendUnescaped(buf[:0], s); return err }
	}})
	return out
}

// extraProbes reach the kinds no vector does: the hand-written inputs
// above, the ids' own parsers, the traceparent vectors through the
// parsers that share traceparent's grammar (traceresponse, and
// server-timing's desc, bare, quoted and escaped), the X-Ray vectors
// through Lambda's environment variable, and what is left of grpc-trace-bin
// and the dd= member.
func extraProbes(t *testing.T) []probe {
	var out []probe
	for _, b := range append(fixedWidthBad(), listBad()...) {
		out = append(out, probe{"hand-written: " + b.name, "", func(n int) func() error { return b.behind(spaces(n)) }})
	}
	ids := []badValue{
		{"trace-id", parseWith(tracewire.ParseTraceID, "")}, {"trace-id", parseWith(tracewire.ParseTraceID, fT[:31]+"x")},
		{"trace-id", parseWith(tracewire.ParseTraceID, fZ+fZ)}, {"span-id", parseWith(tracewire.ParseSpanID, "")},
		{"span-id", parseWith(tracewire.ParseSpanID, fS[:15]+"x")}, {"span-id", parseWith(tracewire.ParseSpanID, fZ)},
		{"grpc-trace-bin", parseWith(grpctrace.Parse, "")}, {"grpc-trace-bin", parseWith(grpctrace.Parse, "AAA,B")},
	}
	for _, b := range ids {
		out = append(out, probe{"hand-written: " + b.name, "", func(n int) func() error { return b.behind(spaces(n)) }})
	}
	for _, v := range []string{"", "o:", "p:00f0", "s:1;\x01"} {
		out = append(out, memberProbe("datadog.ParseTraceStateMember "+v, "tracestate dd=", v, func(s string) error {
			_, err := datadog.ParseTraceStateMember(s)
			return err
		}))
	}
	for _, c := range vectors.Load(t, "traceparent").Cases {
		v, ok := first(c, "traceparent")
		if c.Error == nil || !ok || errHeader(c) != "traceparent" {
			continue
		}
		for _, f := range []struct {
			name string
			wrap func(pad string) string
		}{
			{"traceparent.ParseResponse", func(pad string) string { return pad + v }},
			{"traceparent.ParseServerTiming bare", func(pad string) string { return pad + "trace;desc=" + v }},
			{"traceparent.ParseServerTiming quoted", func(pad string) string { return pad + `trace;desc="` + v + `"` }},
			{"traceparent.ParseServerTiming escaped", func(pad string) string { return pad + `trace;desc="\` + v + `"` }},
		} {
			parse := traceparent.ParseServerTiming
			if f.name == "traceparent.ParseResponse" {
				parse = traceparent.ParseResponse
			}
			out = append(out, probe{f.name + ": " + c.Name, "", func(n int) func() error {
				s := f.wrap(spaces(n))
				return func() error { _, err := parse(s); return err }
			}})
		}
	}
	for _, c := range vectors.Load(t, "xray").Cases {
		v, ok := first(c, "x-amzn-trace-id")
		if c.Error == nil || !ok || c.Options.Lambda {
			continue
		}
		out = append(out, probe{"xray.Propagator{Env}.ExtractFrom: " + c.Name, "", func(n int) func() error {
			p := xray.Propagator{Env: carrier.Env{xray.EnvVar + "=" + spaces(n) + v}}
			g := carrier.Map{}
			return func() error { _, err := p.ExtractFrom(g); return err }
		}})
	}
	return out
}
