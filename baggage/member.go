package baggage

import (
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Member is one baggage list member: a key, a value and properties, each a
// substring of the header it was parsed from.
type Member struct {
	key   string
	value string // wire form, percent-escapes intact
	props string // wire form of the properties, from the first ';', or ""
}

// Key returns the member's key, a case-sensitive token (never encoded).
func (m Member) Key() string { return m.key }

// RawValue returns the value as on the wire, percent-escapes intact.
func (m Member) RawValue() string { return m.value }

// Value returns the percent-decoded value. A value without '%' is returned
// as is, without allocating; otherwise the decoded copy costs one
// allocation (AppendValue avoids it). Bytes that do not form valid UTF-8
// after decoding become U+FFFD, one per byte, as in Go's utf8.DecodeRune.
func (m Member) Value() string { return decode(m.value) }

// AppendValue appends the decoded value to dst, allocating nothing when
// dst has room.
func (m Member) AppendValue(dst []byte) []byte { return appendDecoded(dst, m.value) }

// RawProperties returns the properties as on the wire, from the first ';'
// (OWS inside kept), or "" if there are none.
func (m Member) RawProperties() string { return m.props }

// Properties returns an iterator over the member's properties, in wire
// order. Ranging over it directly allocates nothing.
func (m Member) Properties() iter.Seq[Property] {
	return func(yield func(Property) bool) {
		for s := m.props; s != ""; {
			var p Property
			p, s = nextProperty(s)
			if !yield(p) {
				return
			}
		}
	}
}

// Property returns the first property named key.
func (m Member) Property(key string) (Property, bool) {
	for s := m.props; s != ""; {
		var p Property
		p, s = nextProperty(s)
		if p.key == key {
			return p, true
		}
	}
	return Property{}, false
}

// size returns the length of the member's canonical form.
func (m Member) size() int {
	n := len(m.key) + 1 + len(m.value)
	for s := m.props; s != ""; {
		var p Property
		p, s = nextProperty(s)
		n += p.size()
	}
	return n
}

// appendTo appends the member's canonical form: the wire value as
// received, properties without whitespace.
func (m Member) appendTo(dst []byte) []byte {
	dst = append(dst, m.key...)
	dst = append(dst, '=')
	dst = append(dst, m.value...)
	for s := m.props; s != ""; {
		var p Property
		p, s = nextProperty(s)
		dst = p.appendTo(dst)
	}
	return dst
}

// nextProperty reads the validated property at the start of s (which
// begins with ';') and returns it and the rest of s.
func nextProperty(s string) (Property, string) {
	i := ows.Skip(s, 1)
	k := scanToken(s, i)
	p := Property{key: s[i:k]}
	j := ows.Skip(s, k)
	if j < len(s) && s[j] == '=' {
		j = ows.Skip(s, j+1)
		v := scanOctets(s, j)
		p.value, p.hasValue = s[j:v], true
		j = ows.Skip(s, v)
	}
	if j < len(s) && s[j] == ';' {
		return p, s[j:]
	}
	return p, ""
}

// Property is a member property: a bare key (";p") or a key with a value
// (";p=v", whose value may be empty).
type Property struct {
	key      string
	value    string // wire form, or plain text if plain
	hasValue bool
	plain    bool // value is decoded text given to NewProperty
}

// NewProperty returns the property key=value for Builder.Set. The value is
// plain text, percent-encoded when written.
func NewProperty(key, value string) Property {
	return Property{key: key, value: value, hasValue: true, plain: true}
}

// NewBareProperty returns the bare property key for Builder.Set.
func NewBareProperty(key string) Property { return Property{key: key} }

// Key returns the property key.
func (p Property) Key() string { return p.key }

// HasValue reports whether the property has a value, which tells ";p="
// (true, empty value) from ";p" (false).
func (p Property) HasValue() bool { return p.hasValue }

// Value returns the decoded value, "" for a bare property, allocating only
// when a received value holds a percent-escape.
func (p Property) Value() string {
	if p.plain {
		return p.value
	}
	return decode(p.value)
}

// AppendValue appends the decoded value to dst.
func (p Property) AppendValue(dst []byte) []byte {
	if p.plain {
		return append(dst, p.value...)
	}
	return appendDecoded(dst, p.value)
}

// RawValue returns the value in its wire form, percent-encoding (and
// allocating) only when a NewProperty value needs it.
func (p Property) RawValue() string {
	if !p.plain || encodedLen(p.value) == len(p.value) {
		return p.value
	}
	return string(AppendValue(nil, p.value))
}

func (p Property) size() int {
	n := 1 + len(p.key)
	if p.hasValue {
		n++
		if p.plain {
			n += encodedLen(p.value)
		} else {
			n += len(p.value)
		}
	}
	return n
}

func (p Property) appendTo(dst []byte) []byte {
	dst = append(dst, ';')
	dst = append(dst, p.key...)
	if !p.hasValue {
		return dst
	}
	dst = append(dst, '=')
	if p.plain {
		return AppendValue(dst, p.value)
	}
	return append(dst, p.value...)
}

func decode(raw string) string {
	if strings.IndexByte(raw, '%') < 0 {
		return raw
	}
	var buf [128]byte
	return string(appendDecoded(buf[:0], raw))
}

// appendDecoded appends raw with its percent-escapes decoded, replacing
// every byte that is not part of valid UTF-8 with U+FFFD.
func appendDecoded(dst []byte, raw string) []byte {
	start := len(dst)
	ascii := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '%' && i+2 < len(raw) && class[raw[i+1]]&class[raw[i+2]]&cHex != 0 {
			c = hexid.AnyCase(raw[i+1])<<4 | hexid.AnyCase(raw[i+2])
			i += 2
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		dst = append(dst, c)
	}
	if ascii || utf8.Valid(dst[start:]) {
		return dst
	}
	// Write the repaired text after the decoded bytes, then move it down:
	// the decoded bytes stay readable even if append reallocates.
	dec := dst[start:]
	mid := len(dst)
	for i := 0; i < len(dec); {
		r, n := utf8.DecodeRune(dec[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, dec[i:i+n]...)
		}
		i += n
	}
	n := copy(dst[start:], dst[mid:])
	return dst[:start+n]
}
