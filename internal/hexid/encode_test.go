package hexid

import (
	"encoding/binary"
	"testing"
)

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
