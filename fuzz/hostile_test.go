package fuzz

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
)

const (
	mib = 1 << 20
	hT  = "4bf92f3577b34da6a3ce929d0e0e4736"
	hP  = "00f067aa0ba902b7"
	hTP = "00-" + hT + "-" + hP + "-01"
	hB3 = hT + "-" + hP + "-1-" + hP
	hJ  = hT + ":" + hP + ":0:1"
)

// outcome summarizes a parse without allocating, so that the same call
// can be checked and have its allocations counted.
type outcome struct {
	Valid         bool
	Trace         string // "T" for hT, "" for none: enough to tell results apart
	Sampling      tracewire.Sampling
	Kept, Dropped int
}

var hTID = tracewire.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36}

func scOut(sc tracewire.SpanContext, err error) (outcome, error) {
	o := outcome{Valid: sc.IsValid(), Sampling: sc.Sampling()}
	if sc.IsValid() && sc.TraceID() == hTID {
		o.Trace = "T"
	}
	return o, err
}

func tsOut(ts tracewire.TraceState, err error) (outcome, error) {
	return outcome{Kept: ts.Len()}, err
}

func bgOut(b baggage.Baggage, err error) (outcome, error) {
	return outcome{Kept: b.Len(), Dropped: b.Dropped()}, err
}

var (
	invalid  = outcome{}
	sampledT = outcome{Valid: true, Trace: "T", Sampling: tracewire.SamplingAccept}
)

// hostileCase is one hostile input, prepared before run is called, with
// the exact result and error parsing it must give, and the allocations
// that may cost: 0, or 1 where the error's offset lies past the first KiB
// (tracewire.ErrorTable interns only those).
type hostileCase struct {
	name   string
	run    func() (outcome, error)
	want   outcome
	err    errKey
	allocs float64
}

func ek(header string, k tracewire.ErrorKind, off int) errKey {
	return errKey{Header: header, Kind: k, Offset: off}
}

var noErr = errKey{Nil: true}

// members returns n list members "k0=v,k1=v,...".
func members(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("k" + strconv.Itoa(i) + "=v")
	}
	return b.String()
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.run()
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.err, keyOf(err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if n := testing.AllocsPerRun(3, func() { _, _ = c.run() }); n > c.allocs {
				t.Errorf("%v allocations, want at most %v", n, c.allocs)
			}
		})
	}
}

// TestHostileMegabyte: a 1 MiB value for every format is rejected at the
// first byte that cannot belong to a valid value, or bounded, in one pass
// and without allocating.
func TestHostileMegabyte(t *testing.T) {
	x := strings.Repeat("x", mib)
	a := strings.Repeat("a", mib)
	sp := strings.Repeat(" ", mib)
	comma := strings.Repeat(",", mib)
	var (
		tpTrailing  = hTP + x
		tpFuture    = "cc" + hTP[2:] + "-" + x
		tpPadded    = sp + hTP + sp
		stMetrics   = strings.Repeat("a,", mib/2)
		stQuotes    = strings.Repeat(`a;x="`, mib/4)
		stAfterJunk = strings.Repeat(`a;x="q,q";y, `, mib/13) + "trace;desc=" + hTP
		stEscapes   = `trace;desc="` + strings.Repeat(`\a`, mib/2) + `"`
		tsValue     = "a=" + x
		bgValue     = "k=" + x
		bgProps     = "k=v;" + strings.Repeat("p;", mib/2)
		b3Trailing  = hB3 + x
		dashes      = strings.Repeat("-", mib)
		colons      = strings.Repeat(":", mib)
		encColons   = strings.Repeat("%3A", mib/3)
		jFlags      = hJ + strings.Repeat("1", mib)
		escapes     = strings.Repeat("%41", mib/3)
		escTrunc    = x + "%4"
		escBuf      = make([]byte, 0, len(escTrunc))
		xb3Trace    = carrier.HTTPHeader(http.Header{"X-B3-Traceid": {a}, "X-B3-Spanid": {hP}})
		xb3Sampled  = carrier.HTTPHeader(http.Header{"X-B3-Traceid": {hT}, "X-B3-Spanid": {hP}, "X-B3-Sampled": {strings.Repeat("1", mib)}})
		xb3Flags    = carrier.HTTPHeader(http.Header{"X-B3-Traceid": {hT}, "X-B3-Spanid": {hP}, "X-B3-Flags": {strings.Repeat("1", mib)}})
		bigBuf      = make([]byte, 0, mib)
	)
	runHostile(t, []hostileCase{
		{"traceparent/trailing", func() (outcome, error) { return scOut(traceparent.Parse(tpTrailing)) },
			invalid, ek("traceparent", tracewire.ErrTrailingData, 55), 0},
		{"traceparent/hex", func() (outcome, error) { return scOut(traceparent.Parse(a)) },
			invalid, ek("traceparent", tracewire.ErrVersion, 2), 0},
		{"traceparent/spaces", func() (outcome, error) { return scOut(traceparent.Parse(sp)) },
			invalid, ek("traceparent", tracewire.ErrEmpty, 0), 0},
		{"traceparent/future-version-tail", func() (outcome, error) { return scOut(traceparent.Parse(tpFuture)) },
			sampledT, noErr, 0},
		{"traceparent/ows-padded", func() (outcome, error) { return scOut(traceparent.Parse(tpPadded)) },
			sampledT, noErr, 0},
		{"traceresponse/trailing", func() (outcome, error) { return scOut(traceparent.ParseResponse(tpTrailing)) },
			invalid, ek("traceresponse", tracewire.ErrTrailingData, 55), 0},
		{"server-timing/metrics", func() (outcome, error) { return scOut(traceparent.ParseServerTiming(stMetrics)) },
			invalid, ek("server-timing", tracewire.ErrMissingField, mib), 1},
		{"server-timing/open-quotes", func() (outcome, error) { return scOut(traceparent.ParseServerTiming(stQuotes)) },
			invalid, ek("server-timing", tracewire.ErrMissingField, len(stQuotes)), 1},
		{"server-timing/trace-after-junk", func() (outcome, error) { return scOut(traceparent.ParseServerTiming(stAfterJunk)) },
			sampledT, noErr, 0},
		{"server-timing/escapes", func() (outcome, error) { return scOut(traceparent.ParseServerTiming(stEscapes)) },
			invalid, ek("server-timing", tracewire.ErrTooLong, 11), 0}, // a desc unescapes to at most 128 bytes
		{"tracestate/long-value", func() (outcome, error) { return tsOut(tracewire.ParseTraceState(tsValue)) },
			outcome{}, ek("tracestate", tracewire.ErrValue, 258), 1}, // the error: its offset is past the 256 an ErrorTable interns
		{"tracestate/long-key", func() (outcome, error) { return tsOut(tracewire.ParseTraceState(a)) },
			outcome{}, ek("tracestate", tracewire.ErrMember, 0), 0},
		{"tracestate/spaces", func() (outcome, error) { return tsOut(tracewire.ParseTraceState(sp)) },
			outcome{}, noErr, 0},
		{"tracestate/commas", func() (outcome, error) { return tsOut(tracewire.ParseTraceState(comma)) },
			outcome{}, noErr, 0},
		{"baggage/long-value", func() (outcome, error) { return bgOut(baggage.Parse(bgValue)) },
			outcome{Dropped: 1}, ek("baggage", tracewire.ErrTooLong, 0), 0},
		{"baggage/long-key", func() (outcome, error) { return bgOut(baggage.Parse(a)) },
			outcome{Dropped: 1}, ek("baggage", tracewire.ErrMember, mib), 1},
		{"baggage/commas", func() (outcome, error) { return bgOut(baggage.Parse(comma)) },
			outcome{}, noErr, 0},
		{"baggage/properties", func() (outcome, error) { return bgOut(baggage.Parse(bgProps)) },
			outcome{Dropped: 1}, ek("baggage", tracewire.ErrProperty, len(bgProps)), 1},
		{"b3/hex", func() (outcome, error) { return scOut(b3.Parse(a)) },
			invalid, ek("b3", tracewire.ErrLength, 32), 0},
		{"b3/trailing", func() (outcome, error) { return scOut(b3.Parse(b3Trailing)) },
			invalid, ek("b3", tracewire.ErrTrailingData, 68), 0},
		{"b3/dashes", func() (outcome, error) { return scOut(b3.Parse(dashes)) },
			invalid, ek("b3", tracewire.ErrLength, 0), 0},
		{"x-b3-traceid/hex", func() (outcome, error) { return scOut(b3.ExtractMulti(xb3Trace)) },
			invalid, ek("x-b3-traceid", tracewire.ErrLength, 32), 0},
		{"x-b3-sampled/ones", func() (outcome, error) { return scOut(b3.ExtractMulti(xb3Sampled)) },
			invalid, ek("x-b3-sampled", tracewire.ErrSampling, 0), 0},
		{"x-b3-flags/ones (ignored: only 1 means debug)", func() (outcome, error) { return scOut(b3.ExtractMulti(xb3Flags)) },
			outcome{Valid: true, Trace: "T"}, noErr, 0},
		{"uber-trace-id/hex", func() (outcome, error) { return scOut(jaeger.Parse(a)) },
			invalid, ek("uber-trace-id", tracewire.ErrLength, 32), 0},
		{"uber-trace-id/colons", func() (outcome, error) { return scOut(jaeger.Parse(colons)) },
			invalid, ek("uber-trace-id", tracewire.ErrTraceID, 0), 0},
		{"uber-trace-id/encoded-colons", func() (outcome, error) { return scOut(jaeger.Parse(encColons)) },
			invalid, ek("uber-trace-id", tracewire.ErrTraceID, 0), 0},
		{"uber-trace-id/long-flags", func() (outcome, error) { return scOut(jaeger.Parse(jFlags)) },
			invalid, ek("uber-trace-id", tracewire.ErrLength, 54), 0},
		{"uberctx/escapes", func() (outcome, error) {
			out, err := jaeger.AppendUnescaped(bigBuf[:0], escapes)
			return outcome{Kept: len(out), Dropped: len(out) - bytes.Count(out, []byte("A"))}, err
		}, outcome{Kept: mib / 3}, noErr, 0},
		{"uberctx/truncated-escape-at-end", func() (outcome, error) {
			// With room for the output; see regressions_test.go for a
			// small buffer.
			out, err := jaeger.AppendUnescaped(escBuf[:0], escTrunc)
			return outcome{Kept: len(out)}, err
		}, outcome{}, ek("uberctx-", tracewire.ErrEscape, mib), 1}, // the error: its offset is past the 256 an ErrorTable interns
	})
}

// TestHostileManyMembers: 10 000 list members are cut at the format's
// limit, reported at the first member past it, without allocating but
// for the error itself when it lies past offset 256.
func TestHostileManyMembers(t *testing.T) {
	list := members(10000)
	// k0..k9 take 5 bytes with their comma, k10.. 6: the 33rd member
	// starts at 10*5+22*6 and the 65th at 10*5+54*6.
	const at33, at65 = 182, 374
	runHostile(t, []hostileCase{
		{"tracestate/strict", func() (outcome, error) { return tsOut(tracewire.ParseTraceState(list)) },
			outcome{}, ek("tracestate", tracewire.ErrTooManyMembers, at33), 0},
		{"tracestate/lenient", func() (outcome, error) {
			return tsOut(tracewire.TraceStateOptions{Lenient: true}.Parse(list))
		}, outcome{Kept: 32}, ek("tracestate", tracewire.ErrTooManyMembers, at33), 0},
		{"tracestate/lenient-level1", func() (outcome, error) {
			return tsOut(tracewire.TraceStateOptions{Lenient: true, Level1: true}.Parse(list))
		}, outcome{Kept: 32}, ek("tracestate", tracewire.ErrTooManyMembers, at33), 0},
		{"baggage", func() (outcome, error) { return bgOut(baggage.Parse(list)) },
			outcome{Kept: 64, Dropped: 9936}, ek("baggage", tracewire.ErrTooManyMembers, at65), 1}, // the error, past offset 256
	})
}

// TestHostileRepeatedLines: 5000 lines of one header, as an http.Header
// holds them. traceparent is a singleton (several lines are invalid);
// tracestate and baggage lines form one list, cut at its limit. The
// lines are joined once at most.
func TestHostileRepeatedLines(t *testing.T) {
	const n = 5000
	tpLines := make([]string, n)
	tsLines := make([]string, n)
	bgLines := make([]string, n)
	uberctx := http.Header{}
	for i := range n {
		tpLines[i] = hTP
		tsLines[i] = "k" + strconv.Itoa(i) + "=v"
		bgLines[i] = tsLines[i]
		uberctx["Uberctx-K"+strconv.Itoa(i)] = []string{"v"}
	}
	tp := carrier.HTTPHeader(http.Header{"Traceparent": tpLines})
	ts := carrier.HTTPHeader(http.Header{"Traceparent": {hTP}, "Tracestate": tsLines})
	bg := carrier.HTTPHeader(http.Header{"Baggage": bgLines})
	all := carrier.HTTPHeader(http.Header{"Traceparent": tpLines, "Tracestate": tsLines, "Baggage": bgLines})
	composite := fourFormats()
	runHostile(t, []hostileCase{
		{"traceparent", func() (outcome, error) { return scOut(traceparent.Propagator{}.ExtractFrom(tp)) },
			invalid, ek("traceparent", tracewire.ErrTrailingData, 55), 0},
		{"tracestate", func() (outcome, error) {
			sc, err := traceparent.Propagator{}.ExtractFrom(ts)
			o, err := scOut(sc, err)
			o.Kept = sc.TraceState().Len()
			return o, err
		}, outcome{Valid: true, Trace: "T", Sampling: tracewire.SamplingAccept}, noErr, 1}, // the list is discarded, not an extraction error
		{"baggage", func() (outcome, error) { return bgOut(baggage.Propagator{}.ExtractFrom(bg)) },
			outcome{Kept: 64, Dropped: n - 64}, ek("baggage", tracewire.ErrTooManyMembers, 374), 2}, // joining the lines, and the error past offset 256
		{"composite", func() (outcome, error) { return scOut(composite.ExtractFrom(all)) },
			invalid, ek("traceparent", tracewire.ErrTrailingData, 55), 0},
	})

	// 5000 uberctx-* headers: every item is read, and the baggage the
	// composite keeps is cut at the W3C limit of 64 members.
	got := 0
	jaeger.ExtractBaggage(carrier.HTTPHeader(uberctx), func(k, v string) bool { got++; return true })
	if got != n {
		t.Errorf("ExtractBaggage yielded %d items, want %d", got, n)
	}
	ctx := composite.Extract(t.Context(), carrier.HTTPHeader(uberctx))
	if b := baggage.FromContext(ctx); b.Len() != baggage.DefaultMaxMembers {
		t.Errorf("composite kept %d baggage members from %d uberctx-* headers, want %d", b.Len(), n, baggage.DefaultMaxMembers)
	}
}

// TestHostileControlBytes: CR, LF and NUL are never whitespace and never
// part of a value; they are rejected where they stand, and nothing a
// propagator writes contains them, even when a percent-escape decoded
// them.
func TestHostileControlBytes(t *testing.T) {
	nulFirst := "\x00" + hTP[1:]
	lfInTrace := hTP[:20] + "\n" + hTP[21:]
	runHostile(t, []hostileCase{
		{"traceparent/crlf-after", func() (outcome, error) { return scOut(traceparent.Parse(hTP + "\r\n")) },
			invalid, ek("traceparent", tracewire.ErrTrailingData, 55), 0},
		{"traceparent/nul-first", func() (outcome, error) { return scOut(traceparent.Parse(nulFirst)) },
			invalid, ek("traceparent", tracewire.ErrVersion, 0), 0},
		{"traceparent/lf-in-trace-id", func() (outcome, error) { return scOut(traceparent.Parse(lfInTrace)) },
			invalid, ek("traceparent", tracewire.ErrTraceID, 20), 0},
		{"tracestate/crlf-after-value", func() (outcome, error) { return tsOut(tracewire.ParseTraceState("a=1\r\n")) },
			outcome{}, ek("tracestate", tracewire.ErrValue, 3), 0},
		{"tracestate/nul-in-key", func() (outcome, error) { return tsOut(tracewire.ParseTraceState("a=1,b\x00=2")) },
			outcome{}, ek("tracestate", tracewire.ErrKey, 5), 0},
		{"baggage/crlf-in-value", func() (outcome, error) { return bgOut(baggage.Parse("k=v\r\nx=y")) },
			outcome{Dropped: 1}, ek("baggage", tracewire.ErrValue, 3), 0},
		{"baggage/nul-drops-one-member", func() (outcome, error) { return bgOut(baggage.Parse("a=1,k=v\x00,b=2")) },
			outcome{Kept: 2, Dropped: 1}, ek("baggage", tracewire.ErrValue, 7), 0},
		{"b3/crlf-after-span-id", func() (outcome, error) { return scOut(b3.Parse(hT + "-" + hP + "\r\n")) },
			invalid, ek("b3", tracewire.ErrDelimiter, 49), 0},
		{"b3/cr-after-state", func() (outcome, error) { return scOut(b3.Parse(hT + "-" + hP + "-1\r")) },
			invalid, ek("b3", tracewire.ErrSampling, 50), 0},
		{"uber-trace-id/crlf-after", func() (outcome, error) { return scOut(jaeger.Parse(hJ + "\r\n")) },
			invalid, ek("uber-trace-id", tracewire.ErrFlags, 53), 0},
		{"uber-trace-id/nul-first", func() (outcome, error) { return scOut(jaeger.Parse("\x00" + hJ)) },
			invalid, ek("uber-trace-id", tracewire.ErrTraceID, 0), 0},
	})

	in := http.Header{
		"Traceparent":  {hTP},
		"Uberctx-Note": {"line1%0D%0Aline2%00"},
		"Baggage":      {"ok=1,bad=x\ry"},
	}
	out := http.Header{}
	c := fourFormats()
	c.Inject(c.Extract(t.Context(), carrier.HTTPHeader(in)), carrier.HTTPHeader(out))
	for k, vs := range out {
		for _, v := range vs {
			if strings.ContainsAny(v, "\r\n\x00") {
				t.Errorf("injected %s: %q holds a control byte", k, v)
			}
		}
	}
	// W3C members first, then the uberctx-* items W3C lacks.
	if diff := cmp.Diff([]string{"ok=1,note=line1%0D%0Aline2%00"}, out["Baggage"]); diff != "" {
		t.Errorf("baggage (-want +got):\n%s", diff)
	}
}

// TestHostileTruncatedEscapes: a "%" not followed by two hex digits is
// ErrEscape at the "%": the baggage member holding it is dropped, the
// rest kept; Jaeger's decoder fails without touching dst; an uberctx-*
// value that does not decode travels raw.
func TestHostileTruncatedEscapes(t *testing.T) {
	var cases []hostileCase
	for _, c := range []struct {
		in   string
		want outcome
		off  int
	}{
		{"k=%", outcome{Dropped: 1}, 2},
		{"k=%4", outcome{Dropped: 1}, 2},
		{"k=%G1", outcome{Dropped: 1}, 2},
		{"k=50%", outcome{Dropped: 1}, 4},
		{"a=1,k=a%4,b=2", outcome{Kept: 2, Dropped: 1}, 7},
	} {
		cases = append(cases, hostileCase{"baggage " + c.in, func() (outcome, error) { return bgOut(baggage.Parse(c.in)) },
			c.want, ek("baggage", tracewire.ErrEscape, c.off), 0})
	}
	buf := make([]byte, 0, 64)
	for _, c := range []struct {
		in  string
		off int
	}{{"%", 0}, {"%4", 0}, {"ab%4", 2}, {"%%41", 0}, {"%4g", 0}, {"a%41%", 4}} {
		cases = append(cases, hostileCase{"uberctx " + c.in, func() (outcome, error) {
			out, err := jaeger.AppendUnescaped(append(buf[:0], "dst"...), c.in)
			return outcome{Kept: len(out)}, err
		}, outcome{Kept: 3}, ek("uberctx-", tracewire.ErrEscape, c.off), 0})
	}
	encT := hT + "%3A" + hP + "%3A0%3"
	cases = append(cases,
		hostileCase{"uber-trace-id %3 after trace id", func() (outcome, error) { return scOut(jaeger.Parse(hT + "%3")) },
			invalid, ek("uber-trace-id", tracewire.ErrTraceID, 32), 0},
		hostileCase{"uber-trace-id truncated last %3A", func() (outcome, error) { return scOut(jaeger.Parse(encT)) },
			invalid, ek("uber-trace-id", tracewire.ErrParentSpanID, 55), 0},
	)
	runHostile(t, cases)

	var got [][2]string
	jaeger.ExtractBaggage(carrier.HTTPHeader(http.Header{
		"Uberctx-A":      {"50%"},
		"Uberctx-B":      {"%4"},
		"Jaeger-Baggage": {"c=%4, d=%41"},
	}), func(k, v string) bool { got = append(got, [2]string{k, v}); return true })
	want := [][2]string{{"a", "50%"}, {"b", "%4"}, {"c", "%4"}, {"d", "A"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ExtractBaggage (-want +got):\n%s", diff)
	}
}

// BenchmarkHostile parses each hostile input at 1 MiB and at 2 MiB. The
// cases read their whole input, so ns/op must double, not quadruple, from
// one size to the next; check with
//
//	go test -run=NONE -bench=Hostile -count=10 ./fuzz/ > h.txt && benchstat h.txt
//
// Tests never assert on time; this is for a human reading the numbers.
func BenchmarkHostile(b *testing.B) {
	cases := []struct {
		name  string
		input func(n int) string
		parse func(s string)
	}{
		{"traceparent-ows", func(n int) string { return strings.Repeat(" ", n) + hTP },
			func(s string) { _, _ = traceparent.Parse(s) }},
		{"server-timing-metrics", func(n int) string { return strings.Repeat("a,", n/2) + "trace;desc=" + hTP },
			func(s string) { _, _ = traceparent.ParseServerTiming(s) }},
		{"server-timing-quotes", func(n int) string { return strings.Repeat(`a;x="`, n/5) },
			func(s string) { _, _ = traceparent.ParseServerTiming(s) }},
		{"tracestate-commas", func(n int) string { return strings.Repeat(",", n) },
			func(s string) { _, _ = tracewire.ParseTraceState(s) }},
		{"tracestate-members-lenient", func(n int) string { return members(n / 7) },
			func(s string) { _, _ = tracewire.TraceStateOptions{Lenient: true}.Parse(s) }},
		{"baggage-members", func(n int) string { return members(n / 7) },
			func(s string) { _, _ = baggage.Parse(s) }},
		{"baggage-properties", func(n int) string { return "k=v;" + strings.Repeat("p;", n/2) + "p" },
			func(s string) { _, _ = baggage.Parse(s) }},
		{"uberctx-escapes", func(n int) string { return strings.Repeat("%41", n/3) },
			func(s string) { _, _ = jaeger.AppendUnescaped(make([]byte, 0, len(s)), s) }},
		{"jaeger-baggage-pairs", func(n int) string { return strings.Repeat("k=v, ", n/5) },
			func(s string) {
				jaeger.ExtractBaggage(carrier.Map{"jaeger-baggage": s}, func(string, string) bool { return true })
			}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for _, size := range []struct {
				name string
				n    int
			}{{"1MiB", mib}, {"2MiB", 2 * mib}} {
				s := c.input(size.n)
				b.Run(size.name, func(b *testing.B) {
					b.SetBytes(int64(len(s)))
					for b.Loop() {
						c.parse(s)
					}
				})
			}
		})
	}
}

// TestHostileManyBaggageHeaders: a request whose 1 MiB of headers (what
// net/http admits by default) is tens of thousands of uberctx-* lines.
// The composite keeps the first 64 items in key order, with the
// jaeger-baggage pair replacing its uberctx twin, and the work stays
// linear in the number of headers: every item used to be added to the
// baggage with a scan of all the items before it.
func TestHostileManyBaggageHeaders(t *testing.T) {
	const n = 60000
	h := http.Header{"Jaeger-Baggage": {"k1=replaced"}}
	names := make([]string, n)
	for i := range n {
		k := "k" + strconv.Itoa(i)
		names[i] = k
		h["Uberctx-"+strings.ToUpper(k[:1])+k[1:]] = []string{"v" + strconv.Itoa(i)}
	}
	slices.Sort(names)
	var want strings.Builder
	for i, k := range names[:baggage.DefaultMaxMembers] {
		if i > 0 {
			want.WriteByte(',')
		}
		v := "v" + k[1:]
		if k == "k1" {
			v = "replaced"
		}
		want.WriteString(k + "=" + v)
	}
	c := propagator.Compose(propagator.Jaeger(), propagator.Baggage())
	ctx := c.Extract(context.Background(), carrier.HTTPHeader(h))
	if diff := cmp.Diff(want.String(), baggage.Format(baggage.FromContext(ctx))); diff != "" {
		t.Errorf("baggage (-want +got):\n%s", diff)
	}
}
