package decimal

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUint64(t *testing.T) {
	type result struct {
		V   uint64
		End int
		OK  bool
	}
	for _, tc := range []struct {
		in   string
		i    int
		want result
	}{
		{"", 0, result{0, 0, true}},
		{"x", 0, result{0, 0, true}},
		{"0", 0, result{0, 1, true}},
		{"007", 0, result{7, 3, true}},
		{"67667974448284343", 0, result{67667974448284343, 17, true}},
		{"18446744073709551615", 0, result{1<<64 - 1, 20, true}},
		{"18446744073709551615;o=1", 0, result{1<<64 - 1, 20, true}},
		{"18446744073709551616", 0, result{0, 19, false}},
		{"18446744073709551620", 0, result{0, 19, false}},
		{"99999999999999999999", 0, result{0, 19, false}},
		{"184467440737095516150", 0, result{0, 20, false}},
		{"00000000000000000000000000018446744073709551615", 0, result{1<<64 - 1, 47, true}},
		{"T/12/3", 2, result{12, 4, true}},
		{"T/", 2, result{0, 2, true}},
		{"1" + strings.Repeat("0", 1<<20), 0, result{0, 20, false}},
	} {
		v, end, ok := Uint64(tc.in, tc.i)
		if d := cmp.Diff(tc.want, result{v, end, ok}); d != "" {
			t.Errorf("Uint64(%.40q, %d) (-want +got):\n%s", tc.in, tc.i, d)
		}
		vb, endb, okb := Uint64([]byte(tc.in), tc.i)
		if vb != v || endb != end || okb != ok {
			t.Errorf("Uint64([]byte(%.40q)) = %d, %d, %v; string form %d, %d, %v", tc.in, vb, endb, okb, v, end, ok)
		}
	}
}

// TestUint64AgreesWithStrconv checks every value near the powers of ten
// and the overflow boundary against strconv, the reference.
func TestUint64AgreesWithStrconv(t *testing.T) {
	var ins []string
	for p := uint64(1); ; p *= 10 {
		for _, d := range []uint64{p - 1, p, p + 1} {
			ins = append(ins, strconv.FormatUint(d, 10))
		}
		if p > (1<<64-1)/10 {
			break
		}
	}
	ins = append(ins, "18446744073709551614", "18446744073709551615", "18446744073709551616",
		"18446744073709551625", "28446744073709551615", "184467440737095516159")
	for _, in := range ins {
		want, err := strconv.ParseUint(in, 10, 64)
		v, end, ok := Uint64(in, 0)
		if ok != (err == nil) || ok && (v != want || end != len(in)) {
			t.Errorf("Uint64(%q) = %d, %d, %v; strconv: %d, %v", in, v, end, ok, want, err)
		}
	}
}

func TestAppendUint64(t *testing.T) {
	for _, v := range []uint64{0, 1, 9, 10, 99, 100, 67667974448284343, 1<<63 - 1, 1 << 63, 1<<64 - 1} {
		got := AppendUint64([]byte("x"), v)
		if want := "x" + strconv.FormatUint(v, 10); string(got) != want {
			t.Errorf("AppendUint64(%d) = %q, want %q", v, got, want)
		}
		back, end, ok := Uint64(got, 1)
		if !ok || back != v || end != len(got) {
			t.Errorf("Uint64(AppendUint64(%d)) = %d, %d, %v", v, back, end, ok)
		}
	}
}

func TestAllocs(t *testing.T) {
	buf := make([]byte, 0, MaxDigits)
	in := []byte("18446744073709551615")
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendUint64(buf[:0], 1<<64-1)
		_, _, _ = Uint64(in, 0)
		_, _, _ = Uint64("67667974448284343", 0)
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

func FuzzUint64(f *testing.F) {
	for _, s := range []string{"", "0", "007", "18446744073709551615", "18446744073709551616", "12a", "-1", "+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, end, ok := Uint64(s, 0)
		vb, endb, okb := Uint64([]byte(s), 0)
		if v != vb || end != endb || ok != okb {
			t.Fatalf("string and []byte disagree on %q", s)
		}
		if end < 0 || end > len(s) {
			t.Fatalf("Uint64(%q) end %d out of range", s, end)
		}
		for _, c := range []byte(s[:end]) {
			if c < '0' || c > '9' {
				t.Fatalf("Uint64(%q) read past a non-digit", s)
			}
		}
		want, err := strconv.ParseUint(s[:end], 10, 64)
		if ok {
			if end > 0 && (err != nil || want != v) {
				t.Fatalf("Uint64(%q) = %d; strconv %d, %v", s, v, want, err)
			}
			if end < len(s) && s[end] >= '0' && s[end] <= '9' {
				t.Fatalf("Uint64(%q) stopped at a digit without overflow", s)
			}
			// The canonical form is the input digits without leading zeros.
			if got := string(AppendUint64(nil, v)); v != 0 && got != strings.TrimLeft(s[:end], "0") {
				t.Fatalf("AppendUint64(%d) = %q, input digits %q", v, got, s[:end])
			}
			return
		}
		// Overflow: the digits up to end fit, the one at end does not.
		if _, err := strconv.ParseUint(s[:end+1], 10, 64); err == nil {
			t.Fatalf("Uint64(%q) reported overflow at %d, but %q fits", s, end, s[:end+1])
		}
		if err != nil {
			t.Fatalf("Uint64(%q) overflowed late: %q already does not fit", s, s[:end])
		}
	})
}
