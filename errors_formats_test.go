package tracewire_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

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

// fixedWidthBad fails every fixed-width parser of the module with (nearly)
// every kind it can report.
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
		out = append(out, badValue{"b3 " + v, parseWith(b3.ParseSingle, v)})
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

// listBad fails the module's list-header parsers with every kind they
// report.
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

// sweep runs every bad value behind 0 to 255 spaces, so that its error
// moves through every offset below 256, and checks that an error there
// costs no allocation and one beyond costs one.
func sweep(t *testing.T, bad []badValue) {
	t.Helper()
	kinds := map[string]bool{}
	for _, b := range bad {
		for n := range tracewire.InternedOffsetsForTest {
			run := b.behind(strings.Repeat(" ", n))
			var pe *tracewire.ParseError
			if err := run(); !errors.As(err, &pe) {
				t.Fatalf("%s behind %d spaces: error %v, want a *ParseError", b.name, n, err)
			}
			kinds[pe.Header()+" "+pe.Kind().String()] = true
			want := 0.0
			if pe.Offset() >= tracewire.InternedOffsetsForTest {
				want = 1
			}
			if got := testing.AllocsPerRun(2, func() { _ = run() }); got != want {
				t.Fatalf("%s behind %d spaces (error at offset %d): %v allocs, want %v", b.name, n, pe.Offset(), got, want)
			}
		}
	}
	t.Logf("%d (header, kind) pairs", len(kinds))
}

// TestErrorBudgetFixedWidth: an adversary spends the budget's shared part
// on list-header errors; every error the fixed-width parsers can return
// at an offset below 256 still costs no allocation.
func TestErrorBudgetFixedWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps every offset")
	}
	tracewire.ResetErrorBudgetForTest()
	defer tracewire.ResetErrorBudgetForTest()
	var kept []error
	for i := 0; ; i++ {
		if _, list := tracewire.ErrorBytesForTest(); list == tracewire.ListBudgetForTest {
			break
		}
		table := &tracewire.ErrorTable{Header: "adversary-" + strconv.Itoa(i), List: true}
		for k := tracewire.ErrorKind(1); k.String() != "unknown"; k++ {
			for off := range tracewire.InternedOffsetsForTest {
				kept = append(kept, table.At(k, off))
			}
		}
	}
	sweep(t, fixedWidthBad())
	if reserved, _ := tracewire.ErrorBytesForTest(); reserved > tracewire.ErrorBudgetForTest-tracewire.ListBudgetForTest {
		t.Errorf("reserved part at %d bytes", reserved)
	}
	_ = kept
}

// TestErrorBudgetLists: the shared part holds every error the module's
// list-header parsers can return below offset 256.
func TestErrorBudgetLists(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps every offset")
	}
	tracewire.ResetErrorBudgetForTest()
	defer tracewire.ResetErrorBudgetForTest()
	sweep(t, listBad())
}
