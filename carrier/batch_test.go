package carrier_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// batchOp is one write, done directly on a carrier or through a Batch.
type batchOp struct {
	kind       byte // 's' Set, 'b' Set of bytes, 'd' Delete, 'f' DeleteFunc(uberctx-*), 'g' DeleteFunc(startsUpper)
	key, value string
}

func (op batchOp) apply(s carrier.Setter) {
	switch op.kind {
	case 's':
		s.Set(op.key, op.value)
	case 'b':
		carrier.Set(s, []byte(op.key), []byte(op.value))
	case 'd':
		s.(carrier.Deleter).Delete(op.key)
	case 'f':
		carrier.DeleteFunc(s, isUberctx)
	case 'g':
		carrier.DeleteFunc(s, startsUpper)
	}
}

// startsUpper is a DeleteFunc that tells spellings apart: it sees a name
// as the carrier spells it (MIME-canonical in an HTTPHeader, an Env's
// variable name), and must see it so through a Batch too.
func startsUpper(name string) bool { return name != "" && 'A' <= name[0] && name[0] <= 'Z' }

func isUberctx(name string) bool {
	return len(name) > 8 && strings.EqualFold(name[:8], "uberctx-")
}

// batchNames are the names the random writes use: several spellings of
// the same headers, so that Set and Delete must find each other's.
var batchNames = []string{
	"traceparent", "Traceparent", "TRACEPARENT", "tracestate", "x-b3-traceid", "X-B3-TraceId", "X-B3-Traceid",
	"x-B3-TRACEID", "b3", "B3", "uberctx-a", "Uberctx-A", "uberctx-b", "UBERCTX-C", "accept",
	// One variable of an Env, and names a Packed or an Env takes no
	// Set of: they must replace nothing either.
	"X_B3_TRACEID", "x_b3_traceid", "", "1digit", "bad:name", "bad\r",
}

// TestBatchMatchesDirect: whatever the writes, a carrier written through a
// Batch ends as the same writes made one at a time leave it, for every
// carrier that takes a Batch, both when the Batch clears stale headers in
// a pass over a small carrier and by lookups in a large one. Every fourth
// round makes up to 300 writes under names of many lengths and cases, so
// that the Batch's sorted index holds classes of several spellings, and
// Deletes after the Sets they drop; every fifth only deletes. Some names
// and values are ones a Packed or an Env takes no Set of.
func TestBatchMatchesDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 400 {
		name := func() string { return batchNames[r.IntN(len(batchNames))] }
		nops, nstart := 1+r.IntN(12), r.IntN(6)
		if round%4 == 2 {
			// Drawn from a few dozen spellings, so that a name is set and
			// deleted again under the very spelling it had.
			pool := make([]string, 40)
			for i := range pool {
				pool[i] = randomSpelling(r)
			}
			// And spellings of a name no header can hold, which
			// canonicalisation leaves as they are: the sorted index must
			// not take them for spellings of one another.
			pool[0], pool[1], pool[2] = "bad:name", "Bad:Name", "BAD:name"
			name = func() string { return pool[r.IntN(len(pool))] }
			nops, nstart = 1+r.IntN(300), r.IntN(60)
		}
		kinds := "ssbddfg"
		if round%5 == 4 {
			kinds = "ddfg"
		}
		var ops []batchOp
		for range nops {
			value := fmt.Sprint(r.IntN(100))
			if r.IntN(10) == 0 {
				value = []string{"line\nfeed", "return\r"}[r.IntN(2)]
			}
			ops = append(ops, batchOp{kind: kinds[r.IntN(len(kinds))], key: name(), value: value})
		}
		start := map[string]string{}
		for range nstart {
			start[name()] = "old"
		}
		if round%2 == 1 {
			for i := range 60 {
				start[fmt.Sprintf("noise-%d", i)] = "n"
			}
		}
		checkBatch(t, round, ops, start, r)
	}
}

// checkBatch applies ops to every carrier that takes a Batch, holding
// start, directly and through a Batch, and fails t where the two differ
// or the Batch wrote into what the carrier held. round picks among the
// carriers' variants (an http.Header's keys as written, extra Packed
// lines and Env entries), and r the spelling of each Env entry.
func checkBatch(t *testing.T, round int, ops []batchOp, start map[string]string, r *rand.Rand) {
	t.Helper()
	check := func(name string, direct, batched carrier.Setter, got, view func() any) {
		t.Helper()
		for _, op := range ops {
			op.apply(direct)
		}
		b := carrier.NewBatch(batched)
		if b == nil {
			t.Fatalf("%s: no Batch", name)
		}
		for _, op := range ops {
			op.apply(b)
		}
		b.Flush()
		if d := cmp.Diff(got(), view()); d != "" {
			t.Errorf("round %d, %s, ops %v, start %v (-direct +batched):\n%s", round, name, ops, start, d)
		}
	}
	m1, m2 := carrier.Map(maps.Clone(start)), carrier.Map(maps.Clone(start))
	check("Map", m1, m2, func() any { return batchedView(m1) }, func() any { return batchedView(m2) })
	md1, md2 := slicesOf(start, strings.ToLower), slicesOf(start, strings.ToLower)
	check("Metadata", carrier.Metadata(md1), carrier.Metadata(md2),
		func() any { return batchedView(carrier.Metadata(md1)) }, func() any { return batchedView(carrier.Metadata(md2)) })
	n1, n2 := slicesOf(start, nil), slicesOf(start, nil)
	check("NATSHeader", carrier.NATSHeader(n1), carrier.NATSHeader(n2),
		func() any { return batchedView(carrier.NATSHeader(n1)) }, func() any { return batchedView(carrier.NATSHeader(n2)) })
	// The large rounds leave an http.Header's keys as written, as a
	// map written to directly may hold them.
	spell := http.CanonicalHeaderKey
	if round%4 == 2 {
		spell = nil
	}
	h1, h2 := slicesOf(start, spell), slicesOf(start, spell)
	check("HTTPHeader", carrier.HTTPHeader(h1), carrier.HTTPHeader(h2),
		func() any { return batchedView(carrier.HTTPHeader(h1)) }, func() any { return batchedView(carrier.HTTPHeader(h2)) })
	// The list carriers: the records in order, and the list the
	// batch replaced never written into.
	var ps []pair
	for _, k := range slices.Sorted(maps.Keys(start)) {
		ps = append(ps, pair{k, start[k]})
	}
	for _, shape := range listShapes {
		c1, read1, _ := shape.of(ps)
		c2, read2, changed := shape.of(ps)
		check(shape.name, c1, c2, func() any { return read1() }, func() any { return read2() })
		if d := changed(); d != "" {
			t.Errorf("round %d, %s: the batch wrote into the list it replaced:\n%s", round, shape.name, d)
		}
	}
	// The text carriers, with what their Set and Delete must keep or
	// drop: blank lines (a Packed's rewrite drops them), lines and
	// entries that are no header or variable, a variable under its
	// header name, and a variable twice (the last wins).
	var lines, entries []string
	for _, p := range ps {
		lines = append(lines, p.K+":"+p.V)
		if r.IntN(2) == 0 {
			p.K = carrier.EnvName(p.K)
		}
		entries = append(entries, p.K+"="+p.V)
	}
	if round%3 == 0 {
		lines = append(lines, "", "\r", "no header", ":x", "uberctx-a:crlf\r")
		entries = append(entries, "NOEQUALS", "=x", "1TRACEPARENT=digit", "TRACEPARENT=twice")
	}
	p1, p2 := carrier.Packed(strings.Join(lines, "\n")), carrier.Packed(strings.Join(lines, "\n"))
	check("Packed", &p1, &p2, func() any { return string(p1) }, func() any { return string(p2) })
	e1 := append(make(carrier.Env, 0, len(entries)), entries...)
	e2 := append(make(carrier.Env, 0, len(entries)+4), entries...) // room an append could write into
	held := e2[:cap(e2)]
	saved := slices.Clone(held)
	check("Env", &e1, &e2, func() any { return []string(e1) }, func() any { return []string(e2) })
	if d := cmp.Diff(saved, held); d != "" {
		t.Errorf("round %d, Env: the batch wrote into the slice it was given:\n%s", round, d)
	}
}

// randomSpelling returns one of batchNames or an item name, with the case
// of each letter flipped at random.
func randomSpelling(r *rand.Rand) string {
	n := batchNames[r.IntN(len(batchNames))]
	if r.IntN(2) == 0 {
		n = fmt.Sprintf("uberctx-i%d", r.IntN(8))
	}
	b := []byte(n)
	for i, c := range b {
		if 'a' <= c && c <= 'z' && r.IntN(3) == 0 {
			b[i] = c - ('a' - 'A')
		} else if 'A' <= c && c <= 'Z' && r.IntN(3) == 0 {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// slicesOf returns m as a map of one-element slices, keys respelled.
func slicesOf(m map[string]string, spell func(string) string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if spell != nil {
			k = spell(k)
		}
		out[k] = []string{v}
	}
	return out
}

// batchedView returns a carrier's contents in a form cmp compares.
func batchedView(s carrier.Setter) any {
	switch c := s.(type) {
	case carrier.Map:
		return map[string]string(c)
	case carrier.Metadata:
		return map[string][]string(c)
	case carrier.NATSHeader:
		return map[string][]string(c)
	case carrier.HTTPHeader:
		return map[string][]string(c)
	}
	return nil
}

// compositeWrites is what a composite of tracecontext, baggage, b3 and
// jaeger does to a carrier: clear its fields and uberctx-*, then write.
func compositeWrites(s carrier.Setter) {
	d := s.(carrier.Deleter)
	for _, f := range []string{"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
		"x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-baggage"} {
		d.Delete(f)
	}
	carrier.DeleteFunc(s, isUberctx)
	var buf [64]byte
	carrier.Set(s, "traceparent", append(buf[:0], "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"...))
	carrier.Set(s, "baggage", append(buf[:0], "user=alice"...))
	carrier.Set(s, "b3", append(buf[:0], "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"...))
	carrier.Set(s, "uber-trace-id", append(buf[:0], "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"...))
	carrier.Set(s, append(buf[:0], "uberctx-user"...), "alice")
}

// TestBatchAllocs: a composite's writes cost one allocation into a Map
// (the string holding every value) and two into the carriers of value
// slices (that string and one array of slices), reused or new.
func TestBatchAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	noise := map[string]string{"accept": "*/*", "content-type": "application/json", "user-agent": "test"}
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{
		{"Map", carrier.Map(maps.Clone(noise)), 1},
		{"HTTPHeader", carrier.HTTPHeader(slicesOf(noise, http.CanonicalHeaderKey)), 2},
		{"Metadata", carrier.Metadata(slicesOf(noise, nil)), 2},
		{"NATSHeader", carrier.NATSHeader(slicesOf(noise, nil)), 2},
	} {
		batched := func() {
			b := carrier.NewBatch(tc.s)
			compositeWrites(b)
			b.Flush()
		}
		batched() // the carrier now holds every key: what follows reuses it
		if n := testing.AllocsPerRun(100, batched); n != tc.want {
			t.Errorf("%s: %v allocs, want %v", tc.name, n, tc.want)
		}
		clearOnly := func() {
			b := carrier.NewBatch(tc.s)
			for _, f := range []string{"traceparent", "tracestate", "x-datadog-sampling-priority"} {
				b.Delete(f)
			}
			carrier.DeleteFunc(b, isUberctx)
			b.Flush()
		}
		if n := testing.AllocsPerRun(100, clearOnly); n != 0 {
			t.Errorf("%s: clearing only: %v allocs, want 0", tc.name, n)
		}
	}
}

// TestBatchSharedSlices: a proxy copies the incoming headers into the
// outgoing ones with out[k] = in[k], then injects into the outgoing ones;
// the incoming request must not change.
func TestBatchSharedSlices(t *testing.T) {
	in := http.Header{"Traceparent": {"incoming"}, "B3": {"incoming-b3"}, "Uber-Trace-Id": {"incoming-jaeger"},
		"Uberctx-User": {"bob"}, "Accept": {"*/*"}}
	want := in.Clone()
	for name, conv := range map[string]func(map[string][]string) carrier.Setter{
		"HTTPHeader": func(m map[string][]string) carrier.Setter { return carrier.HTTPHeader(m) },
		"Metadata":   func(m map[string][]string) carrier.Setter { return carrier.Metadata(m) },
		"NATSHeader": func(m map[string][]string) carrier.Setter { return carrier.NATSHeader(m) },
	} {
		out := map[string][]string{}
		for k, v := range in {
			out[k] = v
		}
		b := carrier.NewBatch(conv(out))
		compositeWrites(b)
		b.Flush()
		if d := cmp.Diff(want, in); d != "" {
			t.Errorf("%s: the incoming header changed (-want +got):\n%s", name, d)
		}
		for k, v := range out {
			if len(v) > 0 && cap(v) != len(v) {
				t.Errorf("%s: %s has room to append into a neighbour: len %d cap %d", name, k, len(v), cap(v))
			}
		}
	}
}

// ownSetter is a Setter of the caller's, which no Batch can write into.
type ownSetter map[string]string

func (o ownSetter) Set(key, value string) { o[key] = value }

func TestBatchNone(t *testing.T) {
	if b := carrier.NewBatch(ownSetter{}); b != nil {
		t.Error("NewBatch of a Setter of the caller's returned a Batch")
	}
	var nilHeader carrier.NATSHeader
	b := carrier.NewBatch(nilHeader)
	compositeWrites(b)
	b.Flush() // no map to write to: nothing, and no panic
}

// TestFuncDeleters: the list carriers delete by a function in one new
// list, and leave the list alone when nothing matches.
func TestFuncDeleters(t *testing.T) {
	env := carrier.Env{"UBERCTX_A=1", "PATH=/bin", "UBERCTX_B=2"}
	orig := env
	carrier.DeleteFunc(&env, func(n string) bool { return strings.HasPrefix(n, "UBERCTX_") })
	if d := cmp.Diff(carrier.Env{"PATH=/bin"}, env); d != "" {
		t.Errorf("Env (-want +got):\n%s", d)
	}
	if orig[0] != "UBERCTX_A=1" {
		t.Error("Env.DeleteFunc wrote into the slice it was given")
	}
	same := carrier.Env{"PATH=/bin"}
	before := &same[0]
	carrier.DeleteFunc(&same, isUberctx)
	same.Delete("traceparent")
	if &same[0] != before {
		t.Error("Env made a new slice with nothing to delete")
	}

	p := carrier.Packed("uberctx-a:1\ntraceparent:x\nUberctx-B:2")
	carrier.DeleteFunc(&p, isUberctx)
	if p != "traceparent:x" {
		t.Errorf("Packed = %q", p)
	}

	type header struct {
		Key   string
		Value []byte
	}
	list := []header{{"uberctx-a", []byte("1")}, {"b3", []byte("0")}, {"Uberctx-B", []byte("2")}}
	carrier.DeleteFunc(carrier.KafkaHeadersOf(&list), isUberctx)
	if d := cmp.Diff([]header{{"b3", []byte("0")}}, list); d != "" {
		t.Errorf("KafkaHeaders (-want +got):\n%s", d)
	}

	nh := carrier.NATSHeader{"uberctx-a": {"1"}, "b3": {"0"}}
	carrier.DeleteFunc(nh, isUberctx)
	if d := cmp.Diff(carrier.NATSHeader{"b3": {"0"}}, nh); d != "" {
		t.Errorf("NATSHeader (-want +got):\n%s", d)
	}
}

// A composite writes through a Batch; so can any code that writes several
// headers into one carrier.
func ExampleBatch() {
	h := http.Header{"Accept": {"*/*"}, "Uberctx-Stale": {"x"}}
	b := carrier.NewBatch(carrier.HTTPHeader(h))
	carrier.DeleteFunc(b, func(name string) bool { return strings.HasPrefix(strings.ToLower(name), "uberctx-") })
	b.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	carrier.Set(b, "uberctx-user", []byte("alice"))
	b.Flush()
	fmt.Println(h)
	// Output: map[Accept:[*/*] Traceparent:[00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01] Uberctx-User:[alice]]
}

// TestBatchTextLinear: writing m headers into a Packed or an Env of n
// entries, as a composite or Jaeger's Inject does (through a Batch when
// NewBatch gives one), allocates about ten times the bytes for ten times
// the entries and the headers: the carrier is rebuilt once, where a Set
// at a time rebuilt it per header (100×). The bound is a ratio of bytes
// allocated, which does not depend on the machine's load.
func TestBatchTextLinear(t *testing.T) {
	const n, bound = 1_000, 40.0
	for _, tc := range []struct {
		name  string
		fresh func(names []string) carrier.Setter
	}{
		{"Packed", func(names []string) carrier.Setter {
			var b strings.Builder
			for _, k := range names {
				b.WriteString(k + ":v\n")
			}
			p := carrier.Packed(b.String())
			return &p
		}},
		{"Env", func(names []string) carrier.Setter {
			e := make(carrier.Env, 0, len(names))
			for _, k := range names {
				e = append(e, carrier.EnvName(k)+"=v")
			}
			return &e
		}},
	} {
		allocated := func(n int) uint64 {
			var names, items []string
			for i := range n {
				names = append(names, fmt.Sprintf("x-app-header-%d", i))
				if i%5 == 0 {
					items = append(items, fmt.Sprintf("uberctx-item%d", i))
				}
			}
			s := tc.fresh(names)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			w, b := s, carrier.NewBatch(s)
			if b != nil {
				w = b
			}
			carrier.DeleteFunc(w, isUberctx)
			for _, k := range items {
				w.Set(k, "v")
			}
			if b != nil {
				b.Flush()
			}
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		small, large := allocated(n), allocated(10*n)
		ratio := float64(large) / float64(max(small, 1))
		t.Logf("%s: %d entries %d bytes, %d entries %d bytes: ratio %.1f", tc.name, n, small, 10*n, large, ratio)
		if ratio > bound {
			t.Errorf("%s: 10× the entries allocated %.1f× the bytes (want at most %.0f×: linear)", tc.name, ratio, bound)
		}
	}
}
