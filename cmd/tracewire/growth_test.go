package main

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// hostileInputs are inputs built to make a careless reader or printer
// quadratic: each function returns one of about n bytes.
var hostileInputs = []struct {
	name string
	gen  func(n int) string
}{
	{"baggage of invalid members", func(n int) string { return "baggage: " + strings.Repeat("x,", n/2) + "\n" }},
	{"baggage with one long key", func(n int) string {
		return "baggage: " + strings.Repeat("k", n/2) + "=1," + strings.Repeat("b=1,", n/8) + "\n"
	}},
	{"many uberctx headers", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "uberctx-k%d: v\n", i)
		}
		return b.String()
	}},
	{"uberctx with long keys", func(n int) string {
		return "uberctx-" + strings.Repeat("k", n/2) + ": v\n" + strings.Repeat("uberctx-a: b\n", n/26)
	}},
	{"folded lines", func(n int) string { return "baggage: a=1\n" + strings.Repeat(" y\n", n/3) }},
	{"baggage member with many properties", func(n int) string { return "baggage: k=v" + strings.Repeat(";a", n/2) + "\n" }},
	{"many JSON keys", func(n int) string {
		var b strings.Builder
		b.WriteString(`{"traceparent": "` + tp + `"`)
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, `, "k%d": [%d, true, null, "v"]`, i, i)
		}
		return b.String() + "}"
	}},
	{"NUL bytes in a traceparent", func(n int) string { return "traceparent: 00-" + strings.Repeat("\x00", n) + "\n" }},
	{"unreadable lines", func(n int) string { return strings.Repeat("x\n", n/2) + "b3: 1\n" }},
	{"long tracestate", func(n int) string {
		var b strings.Builder
		b.WriteString("traceparent: " + tp + "\ntracestate: ")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "k%d=v,", i)
		}
		return b.String() + "\n"
	}},
	{"NDJSON log records", func(n int) string {
		return strings.Repeat(`{"level":"info","headers":{"traceparent":["`+tp+`"],"baggage":["a=1,x"]}}`+"\n", n/90)
	}},
	{"log lines", func(n int) string {
		return strings.Repeat("2026/11/28 21:01:56 INFO traceparent="+tp+` tracestate="a=1, b=2" b3=1`+"\n", n/120)
	}},
	{"HAR entries", func(n int) string {
		e := `{"request": {"method": "GET", "url": "http://a/", "headers": [{"name": "traceparent", "value": "` + tp + `"}]}, "response": {"status": 200, "headers": []}}`
		return `{"log": {"entries": [` + strings.Repeat(e+",", n/len(e)) + e + `]}}`
	}},
}

// TestLinearGrowth runs the command as a user would, in-process, on each
// hostile input at sizes n and 8n, with every output form, and requires
// the bytes written and the bytes allocated to grow no faster than the
// input: output by a factor of 16 for 8 times the input, allocation by 24
// (slices that double can hold up to twice what they need at one size and
// not the other, and quadratic work would show 64). The output of
// the default forms must also stay small whatever the input: it is
// bounded. Time is not measured: it follows the work, which the
// allocation count stands for.
func TestLinearGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command 120 times on inputs up to 96 KiB")
	}
	const n = 12 << 10
	modes := [][]string{
		{"inspect"},
		{"inspect", "--json"},
		{"inspect", "--full"},
		{"inspect", "--json", "--full"},
		{"convert"},
		{"convert", "--format", "baggage"},
		{"convert", "--format", "uberctx"},
	}
	for _, in := range hostileInputs {
		small, large := in.gen(n), in.gen(8*n)
		for _, args := range modes {
			name := in.name + "/" + strings.Join(args, " ")
			t.Run(name, func(t *testing.T) {
				runMeasured(large, args) // warm lazily built tables
				out1, alloc1 := runLeast(small, args)
				out8, alloc8 := runLeast(large, args)
				t.Logf("input %d → %d bytes: output %d → %d, allocated %d → %d", len(small), len(large), out1, out8, alloc1, alloc8)
				if out8 > 16*max(out1, 512) {
					t.Errorf("output grew %.1f times for 8 times the input (%d → %d bytes)", float64(out8)/float64(out1), out1, out8)
				}
				if alloc8 > 24*max(alloc1, 64<<10) {
					t.Errorf("allocation grew %.1f times for 8 times the input (%d → %d bytes)", float64(alloc8)/float64(alloc1), alloc1, alloc8)
				}
				if !strings.Contains(name, "--full") && args[0] == "inspect" && out8 > 256<<10 {
					t.Errorf("default output of %d bytes for %d bytes of input: not bounded", out8, len(large))
				}
			})
		}
	}
}

// runMeasured runs the command and returns how many bytes it wrote to
// stdout and how many it allocated.
func runMeasured(stdin string, args []string) (out int, alloc uint64) {
	var o, e bytes.Buffer
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	run(args, strings.NewReader(stdin), &o, &e, func(string) string { return "" }, false)
	runtime.ReadMemStats(&after)
	return o.Len(), after.TotalAlloc - before.TotalAlloc
}

// runLeast runs the command three times and returns the output size and
// the least allocation: the heap statistics count every goroutine's
// allocations, and a goroutine an earlier test left running must not
// make this one fail.
func runLeast(in string, args []string) (out int, alloc uint64) {
	out, alloc = runMeasured(in, args)
	for range 2 {
		if _, a := runMeasured(in, args); a < alloc {
			alloc = a
		}
	}
	return out, alloc
}

// TestLineCounterLinear: asks that step back to a value's start after a
// note inside it, as parseJSONInput makes for every NDJSON value with a
// key it notes, count over about the text once, not over the text so far
// at every step back, and give each value's line.
func TestLineCounterLinear(t *testing.T) {
	const values = 10000
	line := `{"b3":"1","é":1}` + "\n"
	text := strings.Repeat(line, values)
	c := lineCounter{text: text, line: 1}
	for i := range values {
		start := i * len(line)
		c.at(start + 10)
		if got := c.at(start); got != i+1 {
			t.Fatalf("value %d: line %d, want %d", i, got, i+1)
		}
	}
	if c.counted > 3*len(text) {
		t.Errorf("counted over %d bytes of a %d-byte text", c.counted, len(text))
	}
}
