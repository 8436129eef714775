package tracewire

import "github.com/tracewire/tracewire/internal/hexid"

// TraceID is a 16-byte trace identifier. The zero value is invalid.
//
// A 64-bit id (B3, Jaeger) is held right-aligned: its first eight bytes
// are zero.
//
// As with netip.Addr, the zero value's text form (MarshalText, AppendText)
// is empty and UnmarshalText of empty text gives the zero value, so that a
// struct holding an unset id survives a JSON round trip; String prints 32
// zeros, the way W3C and OpenTelemetry show an invalid id.
type TraceID [16]byte

// SpanID is an 8-byte span identifier. The zero value is invalid. Its text
// form is empty, as TraceID's is; String prints 16 zeros.
type SpanID [8]byte

var (
	errTraceID = ErrorTable{Header: "trace-id"}
	errSpanID  = ErrorTable{Header: "span-id"}
)

// ParseTraceID parses 32 lowercase hex digits. An all-zero id is an error.
func ParseTraceID(s string) (TraceID, error) {
	var t TraceID
	if len(s) != 32 {
		return t, errTraceID.At(ErrLength, min(len(s), 32))
	}
	if i := hexid.DecodeLower(t[:], s); i >= 0 {
		return TraceID{}, errTraceID.At(ErrTraceID, i)
	}
	if !t.IsValid() {
		return t, errTraceID.At(ErrZeroTraceID, 0)
	}
	return t, nil
}

// ParseSpanID parses 16 lowercase hex digits. An all-zero id is an error.
func ParseSpanID(s string) (SpanID, error) {
	var id SpanID
	if len(s) != 16 {
		return id, errSpanID.At(ErrLength, min(len(s), 16))
	}
	if i := hexid.DecodeLower(id[:], s); i >= 0 {
		return SpanID{}, errSpanID.At(ErrSpanID, i)
	}
	if !id.IsValid() {
		return id, errSpanID.At(ErrZeroSpanID, 0)
	}
	return id, nil
}

// IsValid reports whether t is not all zeros.
func (t TraceID) IsValid() bool { return t != TraceID{} }

// Is64Bit reports whether the high eight bytes of t are zero, so that t
// fits the 64-bit id of B3 and Jaeger.
func (t TraceID) Is64Bit() bool { return [8]byte(t[:8]) == [8]byte{} }

// AppendText appends the 32 lowercase hex digits of t to b, or nothing if
// t is zero.
func (t TraceID) AppendText(b []byte) ([]byte, error) {
	if !t.IsValid() {
		return b, nil
	}
	return hexid.Append(b, t[:]), nil
}

// MarshalText returns the 32 lowercase hex digits of t, or empty text if t
// is zero.
func (t TraceID) MarshalText() ([]byte, error) { return t.AppendText(make([]byte, 0, 32)) }

// UnmarshalText parses 32 lowercase hex digits into t, or sets t to zero
// if b is empty. Like ParseTraceID it rejects 32 zeros: the zero id's text
// is the empty one. On error t is unchanged.
func (t *TraceID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = TraceID{}
		return nil
	}
	id, err := ParseTraceID(string(b))
	if err != nil {
		return err
	}
	*t = id
	return nil
}

// String returns the 32 lowercase hex digits of t.
func (t TraceID) String() string {
	var b [32]byte
	return string(hexid.Append(b[:0], t[:]))
}

// IsValid reports whether s is not all zeros.
func (s SpanID) IsValid() bool { return s != SpanID{} }

// AppendText appends the 16 lowercase hex digits of s to b, or nothing if
// s is zero.
func (s SpanID) AppendText(b []byte) ([]byte, error) {
	if !s.IsValid() {
		return b, nil
	}
	return hexid.Append(b, s[:]), nil
}

// MarshalText returns the 16 lowercase hex digits of s, or empty text if s
// is zero.
func (s SpanID) MarshalText() ([]byte, error) { return s.AppendText(make([]byte, 0, 16)) }

// UnmarshalText parses 16 lowercase hex digits into s, or sets s to zero
// if b is empty. Like ParseSpanID it rejects 16 zeros. On error s is
// unchanged.
func (s *SpanID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = SpanID{}
		return nil
	}
	id, err := ParseSpanID(string(b))
	if err != nil {
		return err
	}
	*s = id
	return nil
}

// String returns the 16 lowercase hex digits of s.
func (s SpanID) String() string {
	var b [16]byte
	return string(hexid.Append(b[:0], s[:]))
}
