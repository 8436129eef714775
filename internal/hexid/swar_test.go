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
