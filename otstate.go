package tracewire

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/decimal"
	"github.com/tracewire/tracewire/internal/hexid"
)

// Limits and constants of the OpenTelemetry "ot" tracestate member.
const (
	otKey        = "ot" // the tracestate key OpenTelemetry owns
	otMaxLen     = 256  // bytes in the whole member value
	otMaxItems   = 86   // "a:;" is the shortest item, so 256 bytes hold at most 86
	otHexDigits  = 14   // 56 bits
	otRandomBits = 56   // width of th and rv
	maxThreshold = 1<<56 - 1
)

// Bits of OTelState.bits.
const (
	otHasTh = 1 << iota // th is present and valid
	otHasRv             // rv is present and valid
)

// errOTel is a List table: a member value holds up to 256 bytes of items,
// and an error can lie anywhere in them.
var errOTel = ErrorTable{Header: "tracestate ot", List: true}

// OTelState is the value of OpenTelemetry's "ot" tracestate member, which
// carries consistent probability sampling (OpenTelemetry's tracestate
// handling and probability sampling specifications): "key:value" items
// separated by ";", such as "th:c;rv:9b8233f7e3a151".
//
//   - th is the rejection threshold T: 1 to 14 lowercase hex digits,
//     right-padded with zeros to 14 to give a 56-bit number. A trace is
//     kept when its randomness R >= T, so "th:0" keeps everything and
//     "th:c" (T = 0xc0000000000000) keeps one trace in four.
//   - rv is the explicit randomness R: exactly 14 lowercase hex digits.
//     Without it, R is the low 56 bits of the trace id, which only a trace
//     id with the W3C random flag guarantees to be random.
//   - Other keys belong to other OpenTelemetry concerns; they are kept,
//     in order and unchanged.
//
// Like TraceState it is a small comparable value that refers to the text
// it was parsed from without copying it; two values holding the same items
// in different orders are not ==, so compare String forms for that. The
// zero value is the absent member: no items.
//
// Choices where the specifications leave room:
//
//   - A th that is not 1 to 14 lowercase hex digits is erased, as the
//     probability sampling specification asks: a wrong threshold would
//     skew every count computed from it. ParseOTelState reports it and
//     returns the rest. Uppercase digits are malformed: the sampling
//     specification and every example use lowercase.
//   - A malformed rv is kept as received but not used as randomness:
//     only the root of a trace may change rv, so a service passing the
//     member on leaves it alone.
//   - A th with trailing zeros ("th:80") is valid and kept as received;
//     thresholds this package writes never have them.
//   - Anything else that breaks the grammar (an empty item, a key that is
//     not [a-z][a-z0-9]*, a value byte outside [A-Za-z0-9._-], a repeated
//     key, more than 256 bytes) makes the whole member unusable.
type OTelState struct {
	s            string // the member value, validated
	th, rv       uint64
	skipS, skipE uint16 // s[skipS:skipE] is an erased th item and one ";"; empty if none
	bits         uint8
}

// ParseOTelState parses the value of an "ot" tracestate member (without
// the "ot=") and allocates nothing.
//
// A value that breaks the grammar returns the zero OTelState and a
// *ParseError. A value whose only fault is a malformed th or rv returns the
// state with that th erased (a malformed rv stays, unused) together with a
// *ParseError for the first fault: the state is usable. Offsets index s.
func ParseOTelState(s string) (OTelState, error) {
	if s == "" {
		return OTelState{}, errOTel.At(ErrEmpty, 0)
	}
	if len(s) > otMaxLen {
		return OTelState{}, errOTel.At(ErrTooLong, otMaxLen)
	}
	var (
		o     = OTelState{s: s}
		err   error
		keys  [otMaxItems][2]uint16 // bounds of the keys seen
		nkeys int
	)
	for i := 0; ; i++ {
		ks := i
		if i == len(s) || s[i] == ';' {
			return OTelState{}, errOTel.At(ErrMember, i) // an empty item
		}
		if !ascii.IsLower(s[i]) {
			return OTelState{}, errOTel.At(ErrKey, i)
		}
		for i++; i < len(s) && (ascii.IsLower(s[i]) || decimal.IsDigit(s[i])); i++ {
		}
		ke := i
		if i == len(s) || s[i] == ';' {
			return OTelState{}, errOTel.At(ErrDelimiter, i) // no ":"
		}
		if s[i] != ':' {
			return OTelState{}, errOTel.At(ErrKey, i)
		}
		vs := i + 1
		for i = vs; i < len(s) && isOTelValueChar(s[i]); i++ {
		}
		if i < len(s) && s[i] != ';' {
			return OTelState{}, errOTel.At(ErrValue, i)
		}
		key := s[ks:ke]
		for _, k := range keys[:nkeys] {
			if s[k[0]:k[1]] == key {
				return OTelState{}, errOTel.At(ErrKey, ks) // a repeated key
			}
		}
		keys[nkeys] = [2]uint16{uint16(ks), uint16(ke)}
		nkeys++
		switch key {
		case "th":
			if t, kind, at := parseThreshold(s[vs:i]); kind != 0 {
				if err == nil {
					err = errOTel.At(kind, vs+at)
				}
				o = o.skip(ks, i)
			} else {
				o.th, o.bits = t, o.bits|otHasTh
			}
		case "rv":
			if r, kind, at := parseRandomness(s[vs:i]); kind != 0 {
				if err == nil {
					err = errOTel.At(kind, vs+at)
				}
			} else {
				o.rv, o.bits = r, o.bits|otHasRv
			}
		}
		if i == len(s) {
			return o, err
		}
	}
}

// isOTelValueChar reports whether c may appear in an "ot" item's value.
func isOTelValueChar(c byte) bool {
	return ascii.IsLower(c) || decimal.IsDigit(c) || 'A' <= c && c <= 'Z' || c == '.' || c == '_' || c == '-'
}

// parseThreshold decodes a th value: 1 to 14 lowercase hex digits,
// right-padded with zeros. It returns the kind and index of a fault.
func parseThreshold(v string) (t uint64, kind ErrorKind, at int) {
	if v == "" || len(v) > otHexDigits {
		return 0, ErrLength, min(len(v), otHexDigits)
	}
	for i := 0; i < len(v); i++ {
		d := hexid.Lower(v[i])
		if d == 0xff {
			return 0, ErrValue, i
		}
		t = t<<4 | uint64(d)
	}
	return t << (4 * (otHexDigits - len(v))), 0, 0
}

// parseRandomness decodes an rv value: exactly 14 lowercase hex digits.
func parseRandomness(v string) (r uint64, kind ErrorKind, at int) {
	if len(v) != otHexDigits {
		return 0, ErrLength, min(len(v), otHexDigits)
	}
	return parseThreshold(v)
}

// skip returns o with the item s[is:ie] (and one ";" beside it) left out
// of every view. An item at either end narrows s instead, which allocates
// nothing and keeps o == the state parsed from the shorter text.
func (o OTelState) skip(is, ie int) OTelState {
	s := o.s
	switch {
	case is == 0 && ie == len(s):
		return OTelState{}
	case is == 0:
		o.s = s[ie+1:]
	case ie == len(s):
		o.s = s[:is-1]
	default:
		// Only th is ever skipped and keys are unique, so o has no
		// skipped range yet.
		o.skipS, o.skipE = uint16(is), uint16(ie+1)
	}
	return o
}

// Threshold returns the rejection threshold T carried by th, a 56-bit
// number, and whether th is present and valid.
func (o OTelState) Threshold() (uint64, bool) { return o.th, o.bits&otHasTh != 0 }

// Randomness returns the explicit randomness R carried by rv, a 56-bit
// number, and whether rv is present and valid.
func (o OTelState) Randomness() (uint64, bool) { return o.rv, o.bits&otHasRv != 0 }

// IsZero reports whether o has no items: the member is absent.
func (o OTelState) IsZero() bool { return o == OTelState{} }

// Get returns the value of the item with key, and whether there is one.
// It reads every key, th and rv included, as text.
func (o OTelState) Get(key string) (string, bool) {
	for it, more := o.first(); more; it, more = o.next(it) {
		if it.key == key {
			return it.value, true
		}
	}
	return "", false
}

// otItem is one "key:value" item of an OTelState's text.
type otItem struct {
	key, value string
	start, end int // bounds of the item in the text
}

func (o OTelState) first() (otItem, bool) { return o.item(0) }

func (o OTelState) next(it otItem) (otItem, bool) { return o.item(it.end + 1) }

// item returns the item starting at or after i, stepping over the skipped range.
func (o OTelState) item(i int) (otItem, bool) {
	if o.skipE != 0 && i == int(o.skipS) {
		i = int(o.skipE)
	}
	if i >= len(o.s) {
		return otItem{}, false
	}
	end := len(o.s)
	if j := strings.IndexByte(o.s[i:], ';'); j >= 0 {
		end = i + j
	}
	c := i + strings.IndexByte(o.s[i:end], ':')
	return otItem{key: o.s[i:c], value: o.s[c+1 : end], start: i, end: end}, true
}

// AppendText appends the member value to b: the items as received, less an
// erased th; nothing for the zero value. It never fails.
func (o OTelState) AppendText(b []byte) ([]byte, error) {
	if o.skipE == 0 {
		return append(b, o.s...), nil
	}
	b = append(b, o.s[:o.skipS]...)
	return append(b, o.s[o.skipE:]...), nil
}

// String returns the member value (see AppendText). It allocates only when
// a th was erased from the middle of the text received.
func (o OTelState) String() string {
	if o.skipE == 0 {
		return o.s
	}
	return o.s[:o.skipS] + o.s[o.skipE:]
}

// MarshalText returns the member value (see AppendText).
func (o OTelState) MarshalText() ([]byte, error) {
	return o.AppendText(make([]byte, 0, len(o.s)))
}

// UnmarshalText parses b as ParseOTelState does, copying it. On any error,
// even one that ParseOTelState returns a usable state with, o is left
// unchanged.
func (o *OTelState) UnmarshalText(b []byte) error {
	v, err := ParseOTelState(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// WithoutThreshold returns o without th. It allocates nothing.
func (o OTelState) WithoutThreshold() OTelState {
	for it, more := o.first(); more; it, more = o.next(it) {
		if it.key == "th" {
			o.bits &^= otHasTh
			o.th = 0
			return o.skip(it.start, it.end)
		}
	}
	return o
}

// WithThreshold returns o with th set to t, written as 14 hex digits less
// their trailing zeros ("0" for t = 0). t must be below 2^56; a larger t,
// or a member that would exceed 256 bytes, returns o unchanged and a
// *ParseError (ErrValue, ErrTooLong) whose offset indexes the text the
// member would have had.
//
// The new text, a new string, holds th first, then rv, then the other
// items in their order, as OpenTelemetry's SDKs write it. If o already
// has threshold t, o itself is returned and nothing is allocated.
func (o OTelState) WithThreshold(t uint64) (OTelState, error) {
	if t > maxThreshold {
		return o, errOTel.At(ErrValue, len("th:"))
	}
	if th, ok := o.Threshold(); ok && th == t {
		return o, nil // as received, even with trailing zeros
	}
	n := o
	n.th, n.bits = t, n.bits|otHasTh
	return o.rebuiltAs(n)
}

// WithRandomness returns o with rv set to r, written as 14 hex digits. r
// must be below 2^56; a larger r, or a member that would exceed 256 bytes,
// returns o unchanged and a *ParseError, as WithThreshold does. Only the
// root of a trace should set rv: the specification forbids changing it
// later.
func (o OTelState) WithRandomness(r uint64) (OTelState, error) {
	if r > maxThreshold {
		return o, errOTel.At(ErrValue, len("rv:"))
	}
	n := o
	n.rv, n.bits = r, n.bits|otHasRv
	return o.rebuiltAs(n)
}

// rebuiltAs returns n with its text written anew (see rebuild), or o and
// the error if the text would be too long.
func (o OTelState) rebuiltAs(n OTelState) (OTelState, error) {
	n, err := n.rebuild()
	if err != nil {
		return o, err
	}
	return n, nil
}

// rebuild writes o's text anew from its th and rv fields and the other
// items of its current text.
func (o OTelState) rebuild() (OTelState, error) {
	var buf [otMaxLen + 2*(len(";rv:")+otHexDigits)]byte
	b := buf[:0]
	if o.bits&otHasTh != 0 {
		b = appendItemHex(b, "th", o.th, true)
	}
	if o.bits&otHasRv != 0 {
		b = appendItemHex(b, "rv", o.rv, false)
	}
	for it, more := o.first(); more; it, more = o.next(it) {
		switch {
		case it.key == "th":
		case it.key == "rv" && o.bits&otHasRv != 0:
		default: // including a malformed rv, kept as ParseOTelState keeps it
			if len(b) > 0 {
				b = append(b, ';')
			}
			b = append(b, o.s[it.start:it.end]...)
		}
	}
	if len(b) > otMaxLen {
		return OTelState{}, errOTel.At(ErrTooLong, otMaxLen)
	}
	return OTelState{s: string(b), th: o.th, rv: o.rv, bits: o.bits}, nil
}

// appendItemHex appends ";key:" (no ";" at the start of b) and v as 14 hex
// digits, less trailing zeros when trim is set ("0" for zero).
func appendItemHex(b []byte, key string, v uint64, trim bool) []byte {
	if len(b) > 0 {
		b = append(b, ';')
	}
	b = append(b, key...)
	b = append(b, ':')
	n := otHexDigits
	if trim {
		for n > 1 && v>>(4*(otHexDigits-n))&0xf == 0 {
			n--
		}
	}
	for i := 0; i < n; i++ {
		b = append(b, hexid.Digits[v>>(4*(otHexDigits-1-i))&0xf])
	}
	return b
}

// ConsistentWith returns o with th erased where sc contradicts it, as the
// probability sampling specification asks of every stage that passes a
// threshold on: when sc is not sampled (a threshold describes a kept
// trace), or when sc's randomness is known and below the threshold (so
// something other than this threshold kept the trace, and counts based on
// it would be wrong). Otherwise it returns o unchanged. It allocates
// nothing.
func (o OTelState) ConsistentWith(sc SpanContext) OTelState {
	t, ok := o.Threshold()
	if !ok {
		return o
	}
	if sc.IsSampled() {
		if r, known := o.randomness(sc); !known || r >= t {
			return o
		}
	}
	return o.WithoutThreshold()
}

// randomness returns R for sc, whose ot member is o: rv if valid, else the
// trace id's low 56 bits if they are random.
func (o OTelState) randomness(sc SpanContext) (uint64, bool) {
	if r, ok := o.Randomness(); ok {
		return r, true
	}
	if sc.IsRandom() {
		return traceRandomness(sc.traceID), true
	}
	return 0, false
}

// traceRandomness returns the low 56 bits of t.
func traceRandomness(t TraceID) uint64 {
	var r uint64
	for _, c := range t[16-otRandomBits/8:] {
		r = r<<8 | uint64(c)
	}
	return r
}

// Randomness returns the randomness R that OpenTelemetry's consistent
// probability sampling compares with a threshold: the rv of sc's "ot"
// tracestate member when it has a valid one, otherwise the low 56 bits of
// the trace id when the W3C random flag says they are random. ok is false
// when sc has neither. It allocates nothing.
func (sc SpanContext) Randomness() (r uint64, ok bool) {
	o, _ := sc.state.OTelState()
	return o.randomness(sc)
}

// OTelState returns ts's "ot" member, parsed by ParseOTelState: the zero
// OTelState and a nil error when there is none. It allocates nothing.
func (ts TraceState) OTelState() (OTelState, error) {
	v, ok := ts.Get(otKey)
	if !ok {
		return OTelState{}, nil
	}
	return ParseOTelState(v)
}

// WithOTelState returns ts with its "ot" member set to o, as the W3C
// update rule says (the member moves to the front), or without it when o
// is the zero value. When ts already holds exactly o's text, ts itself is
// returned: a member forwarded unchanged keeps its place.
//
// Setting the member builds the list in one new string (see Insert);
// removing it allocates nothing.
func (ts TraceState) WithOTelState(o OTelState) TraceState {
	var buf [otMaxLen]byte
	b, _ := o.AppendText(buf[:0])
	if len(b) == 0 {
		return ts.Delete(otKey)
	}
	if v, ok := ts.Get(otKey); ok && v == string(b) {
		return ts
	}
	out, err := ts.Insert(otKey, string(b))
	if err != nil {
		// Unreachable: an OTelState's text is 1 to 256 bytes of
		// [A-Za-z0-9._:;-], a valid tracestate value.
		return ts
	}
	return out
}
