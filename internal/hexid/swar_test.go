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

// TestEncode4EveryByte compares Encode4 with the table for every value of
// each byte, the others held at varied values.
func TestEncode4EveryByte(t *testing.T) {
	for _, fill := range [][4]byte{{0, 0, 0, 0}, {0xff, 0xff, 0xff, 0xff}, {0x09, 0x0a, 0x90, 0xa0}, {0x5a, 0x8b, 0xbc, 0xed}} {
		for i := range 4 {
			for c := range 256 {
				in := fill
				in[i] = byte(c)
				var got [8]byte
				binary.LittleEndian.PutUint64(got[:], Encode4(binary.LittleEndian.Uint32(in[:])))
				if want := Append(nil, in[:]); string(got[:]) != string(want) {
					t.Fatalf("Encode4(% x) = %q, want %q", in, got, want)
				}
			}
		}
	}
}

// TestAppendID: AppendID and AppendTraceID write what the table-driven
// Append writes, after whatever dst held.
func TestAppendID(t *testing.T) {
	for _, id := range [][16]byte{
		{},
		{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10},
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x0a, 0xa0, 0x09, 0x90, 0xf0, 0x0f, 0x5a},
	} {
		lo := [8]byte(id[8:])
		if got, want := string(AppendID([]byte("x:"), lo)), "x:"+string(Append(nil, id[8:])); got != want {
			t.Errorf("AppendID(% x) = %q, want %q", lo, got, want)
		}
		if got, want := string(AppendTraceID([]byte("y"), id, false)), "y"+string(Append(nil, id[:])); got != want {
			t.Errorf("AppendTraceID(% x, wide) = %q, want %q", id, got, want)
		}
		if got, want := string(AppendTraceID(nil, id, true)), string(Append(nil, id[8:])); got != want {
			t.Errorf("AppendTraceID(% x, narrow) = %q, want %q", id, got, want)
		}
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

// TestEncode16 compares Encode16 with Append for ids that put every byte
// value in every position.
func TestEncode16(t *testing.T) {
	for v := range 256 {
		for pos := range 8 {
			var id [8]byte
			for i := range id {
				id[i] = byte(v + 37*i)
			}
			id[pos] = byte(v)
			got := make([]byte, 17)
			got[16] = 'x'
			Encode16(got, &id)
			if want := string(Append(nil, id[:])) + "x"; string(got) != want {
				t.Fatalf("Encode16(% x) = %q, want %q", id, got, want)
			}
		}
	}
}
