package baggage

import (
	"iter"
	"strings"

	"github.com/tracewire/tracewire/internal/ows"
)

const (
	maxLines      = 4  // header lines a Baggage refers to without joining them
	inlineMembers = 64 // members indexed without a heap allocation
)

// Baggage is a parsed, validated W3C baggage list: a read-only view of
// the header lines it was parsed from. It refers to those strings rather
// than copying them, and records where each kept member starts, so Len, At,
// Get and ranging over All allocate nothing and Get does not re-validate.
//
// Members keep their wire order; duplicates are kept too, in order, as the
// W3C specification asks of anything that forwards baggage. The zero value
// is empty baggage. Copy it freely; to change it, start a Builder.
type Baggage struct {
	lines   [maxLines]string
	nlines  uint8
	n       int32 // members kept
	dropped int32 // members dropped as invalid or over the limits
	lim     Limits
	size    int                   // bytes of the canonical form
	canon   bool                  // the lines joined by "," are the canonical form
	idx     [inlineMembers]uint32 // start of each kept member, in the joined lines
	more    []uint32              // starts past the 64th member (raised limits only)
}

func (b *Baggage) keep(off uint32) {
	if b.n < inlineMembers {
		b.idx[b.n] = off
	} else {
		b.more = append(b.more, off)
	}
	b.n++
}

// Len returns the number of members kept.
func (b Baggage) Len() int { return int(b.n) }

// Dropped returns the number of members dropped, as invalid or over the
// limits. Empty members are not counted: they are not members.
func (b Baggage) Dropped() int { return int(b.dropped) }

// Limits returns the limits b was parsed under, which a Builder started
// from b keeps.
func (b Baggage) Limits() Limits { return b.lim }

// at returns the line holding member i and the member's start in it.
func (b *Baggage) at(i int) (string, int) {
	var off int
	if i < inlineMembers {
		off = int(b.idx[i])
	} else {
		off = int(b.more[i-inlineMembers])
	}
	for k := range int(b.nlines) {
		s := b.lines[k]
		if off < len(s) {
			return s, off
		}
		off -= len(s) + 1
	}
	return "", 0 // unreachable: offsets come from parse
}

// At returns member i in wire order, or the zero Member if i is out of
// range.
func (b Baggage) At(i int) Member {
	if i < 0 || i >= int(b.n) {
		return Member{}
	}
	return memberAt(b.at(i))
}

// Get returns the member named key (keys are case-sensitive). When the key
// occurs more than once, the last occurrence wins, as OpenTelemetry's
// conflict rule has it; All and At still show every occurrence.
func (b Baggage) Get(key string) (Member, bool) {
	for i := int(b.n) - 1; i >= 0; i-- {
		s, off := b.at(i)
		if e := off + len(key); e <= len(s) && s[off:e] == key && (e == len(s) || class[s[e]]&cToken == 0) {
			return memberAt(s, off), true
		}
	}
	return Member{}, false
}

// All returns an iterator over the members and their indexes, in wire
// order. Ranging over it directly allocates nothing.
func (b Baggage) All() iter.Seq2[int, Member] {
	return func(yield func(int, Member) bool) { b.each(yield) }
}

func (b *Baggage) each(yield func(int, Member) bool) {
	for i := range int(b.n) {
		if !yield(i, memberAt(b.at(i))) {
			return
		}
	}
}

// String returns the canonical form, as Format does.
func (b Baggage) String() string { return Format(b) }

// memberAt reads the already validated member starting at s[i].
func memberAt(s string, i int) Member {
	k := scanToken(s, i)
	j := ows.Skip(s, ows.Skip(s, k)+1)
	v := scanOctets(s, j)
	m := Member{key: s[i:k], value: s[j:v]}
	if p := ows.Skip(s, v); p < len(s) && s[p] == ';' {
		end := strings.IndexByte(s[p:], ',')
		if end < 0 {
			end = len(s)
		} else {
			end += p
		}
		for ows.Is(s[end-1]) {
			end--
		}
		m.props = s[p:end]
	}
	return m
}
