package tracewire

import (
	"iter"
	"math/bits"
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
	"github.com/tracewire/tracewire/internal/decimal"
	"github.com/tracewire/tracewire/internal/ows"
)

// Limits of the W3C tracestate list.
const (
	tsMaxMembers = 32  // non-blank members a list may hold
	tsMaxKey     = 256 // bytes in a key
	tsMaxValue   = 256 // bytes in a value
	tsDefaultCap = 512 // what Truncate keeps when given no size
	tsLongEntry  = 128 // entries longer than this go first when truncating
)

// Bits of TraceState.flags.
const (
	// tsClean: s is "k=v,k=v,...": no OWS, no blank or invalid members.
	// With no skipped members it is then the canonical form itself.
	tsClean = 1 << iota
	// tsDirty: s still holds members that a lenient parse dropped; walking
	// it must validate each member again to step over them.
	tsDirty
	// tsLevel1: validate keys with the Level 1 grammar (only with tsDirty).
	tsLevel1
)

// errTraceState is a List table: tracestate is a list of up to 32
// members, and an error can lie anywhere in it.
var errTraceState = ErrorTable{Header: "tracestate", List: true}

// TraceState is a validated, immutable W3C tracestate list: vendor
// key=value members, most recently updated first.
//
// Like netip.Addr it is a small comparable value that holds no pointers of
// its own: the header text and a few counters. A list parsed from one line
// keeps a reference to that line (trimmed, never copied); one parsed from
// several non-empty lines keeps them joined with "," in one new string.
// Len, Get and All allocate nothing, and neither do Delete, Truncate and
// AppendTruncated. Two values holding the same members in different
// textual forms (spacing, blank members, duplicates) are not ==; compare
// their String forms for that. The zero value is the empty list.
//
// Choices where the specifications leave room:
//
//   - Keys are checked against the Level 2 grammar unless
//     TraceStateOptions.Level1 asks for Level 1. Values may start with
//     spaces, which belong to the value; trailing spaces are OWS.
//   - A key that repeats keeps its first (left-most, most recent)
//     occurrence; later ones are dropped from every view of the list
//     without an error. OpenTelemetry-Go rejects such a header; the W3C
//     test suite accepts both.
//   - Blank members are allowed and do not count towards the 32-member
//     cap; duplicates do, since they are members on the wire.
//   - A list with an invalid member, or more than 32 members, is discarded
//     whole, as the strict W3C test suite expects, unless
//     TraceStateOptions.Lenient asks to drop just those members.
//   - An empty or blank header is a valid, empty list.
type TraceState struct {
	s     string // validated header text (see the flag bits)
	skip  uint32 // bit i: the i-th member of s is not in the list (duplicate, deleted, truncated)
	n     uint8  // members in the list
	flags uint8
}

// ParseTraceState parses the values of every tracestate header line, in
// the order received, as one list (a line boundary acts as a ","), with
// the Level 2 key grammar. Any invalid member, or a 33rd member, discards
// the whole header: the result is the empty TraceState and a *ParseError
// whose Offset() indexes the lines joined with ",". Empty and blank input is
// a valid empty list.
//
// Parsing is one pass over the input and allocates nothing, except that
// several non-empty lines are joined into one new string.
func ParseTraceState(lines ...string) (TraceState, error) {
	return parseTraceState(lines, false, false)
}

// TraceStateOptions select how a tracestate header is parsed. The zero
// value is what ParseTraceState uses.
type TraceStateOptions struct {
	// Level1 checks keys against the stricter Trace Context Level 1
	// grammar (a simple key starts with a letter; a multi-tenant key has
	// exactly one "@" and a system id of at most 14 characters starting
	// with a letter), as OpenTelemetry-Go does.
	Level1 bool
	// Lenient drops invalid members, and every member after the 32nd,
	// instead of discarding the whole list.
	Lenient bool
}

// Parse parses tracestate lines as ParseTraceState does, with o's options.
// In lenient mode it returns the members it kept together with the first
// error it met, or a nil error if it dropped nothing; a lenient parse that
// drops members still allocates nothing for one line, and the returned
// list skips the dropped members each time it is walked.
func (o TraceStateOptions) Parse(lines ...string) (TraceState, error) {
	return parseTraceState(lines, o.Level1, o.Lenient)
}

func parseTraceState(lines []string, level1, lenient bool) (TraceState, error) {
	var (
		keys    tsKeySet             // keys of the members indexed so far
		parts   [tsMaxMembers]string // per line, the span holding its members
		nparts  int
		idx     int    // members indexed so far (duplicates included)
		skip    uint32 // duplicates among them
		clean   = true
		dirty   bool
		errKind ErrorKind
		errAt   int
		base    int // offset of the current line in the lines joined with ","
		full    bool
	)
	for _, s := range lines {
		start, end := -1, 0 // bounds of the members of this line
		bad := false        // a dropped member follows the last member kept
		for i := 0; i <= len(s); {
			ms := i
			eq, me, print, plain := scanMember(s, i)
			if plain && level1 && checkKey(s[ms:eq], true) >= 0 {
				plain = false // the general code reports it
			}
			if plain {
				i = me + 1
			} else {
				ps, pe := i, len(s)
				if j := strings.IndexByte(s[ps:], ','); j >= 0 {
					pe = ps + j
				}
				i = pe + 1
				ms, me = ows.TrimSpan(s, ps, pe)
				if ms == me {
					continue
				}
				plain = false
			}
			if idx == tsMaxMembers {
				if !lenient {
					return TraceState{}, errTraceState.At(ErrTooManyMembers, base+ms)
				}
				if errKind == 0 {
					errKind, errAt = ErrTooManyMembers, base+ms
				}
				full = true
				break
			}
			if !plain {
				var kind ErrorKind
				var at int
				if eq, kind, at = checkMember(s, ms, me, level1); kind != 0 {
					if !lenient {
						return TraceState{}, errTraceState.At(kind, base+at)
					}
					if errKind == 0 {
						errKind, errAt = kind, base+at
					}
					bad = true
					continue
				}
			}
			if start < 0 {
				start = ms
			} else {
				dirty = dirty || bad
				clean = clean && ms == end+1
			}
			bad = false
			end = me
			if !plain {
				print = keyPrint(s, ms, eq)
			}
			key := s[ms:eq]
			if w, b := keys.bit(print); *w&b == 0 {
				*w |= b
			} else if keys.seen(idx, print, key) {
				skip |= 1 << idx
			}
			keys.prints[idx] = print
			keys.keys[idx] = key
			idx++
		}
		if start >= 0 {
			parts[nparts] = s[start:end]
			nparts++
		}
		if full {
			break
		}
		base += len(s) + 1
	}
	var err error
	if errKind != 0 {
		err = errTraceState.At(errKind, errAt)
	}
	if idx == 0 {
		return TraceState{}, err
	}
	ts := TraceState{skip: skip, n: uint8(idx - bits.OnesCount32(skip))}
	if nparts == 1 {
		ts.s = parts[0]
	} else {
		ts.s = strings.Join(parts[:nparts], ",")
	}
	switch {
	case dirty:
		ts.flags = tsDirty
		if level1 {
			ts.flags |= tsLevel1
		}
	case clean:
		ts.flags = tsClean
	}
	return ts, err
}

// checkMember validates the member s[ms:me], which has no surrounding OWS
// and no ",". It returns the index of its "=", or the kind and index in s
// of the first byte that breaks the grammar.
func checkMember(s string, ms, me int, level1 bool) (eq int, kind ErrorKind, at int) {
	j := strings.IndexByte(s[ms:me], '=')
	if j < 0 {
		return 0, ErrMember, ms
	}
	eq = ms + j
	if k := checkKey(s[ms:eq], level1); k >= 0 {
		return eq, ErrKey, ms + k
	}
	if k := checkValue(s[eq+1 : me]); k >= 0 {
		return eq, ErrValue, eq + 1 + k
	}
	return eq, 0, 0
}

// isKeyChar reports whether c may follow the first byte of a Level 2 key.
func isKeyChar(c byte) bool {
	return ascii.IsLower(c) || decimal.IsDigit(c) || c == '_' || c == '-' || c == '*' || c == '/' || c == '@'
}

// checkKey returns -1 if k is a valid key, or the index of the first byte
// that makes it invalid (len(k) when a required part is missing).
func checkKey(k string, level1 bool) int {
	if k == "" {
		return 0
	}
	if c := k[0]; !ascii.IsLower(c) && !decimal.IsDigit(c) {
		return 0
	}
	at1, at2 := -1, -1
	for i := 1; i < len(k); i++ {
		c := k[i]
		if i == tsMaxKey || !isKeyChar(c) {
			return i
		}
		if c == '@' {
			if at1 < 0 {
				at1 = i
			} else if at2 < 0 {
				at2 = i
			}
		}
	}
	if !level1 {
		return -1
	}
	// Level 1: simple-key = lcalpha 0*255(...), or tenant "@" system with
	// tenant = (lcalpha / DIGIT) 0*240(...), system = lcalpha 0*13(...).
	switch {
	case at1 < 0:
		if !ascii.IsLower(k[0]) {
			return 0
		}
	case at2 >= 0:
		return at2
	case at1 > 241:
		return 241
	case at1+1 == len(k):
		return len(k)
	case !ascii.IsLower(k[at1+1]):
		return at1 + 1
	case len(k)-at1-1 > 14:
		return at1 + 1 + 14
	}
	return -1
}

// checkValue returns -1 if v is a valid value with its trailing OWS
// removed, or the index of the first byte that makes it invalid.
func checkValue(v string) int {
	if v == "" {
		return 0
	}
	for i := 0; i < len(v); i++ {
		if i == tsMaxValue {
			return i
		}
		if c := v[i]; c < 0x20 || c > 0x7e || c == ',' || c == '=' {
			return i
		}
	}
	if c := v[len(v)-1]; c == ' ' {
		return len(v) - 1
	}
	return -1
}

// tsMember is one member of a TraceState's text.
type tsMember struct {
	key, value string
	idx        int // position among the valid members of the text
	start, end int // bounds of "key=value" in the text
}

// tsCursor walks the valid members of a TraceState's text in order.
type tsCursor struct {
	s      string
	i      int // start of the next piece; past len(s) at the end
	idx    int
	check  bool // the text may hold invalid members to step over
	level1 bool
}

func (ts TraceState) cursor() tsCursor {
	return tsCursor{s: ts.s, check: ts.flags&tsDirty != 0, level1: ts.flags&tsLevel1 != 0}
}

func (c *tsCursor) next() (tsMember, bool) {
	for c.i <= len(c.s) && c.idx < tsMaxMembers {
		ps, pe := c.i, len(c.s)
		if j := strings.IndexByte(c.s[ps:], ','); j >= 0 {
			pe = ps + j
		}
		c.i = pe + 1
		ms, me := ows.TrimSpan(c.s, ps, pe)
		if ms == me {
			continue
		}
		var eq int
		if c.check {
			var kind ErrorKind
			if eq, kind, _ = checkMember(c.s, ms, me, c.level1); kind != 0 {
				continue
			}
		} else {
			eq = ms + strings.IndexByte(c.s[ms:me], '=')
		}
		m := tsMember{key: c.s[ms:eq], value: c.s[eq+1 : me], idx: c.idx, start: ms, end: me}
		c.idx++
		return m, true
	}
	return tsMember{}, false
}

// Len returns the number of members, duplicates not counted.
func (ts TraceState) Len() int { return int(ts.n) }

// Get returns the value of key, and whether the list has it.
func (ts TraceState) Get(key string) (value string, ok bool) {
	if key == "" {
		return "", false
	}
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 && m.key == key {
			return m.value, true
		}
	}
	return "", false
}

// All returns an iterator over the members as key, value pairs in wire
// order (most recent first), without repeated keys. Ranging over it
// directly allocates nothing.
func (ts TraceState) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) { ts.each(yield) }
}

func (ts TraceState) each(yield func(string, string) bool) {
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 && !yield(m.key, m.value) {
			return
		}
	}
}

// canonical reports whether ts.s is exactly the canonical form.
func (ts TraceState) canonical() bool {
	return ts.skip == 0 && (ts.flags&tsClean != 0 || ts.s == "")
}

// AppendText appends the canonical form of the list to b: "k1=v1,k2=v2",
// without OWS, blank members or repeated keys; nothing for an empty list.
// It never fails.
func (ts TraceState) AppendText(b []byte) ([]byte, error) {
	return ts.appendMembers(b, ts.skip), nil
}

func (ts TraceState) appendMembers(b []byte, skip uint32) []byte {
	if skip == 0 && ts.flags&tsClean != 0 {
		return append(b, ts.s...)
	}
	first := true
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if skip>>m.idx&1 != 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, ts.s[m.start:m.end]...)
	}
	return b
}

// String returns the canonical form of the list (see AppendText). It
// allocates only when the text received was not already canonical.
func (ts TraceState) String() string {
	if ts.canonical() {
		return ts.s
	}
	var sb strings.Builder
	sb.Grow(len(ts.s))
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 != 0 {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(ts.s[m.start:m.end])
	}
	return sb.String()
}

// MarshalText returns the canonical form of the list (see AppendText).
func (ts TraceState) MarshalText() ([]byte, error) {
	return ts.appendMembers(make([]byte, 0, len(ts.s)), ts.skip), nil
}

// UnmarshalText parses b as one strict tracestate line, copying it.
func (ts *TraceState) UnmarshalText(b []byte) error {
	v, err := ParseTraceState(string(b))
	if err != nil {
		return err
	}
	*ts = v
	return nil
}
