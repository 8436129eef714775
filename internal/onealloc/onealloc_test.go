package onealloc_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/onealloc"
)

// value returns n bytes that differ from position to position, so that a
// copy shifted or cut short shows.
func value(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return b
}

// TestSliceEveryLength stores every length from 0 to one past the largest
// class, from a []byte and from a string, and checks the copy, the
// length and the capacity of the slice.
func TestSliceEveryLength(t *testing.T) {
	for n := 0; n <= onealloc.Max+1; n++ {
		src := value(n)
		want := []string{string(src)}
		for _, got := range [][]string{onealloc.Slice(src), onealloc.Slice(string(src))} {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("length %d (-want +got):\n%s", n, diff)
			}
			if cap(got) != 1 {
				t.Fatalf("length %d: cap %d, want 1", n, cap(got))
			}
		}
	}
}

// TestSliceCopies: the value is a copy; changing the source afterwards
// changes nothing.
func TestSliceCopies(t *testing.T) {
	src := value(100)
	got := onealloc.Slice(src)
	for i := range src {
		src[i] = 'X'
	}
	if diff := cmp.Diff(string(value(100)), got[0]); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSliceAppendReallocates: appending to the slice cannot reach the
// bytes stored behind it; the value stays as it was.
func TestSliceAppendReallocates(t *testing.T) {
	for _, n := range []int{1, 48, 49, 112, 4080} {
		got := onealloc.Slice(value(n))
		grown := append(got, "next")
		grown[0] = "changed"
		if diff := cmp.Diff([]string{string(value(n))}, got); diff != "" {
			t.Errorf("length %d (-want +got):\n%s", n, diff)
		}
	}
}

// TestSliceAllocs: one allocation up to Max, two beyond, at the edges of
// every class.
func TestSliceAllocs(t *testing.T) {
	var sink []string
	for _, n := range []int{0, 1, 16, 17, 32, 33, 48, 49, 55, 64, 65, 80, 81, 112, 113, 144, 145, 176, 177, 240, 241, 368, 369, 496, 497, 752, 753, 1008, 1009, 1520, 1521, 2032, 2033, 3056, 3057, 4080, 4081, 10000} {
		src := value(n)
		want := 1.0
		if n > onealloc.Max {
			want = 2
		}
		if got := testing.AllocsPerRun(100, func() { sink = onealloc.Slice(src) }); got != want {
			t.Errorf("length %d: %v allocs, want %v", n, got, want)
		}
	}
	_ = sink
}

// TestSliceSurvivesGC keeps the slices only in a map, as a header map
// holds them, drops every other reference, collects, fills the heap with
// other objects of the same sizes, and checks every value.
func TestSliceSurvivesGC(t *testing.T) {
	lengths := []int{1, 47, 48, 49, 111, 112, 200, 240, 496, 1000, 2032, 4080, 4081}
	h := map[string][]string{}
	for i, n := range lengths {
		h[fmt.Sprint(i)] = onealloc.Slice(value(n))
	}
	// Keep only the strings, as a caller that read the value keeps it.
	strs := make([]string, len(lengths))
	for i := range lengths {
		strs[i] = h[fmt.Sprint(i)][0]
	}
	for range 3 {
		runtime.GC()
		var junk [][]byte
		for _, n := range lengths {
			junk = append(junk, bytes.Repeat([]byte{'Z'}, n+16))
		}
		runtime.KeepAlive(junk)
	}
	for i, n := range lengths {
		if got, want := h[fmt.Sprint(i)][0], string(value(n)); got != want {
			t.Errorf("length %d in the map: changed after GC", n)
		}
	}
	clear(h)
	runtime.GC()
	for i, n := range lengths {
		if got, want := strs[i], string(value(n)); got != want {
			t.Errorf("length %d, string alone: changed after GC", n)
		}
	}
}

func ExampleSlice() {
	buf := []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h := map[string][]string{}
	h["Traceparent"] = onealloc.Slice(buf)
	buf[0] = 'X' // the header keeps its own copy
	fmt.Println(h["Traceparent"], len(h["Traceparent"]), cap(h["Traceparent"]))
	fmt.Println(strings.HasPrefix(h["Traceparent"][0], "00-"))
	// Output:
	// [00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01] 1 1
	// true
}

// split returns ends cutting n bytes into k values as evenly as it can,
// the first ones taking the remainder (so some are empty when n < k).
func split(n, k int) []int {
	ends := make([]int, k)
	e := 0
	for i := range ends {
		e += n / k
		if i < n%k {
			e++
		}
		ends[i] = e
	}
	return ends
}

// want returns the values Strings must make of buf cut at ends.
func wantStrings(buf []byte, ends []int) []string {
	vals := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		vals[i], start = string(buf[start:e]), e
	}
	return vals
}

// stringsEdges are the lengths at both sides of every class edge of
// Strings, for four strings and for eight.
var stringsEdges = []int{0, 1, 2, 31, 32, 33, 47, 48, 49, 63, 64, 65, 111, 112, 113, 127, 128, 129, 191, 192, 193, 255, 256, 257, 319, 320, 321, 383, 384, 385, 447, 448, 449, 575, 576, 577, 639, 640, 641, 895, 896, 897, 959, 960, 961, 1407, 1408, 1409, 1471, 1472, 1473, 1919, 1920, 1921, 1984, 1985, 5000}

// TestStringsEveryLength cuts every length from 0 to one past MaxBytes
// into every count of values from 1 to one past MaxStrings, and checks
// the copies, the length and the capacity, and that each element's slice
// capped at 1 holds its value alone.
func TestStringsEveryLength(t *testing.T) {
	for n := 0; n <= onealloc.MaxBytes+1; n++ {
		src := value(n)
		for k := 1; k <= onealloc.MaxStrings+1; k++ {
			ends := split(n, k)
			got := onealloc.Strings(src, ends)
			if diff := cmp.Diff(wantStrings(src, ends), got); diff != "" {
				t.Fatalf("length %d in %d values (-want +got):\n%s", n, k, diff)
			}
			if len(got) != k || cap(got) != k {
				t.Fatalf("length %d in %d values: len %d cap %d", n, k, len(got), cap(got))
			}
		}
	}
}

// TestStringsIgnoresTail: bytes past the last end are neither copied
// nor counted; no ends, no slice.
func TestStringsIgnoresTail(t *testing.T) {
	got := onealloc.Strings([]byte("abcdefXYZ"), []int{2, 2, 6})
	if diff := cmp.Diff([]string{"ab", "", "cdef"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := onealloc.Strings([]byte("abc"), nil); got != nil {
		t.Errorf("no ends: got %q, want nil", got)
	}
}

// TestStringsBadEnds: ends that decrease or run past buf panic before
// anything is copied, as slicing buf would.
func TestStringsBadEnds(t *testing.T) {
	for _, ends := range [][]int{{4, 2}, {11}, {-1, 2}, {2, 3, 11}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ends %v: no panic", ends)
				}
			}()
			onealloc.Strings([]byte("0123456789"), ends)
		}()
	}
}

// TestStringsCopies: the values are copies; changing the source
// afterwards changes nothing.
func TestStringsCopies(t *testing.T) {
	src := value(100)
	ends := []int{55, 100}
	got := onealloc.Strings(src, ends)
	want := wantStrings(value(100), ends)
	for i := range src {
		src[i] = 'X'
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestStringsAppendReallocates stores each value as a carrier does, a
// slice of capacity 1, and appends to it: neither the next value nor the
// bytes behind change.
func TestStringsAppendReallocates(t *testing.T) {
	for _, n := range []int{8, 64, 65, 1000, 1920} {
		for _, k := range []int{2, 4, 5, 8} {
			src := value(n)
			ends := split(n, k)
			vals := onealloc.Strings(src, ends)
			for i := range vals {
				one := vals[i : i+1 : i+1]
				grown := append(one, "next")
				grown[0], grown[1] = "changed", "changed"
			}
			if diff := cmp.Diff(wantStrings(src, ends), vals); diff != "" {
				t.Errorf("length %d in %d values (-want +got):\n%s", n, k, diff)
			}
		}
	}
}

// TestStringsAllocs: one allocation up to MaxStrings values of MaxBytes
// in all, two beyond, at both sides of every class edge.
func TestStringsAllocs(t *testing.T) {
	var sink []string
	for _, n := range stringsEdges {
		src := value(n)
		for _, k := range []int{1, 2, 3, 4, 5, 8, 9} {
			ends := split(n, k)
			want := 1.0
			if n > onealloc.MaxBytes || k > onealloc.MaxStrings && n > 1 {
				want = 2 // the string of 0 or 1 bytes is static
			}
			if got := testing.AllocsPerRun(100, func() { sink = onealloc.Strings(src, ends) }); got != want {
				t.Errorf("length %d in %d values: %v allocs, want %v", n, k, got, want)
			}
		}
	}
	_ = sink
}

// TestStringsSurviveGC keeps the values only in a map, each as a slice
// of capacity 1 as a header map holds them, drops every other reference,
// collects, fills the heap with other objects of the same sizes, and
// checks every value; then keeps one string alone.
func TestStringsSurviveGC(t *testing.T) {
	type cut struct{ n, k int }
	cuts := []cut{{1, 2}, {55, 2}, {120, 4}, {600, 3}, {1920, 4}, {2000, 2}, {40, 5}, {300, 8}, {1920, 8}, {100, 9}}
	h := map[string][]string{}
	for c, ct := range cuts {
		vals := onealloc.Strings(value(ct.n), split(ct.n, ct.k))
		for i := range vals {
			h[fmt.Sprint(c, "/", i)] = vals[i : i+1 : i+1]
		}
	}
	var sizes []int // of the blocks, near enough, for churn to reuse
	for _, ct := range cuts {
		sizes = append(sizes, ct.n+16*ct.k)
	}
	// Keep only the last value of each, as a caller that read it keeps it.
	last := make([]string, len(cuts))
	for c, ct := range cuts {
		last[c] = h[fmt.Sprint(c, "/", ct.k-1)][0]
	}
	churn(3, sizes)
	for c, ct := range cuts {
		want := wantStrings(value(ct.n), split(ct.n, ct.k))
		for i := range want {
			if got := h[fmt.Sprint(c, "/", i)]; len(got) != 1 || got[0] != want[i] {
				t.Errorf("length %d in %d values, value %d in the map: changed after GC", ct.n, ct.k, i)
			}
		}
	}
	clear(h)
	churn(2, sizes)
	for c, ct := range cuts {
		want := wantStrings(value(ct.n), split(ct.n, ct.k))
		if last[c] != want[ct.k-1] {
			t.Errorf("length %d in %d values, string alone: changed after GC", ct.n, ct.k)
		}
	}
}

// churn collects rounds times, each time filling the heap with objects
// of the given sizes, so that a block freed too early is overwritten.
func churn(rounds int, sizes []int) {
	for range rounds {
		runtime.GC()
		var junk [][]byte
		for _, n := range sizes {
			junk = append(junk, bytes.Repeat([]byte{'Z'}, n))
		}
		runtime.KeepAlive(junk)
	}
}

func ExampleStrings() {
	// traceparent and tracestate formatted into one buffer, cut at ends.
	buf := []byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" + "rojo=00f067aa0ba902b7")
	vals := onealloc.Strings(buf, []int{55, len(buf)})
	h := map[string][]string{
		"Traceparent": vals[0:1:1],
		"Tracestate":  vals[1:2:2],
	}
	buf[0] = 'X' // the header keeps its own copy
	fmt.Println(h["Traceparent"], cap(h["Traceparent"]))
	fmt.Println(h["Tracestate"], cap(h["Tracestate"]))
	// Output:
	// [00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01] 1
	// [rojo=00f067aa0ba902b7] 1
}

// FuzzStrings cuts data at the ends cuts spells (each byte a value's
// length, wrapped to fit) and checks the values, the length and the
// capacity against ordinary slicing.
func FuzzStrings(f *testing.F) {
	f.Add([]byte("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01rojo=1"), []byte{55, 6})
	f.Add([]byte("80f198ee56343ba864fe8b2a57d3eff7e457b5a2e4d86bd11"), []byte{32, 16, 0, 1})
	f.Add(bytes.Repeat([]byte("x"), 2000), []byte{200, 200, 200, 200, 200, 200, 200, 200, 200})
	f.Fuzz(func(t *testing.T, data, cuts []byte) {
		ends := make([]int, len(cuts))
		e := 0
		for i, c := range cuts {
			e += int(c)
			if e > len(data) {
				e = len(data)
			}
			ends[i] = e
		}
		got := onealloc.Strings(data, ends)
		if len(ends) == 0 {
			if got != nil {
				t.Fatalf("no ends: %q", got)
			}
			return
		}
		if diff := cmp.Diff(wantStrings(data, ends), got); diff != "" {
			t.Fatalf("ends %v (-want +got):\n%s", ends, diff)
		}
		if cap(got) != len(ends) {
			t.Fatalf("ends %v: cap %d", ends, cap(got))
		}
	})
}
