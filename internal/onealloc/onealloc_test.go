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
