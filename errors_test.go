package tracewire

import (
	"errors"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

func TestErrorKinds(t *testing.T) {
	seen := map[string]bool{}
	for k := ErrorKind(1); k < numKinds; k++ {
		name := k.String()
		if name == "unknown" || seen[name] {
			t.Errorf("kind %d has name %q (missing or repeated)", k, name)
		}
		seen[name] = true
		if ParseErrorKind(name) != k {
			t.Errorf("ParseErrorKind(%q) = %v, want %d", name, ParseErrorKind(name), k)
		}
		if k.Error() == "" || k.Error() == "unknown parse error" {
			t.Errorf("kind %d has no text", k)
		}
	}
	if ParseErrorKind("nope") != 0 || ErrorKind(0).String() != "unknown" || numKinds.Error() != "unknown parse error" {
		t.Error("unknown kinds not reported as such")
	}
}

// errView is what a ParseError says, for comparisons.
type errView struct {
	Header string
	Kind   ErrorKind
	Offset int
	Text   string
}

func viewErr(e *ParseError) errView { return errView{e.Header(), e.Kind(), e.Offset(), e.Error()} }

func TestParseError(t *testing.T) {
	table := &ErrorTable{Header: "traceparent"}
	tests := []struct {
		name   string
		kind   ErrorKind
		offset int
		want   errView
	}{
		{"interned", ErrTraceID, 7, errView{"traceparent", ErrTraceID, 7, "traceparent: invalid trace id at offset 7"}},
		{"first offset", ErrEmpty, 0, errView{"traceparent", ErrEmpty, 0, "traceparent: empty value at offset 0"}},
		{"last interned", ErrFlags, 127, errView{"traceparent", ErrFlags, 127, "traceparent: invalid flags at offset 127"}},
		{"first beyond", ErrValue, 128, errView{"traceparent", ErrValue, 128, "traceparent: invalid value at offset 128"}},
		{"past a List table's bound", ErrValue, 256, errView{"traceparent", ErrValue, 256, "traceparent: invalid value at offset 256"}},
		{"far", ErrKey, 1234567, errView{"traceparent", ErrKey, 1234567, "traceparent: invalid key at offset 1234567"}},
		{"past 32 bits", ErrKey, 1<<33 + 5, errView{"traceparent", ErrKey, 1<<33 + 5, "traceparent: invalid key at offset 8589934597"}},
		{"clamped high", ErrKey, 1 << 45, errView{"traceparent", ErrKey, 1<<39 - 1, "traceparent: invalid key at offset 549755813887"}},
		{"negative", ErrValue, -1, errView{"traceparent", ErrValue, -1, "traceparent: invalid value at offset -1"}},
		{"clamped low", ErrValue, -1 << 45, errView{"traceparent", ErrValue, -1 << 39, "traceparent: invalid value at offset -549755813888"}},
		{"kind zero", 0, 3, errView{"traceparent", 0, 3, "traceparent: unknown parse error at offset 3"}},
		{"kind out of range", numKinds, 3, errView{"traceparent", numKinds, 3, "traceparent: unknown parse error at offset 3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := table.At(tc.kind, tc.offset)
			if d := cmp.Diff(tc.want, viewErr(err)); d != "" {
				t.Errorf("At(%v, %d) (-want +got):\n%s", tc.kind, tc.offset, d)
			}
			if tc.kind != 0 && !errors.Is(err, tc.kind) {
				t.Errorf("errors.Is(err, %v) = false", tc.kind)
			}
			if errors.Is(err, ErrTooManyMembers) {
				t.Error("errors.Is matched a kind the error does not have")
			}
			var pe *ParseError
			if !errors.As(error(err), &pe) || pe != err {
				t.Errorf("errors.As gave %v", pe)
			}
		})
	}
	var zero ParseError
	if got, want := viewErr(&zero), (errView{"", 0, 0, ": unknown parse error at offset 0"}); got != want {
		t.Errorf("zero ParseError = %+v, want %+v", got, want)
	}
}

func TestParseErrorSize(t *testing.T) {
	if got := unsafe.Sizeof(ParseError{}); got != errorSize {
		t.Errorf("ParseError is %d bytes; the budget counts %d", got, errorSize)
	}
}

// TestParseErrorImmutable is the reproduction from issue 11: setting the
// Offset of one returned error changed the error of the next, unrelated
// parse. ParseError now has no exported field to set, and every failure
// of the same header, kind and offset reports the same thing.
func TestParseErrorImmutable(t *testing.T) {
	typ := reflect.TypeOf(ParseError{})
	for i := range typ.NumField() {
		if f := typ.Field(i); f.IsExported() {
			t.Errorf("ParseError has exported field %s", f.Name)
		}
	}
	_, err1 := ParseSpanID("00f067aa0ba9O2b7")
	_, err2 := ParseSpanID("11f067aa0ba9x2b7")
	var pe1, pe2 *ParseError
	if !errors.As(err1, &pe1) || !errors.As(err2, &pe2) {
		t.Fatalf("errors %v, %v are not *ParseError", err1, err2)
	}
	want := errView{"span-id", ErrSpanID, 12, "span-id: invalid span id at offset 12"}
	if d := cmp.Diff([]errView{want, want}, []errView{viewErr(pe1), viewErr(pe2)}); d != "" {
		t.Errorf("two parses failing at the same offset (-want +got):\n%s", d)
	}
	if *pe1 != *pe2 {
		t.Error("equal failures give errors that are not ==")
	}
}

// TestParseErrorHeaders: the same kind and offset in different headers
// are different errors; tables of the same header give equal ones.
func TestParseErrorHeaders(t *testing.T) {
	a := &ErrorTable{Header: "test-header-a"}
	b := &ErrorTable{Header: "test-header-b"}
	a2 := &ErrorTable{Header: "test-header-a", List: true}
	for _, off := range []int{0, 31, 32, 255, 256, 4000} {
		ea, eb, ea2 := a.At(ErrTraceID, off), b.At(ErrTraceID, off), a2.At(ErrTraceID, off)
		if ea == eb || *ea == *eb || ea.Header() == eb.Header() || ea.Error() == eb.Error() {
			t.Errorf("offset %d: %v and %v are not distinct", off, ea, eb)
		}
		if ea.Header() != "test-header-a" || eb.Header() != "test-header-b" {
			t.Errorf("offset %d: headers %q, %q", off, ea.Header(), eb.Header())
		}
		if *ea != *ea2 {
			t.Errorf("offset %d: two tables of one header give %+v and %+v", off, viewErr(ea), viewErr(ea2))
		}
	}
}

func TestErrorTableInterns(t *testing.T) {
	fixed := &ErrorTable{Header: "test-interns"}
	list := &ErrorTable{Header: "test-interns-list", List: true}
	for _, tc := range []struct {
		table *ErrorTable
		off   int
		same  bool
	}{{fixed, 0, true}, {fixed, 53, true}, {fixed, 127, true}, {fixed, 128, false}, {list, 127, true}, {list, 255, true}, {list, 256, false}} {
		first, second := tc.table.At(ErrFlags, tc.off), tc.table.At(ErrFlags, tc.off)
		if same := first == second; same != tc.same {
			t.Errorf("%s offset %d: two At return the same pointer: %v, want %v", tc.table.Header, tc.off, same, tc.same)
		}
	}
}

func TestErrorTableRace(t *testing.T) {
	table := &ErrorTable{Header: "test-race"}
	var wg sync.WaitGroup
	got := make([][]*ParseError, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for off := range 300 {
				got[i] = append(got[i], table.At(ErrorKind(1+off%3), off))
			}
		}()
	}
	wg.Wait()
	for i := range got {
		for off, e := range got[i] {
			if e.Offset() != off || e.Kind() != ErrorKind(1+off%3) || e.Header() != "test-race" {
				t.Fatalf("goroutine %d: At(%d) = %+v", i, off, viewErr(e))
			}
			if off < fixedOffsets && e != got[0][off] {
				t.Fatalf("goroutine %d: offset %d interned twice", i, off)
			}
		}
	}
}

// walk asks every table for every kind at every offset below n, keeping
// what it gets so that nothing is collected.
func walk(tables []*ErrorTable, n int) (kept []*ParseError) {
	for _, table := range tables {
		for k := ErrorKind(1); k < numKinds; k++ {
			for off := range n {
				kept = append(kept, table.At(k, off))
			}
		}
	}
	return kept
}

func newTables(prefix string, n int, list bool) []*ErrorTable {
	tables := make([]*ErrorTable, n)
	for i := range tables {
		tables[i] = &ErrorTable{Header: prefix + string(rune('a'+i)), List: list}
	}
	return tables
}

// TestErrorBudget walks every kind at every offset (past the interned
// ones) of several tables of both sorts, and checks that the budget holds
// both by its count and by the heap the tables retain.
func TestErrorBudget(t *testing.T) {
	ResetErrorBudgetForTest()
	defer ResetErrorBudgetForTest()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	tables := append(newTables("test-budget-short-", 8, false), newTables("test-budget-list-", 8, true)...)
	kept := walk(tables, 1024)

	reserved, list := ErrorBytesForTest()
	if reserved != reservedBudget || list != listBudget {
		t.Errorf("after the walk the budget holds %d reserved + %d shared bytes, want both parts full (%d + %d)", reserved, list, reservedBudget, listBudget)
	}
	// Count what the tables really hold, chunk by chunk.
	var held int
	for _, table := range tables {
		for k := range table.chunks {
			for c := range table.chunks[k] {
				if table.chunks[k][c].Load() != nil {
					held += chunkBytes
					if !table.List && c >= fixedOffsets/errorChunk {
						t.Errorf("%s holds kind %d past offset %d", table.Header, k+1, fixedOffsets)
					}
				}
			}
		}
	}
	if held != errorBudget {
		t.Errorf("the tables hold %d bytes of chunks, want the whole budget, %d", held, errorBudget)
	}

	runtime.KeepAlive(kept) // until the count above; then the walk's allocated errors may go
	runtime.GC()
	runtime.ReadMemStats(&after)
	tableBytes := len(tables) * int(unsafe.Sizeof(ErrorTable{}))
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc) - int64(tableBytes); grew > errorBudget+32<<10 {
		t.Errorf("the heap grew by %d bytes beyond the tables themselves, want at most the %d-byte budget (+32 KiB slack)", grew, errorBudget)
	}
	runtime.KeepAlive(tables)
}

// TestErrorAllocs: errors below a table's bound (256 for a List table,
// 128 for another) cost nothing, those beyond one
// allocation; and once an adversary has spent the shared part of the
// budget on list-header errors, a fixed-width header's errors still cost
// nothing at every offset below 128, of every kind.
func TestErrorAllocs(t *testing.T) {
	ResetErrorBudgetForTest()
	defer ResetErrorBudgetForTest()

	// Below the bound, while the budget lasts: a list table, every kind.
	list := &ErrorTable{Header: "test-allocs-list", List: true}
	all := func(table *ErrorTable, bound int) func() {
		return func() {
			for k := ErrorKind(1); k < numKinds; k++ {
				for off := range bound {
					_ = table.At(k, off)
				}
			}
		}
	}
	if n := testing.AllocsPerRun(5, all(list, listOffsets)); n != 0 {
		t.Errorf("a list table's errors below offset %d: %v allocs, want 0", listOffsets, n)
	}

	// Beyond the bound: one small allocation each.
	short := &ErrorTable{Header: "test-allocs-short"}
	for _, tc := range []struct {
		table *ErrorTable
		off   int
	}{{list, listOffsets}, {list, 300}, {list, 8192}, {list, 1 << 20}, {list, 1 << 40}, {list, -1}, {short, fixedOffsets}, {short, 255}, {short, 256}} {
		if n := testing.AllocsPerRun(100, func() { _ = tc.table.At(ErrValue, tc.off) }); n != 1 {
			t.Errorf("%s offset %d: %v allocs, want 1", tc.table.Header, tc.off, n)
		}
	}

	// The adversary spends the shared part on list-header errors ...
	kept := walk(newTables("test-allocs-adversary-", 8, true), listOffsets)
	if _, used := ErrorBytesForTest(); used != listBudget {
		t.Fatalf("the adversary left the shared part at %d bytes, want it full (%d)", used, listBudget)
	}
	fresh := &ErrorTable{Header: "test-allocs-fresh-list", List: true}
	if n := testing.AllocsPerRun(100, func() { _ = fresh.At(ErrValue, 3) }); n != 1 {
		t.Errorf("a new list error once the shared part is spent: %v allocs, want 1", n)
	}
	// ... and a fixed-width header is not affected.
	fixed := &ErrorTable{Header: "test-allocs-fixed"}
	if n := testing.AllocsPerRun(5, all(fixed, fixedOffsets)); n != 0 {
		t.Errorf("a fixed-width table's errors below offset %d after the adversary: %v allocs, want 0", fixedOffsets, n)
	}
	runtime.KeepAlive(kept)
}

// TestErrorHeaderRegistryFull fills the registry of header names (in a
// scratch copy) and checks that a table of one more name still works, its
// errors only lacking the name, and that registered names stay readable.
func TestErrorHeaderRegistryFull(t *testing.T) {
	headers.mu.Lock()
	savedIDs, savedCursor, savedNames := headers.ids, headers.cursor, headers.names.Load()
	headers.ids, headers.cursor = nil, nil
	headers.names.Store(nil)
	headers.mu.Unlock()
	defer func() {
		headers.mu.Lock()
		headers.ids, headers.cursor = savedIDs, savedCursor
		headers.names.Store(savedNames)
		headers.mu.Unlock()
	}()

	first := &ErrorTable{Header: "test-registry-first"}
	if got := first.At(ErrKey, 1).Header(); got != "test-registry-first" {
		t.Fatalf("first header = %q", got)
	}
	for i := 2; i <= maxHeaders; i++ {
		if id := registerHeader("test-registry-" + string(appendInt(nil, i))); id != uint16(i) {
			t.Fatalf("name %d got id %d", i, id)
		}
	}
	over := &ErrorTable{Header: "test-registry-overflow"}
	got := viewErr(over.At(ErrKey, 300))
	if want := (errView{"", ErrKey, 300, ": invalid key at offset 300"}); got != want {
		t.Errorf("error of a table past the registry = %+v, want %+v", got, want)
	}
	if got := first.At(ErrKey, 2).Header(); got != "test-registry-first" {
		t.Errorf("a registered header reads %q once the registry is full", got)
	}
	if got := headerName(maxHeaders); got != "test-registry-65535" {
		t.Errorf("the last id names %q", got)
	}
}
