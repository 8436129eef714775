package netprefix

import (
	"net/netip"
	"testing"
)

func TestContains(t *testing.T) {
	l := New(netip.MustParsePrefix("10.1.2.3/8"), netip.MustParsePrefix("fe80::/10"), netip.Prefix{})
	tests := []struct {
		addr string
		want bool
	}{
		{"10.200.0.1", true},
		{"11.0.0.1", false},
		{"::ffff:10.0.0.1", true},
		{"fe80::1%eth0", true},
		{"2001:db8::1", false},
	}
	for _, tc := range tests {
		if got := l.Contains(netip.MustParseAddr(tc.addr)); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.addr, got, tc.want)
		}
	}
	if l.Contains(netip.Addr{}) {
		t.Error("the zero Addr matched")
	}
	if len(l) != 2 {
		t.Errorf("New kept %d prefixes, want the 2 valid ones", len(l))
	}
	if n := testing.AllocsPerRun(100, func() { l.Contains(netip.MustParseAddr("fe80::1%eth0")) }); n != 0 {
		t.Errorf("Contains allocates %v times", n)
	}
}
