package datadog

import (
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// maxMember is the longest dd= tracestate member Datadog reads or writes,
// "dd=" included.
const maxMember = 256

// memberKey is the tracestate key of Datadog's member.
const memberKey = "dd"

// Bits of Member.flags.
const (
	mPriority = 1 << iota
	mOrigin
	mLastParent
)

// Member is Datadog's dd= tracestate member, which carries in W3C
// tracestate what the x-datadog-* headers carry beside the ids:
//
//	dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:baz64~~
//
// s: is the sampling priority, o: the origin, p: the id of the last
// Datadog span (for reparenting, see LastParentID), and each t.{name}:
// item a propagated tag _dd.p.{name}. In values "=" is written "~".
//
// A Member is a small comparable value holding the member's text; the
// zero value is a member that says nothing.
type Member struct {
	v          string // the member's value, validated
	origin     string // the o: value as in v, "=" still written "~"
	lastParent tracewire.SpanID
	priority   Priority
	flags      uint8
}

// ParseTraceStateMember parses the value of a dd= tracestate member, as
// tracewire.TraceState.Get("dd") returns it (without "dd=").
//
// A member longer than 256 characters with its key, or one with a
// character a tracestate value cannot hold, is discarded whole: the zero
// Member and ErrTooLong or ErrValue. Otherwise every well-formed item is
// kept and a malformed one is skipped and reported: the result is the
// member without it together with the first such error. Malformed are an
// item without ":" (ErrMember), an s: that is not -1, 0, 1 or 2
// (ErrSampling), an empty o: (ErrValue), a p: that is not 16 lowercase hex
// digits (ErrParentSpanID or ErrLength), a t. item whose name or value is
// empty or holds a character x-datadog-tags forbids (ErrKey, ErrValue),
// and a second item with the key of an earlier one (ErrKey; the first
// wins, as in tracestate itself). Items with other keys are ignored, so
// that what a newer tracer adds costs nothing. Errors name the header
// "tracestate" and their offsets index v.
func ParseTraceStateMember(v string) (Member, error) {
	if len(memberKey)+1+len(v) > maxMember {
		return Member{}, errMember.At(tracewire.ErrTooLong, maxMember-len(memberKey)-1)
	}
	if len(v) == 0 {
		return Member{}, errMember.At(tracewire.ErrEmpty, 0)
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' || c > '~' || c == ',' || c == '=' {
			return Member{}, errMember.At(tracewire.ErrValue, i)
		}
	}
	m := Member{v: v}
	var err error
	for i := 0; i <= len(v); {
		colon, end := memberItem(v, i)
		kind, at := checkItem(v, i, colon, end)
		if kind == 0 && isRepeat(m.flags, v, i, colon) {
			kind, at = tracewire.ErrKey, i
		}
		if kind != 0 {
			if err == nil {
				err = errMember.At(kind, at)
			}
		} else {
			switch val := v[colon+1 : end]; v[i:colon] {
			case "s":
				p, _ := parsePriority(val)
				m.priority = p
				m.flags |= mPriority
			case "o":
				m.origin = val
				m.flags |= mOrigin
			case "p":
				hexid.DecodeLower(m.lastParent[:], val)
				m.flags |= mLastParent
			}
		}
		i = end + 1
	}
	return m, err
}

// memberItem returns where the item that starts at v[i] has its first
// ":" (-1 if it has none) and where it ends: at the next ";" or at the end
// of v.
func memberItem(v string, i int) (colon, end int) {
	colon = -1
	for end = i; end < len(v) && v[end] != ';'; end++ {
		if colon < 0 && v[end] == ':' {
			colon = end
		}
	}
	return colon, end
}

// checkItem reports what is wrong with the item v[i:end], whose first
// ":" is at colon, looking at the item alone: the kind and offset of the
// first fault, or 0. Items with keys Datadog has not defined pass.
func checkItem(v string, i, colon, end int) (tracewire.ErrorKind, int) {
	if colon < 0 {
		return tracewire.ErrMember, i
	}
	val := v[colon+1 : end]
	switch key := v[i:colon]; {
	case key == "s":
		if _, at := parsePriority(val); at >= 0 {
			return tracewire.ErrSampling, colon + 1 + at
		}
	case key == "o":
		if val == "" {
			return tracewire.ErrValue, colon + 1
		}
	case key == "p":
		n := min(len(val), 16)
		for j := 0; j < n; j++ {
			if hexid.Lower(val[j]) == 0xff {
				return tracewire.ErrParentSpanID, colon + 1 + j
			}
		}
		if len(val) != 16 {
			return tracewire.ErrLength, colon + 1 + n
		}
	case strings.HasPrefix(key, "t."):
		if len(key) == 2 {
			return tracewire.ErrKey, colon
		}
		for j := i + 2; j < colon; j++ {
			if !isTagKeyChar(v[j]) {
				return tracewire.ErrKey, j
			}
		}
		if val == "" {
			return tracewire.ErrValue, colon + 1
		}
		// Every character a tracestate value allows is a tag value
		// character too, so the value needs no further check.
	}
	return 0, -1
}

// isRepeat reports whether the well-formed item v[i:] repeats the key of
// an earlier one: for s:, o: and p: the member's flags tell; a t. item
// looks back.
func isRepeat(flags uint8, v string, i, colon int) bool {
	switch v[i:colon] {
	case "s":
		return flags&mPriority != 0
	case "o":
		return flags&mOrigin != 0
	case "p":
		return flags&mLastParent != 0
	}
	return colon > i+1 && v[i] == 't' && v[i+1] == '.' && isDuplicate(v, i, colon)
}

// isDuplicate reports whether a well-formed item before v[i] has the key
// v[i:colon]. The member is at most 256 bytes, so the quadratic scan
// stays small.
func isDuplicate(v string, i, colon int) bool {
	key := v[i:colon]
	for j := 0; j < i; {
		c, end := memberItem(v, j)
		if c >= 0 && v[j:c] == key {
			if k, _ := checkItem(v, j, c, end); k == 0 {
				return true
			}
		}
		j = end + 1
	}
	return false
}

// eachTag calls yield with the name (after "t.") and the raw value ("="
// still written "~") of every t. item of m that ParseTraceStateMember
// kept, in order, until yield returns false.
func (m Member) eachTag(yield func(name, value string) bool) {
	v := m.v
	for i := 0; i < len(v); {
		colon, end := memberItem(v, i)
		if colon > i+1 && v[i] == 't' && v[i+1] == '.' {
			if k, _ := checkItem(v, i, colon, end); k == 0 && !isDuplicate(v, i, colon) {
				if !yield(v[i+2:colon], v[colon+1:end]) {
					return
				}
			}
		}
		i = end + 1
	}
}

// Priority returns the sampling priority of the s: item; ok is false
// without one.
func (m Member) Priority() (p Priority, ok bool) { return m.priority, m.flags&mPriority != 0 }

// Origin returns the origin of the o: item, with "~" read back as "=", or
// "" without one. It allocates only when the origin holds a "~".
func (m Member) Origin() string { return strings.ReplaceAll(m.origin, "~", "=") }

// LastParent returns the span id of the p: item, the last Datadog span
// the trace passed through; ok is false without one. The id may be zero:
// Datadog writes p:0000000000000000 when it knows of no Datadog span.
func (m Member) LastParent() (id tracewire.SpanID, ok bool) {
	return m.lastParent, m.flags&mLastParent != 0
}

// WithLastParent returns m with the p: item set to id, as a proxy that
// reparents (see LastParentID) records the span it reports.
func (m Member) WithLastParent(id tracewire.SpanID) Member {
	m.lastParent = id
	m.flags |= mLastParent
	return m
}

// AppendTags appends the propagated tags of m's t. items to dst in the
// form x-datadog-tags carries them: "_dd.p.{name}={value}", "~" read back
// as "=", separated by ",", in the member's order. It writes nothing when
// m has no tags.
func (m Member) AppendTags(dst []byte) []byte {
	start := len(dst)
	m.eachTag(func(name, value string) bool {
		dst = appendTag(dst, start, name, value)
		return true
	})
	return dst
}

// appendTag appends one t. item as an x-datadog-tags tag, after a comma
// unless it is the first since start.
func appendTag(dst []byte, start int, name, value string) []byte {
	if len(dst) > start {
		dst = append(dst, ',')
	}
	dst = append(dst, tagPrefix...)
	dst = append(dst, name...)
	dst = append(dst, '=')
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c == '~' {
			c = '='
		}
		dst = append(dst, c)
	}
	return dst
}

// AppendTraceStateMember appends the value of m as a dd= member (without
// "dd=") to dst, in the canonical order Datadog writes: s:, o:, p:, then
// the t. items in the order they arrived. Items ParseTraceStateMember
// skipped or ignored are not written. It writes nothing for a member
// that says nothing.
func AppendTraceStateMember(dst []byte, m Member) []byte {
	start := len(dst)
	if p, ok := m.Priority(); ok {
		dst = append(dst, "s:"...)
		dst = append(dst, p.String()...)
	}
	if m.flags&mOrigin != 0 {
		dst = appendItem(dst, start, "o:")
		dst = append(dst, m.origin...)
	}
	if id, ok := m.LastParent(); ok {
		dst = appendItem(dst, start, "p:")
		dst = hexid.Append(dst, id[:])
	}
	m.eachTag(func(name, value string) bool {
		if !fits(dst, start, 3+len(name)+len(value)) {
			return false
		}
		dst = appendItem(dst, start, "t.")
		dst = append(dst, name...)
		dst = append(dst, ':')
		dst = append(dst, value...)
		return true
	})
	return dst
}

// fits reports whether an item of n bytes, plus its ";", still fits the
// member being written at dst[start:] within 256 characters with "dd=".
// Like dd-trace-go, a writer stops at the first tag that does not fit.
func fits(dst []byte, start, n int) bool {
	used := len(dst) - start
	if used > 0 {
		used++
	}
	return len(memberKey)+1+used+n <= maxMember
}

// FormatTraceStateMember returns the value AppendTraceStateMember writes.
func FormatTraceStateMember(m Member) string {
	var b [maxMember]byte
	return string(AppendTraceStateMember(b[:0], m))
}

// appendItem starts a new item: a ";" unless it is the first since start,
// then its key and ":".
func appendItem(dst []byte, start int, key string) []byte {
	if len(dst) > start {
		dst = append(dst, ';')
	}
	return append(dst, key...)
}
