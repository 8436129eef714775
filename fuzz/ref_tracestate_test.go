package fuzz

import (
	"strings"

	"github.com/tracewire/tracewire"
)

// refTraceState parses tracestate lines (SPEC.md §3; the TraceState and
// TraceStateOptions documentation): the lines joined with "," are one
// list; members are split at "," and trimmed of OWS; blank ones are
// skipped; a 33rd member is ErrTooManyMembers at its start; a member
// without "=" is ErrMember at its start, and otherwise its key and value
// are checked against the grammar. A repeated key keeps its first
// occurrence. Strict parsing discards the whole list at the first error;
// lenient parsing drops invalid members, stops at a 33rd, and reports the
// first error.
func refTraceState(lines []string, level1, lenient bool) ([][2]string, errKey) {
	s := strings.Join(lines, ",")
	var members [][2]string
	seen := map[string]bool{}
	counted := 0 // members, repeats included
	first := refOK
	for start := 0; start <= len(s); {
		end := start
		for end < len(s) && s[end] != ',' {
			end++
		}
		next := end + 1
		ms, me := refTrim(s[start:end])
		ms, me = start+ms, start+me
		start = next
		if ms == me {
			continue
		}
		if counted == 32 {
			err := errKey{Header: "tracestate", Kind: tracewire.ErrTooManyMembers, Offset: ms}
			if !lenient {
				return nil, err
			}
			if first == refOK {
				first = err
			}
			break
		}
		eq, kind, at := refTraceStateMember(s, ms, me, level1)
		if kind != 0 {
			err := errKey{Header: "tracestate", Kind: kind, Offset: at}
			if !lenient {
				return nil, err
			}
			if first == refOK {
				first = err
			}
			continue
		}
		counted++
		if key := s[ms:eq]; !seen[key] {
			seen[key] = true
			members = append(members, [2]string{key, s[eq+1 : me]})
		}
	}
	return members, first
}

// refTraceStateMember checks the member s[ms:me] and returns the index of
// its "=", or the kind and offset of what breaks it.
func refTraceStateMember(s string, ms, me int, level1 bool) (eq int, kind tracewire.ErrorKind, at int) {
	eq = strings.IndexByte(s[ms:me], '=')
	if eq < 0 {
		return 0, tracewire.ErrMember, ms
	}
	eq += ms
	if k := refTraceStateKey(s[ms:eq], level1); k >= 0 {
		return eq, tracewire.ErrKey, ms + k
	}
	v := s[eq+1 : me]
	if v == "" {
		return eq, tracewire.ErrValue, eq + 1
	}
	for i := range len(v) {
		// value = 0*255(chr) nblk-chr; chr = %x20 / nblk-chr
		if c := v[i]; i == 256 || c < 0x20 || c > 0x7e || c == ',' || c == '=' {
			return eq, tracewire.ErrValue, eq + 1 + i
		}
	}
	return eq, 0, 0
}

// refTraceStateKey returns -1 for a valid key, or the index of the byte
// that breaks it. Every key must first be a Level 2 key: a lowercase
// letter or digit, then at most 255 of lcalpha / DIGIT / "_" / "-" /
// "*" / "/" / "@". A Level 1 key is then a simple key starting with a
// letter, or tenant "@" system with a tenant of at most 241 bytes and a
// system id of 1 to 14 starting with a letter; the offsets of those
// failures are the vectors' (testdata/tracestate.json).
func refTraceStateKey(k string, level1 bool) int {
	lower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	if k == "" || !lower(k[0]) && !digit(k[0]) {
		return 0
	}
	for i := 1; i < len(k); i++ {
		c := k[i]
		if i == 256 || !lower(c) && !digit(c) && !strings.ContainsRune("_-*/@", rune(c)) {
			return i
		}
	}
	if !level1 {
		return -1
	}
	tenant, system, multi := strings.Cut(k, "@")
	if !multi {
		if !lower(k[0]) {
			return 0 // a simple key starts with a letter
		}
		return -1
	}
	sys := len(tenant) + 1 // where the system id starts
	if i := strings.IndexByte(system, '@'); i >= 0 {
		return sys + i
	}
	if len(tenant) > 241 {
		return 241
	}
	if system == "" {
		return len(k)
	}
	if !lower(system[0]) {
		return sys
	}
	if len(system) > 14 {
		return sys + 14
	}
	return -1
}
