package tracewire_test

import (
	"errors"
	"fmt"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/traceparent"
)

func ExampleParseError_Hint() {
	// A 64-bit trace id, as B3 and Jaeger send it, pasted into a
	// traceparent.
	v := "00-a3ce929d0e0e4736-00f067aa0ba902b7-01"
	_, err := traceparent.Parse(v)
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		fmt.Println(err)
		fmt.Println(pe.Hint(v))
	}
	// Output:
	// traceparent: invalid trace id at offset 19
	// 64-bit trace id: traceparent needs 32 hex digits; pad with 16 leading zeros
}

func ExampleParseError_Hint_pasted() {
	// A value copied from a document, where an en dash replaced a '-'.
	v := "00\u20134bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	_, err := traceparent.Parse(v)
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Hint(v))
	}
	// Output: '–' (U+2013, an en dash) where '-' belongs; it looks like '-' but is not ASCII: retype it
}

func ExampleErrorKind_Hint() {
	fmt.Println(tracewire.ErrEscape.Hint())
	// Output: '%' must be followed by two hex digits; write a literal '%' as %25
}
