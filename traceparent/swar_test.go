package traceparent

import (
	"encoding/binary"
	"testing"

	"github.com/tracewire/tracewire/internal/hexid"
)

// TestDecodeIDsEveryByte puts every byte value at every id position and
// checks the eight-at-a-time decoder against the table: it must reject
// exactly the bytes the table rejects, and decode the rest alike.
func TestDecodeIDsEveryByte(t *testing.T) {
	s := []byte(testTP)
	for pos := offTrace; pos < offDash3; pos++ {
		if pos == offDash2 {
			continue
		}
		orig := s[pos]
		for c := range 256 {
			s[pos] = byte(c)
			var tid [16]byte
			var sid [8]byte
			bad := decodeIDs(s, &tid, &sid)
			if want := hexid.Lower(byte(c)) == 0xff; (bad != 0) != want {
				t.Fatalf("byte %#02x at %d: bad = %#x, want bad %v", c, pos, bad, want)
			}
			if bad != 0 {
				continue
			}
			var wantT [16]byte
			var wantS [8]byte
			hexid.DecodeLower(wantT[:], s[offTrace:offDash2])
			hexid.DecodeLower(wantS[:], s[offSpan:offDash3])
			if tid != wantT || sid != wantS {
				t.Fatalf("byte %#02x at %d: decoded %x %x, want %x %x", c, pos, tid, sid, wantT, wantS)
			}
		}
		s[pos] = orig
	}
}

// TestEncode4 checks the eight-at-a-time encoder against the table for
// every value of each byte in turn.
func TestEncode4(t *testing.T) {
	for i := range 4 {
		for c := range 256 {
			var in [4]byte
			for j := range in {
				in[j] = byte(0x5a + 0x31*j)
			}
			in[i] = byte(c)
			var got [8]byte
			binary.LittleEndian.PutUint64(got[:], encode4(binary.LittleEndian.Uint32(in[:])))
			if want := hexid.Append(nil, in[:]); string(got[:]) != string(want) {
				t.Fatalf("encode4(%x) = %q, want %q", in, got, want)
			}
		}
	}
}
