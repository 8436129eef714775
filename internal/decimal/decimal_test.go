package decimal

import (
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScan(t *testing.T) {
	type result struct {
		V uint64
		N int
	}
	for _, tc := range []struct {
		in   string
		max  uint64
		want result
	}{
		{"", math.MaxUint64, result{0, 0}},
		{"0", math.MaxUint64, result{0, 1}},
		{"007", math.MaxUint64, result{7, 3}},
		{"12a", math.MaxUint64, result{12, 2}},
		{"-1", math.MaxUint64, result{0, 0}},
		{"+1", math.MaxUint64, result{0, 0}},
		{"18446744073709551615", math.MaxUint64, result{math.MaxUint64, 20}},
		{"18446744073709551616", math.MaxUint64, result{1844674407370955161, 19}},
		{"184467440737095516150", math.MaxUint64, result{math.MaxUint64, 20}},
		{"99999999999999999999", math.MaxUint64, result{9999999999999999999, 19}},
		{"00000000000000000000000018446744073709551615", math.MaxUint64, result{math.MaxUint64, 44}},
		{"9223372036854775808", 1 << 63, result{1 << 63, 19}},
		{"9223372036854775809", 1 << 63, result{922337203685477580, 18}},
		{"255", 255, result{255, 3}},
		{"256", 255, result{25, 2}},
		{"0", 0, result{0, 1}},
		{"1", 0, result{0, 0}},
	} {
		v, n := Scan(tc.in, tc.max)
		if d := cmp.Diff(tc.want, result{v, n}); d != "" {
			t.Errorf("Scan(%q, %d) (-want +got):\n%s", tc.in, tc.max, d)
		}
		vb, nb := Scan([]byte(tc.in), tc.max)
		if vb != v || nb != n {
			t.Errorf("Scan([]byte(%q)) = %d, %d; string form %d, %d", tc.in, vb, nb, v, n)
		}
	}
}

func TestAppend(t *testing.T) {
	for _, v := range []uint64{0, 1, 9, 10, 99, 100, 67667974448284343, 11803532876627986230, math.MaxUint64 - 1, math.MaxUint64} {
		got := string(Append([]byte("x"), v))
		if want := "x" + strconv.FormatUint(v, 10); got != want {
			t.Errorf("Append(%d) = %q, want %q", v, got, want)
		}
	}
}

func TestAllocs(t *testing.T) {
	buf := make([]byte, 0, 32)
	b := []byte("18446744073709551615")
	if n := testing.AllocsPerRun(100, func() {
		_, _ = Scan("11803532876627986230", math.MaxUint64)
		_, _ = Scan(b, math.MaxUint64)
		buf = Append(buf[:0], math.MaxUint64)
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

// FuzzScan checks Scan against strconv on every input: the value read
// is the longest prefix strconv accepts within max.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"", "0", "18446744073709551615", "18446744073709551616", "0012x", "9223372036854775808"} {
		f.Add(s, uint64(math.MaxUint64))
		f.Add(s, uint64(1<<63))
	}
	f.Fuzz(func(t *testing.T, s string, max uint64) {
		v, n := Scan(s, max)
		if n < 0 || n > len(s) {
			t.Fatalf("Scan(%q) n = %d", s, n)
		}
		if vb, nb := Scan([]byte(s), max); vb != v || nb != n {
			t.Fatalf("string and []byte disagree on %q", s)
		}
		if n == 0 {
			if v != 0 {
				t.Fatalf("Scan(%q) = %d with n = 0", s, v)
			}
			return
		}
		want, err := strconv.ParseUint(s[:n], 10, 64)
		if err != nil || want != v || v > max {
			t.Fatalf("Scan(%q, %d) = %d, %d; strconv %d, %v", s, max, v, n, want, err)
		}
		if n < len(s) && IsDigit(s[n]) {
			// Stopped at a digit: one more would pass max.
			if next, err := strconv.ParseUint(s[:n+1], 10, 64); err == nil && next <= max {
				t.Fatalf("Scan(%q, %d) stopped early at %d", s, max, n)
			}
		}
		if got := string(Append(nil, v)); got != strconv.FormatUint(v, 10) {
			t.Fatalf("Append(%d) = %q", v, got)
		}
	})
}
