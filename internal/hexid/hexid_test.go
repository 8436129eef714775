package hexid

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/inlinetest"
)

// TestTablesEveryByte checks both digit tables against the digits spelled
// out, for all 256 bytes.
func TestTablesEveryByte(t *testing.T) {
	for c := range 256 {
		wantLower := byte(0xff)
		if i := strings.IndexByte(Digits, byte(c)); i >= 0 {
			wantLower = byte(i)
		}
		wantAny := wantLower
		if i := strings.IndexByte(UpperDigits, byte(c)); i >= 0 {
			wantAny = byte(i)
		}
		if got := Lower(byte(c)); got != wantLower {
			t.Errorf("Lower(%#02x) = %#02x, want %#02x", c, got, wantLower)
		}
		if got := AnyCase(byte(c)); got != wantAny {
			t.Errorf("AnyCase(%#02x) = %#02x, want %#02x", c, got, wantAny)
		}
	}
}

func TestDecodeLower(t *testing.T) {
	tests := []struct {
		in   string
		want []byte
		bad  int
	}{
		{"00f067aa", []byte{0x00, 0xf0, 0x67, 0xaa}, -1},
		{"00F067aa", nil, 2},
		{"00f067ag", nil, 7},
		{"-0f067aa", nil, 0},
	}
	for _, tt := range tests {
		got := make([]byte, 4)
		bad := DecodeLower(got, tt.in)
		if bad != tt.bad {
			t.Errorf("DecodeLower(%q) bad = %d, want %d", tt.in, bad, tt.bad)
		}
		if tt.want != nil {
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeLower(%q) (-want +got):\n%s", tt.in, diff)
			}
		}
		if b := DecodeLower(make([]byte, 4), []byte(tt.in)); b != bad {
			t.Errorf("DecodeLower([]byte(%q)) = %d, string form %d", tt.in, b, bad)
		}
	}
}

func TestDecodeRight(t *testing.T) {
	tests := []struct {
		in   string
		want []byte
		bad  int
	}{
		{"", []byte{0, 0, 0, 0}, -1},
		{"a", []byte{0, 0, 0, 0x0a}, -1},
		{"aBc", []byte{0, 0, 0x0a, 0xbc}, -1},
		{"0102F3e4", []byte{0x01, 0x02, 0xf3, 0xe4}, -1},
		{"12g4", nil, 2},
	}
	for _, tt := range tests {
		got := []byte{0xff, 0xff, 0xff, 0xff} // cleared first
		if bad := DecodeRight(got, tt.in); bad != tt.bad {
			t.Errorf("DecodeRight(%q) bad = %d, want %d", tt.in, bad, tt.bad)
		}
		if tt.want != nil {
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeRight(%q) (-want +got):\n%s", tt.in, diff)
			}
		}
	}
}

func TestAppend(t *testing.T) {
	if got := string(Append([]byte("x"), []byte{0x00, 0x9f, 0xa0, 0xff})); got != "x009fa0ff" {
		t.Errorf("Append = %q", got)
	}
	var id [16]byte
	copy(id[:], "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10")
	if got := string(AppendTraceID(nil, id, false)); got != "0102030405060708090a0b0c0d0e0f10" {
		t.Errorf("AppendTraceID wide = %q", got)
	}
	if got := string(AppendTraceID(nil, id, true)); got != "090a0b0c0d0e0f10" {
		t.Errorf("AppendTraceID narrow = %q", got)
	}
}

// TestLoad8 checks the byte order of the 8-byte load, at every offset of a
// string and a byte slice.
func TestLoad8(t *testing.T) {
	s := "0123456789abcdef"
	for off := 0; off+8 <= len(s); off++ {
		want := binary.LittleEndian.Uint64([]byte(s[off : off+8]))
		if got := Load8(s, off); got != want {
			t.Errorf("Load8(%q, %d) = %#x, want %#x", s, off, got, want)
		}
		if got := Load8([]byte(s), off); got != want {
			t.Errorf("Load8([]byte(%q), %d) = %#x, want %#x", s, off, got, want)
		}
	}
}

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"Lower", "AnyCase", "Append", "AppendTraceID", "Decode8", "Encode4",
	)
	// Load8 and DecodeLower are generic: see the callers' inline tests.
}
