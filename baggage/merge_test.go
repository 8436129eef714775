package baggage

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t *testing.T, lines ...string) Baggage {
	t.Helper()
	b, err := Parse(lines...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name               string
		primary, secondary string
		want               string
		primaryReturned    bool // no copy when nothing is added
		secondaryReturned  bool
	}{
		{"secondary adds keys", "user=alice,tier=gold", "region=eu%20west", "user=alice,tier=gold,region=eu%20west", false, false},
		{"primary wins a key", "user=alice", "user=bob,zone=z1", "user=alice,zone=z1", false, false},
		{"keys compared case-insensitively", "User=bob", "user=alice", "User=bob", true, false},
		{"properties of both kept", "a=1;p=x", "b=2;q;r=1", "a=1;p=x,b=2;q;r=1", false, false},
		{"nothing added", "a=1,b=2", "B=3,A=4", "a=1,b=2", true, false},
		{"empty secondary", "a=1", "", "a=1", true, false},
		{"empty primary", "", "a=1", "a=1", false, true},
		{"both empty", "", "", "", true, true},
		{"secondary repeats: the last value", "a=1", "b=1,b=2", "a=1,b=2", false, false},
		{"primary duplicates kept", "a=1,a=2", "c=3", "a=1,a=2,c=3", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := mustParse(t, tt.primary), mustParse(t, tt.secondary)
			got := Merge(p, s)
			if diff := cmp.Diff(tt.want, Format(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.primaryReturned || tt.secondaryReturned {
				if n := testing.AllocsPerRun(20, func() { _ = Merge(p, s) }); n != 0 {
					t.Errorf("%v allocations where one side is returned as is", n)
				}
			}
		})
	}
}

// TestMergeLimits: the result is built under primary's limits.
func TestMergeLimits(t *testing.T) {
	p, _ := Limits{MaxMembers: 2}.Parse("a=1")
	got := Merge(p, mustParse(t, "b=2,c=3"))
	if diff := cmp.Diff("a=1,b=2", Format(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestMergeLarge merges thousands of items into a primary past the scan
// threshold: every key missing from primary arrives once, case folded.
func TestMergeLarge(t *testing.T) {
	lim := Limits{MaxMembers: 1 << 14, MaxBytes: 1 << 20}
	var pm, sm []string
	for i := range 100 {
		pm = append(pm, "K"+strconv.Itoa(i)+"=p")
	}
	for i := range 5000 {
		sm = append(sm, "k"+strconv.Itoa(i)+"=s")
	}
	p, _ := lim.Parse(strings.Join(pm, ","))
	s, _ := lim.Parse(strings.Join(sm, ","))
	got := Merge(p, s)
	if got.Len() != 5000 {
		t.Fatalf("Len = %d, want 5000", got.Len())
	}
	if m := got.At(99); m.Key() != "K99" || m.Value() != "p" {
		t.Errorf("member 99 = %s=%s, want K99=p", m.Key(), m.Value())
	}
	if m := got.At(100); m.Key() != "k100" || m.Value() != "s" {
		t.Errorf("member 100 = %s=%s, want k100=s", m.Key(), m.Value())
	}
}
