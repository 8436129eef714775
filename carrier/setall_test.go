package carrier_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// recorder is a Setter of no kind SetAll knows.
type recorder [][2]string

func (r *recorder) Set(key, value string) { *r = append(*r, [2]string{key, value}) }

// joined formats vals into one buffer, as a propagator does, and returns
// it with the end of each value.
func joined(vals []string) ([]byte, []int) {
	var buf []byte
	ends := make([]int, len(vals))
	for i, v := range vals {
		buf = append(buf, v...)
		ends[i] = len(buf)
	}
	return buf, ends
}

// TestSetAll checks that SetAll leaves every carrier as a Set per key
// would, without writing into a value slice the carrier held, and that
// each value slice it stores is capped: appending to one reaches no
// other.
func TestSetAll(t *testing.T) {
	keys := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled"}
	vals := []string{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "", "1"}
	for _, tc := range []struct {
		name   string
		direct func(shared []string) carrier.Setter
	}{
		{"HTTPHeader", func(shared []string) carrier.Setter {
			return carrier.HTTPHeader{"X-B3-Spanid": shared, "Accept": {"*/*"}}
		}},
		{"Map", func([]string) carrier.Setter { return carrier.Map{"X-B3-SpanId": "old", "accept": "*/*"} }},
		{"Metadata", func(shared []string) carrier.Setter {
			return carrier.Metadata{"X-B3-Spanid": shared, "x-b3-sampled": shared}
		}},
		{"NATSHeader", func(shared []string) carrier.Setter {
			return carrier.NATSHeader{"X-B3-TraceId": shared, "x-b3-spanid": shared}
		}},
		{"other", func([]string) carrier.Setter { return &recorder{} }},
	} {
		shared := []string{"old", "spare"}[:1] // room to append into, as a slice another map holds may have
		want, got := tc.direct([]string{"old"}), tc.direct(shared)
		for i, k := range keys {
			want.Set(k, vals[i])
		}
		buf, ends := joined(vals)
		carrier.SetAll(got, keys, buf, ends)
		buf[0] = 'X' // the carrier keeps its own copy
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: SetAll differs from Set per key (-Set +SetAll):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff([]string{"old", "spare"}, shared[:2]); diff != "" {
			t.Fatalf("%s: SetAll wrote into a slice the carrier held (-want +got):\n%s", tc.name, diff)
		}
		m, ok := got.(interface{ Values(string) []string })
		if !ok {
			continue
		}
		for _, k := range keys {
			v := m.Values(k)
			if cap(v) != 1 {
				t.Errorf("%s: %s stored with capacity %d, want 1", tc.name, k, cap(v))
			}
			_ = append(v, "more")
		}
		for i, k := range keys {
			if diff := cmp.Diff([]string{vals[i]}, m.Values(k)); diff != "" {
				t.Errorf("%s: append to a value changed %s (-want +got):\n%s", tc.name, k, diff)
			}
		}
	}
	var nilHeader carrier.NATSHeader
	buf, ends := joined(vals)
	carrier.SetAll(nilHeader, keys, buf, ends) // takes nothing, as Set does
}

// TestSetAllBatch: into a Batch, SetAll adds each value as Set would,
// and the flush stores them.
func TestSetAllBatch(t *testing.T) {
	keys := []string{"traceparent", "tracestate"}
	vals := []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7"}
	h := http.Header{}
	b := carrier.NewBatch(carrier.HTTPHeader(h))
	buf, ends := joined(vals)
	carrier.SetAll(b, keys, buf, ends)
	buf[0] = 'X'
	b.Flush()
	want := http.Header{"Traceparent": {vals[0]}, "Tracestate": {vals[1]}}
	if diff := cmp.Diff(want, h); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSetAllBadEnds: ends that do not fit keys or buf panic before
// anything is stored.
func TestSetAllBadEnds(t *testing.T) {
	for _, ends := range [][]int{{1}, {2, 1}, {1, 9}} {
		h := carrier.HTTPHeader{}
		m := carrier.Map{}
		for _, s := range []carrier.Setter{h, m} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("ends %v into %T: no panic", ends, s)
					}
				}()
				carrier.SetAll(s, []string{"a", "b"}, []byte("abc"), ends)
			}()
		}
		if len(h) != 0 || len(m) != 0 {
			t.Errorf("ends %v: stored %v and %v before panicking", ends, h, m)
		}
	}
}

// TestSetAllAllocs pins SetAll's cost: one allocation whatever the
// carrier, for up to eight values of up to 1,920 bytes in all.
func TestSetAllAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	keys := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled"}
	buf, ends := joined([]string{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1"})
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{
		{"HTTPHeader", carrier.HTTPHeader(http.Header{}), 1},
		{"Metadata", carrier.Metadata{}, 1},
		{"NATSHeader", carrier.NATSHeader{}, 1},
		{"Map", carrier.Map{}, 1},
		{"other", &recorder{}, 1},
	} {
		if r, ok := tc.s.(*recorder); ok {
			*r = make(recorder, 0, 1000)
		}
		if n := testing.AllocsPerRun(100, func() { carrier.SetAll(tc.s, keys, buf, ends) }); n != tc.want {
			t.Errorf("SetAll into %s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
}

// TestSetAllMatchesSet: for random keys (spellings of one name among
// them) into random small maps (empty, holding only some of the keys, or
// other names too), SetAll leaves each map carrier as a Set per key
// would: the fast store into a map that holds nothing else, and its
// fallback, agree with the plain calls. A fifth of the rounds write more
// keys than distinctFold compares pair by pair.
func TestSetAllMatchesSet(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 2000 {
		keys := make([]string, 1+r.IntN(5))
		name := func(int) string { return batchNames[r.IntN(len(batchNames))] }
		switch round % 10 {
		case 5: // many keys, none a spelling of another
			keys = make([]string, 25+r.IntN(40))
			name = func(i int) string { return fmt.Sprintf("X-Key-%d", i) }
		case 7: // many keys, some spellings of others
			keys = make([]string, 25+r.IntN(40))
			name = func(i int) string {
				if r.IntN(3) == 0 {
					return randomSpelling(r)
				}
				return fmt.Sprintf("x-key-%d", i)
			}
		}
		vals := make([]string, len(keys))
		for i := range keys {
			keys[i] = name(i)
			vals[i] = fmt.Sprint("v", i)
		}
		start := map[string]string{}
		for range r.IntN(len(keys) + 2) {
			start[batchNames[r.IntN(len(batchNames))]] = "old"
		}
		buf, ends := joined(vals)
		for _, c := range []struct {
			name        string
			direct, all carrier.Setter
		}{
			{"Map", carrier.Map(maps.Clone(start)), carrier.Map(maps.Clone(start))},
			{"Metadata", carrier.Metadata(slicesOf(start, strings.ToLower)), carrier.Metadata(slicesOf(start, strings.ToLower))},
			{"NATSHeader", carrier.NATSHeader(slicesOf(start, nil)), carrier.NATSHeader(slicesOf(start, nil))},
		} {
			for i, k := range keys {
				c.direct.Set(k, vals[i])
			}
			carrier.SetAll(c.all, keys, buf, ends)
			if d := cmp.Diff(batchedView(c.direct), batchedView(c.all)); d != "" {
				t.Fatalf("round %d, %s, keys %q into %v (-Set +SetAll):\n%s", round, c.name, keys, start, d)
			}
		}
	}
}
