package vectorcheck

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// Member is what a format's Propagator offers a composite by method set:
// its name, the cheap probe for ids, and the clearing of its headers.
type Member interface {
	Name() string
	HasIDs(g carrier.Getter) bool
	ClearFields(s carrier.Setter)
}

// Optional checks p's optional composite methods: Name is name; HasIDs
// reports true for every carrier of with and false for every one of
// without; and ClearFields leaves a carrier that can delete with only
// the keys of keep, and a carrier that cannot delete untouched.
func Optional(t *testing.T, p Member, name string, with, without []carrier.Getter, stale carrier.Map, keep ...string) {
	t.Helper()
	if got := p.Name(); got != name {
		t.Errorf("Name() = %q, want %q", got, name)
	}
	for _, g := range with {
		if !p.HasIDs(g) {
			t.Errorf("HasIDs(%v) = false, want true", g)
		}
	}
	for _, g := range without {
		if p.HasIDs(g) {
			t.Errorf("HasIDs(%v) = true, want false", g)
		}
	}
	p.ClearFields(stale)
	want := map[string]bool{}
	for _, k := range keep {
		want[k] = true
	}
	for k := range stale {
		if !want[k] {
			t.Errorf("ClearFields left %q", k)
		}
	}
	for k := range want {
		if _, ok := stale[k]; !ok {
			t.Errorf("ClearFields deleted %q", k)
		}
	}
	p.ClearFields(setOnly{}) // must not panic
}

// setOnly is a carrier that can neither delete nor list its keys.
type setOnly struct{}

func (setOnly) Set(string, string) {}
