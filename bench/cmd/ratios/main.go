// Command ratios reads `go test -bench` output of the bench module and
// prints, for every <Op>/case=<case>, the median cost of each library, the
// speed-up of tracewire over each peer, tracewire's distance to the floor,
// and whether each performance target of the project is met.
//
// Usage:
//
//	ratios [-md] [file ...]
//
// With no file it reads standard input. Medians are taken over every run of
// a benchmark (go test -count), the same centre benchstat reports.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// row is one <Op>/case=<case>.
type row struct {
	op, cas string
}

// samples holds every run of one library on one row.
type samples struct {
	ns, bytes, allocs []float64
}

// target is a claim the benchmarks must back.
type target struct {
	op, cas, peer string
	// minSpeedup is the least peer/tracewire ratio; maxFloor the most
	// tracewire/floor ratio. Zero means not checked.
	minSpeedup, maxFloor float64
}

var targets = []target{
	{op: "Parse", cas: "traceparent", peer: "floor", maxFloor: 1.25},
	{op: "Format", cas: "traceparent", peer: "floor", maxFloor: 1.25},
	{op: "Extract", cas: "traceparent-http", peer: "otel", minSpeedup: 6},
	{op: "Extract", cas: "tracestate32-http", peer: "otel", minSpeedup: 15},
	{op: "Extract", cas: "baggage5-http", peer: "otel", minSpeedup: 10},
	{op: "Extract", cas: "baggage64-http", peer: "otel", minSpeedup: 10},
	{op: "Extract", cas: "b3single-http", peer: "otel", minSpeedup: 4},
	{op: "Extract", cas: "b3multi-http", peer: "otel", minSpeedup: 4},
	{op: "Extract", cas: "jaeger-http", peer: "otel", minSpeedup: 4},
	{op: "Extract", cas: "xray-http", peer: "otel", minSpeedup: 2},
	{op: "Extract", cas: "ottrace-http", peer: "otel", minSpeedup: 4},
	{op: "Extract", cas: "composite-http", peer: "otel", minSpeedup: 10},
}

// zeroAllocOps are the operations whose every tracewire row must allocate
// nothing: parsing, context-free extraction and appending into a buffer.
var zeroAllocOps = []string{"Parse", "Format", "Extract"}

var peers = []string{"otel", "zipkin", "ddtrace", "floor", "floorspell"}

// isFloor reports whether a library is one of the floors rather than a
// peer: "floor", and "floorspell", the floor of a map row that also makes
// the lookups of the other spellings carrier.Map's contract makes (see
// bench/floors_test.go). An http row has no floorspell: its keys are
// canonical, and its floor makes the lookups tracewire makes.
func isFloor(lib string) bool { return lib == "floor" || lib == "floorspell" }

// rowTarget is a target every row of an operation must meet.
type rowTarget struct {
	op   string
	desc string
	// check returns the measured value, as text, and whether it meets the
	// target; ok is false when the row has no data for it.
	check func(rw row, libs map[string]*samples) (got string, met, ok bool)
}

var rowTargets = []rowTarget{
	{"Extract", "tracewire/floor <= 1.25", floorWithin("floor", 1.25)},
	{"Extract", "tracewire/floorspell <= 1.25 (floor on http rows)", floorWithin("floorspell", 1.25)},
	{"Extract", "faster than every peer", beatsPeers(false)},
	{"Inject", "tracewire/floor <= 1.25", floorWithin("floor", 1.25)},
	{"Inject", "tracewire/floorspell <= 1.25 (floor on http rows)", floorWithin("floorspell", 1.25)},
	{"Inject", "never slower than a peer", beatsPeers(true)},
	{"Inject", "composite <= 2 allocs", func(rw row, libs map[string]*samples) (string, bool, bool) {
		tw := libs["tracewire"]
		if tw == nil || !strings.HasPrefix(rw.cas, "composite") {
			return "", false, false
		}
		a := median(tw.allocs)
		return fmt.Sprintf("%g allocs", a), a <= 2, true
	}},
	{"ExtractContext", "otel/tracewire >= 1.5", func(rw row, libs map[string]*samples) (string, bool, bool) {
		tw, o := libs["tracewire"], libs["otel"]
		if tw == nil || o == nil {
			return "", false, false
		}
		r := median(o.ns) / median(tw.ns)
		return fmt.Sprintf("%.2f×", r), r >= 1.5, true
	}},
}

// floorWithin is the target tracewire/floor <= max, against the floor
// named; a row without floorspell (an http row) is measured against its
// floor.
func floorWithin(floor string, max float64) func(row, map[string]*samples) (string, bool, bool) {
	return func(_ row, libs map[string]*samples) (string, bool, bool) {
		tw, f := libs["tracewire"], libs[floor]
		if f == nil {
			f = libs["floor"]
		}
		if tw == nil || f == nil {
			return "", false, false
		}
		r := median(tw.ns) / median(f.ns)
		return fmt.Sprintf("%.2f", r), r <= max, true
	}
}

// beatsPeers is the target tracewire faster than every peer (orEqual:
// not slower); it reports the worst ratio tracewire/peer.
func beatsPeers(orEqual bool) func(row, map[string]*samples) (string, bool, bool) {
	return func(_ row, libs map[string]*samples) (string, bool, bool) {
		tw := libs["tracewire"]
		if tw == nil {
			return "", false, false
		}
		worst, name := 0.0, ""
		for _, p := range peers {
			if ps := libs[p]; ps != nil && !isFloor(p) {
				if r := median(tw.ns) / median(ps.ns); r > worst {
					worst, name = r, p
				}
			}
		}
		if name == "" {
			return "", false, false
		}
		met := worst < 1
		if orEqual {
			met = worst <= 1
		}
		return fmt.Sprintf("tw/%s %.2f", name, worst), met, true
	}
}

func main() {
	md := flag.Bool("md", false, "print the summary as a Markdown table")
	flag.Parse()
	data := map[row]map[string]*samples{}
	var order []row
	read := func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
		for sc.Scan() {
			rw, libName, s, ok := parseLine(sc.Text())
			if !ok {
				continue
			}
			libs, seen := data[rw]
			if !seen {
				libs = map[string]*samples{}
				data[rw] = libs
				order = append(order, rw)
			}
			acc := libs[libName]
			if acc == nil {
				acc = &samples{}
				libs[libName] = acc
			}
			acc.ns = append(acc.ns, s.ns...)
			acc.bytes = append(acc.bytes, s.bytes...)
			acc.allocs = append(acc.allocs, s.allocs...)
		}
		return sc.Err()
	}
	if flag.NArg() == 0 {
		if err := read(os.Stdin); err != nil {
			fail(err)
		}
	}
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fail(err)
		}
		err = read(f)
		f.Close()
		if err != nil {
			fail(err)
		}
	}
	if len(order) == 0 {
		fail(fmt.Errorf("no Benchmark<Op>/case=<case>/library=<lib> lines in the input"))
	}
	if *md {
		printMarkdown(order, data)
	} else {
		printTable(order, data)
	}
	if missed := printTargets(data); missed > 0 && !*md {
		fmt.Printf("\n%d target(s) missed\n", missed)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ratios:", err)
	os.Exit(1)
}

// parseLine splits "BenchmarkOp/case=c/library=l-2  N  v ns/op  v B/op ...".
func parseLine(line string) (row, string, samples, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return row{}, "", samples{}, false
	}
	name := f[0]
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	parts := strings.Split(strings.TrimPrefix(name, "Benchmark"), "/")
	var rw row
	var libName string
	rw.op = parts[0]
	for _, p := range parts[1:] {
		switch {
		case strings.HasPrefix(p, "case="):
			rw.cas = p[len("case="):]
		case strings.HasPrefix(p, "library="):
			libName = p[len("library="):]
		}
	}
	if libName == "dd" {
		libName = "ddtrace" // the name of dd-trace-go's column in the runs of 2026-11-28
	}
	if rw.cas == "" || libName == "" {
		return row{}, "", samples{}, false
	}
	var s samples
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			continue
		}
		switch f[i+1] {
		case "ns/op":
			s.ns = append(s.ns, v)
		case "B/op":
			s.bytes = append(s.bytes, v)
		case "allocs/op":
			s.allocs = append(s.allocs, v)
		}
	}
	return rw, libName, s, len(s.ns) > 0
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// cell formats one library's medians as "ns/op B/op allocs/op".
func cell(s *samples) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%s %gB %ga", fmtNS(median(s.ns)), median(s.bytes), median(s.allocs))
}

func fmtNS(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2fms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.2fµs", v/1e3)
	case v >= 100:
		return fmt.Sprintf("%.0fns", v)
	default:
		return fmt.Sprintf("%.1fns", v)
	}
}

// ratios returns "tracewire/peer (peer/tracewire×)" for each peer present.
func ratios(libs map[string]*samples) []string {
	tw := libs["tracewire"]
	var out []string
	for _, p := range peers {
		ps := libs[p]
		if tw == nil || ps == nil {
			continue
		}
		r := median(tw.ns) / median(ps.ns)
		if isFloor(p) {
			out = append(out, fmt.Sprintf("tw/%s %.2f", p, r))
		} else {
			out = append(out, fmt.Sprintf("tw/%s %.3f (%.1f× faster)", p, r, 1/r))
		}
	}
	return out
}

func printTable(order []row, data map[row]map[string]*samples) {
	fmt.Printf("%-14s %-20s %-22s %-22s %-22s %-22s %-22s %-22s %s\n",
		"op", "case", "tracewire", "otel", "zipkin", "ddtrace", "floor", "floorspell", "ratios")
	for _, rw := range order {
		libs := data[rw]
		fmt.Printf("%-14s %-20s %-22s %-22s %-22s %-22s %-22s %-22s %s\n", rw.op, rw.cas,
			cell(libs["tracewire"]), cell(libs["otel"]), cell(libs["zipkin"]), cell(libs["ddtrace"]), cell(libs["floor"]),
			cell(libs["floorspell"]), strings.Join(ratios(libs), "; "))
	}
}

// printMarkdown prints one row per operation and case: tracewire's
// median time and allocations, the floor and tracewire/floor, the
// floorspell and tracewire/floorspell on a map row, and each peer's time
// and allocations with tracewire/peer.
func printMarkdown(order []row, data map[row]map[string]*samples) {
	fmt.Println("| operation | case | tracewire | floor | tw/floor | floorspell | tw/floorspell | OpenTelemetry-Go | zipkin-go | dd-trace-go | tw/peer (worst) |")
	fmt.Println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	mdCell := func(s *samples) string {
		if s == nil {
			return "–"
		}
		return fmt.Sprintf("%s, %g", fmtNS(median(s.ns)), median(s.allocs))
	}
	for _, rw := range order {
		libs := data[rw]
		tw := libs["tracewire"]
		if tw == nil {
			continue
		}
		ratio := func(floor string) string {
			if f := libs[floor]; f != nil {
				return fmt.Sprintf("%.2f", median(tw.ns)/median(f.ns))
			}
			return "–"
		}
		worst := "–"
		if got, _, ok := beatsPeers(false)(rw, libs); ok {
			worst = strings.TrimPrefix(got, "tw/")
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", rw.op, rw.cas, mdCell(tw),
			mdCell(libs["floor"]), ratio("floor"), mdCell(libs["floorspell"]), ratio("floorspell"),
			mdCell(libs["otel"]), mdCell(libs["zipkin"]), mdCell(libs["ddtrace"]), worst)
	}
}

// printTargets reports each target as met or missed and returns the misses.
func printTargets(data map[row]map[string]*samples) int {
	fmt.Println("\ntargets:")
	missed := 0
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		missed++
		return "MISSED"
	}
	for _, t := range targets {
		libs := data[row{t.op, t.cas}]
		tw, ps := libs["tracewire"], libs[t.peer]
		if tw == nil || ps == nil {
			fmt.Printf("  %-7s %-18s vs %-5s: no data\n", t.op, t.cas, t.peer)
			missed++
			continue
		}
		r := median(ps.ns) / median(tw.ns)
		if t.maxFloor > 0 {
			fr := 1 / r
			fmt.Printf("  %-7s %-18s tracewire/floor %.2f (want <= %.2f): %s\n",
				t.op, t.cas, fr, t.maxFloor, verdict(fr <= t.maxFloor))
		} else {
			fmt.Printf("  %-7s %-18s otel/tracewire %.1f× (want >= %g×): %s\n",
				t.op, t.cas, r, t.minSpeedup, verdict(r >= t.minSpeedup))
		}
	}
	for _, t := range rowTargets {
		var misses []string
		n := 0
		for rw, libs := range data {
			if rw.op != t.op {
				continue
			}
			got, met, ok := t.check(rw, libs)
			if !ok {
				continue
			}
			n++
			if !met {
				misses = append(misses, rw.cas+" ("+got+")")
			}
		}
		if n == 0 {
			continue
		}
		slices.Sort(misses)
		fmt.Printf("  every %s row, %s: %d of %d met", t.op, t.desc, n-len(misses), n)
		if len(misses) > 0 {
			missed++
			fmt.Printf("; MISSED by %s", strings.Join(misses, ", "))
		}
		fmt.Println()
	}
	var allocating []string
	for rw, libs := range data {
		if tw := libs["tracewire"]; tw != nil && slices.Contains(zeroAllocOps, rw.op) && median(tw.allocs) != 0 {
			allocating = append(allocating, fmt.Sprintf("%s/%s (%g)", rw.op, rw.cas, median(tw.allocs)))
		}
	}
	slices.Sort(allocating)
	fmt.Printf("  0 allocs/op on every tracewire %s row: %s",
		strings.Join(zeroAllocOps, "/"), verdict(len(allocating) == 0))
	if len(allocating) > 0 {
		fmt.Printf(" (allocating: %s)", strings.Join(allocating, ", "))
	}
	fmt.Println()
	return missed
}
