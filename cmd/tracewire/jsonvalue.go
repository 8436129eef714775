package main

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON reader of the input: a small recursive-descent parser into an
// ordered tree. encoding/json cannot be used as is: decoding into maps
// loses the order of header names, and its token API cannot say where a
// value started, which a line number for every problem needs.

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// jsonValue is one parsed value. Objects keep their members in order,
// repeated keys included.
// It is kept small (32 bytes), a megabyte of "[0,0,0,…" being half a
// million of them; only objects and arrays carry children.
type jsonValue struct {
	kind jsonKind
	off  int32  // byte offset of the value's first byte in the input
	text string // a string decoded; a number or literal as written
	c    *jsonChildren
}

type jsonChildren struct {
	keys  []string    // object member names, in order
	items []jsonValue // object member values (beside keys), or array elements
}

// keys returns an object's member names.
func (v *jsonValue) keys() []string {
	if v.c == nil {
		return nil
	}
	return v.c.keys
}

// items returns an object's member values or an array's elements.
func (v *jsonValue) items() []jsonValue {
	if v.c == nil {
		return nil
	}
	return v.c.items
}

// member returns the value of the first member named name (exactly), or
// nil.
func (v *jsonValue) member(name string) *jsonValue {
	for i, k := range v.keys() {
		if k == name {
			return &v.c.items[i]
		}
	}
	return nil
}

// str returns a string value's text, or "" for any other kind.
func (v *jsonValue) str() string {
	if v == nil || v.kind != jsonString {
		return ""
	}
	return v.text
}

// scalarText returns how a scalar reads as a header value: a string's
// text, a number or boolean as written. ok is false for null, objects and
// arrays.
func (v *jsonValue) scalarText() (string, bool) {
	switch v.kind {
	case jsonString, jsonNumber, jsonBool:
		return v.text, true
	}
	return "", false
}

// maxJSONDepth bounds nesting, and with it the parser's recursion: header
// dumps and log records nest a few levels, not hundreds.
const maxJSONDepth = 64

// jsonSyntaxError is malformed JSON: what, and at which byte.
type jsonSyntaxError struct {
	off int
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

type jsonParser struct {
	s string
	i int
}

// parseJSONAt parses the value starting at s[i] (after optional
// whitespace) and returns it and the index just past it.
func parseJSONAt(s string, i int) (jsonValue, int, error) {
	p := jsonParser{s: s, i: i}
	v, err := p.value(0)
	if err != nil {
		return jsonValue{}, p.i, err
	}
	return v, p.i, nil
}

func (p *jsonParser) fail(msg string) error { return &jsonSyntaxError{off: p.i, msg: msg} }

func (p *jsonParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (jsonValue, error) {
	p.skipSpace()
	if p.i == len(p.s) {
		return jsonValue{}, p.fail("unexpected end of input, want a value")
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '{':
		if depth == maxJSONDepth {
			return jsonValue{}, p.fail("nested more than " + strconv.Itoa(maxJSONDepth) + " levels deep")
		}
		return p.object(depth + 1)
	case c == '[':
		if depth == maxJSONDepth {
			return jsonValue{}, p.fail("nested more than " + strconv.Itoa(maxJSONDepth) + " levels deep")
		}
		return p.array(depth + 1)
	case c == '"':
		s, err := p.string()
		return jsonValue{kind: jsonString, text: s, off: int32(start)}, err
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return jsonValue{kind: jsonBool, text: "true", off: int32(start)}, nil
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return jsonValue{kind: jsonBool, text: "false", off: int32(start)}, nil
	case strings.HasPrefix(p.s[p.i:], "null"):
		p.i += 4
		return jsonValue{kind: jsonNull, off: int32(start)}, nil
	}
	return jsonValue{}, p.fail("unexpected " + describeByte(p.s, p.i) + ", want a value")
}

func (p *jsonParser) object(depth int) (jsonValue, error) {
	v := jsonValue{kind: jsonObject, off: int32(p.i), c: &jsonChildren{}}
	p.i++ // '{'
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return v, nil
	}
	for {
		p.skipSpace()
		if p.i == len(p.s) || p.s[p.i] != '"' {
			return v, p.fail("unexpected " + describeByte(p.s, p.i) + ", want a member name in double quotes")
		}
		name, err := p.string()
		if err != nil {
			return v, err
		}
		p.skipSpace()
		if p.i == len(p.s) || p.s[p.i] != ':' {
			return v, p.fail("unexpected " + describeByte(p.s, p.i) + ", want ':' after a member name")
		}
		p.i++
		item, err := p.value(depth)
		if err != nil {
			return v, err
		}
		v.c.keys = append(v.c.keys, name)
		v.c.items = append(v.c.items, item)
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return v, nil
		}
		return v, p.fail("unexpected " + describeByte(p.s, p.i) + ", want ',' or '}'")
	}
}

func (p *jsonParser) array(depth int) (jsonValue, error) {
	v := jsonValue{kind: jsonArray, off: int32(p.i), c: &jsonChildren{}}
	p.i++ // '['
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return v, nil
	}
	for {
		item, err := p.value(depth)
		if err != nil {
			return v, err
		}
		v.c.items = append(v.c.items, item)
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return v, nil
		}
		return v, p.fail("unexpected " + describeByte(p.s, p.i) + ", want ',' or ']'")
	}
}

// number accepts JSON's number grammar and keeps the literal as written.
func (p *jsonParser) number() (jsonValue, error) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.s[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++ // JSON allows no leading zeros: "01" is "0" and then junk
	} else if digits() == 0 {
		return jsonValue{}, p.fail("malformed number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return jsonValue{}, p.fail("malformed number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return jsonValue{}, p.fail("malformed number")
		}
	}
	return jsonValue{kind: jsonNumber, text: p.s[start:p.i], off: int32(start)}, nil
}

// string reads a quoted string starting at the '"'. A string without
// escapes is returned as a substring of the input, without copying.
func (p *jsonParser) string() (string, error) {
	p.i++ // opening quote
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			return s, nil
		case c == '\\':
			return p.escapedString(start)
		case c < 0x20:
			return "", p.fail("control character " + describeByte(p.s, p.i) + " in a string")
		default:
			p.i++
		}
	}
	return "", p.fail("unterminated string")
}

func (p *jsonParser) escapedString(start int) (string, error) {
	b := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), nil
		case c < 0x20:
			return "", p.fail("control character " + describeByte(p.s, p.i) + " in a string")
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 == len(p.s) {
			break
		}
		esc := p.s[p.i+1]
		p.i += 2
		switch esc {
		case '"', '\\', '/':
			b = append(b, esc)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("malformed \\u escape")
			}
			if utf16.IsSurrogate(r) {
				// A pair is two escapes; a lone half decodes to U+FFFD,
				// as encoding/json has it.
				if strings.HasPrefix(p.s[p.i:], `\u`) {
					save := p.i
					p.i += 2
					if r2, ok := p.hex4(); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							b = utf8.AppendRune(b, dec)
							continue
						}
					}
					p.i = save
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			p.i -= 2
			return "", p.fail("unknown escape " + describeByte(p.s, p.i+1))
		}
	}
	return "", p.fail("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, true
}

// describeByte names s[i] for a message: the character quoted when it is
// printable ASCII, its hex value otherwise, "end of input" past the end.
func describeByte(s string, i int) string {
	if i >= len(s) {
		return "end of input"
	}
	c := s[i]
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	if c >= 0x80 {
		if r, n := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || n > 1 {
			return strconv.QuoteRune(r) + " (" + "U+" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + ")"
		}
	}
	return "byte 0x" + hex2(c)
}
