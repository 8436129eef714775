package hexid

import (
	"encoding/binary"
	"testing"
)

// digitFills are the bytes the seven other lanes hold while one lane takes
// every value: lowercase digits of both kinds, and bytes that are not, with
// those from 0x80 up (whose additions may carry) beside the lane under test.
var digitFills = []string{
	"00000000", "99999999", "aaaaaaaa", "ffffffff", "0123abcd", "fedcba98",
	"AAAAAAAA", "gggggggg", "////////", "::::::::", "````````",
	"\x00\x00\x00\x00\x00\x00\x00\x00", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
	"\x80\x80\x80\x80\x80\x80\x80\x80", "\xff\xff\xff\xff\xff\xff\xff\xff",
	"0\xff1\x80a\x7ff\x00", "\xb0\xb9\xe1\xe6\x30\x39\x61\x66",
}

// TestDecode8EveryByte puts every byte value in every lane of an
// eight-digit word and compares Decode8 with the table: it must flag the
// word exactly when a byte is not a lowercase hex digit, and otherwise
// decode it as the table does.
func TestDecode8EveryByte(t *testing.T) {
	for _, fill := range digitFills {
		for lane := range 8 {
			for c := range 256 {
				var w [8]byte
				copy(w[:], fill)
				w[lane] = byte(c)
				v, bad := Decode8(binary.LittleEndian.Uint64(w[:]))
				var want [4]byte
				wantBad := DecodeLower(want[:], w[:]) >= 0
				if (bad != 0) != wantBad || bad&^high != 0 {
					t.Fatalf("Decode8(%q): bad = %#x, want bad %v", w, bad, wantBad)
				}
				if !wantBad && v != binary.LittleEndian.Uint32(want[:]) {
					t.Fatalf("Decode8(%q) = %#08x, want % x", w, v, want)
				}
			}
		}
	}
}

// TestDecode16And32EveryByte checks the id decoders built on Decode8 at
// every position of a 16- and a 32-digit id, at an unaligned offset.
func TestDecode16And32EveryByte(t *testing.T) {
	const id = "4bf92f3577b34da6a3ce929d0e0e4736"
	buf := []byte("-" + id + "-")
	for pos := 1; pos <= len(id); pos++ {
		for c := range 256 {
			buf[pos] = byte(c)
			var want16 [8]byte
			var want32 [16]byte
			ok16 := DecodeLower(want16[:], buf[1:17]) < 0
			ok32 := DecodeLower(want32[:], buf[1:33]) < 0
			var got16 [8]byte
			var got32 [16]byte
			if got := Decode16(&got16, buf, 1); got != ok16 || ok16 && got16 != want16 {
				t.Fatalf("Decode16(%q) = %x, %v; want %x, %v", buf[1:17], got16, got, want16, ok16)
			}
			if got := Decode32(&got32, string(buf), 1); got != ok32 || ok32 && got32 != want32 {
				t.Fatalf("Decode32(%q) = %x, %v; want %x, %v", buf[1:33], got32, got, want32, ok32)
			}
		}
		buf[pos] = id[pos-1]
	}
}

// TestWord16: Word16 agrees with Decode16 on the bytes and on whether
// every digit was good, for good ids and for each digit made bad.
func TestWord16(t *testing.T) {
	for _, s := range []string{"00f067aa0ba902b7", "ffffffffffffffff", "0000000000000000", "0123456789abcdef"} {
		for i := -1; i < len(s); i++ {
			for _, c := range []byte{'g', 'A', '/', ':', 0x80} {
				in := []byte(s)
				if i >= 0 {
					in[i] = c
				}
				var want [8]byte
				ok := Decode16(&want, in, 0)
				v, bad := Word16(in, 0)
				if (bad == 0) != ok {
					t.Fatalf("Word16(%q) bad = %#x, Decode16 ok = %v", in, bad, ok)
				}
				var got [8]byte
				binary.LittleEndian.PutUint64(got[:], v)
				if ok && got != want {
					t.Fatalf("Word16(%q) = % x, want % x", in, got, want)
				}
			}
		}
	}
}

// TestTraceWords: both widths decode and store as DecodeLower does, and a
// bad digit in either half is reported.
func TestTraceWords(t *testing.T) {
	for _, s := range []string{"4bf92f3577b34da6a3ce929d0e0e4736", "a3ce929d0e0e4736"} {
		want := make([]byte, 16)
		DecodeLower(want[16-len(s)/2:], s)
		hi, lo, bad := TraceWords("-"+s, 1, len(s))
		var got [16]byte
		PutTraceWords(&got, hi, lo)
		if bad != 0 || string(got[:]) != string(want) {
			t.Errorf("TraceWords(%q) = % x, bad %#x; want % x", s, got, bad, want)
		}
		for _, i := range []int{0, len(s) - 1} {
			b := []byte(s)
			b[i] = 'G'
			if _, _, bad := TraceWords(b, 0, len(s)); bad == 0 {
				t.Errorf("TraceWords(%q) reports no bad digit", b)
			}
		}
	}
}
