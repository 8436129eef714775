package fuzz

import (
	"strings"
	"unicode/utf8"

	"github.com/tracewire/tracewire"
)

// refBagMember is a baggage member as the reference reads it.
type refBagMember struct {
	Key, Raw, Value string
	Props           []refBagProp
}

// refBagProp is a member property; Raw and Value are empty for a bare one.
type refBagProp struct {
	Key        string
	HasValue   bool
	Raw, Value string
}

// refBaggage is what the reference makes of a baggage header.
type refBaggage struct {
	Members   []refBagMember
	Dropped   int
	Canonical string
	Err       errKey
}

// isTchar reports whether c is an RFC 9110 tchar, a byte of a key.
func isTchar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isBaggageOctet reports whether c may stand unencoded in a value:
// %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E.
func isBaggageOctet(c byte) bool {
	return c == 0x21 || 0x23 <= c && c <= 0x2b || 0x2d <= c && c <= 0x3a ||
		0x3c <= c && c <= 0x5b || 0x5d <= c && c <= 0x7e
}

// refBaggageValue reads the value at s[i]: the run of baggage-octets. It
// returns the run's end, or the offset of a "%" not followed by two hex
// digits (either case) as bad, else -1.
func refBaggageValue(s string, i int) (end, bad int) {
	for ; i < len(s) && isBaggageOctet(s[i]); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return i, i
			}
		}
	}
	return i, -1
}

// refDecode percent-decodes a validated value and replaces every byte
// that is not part of valid UTF-8 with U+FFFD, one per byte as
// utf8.DecodeRune reads them (package baggage, Choices).
func refDecode(raw string) string {
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '%' {
			b = append(b, hexNibble(raw[i+1])<<4|hexNibble(raw[i+2]))
			i += 2
			continue
		}
		b = append(b, raw[i])
	}
	var out strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			out.WriteRune(utf8.RuneError)
		} else {
			out.Write(b[:n])
		}
		b = b[n:]
	}
	return out.String()
}

// refBaggageParse parses baggage lines (SPEC.md §5; package baggage,
// Limits and Choices): the lines joined by "," are one list; empty
// members are skipped; an invalid member is dropped and the rest kept.
// A member is key OWS "=" OWS value OWS, then any number of ";" OWS
// property-key OWS [ "=" OWS value OWS ]. Members within the limits
// (0 means the default 64 members and 8192 canonical bytes, a negative
// limit admits nothing) are kept in wire order, each if it still fits.
// The error is the first problem in wire order: ErrKey for a missing or
// bad key; ErrMember where a member ends without "="; ErrEscape at a
// malformed "%"; ErrProperty for a missing property key, or a bad byte
// once properties have begun (ErrValue before); ErrTooManyMembers and
// ErrTooLong at the start of a member over the limits.
func refBaggageParse(lines []string, maxMembers, maxBytes int) refBaggage {
	s := strings.Join(lines, ",")
	switch {
	case maxMembers == 0:
		maxMembers = 64
	case maxMembers < 0:
		maxMembers = 0
	}
	switch {
	case maxBytes == 0:
		maxBytes = 8192
	case maxBytes < 0:
		maxBytes = -1
	}
	r := refBaggage{Err: refOK}
	var kept []string // the canonical text of each kept member
	size := 0         // their canonical size, with the commas between them
	drop := func(k tracewire.ErrorKind, at int) {
		r.Dropped++
		if r.Err == refOK {
			r.Err = errKey{Header: "baggage", Kind: k, Offset: at}
		}
	}
	for i := 0; i < len(s); {
		if isOWS(s[i]) || s[i] == ',' {
			i++
			continue
		}
		start := i
		m, end, kind, at := refBaggageMember(s, i)
		if kind != 0 {
			// No key, value or property holds a ",": the next one ends
			// the invalid member.
			end = strings.IndexByte(s[at:], ',')
			if end < 0 {
				end = len(s) - at
			}
			i = at + end + 1
			drop(kind, at)
			continue
		}
		i = end + 1
		text := refBagCanonical(m)
		sep := 0
		if len(kept) > 0 {
			sep = 1
		}
		switch {
		case len(kept) >= maxMembers:
			drop(tracewire.ErrTooManyMembers, start)
		case size+sep+len(text) > maxBytes:
			drop(tracewire.ErrTooLong, start)
		default:
			r.Members = append(r.Members, m)
			kept = append(kept, text)
			size += sep + len(text)
		}
	}
	r.Canonical = strings.Join(kept, ",")
	return r
}

// refBaggageMember reads the member starting at s[i], a byte that is
// neither OWS nor ",". It returns the member and the index of the "," or
// end that ends it, or the kind and offset of what makes it invalid.
func refBaggageMember(s string, i int) (m refBagMember, end int, kind tracewire.ErrorKind, at int) {
	skip := func(i int) int {
		for i < len(s) && isOWS(s[i]) {
			i++
		}
		return i
	}
	token := func(i int) int {
		for i < len(s) && isTchar(s[i]) {
			i++
		}
		return i
	}
	k := token(i)
	if k == i {
		return m, 0, tracewire.ErrKey, i
	}
	m.Key = s[i:k]
	i = skip(k)
	switch {
	case i == len(s) || s[i] == ',' || s[i] == ';':
		return m, 0, tracewire.ErrMember, i
	case s[i] != '=':
		return m, 0, tracewire.ErrKey, i
	}
	vs := skip(i + 1)
	ve, bad := refBaggageValue(s, vs)
	if bad >= 0 {
		return m, 0, tracewire.ErrEscape, bad
	}
	m.Raw, m.Value = s[vs:ve], refDecode(s[vs:ve])
	i = skip(ve)
	after := tracewire.ErrValue
	for i < len(s) && s[i] == ';' {
		after = tracewire.ErrProperty
		ks := skip(i + 1)
		ke := token(ks)
		if ke == ks {
			return m, 0, tracewire.ErrProperty, ks
		}
		p := refBagProp{Key: s[ks:ke]}
		i = skip(ke)
		if i < len(s) && s[i] == '=' {
			vs := skip(i + 1)
			ve, bad := refBaggageValue(s, vs)
			if bad >= 0 {
				return m, 0, tracewire.ErrEscape, bad
			}
			p.HasValue, p.Raw, p.Value = true, s[vs:ve], refDecode(s[vs:ve])
			i = skip(ve)
		}
		m.Props = append(m.Props, p)
	}
	if i < len(s) && s[i] != ',' {
		return m, 0, after, i
	}
	return m, i, 0, 0
}

// refBagCanonical writes a member without OWS: key=value;p;q=v.
func refBagCanonical(m refBagMember) string {
	out := m.Key + "=" + m.Raw
	for _, p := range m.Props {
		out += ";" + p.Key
		if p.HasValue {
			out += "=" + p.Raw
		}
	}
	return out
}
