package tracewire

import (
	"errors"
	"sync"
	"testing"
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

func TestParseError(t *testing.T) {
	var table = ErrorTable{Header: "traceparent"}
	err := error(table.At(ErrTraceID, 7))
	if got, want := err.Error(), "traceparent: invalid trace id at offset 7"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrTraceID) || errors.Is(err, ErrSpanID) {
		t.Error("errors.Is does not match the kind")
	}
	var pe *ParseError
	if !errors.As(err, &pe) || *pe != (ParseError{Header: "traceparent", Kind: ErrTraceID, Offset: 7}) {
		t.Errorf("errors.As gave %+v", pe)
	}
	if table.At(ErrTraceID, 7) != pe {
		t.Error("table does not intern: a second At returned a new pointer")
	}
	if mid := table.At(ErrValue, 20000); mid != table.At(ErrValue, 20000) || mid.Offset != 20000 {
		t.Errorf("offset 20000 not interned: %+v", mid)
	}
	far := table.At(ErrValue, 50000)
	if far.Offset != 50000 || far.Kind != ErrValue || far.Header != "traceparent" {
		t.Errorf("far offset error = %+v", far)
	}
	if neg := table.At(ErrValue, -1); neg.Offset != -1 {
		t.Errorf("negative offset error = %+v", neg)
	}
	if got, want := table.At(ErrKey, 1234567).Error(), "traceparent: invalid key at offset 1234567"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestErrorTableAllocsAndRace(t *testing.T) {
	var table = ErrorTable{Header: "x"}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for off := 0; off < 3000; off += 7 {
				if e := table.At(kindAt(i), off); e.Offset != off {
					t.Errorf("At(%d) = %+v", off, e)
				}
			}
		}()
	}
	wg.Wait()
	if n := testing.AllocsPerRun(100, func() { _ = table.At(ErrFlags, 53); _ = table.At(ErrTooLong, 8193) }); n != 0 {
		t.Errorf("At allocates %v times, want 0", n)
	}
}

// kindAt maps a small integer onto a real kind, for table tests.
func kindAt(i int) ErrorKind { return ErrorKind(1 + i%int(numKinds-1)) }
