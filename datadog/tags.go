package datadog

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// Limits and names of the propagated tags.
const (
	maxTags   = 512      // bytes of x-datadog-tags a tracer reads and writes
	tagPrefix = "_dd.p." // the prefix of every tag Datadog propagates
	tagTID    = "_dd.p.tid"
	tagDM     = "_dd.p.dm"
)

// isTagKeyChar reports whether c may appear in an x-datadog-tags key:
// printable ASCII except space, "=" and ",".
func isTagKeyChar(c byte) bool { return '!' <= c && c <= '~' && c != '=' && c != ',' }

// isTagValueChar reports whether c may appear in an x-datadog-tags value:
// printable ASCII except ",".
func isTagValueChar(c byte) bool { return ' ' <= c && c <= '~' && c != ',' }

// checkTags validates an x-datadog-tags value (already trimmed): at most
// 512 bytes of comma-separated key=value tags, keys and values non-empty
// and of the allowed characters, no key twice. The first "=" of a tag ends
// its key; later ones belong to the value. On failure it returns the kind
// and the offset in v of the first offending byte. On success it also
// returns where the _dd.p.tid value lies in v, v[tid:tidEnd] (both -1
// without one), found in the same pass.
func checkTags(v string) (kind tracewire.ErrorKind, at, tid, tidEnd int) {
	if len(v) > maxTags {
		return tracewire.ErrTooLong, maxTags, -1, -1
	}
	tid, tidEnd = -1, -1
	// seen has a bit for every key so far, chosen by its length and last
	// byte: only a key whose bit is set already can repeat one, and only
	// then are the earlier tags searched, so that the common tags cost one
	// pass rather than one per tag.
	var seen uint64
	for i := 0; i <= len(v); {
		ks := i
		for i < len(v) && v[i] != '=' && v[i] != ',' {
			if !isTagKeyChar(v[i]) {
				return tracewire.ErrKey, i, -1, -1
			}
			i++
		}
		if i == ks {
			if i < len(v) && v[i] == '=' {
				return tracewire.ErrKey, i, -1, -1
			}
			return tracewire.ErrMember, i, -1, -1
		}
		if i == len(v) || v[i] != '=' {
			return tracewire.ErrMember, i, -1, -1
		}
		key := v[ks:i]
		i++
		vs := i
		for i < len(v) && v[i] != ',' {
			if !isTagValueChar(v[i]) {
				return tracewire.ErrValue, i, -1, -1
			}
			i++
		}
		if i == vs {
			return tracewire.ErrValue, i, -1, -1
		}
		bit := uint64(1) << ((uint(len(key)) ^ uint(key[len(key)-1])*5) & 63)
		if seen&bit != 0 && hasTagBefore(v[:ks], key) {
			return tracewire.ErrKey, ks, -1, -1
		}
		seen |= bit
		if key == tagTID {
			tid, tidEnd = vs, i
		}
		i++ // past the comma, or past the end
	}
	return 0, -1, tid, tidEnd
}

// hasTagBefore reports whether the well-formed tags in v include key.
// Tags are at most 512 bytes, so the quadratic scan stays small.
func hasTagBefore(v, key string) bool {
	for it := (tagIter{s: v}); ; {
		k, _, _, ok := it.next()
		if !ok {
			return false
		}
		if k == key {
			return true
		}
	}
}

// tagIter walks well-formed x-datadog-tags.
type tagIter struct {
	s string
	i int
}

// next returns the next tag and the offset of its value in the tags.
func (it *tagIter) next() (key, value string, at int, ok bool) {
	if it.i >= len(it.s) {
		return "", "", 0, false
	}
	start := it.i
	end := len(it.s)
	for j := start; j < len(it.s); j++ {
		if it.s[j] == ',' {
			end = j
			break
		}
	}
	it.i = end + 1
	for j := start; j < end; j++ {
		if it.s[j] == '=' {
			return it.s[start:j], it.s[j+1 : end], j + 1, true
		}
	}
	return it.s[start:end], "", end, true
}

// parseTID reads a _dd.p.tid value: exactly 16 lowercase hex digits, as
// dd-trace-go requires. On failure it returns the kind and the offset in v
// of the first bad byte.
func parseTID(v string) (tid [8]byte, kind tracewire.ErrorKind, at int) {
	if len(v) == 16 && hexid.Decode16(&tid, v, 0) {
		return tid, 0, -1
	}
	n := min(len(v), 16)
	for i := 0; i < n; i++ {
		if hexid.Lower(v[i]) == 0xff {
			return tid, tracewire.ErrTraceID, i
		}
	}
	if len(v) != 16 {
		return tid, tracewire.ErrLength, n
	}
	hexid.DecodeLower(tid[:], v)
	return tid, 0, -1
}
