package tracewire

// Hooks for the tests of the error budget, in this package and in
// package tracewire_test.

// ErrorBytesForTest returns the bytes of interned errors charged to the
// budget: the part reserved for tables that are not List, and the part
// open to all.
func ErrorBytesForTest() (reserved, list int64) {
	return errorBytes.reserved.Load(), errorBytes.list.Load()
}

// ResetErrorBudgetForTest forgets every charge, as if no table had been
// used; chunks already built stay where they are.
func ResetErrorBudgetForTest() {
	errorBytes.reserved.Store(0)
	errorBytes.list.Store(0)
}

// Budget constants, for the tests.
const (
	ErrorBudgetForTest  = errorBudget
	ListBudgetForTest   = listBudget
	FixedOffsetsForTest = fixedOffsets
	ListOffsetsForTest  = listOffsets
	ErrorSizeForTest    = errorSize
)

// NewParseErrorForTest returns a ParseError for any header, kind and
// offset, without an ErrorTable and so without charging the budget.
func NewParseErrorForTest(header string, kind ErrorKind, offset int) *ParseError {
	e := newParseError(registerHeader(header), kind, offset)
	return &e
}
