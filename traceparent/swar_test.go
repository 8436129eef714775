package traceparent

import (
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
