package tracewire_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// listTables are the labels of the module's List error tables: the
// header name, or a probe's table label where two tables share a name.
var listTables = map[string]bool{
	"tracestate":       true,
	"tracestate dd=":   true,
	"tracestate ot":    true,
	"baggage":          true,
	"server-timing":    true,
	"uberctx-":         true,
	"x-datadog-tags":   true,
	"x-datadog-origin": true,
}

// otStateCases returns the member values of the invalid cases of
// testdata/otstate.json, whose schema is its own.
func otStateCases(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join(vectors.Dir(), "otstate.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Value string           `json:"value"`
			Error *json.RawMessage `json:"error"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range f.Cases {
		if c.Error != nil {
			out = append(out, c.Value)
		}
	}
	return out
}

// vectorFiles are the vector files the probes draw on.
var vectorFiles = []string{
	"traceparent", "tracestate", "traceresponse", "baggage", "b3", "jaeger", "xray",
	"ottrace", "cloudtrace", "sentry", "datadog", "grpc-trace-bin",
}

// allProbes returns every probe: the entries of formatEntries on every
// invalid case of their vector file, the member parsers, and extraProbes.
// want collects the (header, kind) pairs the vectors expect.
func allProbes(t *testing.T) (probes []probe, want map[string]bool) {
	want = map[string]bool{}
	files := map[string]vectors.File{}
	for _, name := range vectorFiles {
		f := vectors.Load(t, name)
		files[name] = f
		for _, c := range f.Cases {
			if c.Error == nil {
				continue
			}
			want[strings.ToLower(c.Error.Header)+" "+c.Error.Kind] = true
			for _, e := range formatEntries[name] {
				if e.call(c, "") == nil {
					continue
				}
				probes = append(probes, probe{e.name + ": " + c.Name, "", func(n int) func() error { return e.call(c, spaces(n)) }})
			}
		}
	}
	probes = append(probes, memberProbes(t, files)...)
	return append(probes, extraProbes(t)...), want
}

// A pair is one (table, kind) an adversary can make a table intern.
type pair struct{ table, kind string }

// budgetRun is what a walk over the probes found.
type budgetRun struct {
	pairs   map[pair]bool   // every pair reached
	reached map[string]bool // every header and kind reached
	swept   map[string]bool // entry and pair already walked over every offset
}

// label returns the table a probe's error comes from.
func label(p probe, header string) string {
	if p.table != "" {
		return p.table
	}
	return header
}

// classify runs every probe once where it stands and records its pair.
func (r *budgetRun) classify(probes []probe) (list, fixed []probe) {
	for _, p := range probes {
		h, k, _, ok := vectorcheck.Detail(p.behind(0)())
		if !ok {
			continue // ExtractFrom reads an empty value as absent
		}
		pr := pair{label(p, h), k.String()}
		r.pairs[pr] = true
		r.reached[strings.ToLower(h)+" "+k.String()] = true
		if listTables[pr.table] {
			list = append(list, p)
		} else {
			fixed = append(fixed, p)
		}
	}
	return list, fixed
}

// sweep moves the error of p through the offsets, as far as p can move it
// up to 255 bytes, and checks that each error below bound costs no
// allocation and each beyond one. Only the first probe of an entry point
// and pair walks every offset; the others stay where they are.
func (r *budgetRun) sweep(t *testing.T, p probe, bound int) {
	t.Helper()
	h, k, off, _ := vectorcheck.Detail(p.behind(0)())
	pr := pair{label(p, h), k.String()}
	entryName, _, _ := strings.Cut(p.name, ": ")
	key := entryName + " " + pr.table + " " + pr.kind
	last := 0
	if !r.swept[key] {
		r.swept[key] = true
		last = tracewire.ListOffsetsForTest - 1
	}
	var below, beyond []func() error
	for n := 0; n <= last; n++ {
		run := p.behind(n)
		if run == nil {
			continue
		}
		h2, k2, off2, ok := vectorcheck.Detail(run())
		if !ok || h2 != h || k2 != k || off2 != off+n {
			if n == 0 {
				t.Fatalf("%s: error changed between runs", p.name)
			}
			break // the padding changed what is wrong; the walk ends here
		}
		if off2 < bound {
			below = append(below, run)
		} else {
			beyond = append(beyond, run)
		}
	}
	all := func(runs []func() error) func() {
		return func() {
			for _, run := range runs {
				_ = run()
			}
		}
	}
	// Five runs, so that an allocation of the runtime's own during the
	// walk does not count (AllocsPerRun rounds down).
	if got := testing.AllocsPerRun(5, all(below)); got != 0 {
		t.Errorf("%s: %v allocations for %d errors below offset %d, want none", p.name, got, len(below), bound)
	}
	if got := testing.AllocsPerRun(5, all(beyond)); got != float64(len(beyond)) {
		t.Errorf("%s: %v allocations for %d errors at offset %d or later, want one each", p.name, got, len(beyond), bound)
	}
}

// The environment variable that marks the process TestErrorBudgetFormats
// starts to run in.
const budgetChild = "TRACEWIRE_ERROR_BUDGET_CHILD"

// TestErrorBudgetFormats runs every parser of the module on every invalid
// input of the vectors (and a few more, for the kinds no vector reaches),
// moving each error through the offsets with leading whitespace where the
// format trims it. In a process of its own, so that the budget's count is
// every byte the tables hold:
//
//   - every error of a List table below 256 costs no allocation, while no
//     adversary has spent the budget's shared part;
//   - an adversary then spends the shared part, and every error of a
//     fixed-width table below 128 still costs no allocation; beyond its
//     table's bound, every error costs exactly one;
//   - the tables together hold at most 256 KiB;
//   - the (table, kind) pairs reached fit their parts of the budget, and
//     their numbers are those errors.go and README.md state.
func TestErrorBudgetFormats(t *testing.T) {
	if testing.Short() {
		t.Skip("walks every parser over every offset")
	}
	if os.Getenv(budgetChild) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestErrorBudgetFormats$", "-test.v")
		cmd.Env = append(os.Environ(), budgetChild+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the test's own process failed: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "errors_budget_test.go") {
				t.Log(strings.TrimSpace(l))
			}
		}
		return
	}
	if reserved, list := tracewire.ErrorBytesForTest(); reserved != 0 || list != 0 {
		t.Fatalf("the budget holds %d + %d bytes before the test", reserved, list)
	}
	probes, want := allProbes(t)
	r := &budgetRun{pairs: map[pair]bool{}, reached: map[string]bool{}, swept: map[string]bool{}}
	list, fixed := r.classify(probes)

	// The List tables' errors, while the shared part lasts.
	for _, p := range list {
		r.sweep(t, p, tracewire.ListOffsetsForTest)
	}
	_, moduleList := tracewire.ErrorBytesForTest()

	// The adversary spends the rest of the shared part on new List tables.
	var kept []error
	for i := 0; ; i++ {
		if _, used := tracewire.ErrorBytesForTest(); used == tracewire.ListBudgetForTest {
			break
		}
		table := &tracewire.ErrorTable{Header: "adversary-" + strconv.Itoa(i), List: true}
		for k := tracewire.ErrorKind(1); k.String() != "unknown"; k++ {
			for off := range tracewire.ListOffsetsForTest {
				kept = append(kept, table.At(k, off))
			}
		}
	}
	for _, p := range fixed {
		r.sweep(t, p, tracewire.FixedOffsetsForTest)
	}

	reserved, shared := tracewire.ErrorBytesForTest()
	if reserved+shared > tracewire.ErrorBudgetForTest {
		t.Errorf("the tables hold %d + %d bytes, over the budget of %d", reserved, shared, tracewire.ErrorBudgetForTest)
	}
	for p := range want {
		if !r.reached[p] {
			t.Errorf("no probe reached %s, which a vector expects", p)
		}
	}

	var nFixed, nList int
	var names []string
	for p := range r.pairs {
		names = append(names, p.table+" "+p.kind)
		if listTables[p.table] {
			nList++
		} else {
			nFixed++
		}
	}
	sort.Strings(names)
	t.Logf("%d probes reach %d fixed-width and %d List (table, kind) pairs; the module's List tables hold %d bytes", len(probes), nFixed, nList, moduleList)
	t.Logf("pairs: %s", strings.Join(names, ", "))
	perFixed, perList := tracewire.FixedOffsetsForTest*tracewire.ErrorSizeForTest, tracewire.ListOffsetsForTest*tracewire.ErrorSizeForTest
	if need := nFixed * perFixed; need > tracewire.ErrorBudgetForTest-tracewire.ListBudgetForTest {
		t.Errorf("%d fixed-width pairs need %d bytes, over the reserved part", nFixed, need)
	}
	if need := nList * perList; need > tracewire.ListBudgetForTest {
		t.Errorf("%d List pairs need %d bytes, over the shared part", nList, need)
	}
	checkDocumentedPairs(t, nFixed, nList, perFixed, perList)
	_ = kept
}

// documentedPairs finds, in the text of errors.go or README.md with
// comment markers and line breaks taken out, the numbers of pairs and
// bytes the documentation states.
var documentedPairs = regexp.MustCompile(`fixed-width tables can fail with (\d+) \(table, kind\) pairs and its List tables with (\d+): (\d+) KiB of the reserved (\d+) and (\d+) KiB of the shared (\d+)`)

// checkDocumentedPairs fails t unless errors.go and README.md state the
// numbers of pairs the walk counted, the bytes they take and the parts of
// the budget.
func checkDocumentedPairs(t *testing.T, nFixed, nList, perFixed, perList int) {
	t.Helper()
	want := []int{nFixed, nList, nFixed * perFixed >> 10, (tracewire.ErrorBudgetForTest - tracewire.ListBudgetForTest) >> 10,
		nList * perList >> 10, tracewire.ListBudgetForTest >> 10}
	for _, file := range []string{"errors.go", "README.md"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(strings.ReplaceAll(string(b), "\n//", " ")), " ")
		m := documentedPairs.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s does not state the numbers of pairs (%s)", file, documentedPairs)
			continue
		}
		var got []int
		for _, d := range m[1:] {
			n, _ := strconv.Atoi(d)
			got = append(got, n)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s states numbers the walk does not give (-walk +%s):\n%s", file, file, d)
		}
	}
}
