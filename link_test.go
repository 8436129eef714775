package tracewire

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLinkString(t *testing.T) {
	sc := NewSpanContext(TraceID{0x4b, 0xf9, 15: 0x36}, SpanID{0, 0xf0, 7: 0xb7}, FlagSampled|FlagRandom)
	tests := []struct {
		link Link
		want string
	}{
		{Link{sc, LinkConflict}, "conflict 00-4bf90000000000000000000000000036-00f00000000000b7-03"},
		{Link{sc.WithSampling(SamplingDeny), LinkReparented}, "reparented 00-4bf90000000000000000000000000036-00f00000000000b7-02"},
		{Link{sc, LinkRestarted}, "restarted 00-4bf90000000000000000000000000036-00f00000000000b7-03"},
		{Link{}, "none 00-00000000000000000000000000000000-0000000000000000-00"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.link.String()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	if got := LinkReason(200).String(); got != "none" {
		t.Errorf("unknown reason = %q", got)
	}
	a, b := Link{sc, LinkConflict}, Link{sc.WithRemote(true).WithRemote(false), LinkConflict}
	if a != b || a == (Link{sc, LinkReparented}) {
		t.Error("Link does not compare by value")
	}
}
