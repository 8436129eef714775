package tracewire

import "sync/atomic"

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

// ParseError reports what is wrong with a header value and where.
//
// Offset is the index of the offending byte in the value as it was passed
// to the parser (for list headers given as several lines, in the lines
// joined by ","). Parsers return *ParseError values that are shared and
// immutable: read them, never modify them.
type ParseError struct {
	Header string    // the header's lowercase name, such as "traceparent"
	Kind   ErrorKind // what is wrong
	Offset int       // where: a byte index into the value
}

// Error returns a message naming the header, the problem and the offset.
// It allocates; the parse that produced e did not.
func (e *ParseError) Error() string {
	b := make([]byte, 0, 64)
	b = append(b, e.Header...)
	b = append(b, ": "...)
	b = append(b, e.Kind.Error()...)
	b = append(b, " at offset "...)
	b = appendInt(b, e.Offset)
	return string(b)
}

// Unwrap returns e.Kind, so that errors.Is matches kinds.
func (e *ParseError) Unwrap() error { return e.Kind }

func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// Offsets an ErrorTable interns, in lazily built chunks: enough for every
// offset at which a traceparent, traceresponse, b3 or uber-trace-id value
// can fail, and for list headers far past their specified limits (8192
// bytes of baggage, 16447 of tracestate).
const (
	errorChunk        = 1024
	errorChunks       = 32
	errorTableOffsets = errorChunk * errorChunks
)

// An ErrorTable hands out *ParseError values for one header without
// allocating, so that rejecting input costs no more than accepting it.
//
// An error interface holding a non-pointer value would be boxed on the heap
// on every failure; instead the table keeps one immutable ParseError per
// (kind, offset), built in chunks of 1024 offsets the first time one of
// them is needed. Offsets from 32768 on, which only values longer than
// any header limit reach, get a freshly allocated error; so memory stays
// bounded whatever input arrives.
//
// Declare one per header as a package-level variable:
//
//	var errs = tracewire.ErrorTable{Header: "traceparent"}
//
// It is safe for concurrent use and must not be copied after first use.
type ErrorTable struct {
	Header string // the header name the errors carry
	chunks [numKinds][errorChunks]atomic.Pointer[[errorChunk]ParseError]
}

// At returns the shared error for kind at offset.
func (t *ErrorTable) At(kind ErrorKind, offset int) *ParseError {
	if kind == 0 || kind >= numKinds || offset < 0 || offset >= errorTableOffsets {
		return &ParseError{Header: t.Header, Kind: kind, Offset: offset}
	}
	slot := &t.chunks[kind][offset/errorChunk]
	c := slot.Load()
	if c == nil {
		c = new([errorChunk]ParseError)
		base := offset - offset%errorChunk
		for i := range c {
			c[i] = ParseError{Header: t.Header, Kind: kind, Offset: base + i}
		}
		// Another goroutine may have built the same chunk; both are
		// identical, and everyone uses whichever was stored first.
		if !slot.CompareAndSwap(nil, c) {
			c = slot.Load()
		}
	}
	return &c[offset%errorChunk]
}
