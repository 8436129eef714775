package baggage

import (
	"math"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/ows"
)

// errs is a List table (see tracewire.ErrorTable): baggage is a list of
// up to 8192 bytes, and an error can lie anywhere in it.
var errs = tracewire.ErrorTable{Header: "baggage", List: true}

// The limits below which W3C Baggage requires every member to be
// propagated.
const (
	DefaultMaxMembers = 64
	DefaultMaxBytes   = 8192
)

// Limits bounds what a parse keeps and what a Builder writes. A zero field
// means the W3C default (64 members, 8192 bytes); a larger value raises the
// limit and a smaller one lowers it; a negative value admits nothing.
//
// Over a limit, whole members are dropped, never part of one. Members are
// considered in wire order and each is kept if it still fits: once the
// member count is reached every later member is dropped, while a member
// that would exceed the byte limit is dropped and a later, shorter one may
// still be kept. The byte count is that of the canonical form (members
// joined by ",", no whitespace), which is what this package forwards and
// never exceeds the received text: a header within the limits as received
// loses nothing.
type Limits struct {
	MaxMembers int // most members kept; 0 means DefaultMaxMembers
	MaxBytes   int // most bytes of the canonical form; 0 means DefaultMaxBytes
}

func (l Limits) members() int {
	switch {
	case l.MaxMembers == 0:
		return DefaultMaxMembers
	case l.MaxMembers < 0:
		return 0
	}
	return l.MaxMembers
}

func (l Limits) bytes() int {
	switch {
	case l.MaxBytes == 0:
		return DefaultMaxBytes
	case l.MaxBytes < 0:
		return -1
	}
	return l.MaxBytes
}

// Parse parses the baggage header lines, in the order received, as one
// list under the default limits. It is Limits{}.Parse.
func Parse(lines ...string) (Baggage, error) { return Limits{}.Parse(lines...) }

// ParseBytes is Parse for a proxy holding the header as bytes. The result
// refers to its input, so ParseBytes copies b into a string first: one
// allocation.
func ParseBytes(b []byte) (Baggage, error) { return Limits{}.Parse(string(b)) }

// ParseBytes is Parse for a header held as bytes; see the function
// ParseBytes.
func (l Limits) ParseBytes(b []byte) (Baggage, error) { return l.Parse(string(b)) }

// Parse parses the baggage header lines, in the order received, as one
// list: a line boundary is a comma, and byte offsets count in the lines
// joined by ",".
//
// Invalid members are dropped one by one and the rest kept; so are members
// past the limits. The error, nil when nothing was dropped, is a
// *tracewire.ParseError for the first problem in wire order. Empty members
// (",,", a trailing comma, an empty line) are not problems and are skipped.
//
// The result refers to the lines instead of copying them. Up to four lines
// and 64 members cost no allocation; more lines are joined into one string
// (one allocation) and members past the 64th take a growing slice.
func (l Limits) Parse(lines ...string) (Baggage, error) {
	var b Baggage
	err := b.parse(l, lines)
	return b, err
}

func (b *Baggage) parse(l Limits, lines []string) error { return b.parseLines(l, lines, false) }

// parseLines is parse, member by member throughout when slow is set: the
// fuzz test compares that with the canonical-line scan.
func (b *Baggage) parseLines(l Limits, lines []string, slow bool) error {
	b.lim = l
	if len(lines) <= maxLines {
		copy(b.lines[:], lines)
		b.nlines = uint8(len(lines))
	} else {
		b.lines[0] = strings.Join(lines, ",")
		b.nlines = 1
	}
	p := parser{maxMembers: l.members(), maxBytes: l.bytes(), slow: slow}
	base := 0
	for i := range int(b.nlines) {
		p.line(b, b.lines[i], base)
		base += len(b.lines[i]) + 1
	}
	// The canonical form of each kept member is a subsequence of its
	// text, so a canonical size as long as the joined lines means that
	// nothing was dropped or skipped, not a member nor a space: the
	// lines are the canonical form already, which Append then copies
	// whole (and InjectInto passes on as it is).
	b.size = p.size
	b.canon = b.n > 0 && p.size == base-1
	return p.err
}

// parser carries the running counts of one parse across lines. It holds
// no pointer to the Baggage, so that returning its error does not move the
// Baggage to the heap.
type parser struct {
	maxMembers int
	maxBytes   int
	size       int // canonical bytes of the members kept so far
	err        error
	slow       bool // skip canonicalLine (see parseLines)
}

// line parses one header line whose first byte is at offset base of the
// joined lines.
func (p *parser) line(b *Baggage, s string, base int) {
	if p.slow || !p.canonicalLine(b, s, base) {
		p.members(b, s, base)
	}
}

// canonicalLine keeps the members of s when s is a line as senders write
// it: members "key=value", each with any properties ";key" or
// ";key=value", joined by single commas, with no whitespace, no empty
// member, every escape well formed, all within the limits and inline.
// Such a line needs only the token and value scans, one after the other,
// where members also looks for whitespace and empty members around every
// key, value and property (the five-member Parse row: 126 ns to 102). For
// any other line it keeps nothing, leaving b and p as they were, and
// reports false; members then reads the line from its start.
func (p *parser) canonicalLine(b *Baggage, s string, base int) bool {
	n0, size0 := b.n, p.size
	for start := 0; ; {
		i := canonicalMember(s, start)
		if i < 0 || i < len(s) && (s[i] != ',' || i+1 == len(s)) {
			break
		}
		sep := 0
		if b.n > 0 {
			sep = 1
		}
		off := base + start
		if int(b.n) >= p.maxMembers || b.n >= inlineMembers || p.size+sep+i-start > p.maxBytes || uint64(off) > math.MaxUint32 {
			break
		}
		p.size += sep + i - start
		b.idx[b.n] = uint32(off)
		b.n++
		if i == len(s) {
			return true
		}
		start = i + 1
	}
	clear(b.idx[n0:b.n])
	b.n, p.size = n0, size0
	return false
}

// canonicalMember returns the end of the member "key=value", with any
// properties ";key" or ";key=value", that starts at s[i], or -1 if no such
// member starts there.
func canonicalMember(s string, i int) int {
	k := scanToken(s, i)
	if k == i || k == len(s) || s[k] != '=' {
		return -1
	}
	end, bad := scanValue(s, k+1)
	for bad < 0 && end < len(s) && s[end] == ';' {
		k := scanToken(s, end+1)
		if k == end+1 {
			return -1
		}
		end = k
		if k < len(s) && s[k] == '=' {
			end, bad = scanValue(s, k+1)
		}
	}
	if bad >= 0 {
		return -1
	}
	return end
}

// members parses one line member by member, as line does for a line
// that is not canonical (see canonicalLine).
func (p *parser) members(b *Baggage, s string, base int) {
	for i := 0; i < len(s); {
		i = ows.Skip(s, i)
		if i == len(s) {
			return
		}
		if s[i] == ',' {
			i++
			continue
		}
		start := i
		size, end, kind, at := nextMember(s, i)
		i = end + 1
		if kind != 0 {
			p.drop(b, kind, base+at)
			continue
		}
		sep := 0
		if b.n > 0 {
			sep = 1
		}
		switch off := base + start; {
		case int(b.n) >= p.maxMembers:
			p.drop(b, tracewire.ErrTooManyMembers, off)
		case p.size+sep+size > p.maxBytes || uint64(off) > math.MaxUint32:
			p.drop(b, tracewire.ErrTooLong, off)
		default:
			p.size += sep + size
			b.keep(uint32(off))
		}
	}
}

func (p *parser) drop(b *Baggage, kind tracewire.ErrorKind, off int) {
	b.dropped++
	if p.err == nil {
		p.err = errs.At(kind, off)
	}
}

// nextMember is member, with a shortcut for the common member, "key=value"
// with neither spaces nor properties, whose key and value it scans once
// and no more.
func nextMember(s string, i int) (size, end int, kind tracewire.ErrorKind, at int) {
	k := scanToken(s, i)
	if v, bad := simpleValue(s, k); k > i && bad < 0 && (v == len(s) || s[v] == ',') {
		return v - i, v, 0, 0
	}
	return member(s, i, k)
}

// simpleValue scans the value after a key that ends at s[k] when the "="
// follows it directly: it returns the end of the value and the offset of
// a malformed escape in it, or -1. Without the "=" there, bad is k.
func simpleValue(s string, k int) (end, bad int) {
	if k >= len(s) || s[k] != '=' {
		return k, k
	}
	return scanValue(s, k+1)
}

// member validates the list member starting at s[i] (a non-OWS byte that
// is not a comma), whose key ends at k (scanToken(s, i)). It returns the
// member's canonical size and the index of the comma or end of line that
// ends it; for an invalid member, the kind of problem and the index of
// the offending byte.
func member(s string, i, k int) (size, end int, kind tracewire.ErrorKind, at int) {
	if k == i {
		return fail(s, tracewire.ErrKey, i)
	}
	size = k - i
	i = ows.Skip(s, k)
	if i == len(s) || s[i] != '=' {
		if i == len(s) || s[i] == ',' || s[i] == ';' {
			return fail(s, tracewire.ErrMember, i)
		}
		return fail(s, tracewire.ErrKey, i)
	}
	i, w, bad := scanEqValue(s, i)
	if bad >= 0 {
		return fail(s, tracewire.ErrEscape, bad)
	}
	size += 1 + w
	after := tracewire.ErrValue // what an unexpected byte here is wrong with
	for i < len(s) && s[i] == ';' {
		after = tracewire.ErrProperty
		i = ows.Skip(s, i+1)
		k := scanToken(s, i)
		if k == i {
			return fail(s, tracewire.ErrProperty, i)
		}
		size += 1 + k - i
		i = ows.Skip(s, k)
		if i < len(s) && s[i] == '=' {
			var w, bad int
			if i, w, bad = scanEqValue(s, i); bad >= 0 {
				return fail(s, tracewire.ErrEscape, bad)
			}
			size += 1 + w
		}
	}
	if i < len(s) && s[i] != ',' {
		return fail(s, after, i)
	}
	return size, i, 0, 0
}

// fail reports an invalid member, ending it at the next comma: no value,
// property or key may hold one, so it is the member's true end.
func fail(s string, kind tracewire.ErrorKind, at int) (size, end int, k tracewire.ErrorKind, off int) {
	end = strings.IndexByte(s[at:], ',')
	if end < 0 {
		return 0, len(s), kind, at
	}
	return 0, at + end, kind, at
}

// scanEqValue scans what follows the "=" at s[eq]: OWS, a value, OWS. It
// returns where scanning stopped, the value's width and, if the value holds
// a malformed escape, its offset (else -1), as scanValue does.
func scanEqValue(s string, eq int) (next, width, bad int) {
	i := ows.Skip(s, eq+1)
	v, bad := scanValue(s, i)
	return ows.Skip(s, v), v - i, bad
}
