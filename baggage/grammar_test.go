package baggage

import (
	"testing"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// TestClassEveryByte checks the baggage class table, which answers several
// questions with one lookup on the hot path, against the shared
// definitions and the baggage-octet grammar, for all 256 bytes.
func TestClassEveryByte(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		// baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
		octet := b == 0x21 || 0x23 <= b && b <= 0x2b || 0x2d <= b && b <= 0x3a ||
			0x3c <= b && b <= 0x5b || 0x5d <= b && b <= 0x7e
		want := map[uint8]bool{
			cToken:  ascii.IsTokenChar(b),
			cOctet:  octet,
			cHex:    hexid.AnyCase(b) != 0xff,
			cOWS:    ows.Is(b),
			cEscape: !octet || b == '%',
		}
		for bit, w := range want {
			if got := class[b]&bit != 0; got != w {
				t.Errorf("class[%#02x] bit %#02x = %v, want %v", c, bit, got, w)
			}
		}
	}
}
