package carrier

import (
	"strconv"
	"testing"
)

// TestBatchResetKeeps: a Batch goes back to the pool empty, keeping the
// room a composite's writes need and giving back what a large batch made.
func TestBatchResetKeeps(t *testing.T) {
	check := func(sets int, keep bool) {
		t.Helper()
		b := &Batch{to: Map{}}
		for i := range sets {
			b.Set("uberctx-item"+strconv.Itoa(i), "v")
		}
		b.Delete("x-other")
		b.prepare(dropSpelled)
		b.reset()
		if len(b.sets) != 0 || len(b.buf) != 0 || len(b.dels) != 0 || len(b.order) != 0 || b.to != nil || b.str != "" || b.indexed {
			t.Errorf("%d sets: reset left state behind", sets)
		}
		if kept := cap(b.sets) > 0 && cap(b.buf) > 0; kept != keep {
			t.Errorf("%d sets: slices kept %v, want %v", sets, kept, keep)
		}
	}
	check(12, true)                  // a composite's dozen
	check(2*maxPooledEntries, false) // a large baggage's items
}
