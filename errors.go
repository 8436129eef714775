package tracewire

import (
	"sync"
	"sync/atomic"
)

// ErrorKind says what is wrong with a header value. Every *ParseError
// unwraps to one, so callers test for a kind with errors.Is:
//
//	if errors.Is(err, tracewire.ErrTraceID) { ... }
//
// The kinds are shared by every format. Their names (String) are stable and
// are the "error" values used by the vectors in testdata/.
type ErrorKind uint8

// The kinds of parse error. Zero is not a kind.
const (
	ErrEmpty          ErrorKind = iota + 1 // the value is empty or only whitespace
	ErrLength                              // the value, or a field, has the wrong length
	ErrVersion                             // the version field is malformed or forbidden
	ErrDelimiter                           // a separator is missing or misplaced
	ErrTraceID                             // the trace id is not valid hex of the right width
	ErrZeroTraceID                         // the trace id is all zeros
	ErrSpanID                              // the span (or child) id is not valid hex of the right width
	ErrZeroSpanID                          // the span id is all zeros
	ErrParentSpanID                        // the parent span id is malformed
	ErrFlags                               // the flags field is malformed
	ErrSampling                            // the sampling state is not one the format defines
	ErrTrailingData                        // bytes follow a complete value where none may
	ErrKey                                 // a list member's key breaks the key grammar
	ErrValue                               // a list member's value breaks the value grammar
	ErrMember                              // a list member is malformed (e.g. no "=")
	ErrTooManyMembers                      // a list has more members than the format allows
	ErrTooLong                             // the value exceeds the size limit
	ErrEscape                              // a percent-escape is malformed
	ErrProperty                            // a baggage property is malformed
	ErrMissingField                        // a required companion header or field is absent
	numKinds
)

var kindNames = [numKinds]string{
	ErrEmpty:          "empty",
	ErrLength:         "length",
	ErrVersion:        "version",
	ErrDelimiter:      "delimiter",
	ErrTraceID:        "trace-id",
	ErrZeroTraceID:    "zero-trace-id",
	ErrSpanID:         "span-id",
	ErrZeroSpanID:     "zero-span-id",
	ErrParentSpanID:   "parent-span-id",
	ErrFlags:          "flags",
	ErrSampling:       "sampling",
	ErrTrailingData:   "trailing-data",
	ErrKey:            "key",
	ErrValue:          "value",
	ErrMember:         "member",
	ErrTooManyMembers: "too-many-members",
	ErrTooLong:        "too-long",
	ErrEscape:         "escape",
	ErrProperty:       "property",
	ErrMissingField:   "missing-field",
}

var kindText = [numKinds]string{
	ErrEmpty:          "empty value",
	ErrLength:         "wrong length",
	ErrVersion:        "invalid version",
	ErrDelimiter:      "missing or misplaced delimiter",
	ErrTraceID:        "invalid trace id",
	ErrZeroTraceID:    "all-zero trace id",
	ErrSpanID:         "invalid span id",
	ErrZeroSpanID:     "all-zero span id",
	ErrParentSpanID:   "invalid parent span id",
	ErrFlags:          "invalid flags",
	ErrSampling:       "invalid sampling state",
	ErrTrailingData:   "unexpected trailing data",
	ErrKey:            "invalid key",
	ErrValue:          "invalid value",
	ErrMember:         "malformed list member",
	ErrTooManyMembers: "too many list members",
	ErrTooLong:        "value too long",
	ErrEscape:         "malformed percent-escape",
	ErrProperty:       "malformed property",
	ErrMissingField:   "missing required field",
}

// String returns the kind's stable short name, such as "trace-id".
func (k ErrorKind) String() string {
	if k == 0 || k >= numKinds {
		return "unknown"
	}
	return kindNames[k]
}

// Error returns a phrase describing the kind, such as "invalid trace id".
func (k ErrorKind) Error() string {
	if k == 0 || k >= numKinds {
		return "unknown parse error"
	}
	return kindText[k]
}

// ParseErrorKind returns the kind whose String is name, or 0 if none is.
func ParseErrorKind(name string) ErrorKind {
	for k := ErrorKind(1); k < numKinds; k++ {
		if kindNames[k] == name {
			return k
		}
	}
	return 0
}

// ParseError reports what is wrong with a header value, and where.
//
// A ParseError is immutable: its fields are unexported and parsers hand
// out shared, interned values (see ErrorTable), so no caller can change an
// error another caller receives. Two failures of the same header with the
// same kind at the same offset return equal errors (often the same
// pointer). Use errors.Is with an ErrorKind to test what went wrong, and
// errors.As with a *ParseError to read where:
//
//	var pe *tracewire.ParseError
//	if errors.As(err, &pe) { log(pe.Header(), pe.Kind(), pe.Offset()) }
//
// The zero ParseError has no header, kind 0 and offset 0.
type ParseError struct {
	// Eight bytes, so that the interned tables stay small: the offset's
	// low 32 bits, its high bits with the sign (offsets span ±2^39), the
	// kind, and the header as an index into the registry of header names.
	lo     uint32
	hi     int8
	kind   ErrorKind
	header uint16
}

// errorSize is the size of a ParseError in bytes, for the budget; a test
// checks it against unsafe.Sizeof.
const errorSize = 8

// Offsets a ParseError can hold; parsers never come near them (a header
// value of 512 GiB), and At clamps to them rather than wrap.
const (
	maxErrorOffset = 1<<39 - 1
	minErrorOffset = -1 << 39
)

func newParseError(header uint16, kind ErrorKind, offset int) ParseError {
	o := min(max(int64(offset), minErrorOffset), maxErrorOffset)
	return ParseError{lo: uint32(o), hi: int8(o >> 32), kind: kind, header: header}
}

// Header returns the lowercase name of the header the value came from,
// such as "traceparent".
func (e *ParseError) Header() string { return headerName(e.header) }

// Kind returns what is wrong.
func (e *ParseError) Kind() ErrorKind { return e.kind }

// Offset returns where: the index of the offending byte in the value as it
// was passed to the parser (for list headers given as several lines, in
// the lines joined by ",").
func (e *ParseError) Offset() int { return int(int64(e.hi)<<32 | int64(e.lo)) }

// Error returns a message naming the header, the problem and the offset.
// It allocates; the parse that produced e did not.
func (e *ParseError) Error() string {
	b := make([]byte, 0, 64)
	b = append(b, e.Header()...)
	b = append(b, ": "...)
	b = append(b, e.kind.Error()...)
	b = append(b, " at offset "...)
	b = appendInt(b, e.Offset())
	return string(b)
}

// Unwrap returns e's kind, so that errors.Is matches kinds.
func (e *ParseError) Unwrap() error { return e.kind }

func appendInt(b []byte, n int) []byte {
	u := uint64(n)
	if n < 0 {
		b = append(b, '-')
		u = -u
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// headers is the registry of header names that ParseError.header indexes.
// Index 0 is the empty name. It grows by one entry per distinct name that
// an ErrorTable is used with; published snapshots are never written below
// their length, so readers need no lock.
var headers struct {
	mu     sync.Mutex
	ids    map[string]uint16
	names  atomic.Pointer[[]string]
	cursor []string // the slice names points to, for appending under mu
}

// maxHeaders bounds the registry. Only tables built at run time with ever
// new names could reach it; their errors then carry no header name.
const maxHeaders = 1<<16 - 1

func headerName(id uint16) string {
	if p := headers.names.Load(); p != nil && int(id) < len(*p) {
		return (*p)[id]
	}
	return ""
}

func registerHeader(name string) uint16 {
	headers.mu.Lock()
	defer headers.mu.Unlock()
	if id, ok := headers.ids[name]; ok {
		return id
	}
	if headers.ids == nil {
		headers.ids = map[string]uint16{}
		headers.cursor = []string{""}
	}
	if len(headers.cursor) > maxHeaders {
		return 0
	}
	id := uint16(len(headers.cursor))
	headers.cursor = append(headers.cursor, name)
	names := headers.cursor
	headers.names.Store(&names)
	headers.ids[name] = id
	return id
}

// The interning geometry and the byte budget; see ErrorTable.
const (
	fixedOffsets = 128 // offsets a table that is not List interns: 0 to 127
	listOffsets  = 256 // offsets a List table interns: 0 to 255
	errorChunk   = 32  // errors per lazily built chunk (256 bytes)
	errorChunks  = listOffsets / errorChunk
	chunkBytes   = errorChunk * errorSize

	errorBudget    = 256 << 10                // all tables together
	listBudget     = 112 << 10                // open to every table, the only part List tables use
	reservedBudget = errorBudget - listBudget // only for tables that are not List
)

// errorBytes counts the bytes of chunks built, against the budget.
var errorBytes struct {
	reserved, list atomic.Int64
}

// take charges n bytes to pool if that keeps it within limit.
func take(pool *atomic.Int64, limit, n int64) bool {
	for {
		used := pool.Load()
		if used+n > limit {
			return false
		}
		if pool.CompareAndSwap(used, used+n) {
			return true
		}
	}
}

// An ErrorTable hands out the *ParseError values of one header. Declare
// one per header as a package-level variable and return its errors:
//
//	var errs = tracewire.ErrorTable{Header: "traceparent"}
//	...
//	return tracewire.SpanContext{}, errs.At(tracewire.ErrTraceID, i)
//
// An error interface holding a non-pointer value would be boxed on the
// heap on every failure. Instead the table interns one immutable, 8-byte
// ParseError per kind and offset below its bound, built in chunks of 32
// offsets of one kind the first time one of them is needed: an error
// below the bound costs no allocation, however many arrive, and one at or
// past it costs one 8-byte allocation. The bound is 128 for a fixed-width
// table, room for a fixed-width value and generous whitespace around it,
// and 256 for a List table (see List).
//
// The chunks of all tables together retain at most 256 KiB, whatever the
// input: a kind costs a fixed-width table at most 1 KiB and a List table
// at most 2 KiB. 112 KiB of the budget is open to every table and is the
// only part a List table draws on; the other 144 KiB is reserved for
// fixed-width tables, so that no flood of list-header errors, in this
// module's tables or in tables of its users, can make theirs allocate.
// This module's fixed-width tables can fail with 131 (table, kind) pairs
// and its List tables with 47: 131 KiB of the reserved 144 and 94 KiB of
// the shared 112, so no input makes an error of this module below its
// table's bound allocate, unless a program's own List tables spend the
// shared part. A table whose part is spent hands out allocated errors,
// equal in every field to interned ones.
//
// Header names are registered once per distinct name, the first time a
// table with that name is used. The registry is not counted in the budget
// and holds up to 65535 names (errors of further names carry an empty
// header), so tables must not be built per request.
//
// An ErrorTable is safe for concurrent use and must not be copied after
// first use. Changing Header after first use changes none of its errors.
type ErrorTable struct {
	Header string // the lowercase header name the errors carry

	// List marks a header whose errors can lie anywhere in a long value:
	// a list such as tracestate or baggage, free text, or a tracestate
	// member of up to 256 bytes. Its errors are interned for offsets 0 to
	// 255 and draw only on the budget's shared part, so that they never
	// crowd out those of fixed-width headers. Leave it false for a
	// fixed-width header: one whose values as senders write them,
	// whitespace around them included, fit in 128 bytes.
	List bool

	id     atomic.Uint32 // 1 + the header's registry index; 0 until first use
	chunks [numKinds - 1][errorChunks]atomic.Pointer[[errorChunk]ParseError]
}

// At returns the error for kind at offset: interned, or allocated if the
// offset is negative or at least the table's bound (128, or 256 for a
// List table), kind is not one of the ErrorKind constants, or the table's
// part of the budget is spent.
func (t *ErrorTable) At(kind ErrorKind, offset int) *ParseError {
	id := t.headerID()
	k := uint(kind) - 1
	bound := uint(fixedOffsets)
	if t.List {
		bound = listOffsets
	}
	if k < uint(len(t.chunks)) && uint(offset) < bound {
		if c := t.chunk(id, kind, offset); c != nil {
			return &c[offset%errorChunk]
		}
	}
	e := newParseError(id, kind, offset)
	return &e
}

func (t *ErrorTable) headerID() uint16 {
	if id := t.id.Load(); id != 0 {
		return uint16(id - 1)
	}
	id := registerHeader(t.Header)
	// Racing first uses register the same name and store the same id.
	t.id.Store(uint32(id) + 1)
	return id
}

// chunk returns the chunk holding offset's error for kind, building it if
// the budget allows, or nil.
func (t *ErrorTable) chunk(id uint16, kind ErrorKind, offset int) *[errorChunk]ParseError {
	slot := &t.chunks[kind-1][offset/errorChunk]
	if c := slot.Load(); c != nil {
		return c
	}
	pool := &errorBytes.list
	if !t.List && take(&errorBytes.reserved, reservedBudget, chunkBytes) {
		pool = &errorBytes.reserved
	} else if !take(pool, listBudget, chunkBytes) {
		return nil
	}
	c := new([errorChunk]ParseError)
	base := offset - offset%errorChunk
	for i := range c {
		c[i] = newParseError(id, kind, base+i)
	}
	// Another goroutine may have built the same chunk; both are identical,
	// everyone uses whichever was stored first, and the loser's bytes go
	// back to the budget.
	if !slot.CompareAndSwap(nil, c) {
		pool.Add(-chunkBytes)
		return slot.Load()
	}
	return c
}
