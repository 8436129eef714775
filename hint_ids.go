package tracewire

import (
	"strconv"

	"github.com/tracewire/tracewire/internal/decimal"
)

// An idSpec describes an id field of a format, for the hints about it.
type idSpec struct {
	name     string // "trace id"
	in       string // what needs it: "traceparent"
	min, max int    // digits accepted
	two      bool   // exactly min or max digits, nothing between (B3's trace id)
	lower    string // who requires lowercase hex ("W3C"); "" for either case
	seps     string // the bytes that end the field
}

// width says how many digits the field takes.
func (f idSpec) width() string {
	switch {
	case f.min == f.max:
		return itoa(f.max) + " hex digits"
	case f.two:
		return itoa(f.min) + " or " + itoa(f.max) + " hex digits"
	}
	return itoa(f.min) + " to " + itoa(f.max) + " hex digits"
}

// idHint explains a fault in the hex id field that starts at start: an
// uppercase digit where lowercase is required, a character that is not a
// hex digit, or a field of the wrong width (the offset then at the byte
// that ends it, or at the first digit too many).
func (s spot) idHint(start int, f idSpec) string {
	if !s.known() {
		return "the " + f.name + " must be " + f.width() + f.lowerNote()
	}
	v, off := s.v, s.off
	run := start
	for run < len(v) && isHexDigit(v[run]) {
		run++
	}
	n := run - start
	if c, ok := s.at(); ok {
		switch {
		case f.lower != "" && isUpperHex(c):
			return "uppercase hex; " + f.lower + " requires lowercase"
		case off < run && (off-start >= f.max || f.two):
			return f.tooLong(n)
		case off >= run && (c == 'x' || c == 'X') && run == start+1 && v[start] == '0':
			return "'0x' prefix; write the " + f.name + " as bare hex digits"
		case off == run && (c == ' ' || c == '\t'):
			return describe(v, off) + " in the " + f.name
		case off == run && !f.isSep(c):
			return notHex(v, off) + " in the " + f.name
		}
	}
	return f.widthHint(n)
}

// isSep reports whether c ends the field.
func (f idSpec) isSep(c byte) bool {
	for i := 0; i < len(f.seps); i++ {
		if f.seps[i] == c {
			return true
		}
	}
	return false
}

func (f idSpec) lowerNote() string {
	if f.lower == "" {
		return ""
	}
	return ", lowercase"
}

// widthHint explains a field of n digits that ended where it did.
func (f idSpec) widthHint(n int) string {
	switch {
	case n == 0:
		return "the " + f.name + " is empty; " + f.in + " needs " + f.width()
	case n == 16 && f.min == 32 && f.max == 32 && f.name == "trace id":
		return "64-bit trace id: " + f.in + " needs 32 hex digits; pad with 16 leading zeros"
	case n > f.max:
		return f.tooLong(n)
	}
	return f.name + " has " + plural(n, "hex digit") + "; " + f.in + " needs " + f.width()
}

func (f idSpec) tooLong(n int) string {
	if f.min < f.max && !f.two {
		return f.name + " has " + itoa(n) + " hex digits; " + f.in + " takes at most " + itoa(f.max)
	}
	return f.name + " has " + itoa(n) + " hex digits; " + f.in + " needs " + f.width()
}

// zeroID explains an all-zero id; who names the specification that
// forbids it, if one does.
func zeroID(name, who string) string {
	if who == "" {
		return name + " is all zeros, an invalid id; the sender must generate a random nonzero id"
	}
	return name + " is all zeros, which " + who + " forbids; the sender must generate a random nonzero id"
}

// decimalHint explains a fault in the decimal id field that starts at
// start, for formats that carry ids in decimal (Datadog, Google Cloud).
// signed admits a leading "-" (Datadog reads it as two's complement).
func (s spot) decimalHint(start int, name, in string, signed bool) string {
	if !s.known() {
		return "the " + name + " must be a decimal number of at most 64 bits"
	}
	v, off := s.v, s.off
	neg := start < len(v) && v[start] == '-'
	ds := start
	if neg {
		ds++
	}
	de, he := ds, ds
	for de < len(v) && decimal.IsDigit(v[de]) {
		de++
	}
	for he < len(v) && isHexDigit(v[he]) {
		he++
	}
	c, ok := s.at()
	switch {
	case neg && off == ds && (!ok || c == ';' || c == ','):
		return "'-' with no digits after it; the " + name + " is a decimal number"
	case !ok || off == start && (c == ';' || c == ','):
		return "the " + name + " is empty; " + in + " needs a decimal number"
	case c == '+' && off == start:
		return "a '+' sign; write the " + name + " as a bare decimal number"
	case c == '-' && off == start && !signed:
		return "a negative " + name + "; " + in + " needs an unsigned decimal number"
	case c == '-' && off == ds && neg:
		return "a second '-'; the " + name + " is a decimal number"
	case (c == 'x' || c == 'X') && off == ds+1 && v[ds] == '0':
		return "'0x' prefix; " + in + " carries the " + name + " in decimal, not hex"
	case isHexDigit(c) && !decimal.IsDigit(c):
		if u, err := strconv.ParseUint(v[ds:he], 16, 64); err == nil && !neg && he-ds == 16 {
			return in + " is decimal, and " + snippet(v[ds:he]) + " is hex: in decimal it is " + strconv.FormatUint(u, 10)
		}
		return describe(v, off) + " is not a decimal digit; " + in + " carries the " + name + " in decimal"
	case decimal.IsDigit(c) && de-ds > 20:
		return "the " + name + " has more than 20 digits; the largest 64-bit number is 18446744073709551615"
	case decimal.IsDigit(c) && neg:
		return "the " + name + " is below -9223372036854775808, the least 64-bit number"
	case decimal.IsDigit(c):
		return "the " + name + " exceeds 64 bits; the largest is 18446744073709551615"
	case c == ' ' && off > ds:
		return "a space inside the " + name
	case c == '.' || c == ',':
		return describe(v, off) + " in the " + name + "; it is a whole decimal number"
	}
	return describe(v, off) + " is not a decimal digit" + pasted(v, off, 0) + "; the " + name + " is a decimal number"
}

// hintBareID explains the errors of ParseTraceID and ParseSpanID, whose
// values are the bare ids.
func hintBareID(s spot, f idSpec) string {
	switch s.kind {
	case ErrZeroTraceID, ErrZeroSpanID:
		return zeroID(f.name, f.lower)
	case ErrLength:
		if s.known() {
			return f.widthHint(len(s.v))
		}
	}
	return s.idHint(0, f)
}
