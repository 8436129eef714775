package carrier

import "github.com/tracewire/tracewire/internal/ascii"

// The map carriers (Map, Metadata, NATSHeader) hold keys written by other
// programs, so a header may be stored under another spelling than the
// lowercase one propagators ask for. They look a name up under at most
// four spellings, each one map lookup, and never walk the map:
//
//  1. as given (the lowercase name, for every propagator here);
//  2. in lowercase, when it was given in another case;
//  3. in MIME-canonical form, first letter and every letter after a "-"
//     upper case ("Traceparent", "X-B3-Traceid"), as Go code that copies
//     an http.Header into a map writes it;
//  4. as the format's specification spells it where that differs from
//     2 and 3: the B3 names "X-B3-TraceId", "X-B3-SpanId" and
//     "X-B3-ParentSpanId".
//
// A walk of every key on each miss would also find "TRACEPARENT", but it
// made every absent header cost a pass over the map: a composite asks for
// a dozen names that are not there, and a map with thousands of keys (a
// message's application headers, tens of thousands of uberctx-* items)
// turned every lookup into a scan. Keys in any other case are the rare
// case, and NewMap serves them with one pass when the map is made.

// maxStackName is the longest name re-spelled on the stack; a longer one
// is re-spelled on the heap, which only costs an allocation.
const maxStackName = 64

// appendLower appends key to dst with ASCII letters in lower case.
func appendLower[K string | []byte](dst []byte, key K) []byte {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendCanonical appends the MIME-canonical form of key to dst: the
// first letter and every letter after a "-" in upper case, every other
// letter in lower case. As in net/textproto, a key holding a byte that
// cannot be in a header name (not an RFC 9110 token character) is
// appended unchanged.
func appendCanonical[K string | []byte](dst []byte, key K) []byte {
	for i := 0; i < len(key); i++ {
		if !ascii.IsTokenChar(key[i]) {
			return append(dst, key...)
		}
	}
	upper := true
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case upper && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case !upper && 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		dst = append(dst, c)
		upper = c == '-'
	}
	return dst
}

// isCanonical reports whether appendCanonical would append key unchanged.
func isCanonical[K string | []byte](key K) bool { return checkCanonical(key, true) }

// isCanonicalName reports whether key is the MIME-canonical spelling of a
// header name: canonical, and made of token bytes only. Canonicalisation
// leaves a key holding another byte as it is, so such a key is the
// canonical spelling of no key but itself, and the map carriers' Set and
// Delete of another spelling of its name leave it alone.
func isCanonicalName[K string | []byte](key K) bool { return checkCanonical(key, false) }

// checkCanonical is isCanonical, reporting nonToken for a key that holds a
// byte outside the token set.
func checkCanonical[K string | []byte](key K, nonToken bool) bool {
	upper := true
	canonical := true
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !ascii.IsTokenChar(c) {
			return nonToken
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
		}
		upper = c == '-'
	}
	return canonical
}

// isLower reports whether key has no upper-case ASCII letter.
func isLower[K string | []byte](key K) bool {
	for i := 0; i < len(key); i++ {
		if c := key[i]; 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// conventional returns the spelling a format's specification gives the
// lowercase header name lower, when it is neither lowercase nor
// MIME-canonical (B3's "X-B3-TraceId"); otherwise "". It reads the
// knownNames table knownSpellings reads; a name longer than every known
// one is not converted, which past 32 bytes would allocate.
func conventional(lower []byte) string {
	if len(lower) > maxKnownLen {
		return ""
	}
	_, conv := knownSpellings(string(lower))
	return conv
}

// maxKnownLen is the length of the longest name in knownNames
// (TestKnownNames checks it).
const maxKnownLen = len("x-datadog-sampling-priority")

// isSpelling reports whether k is one of the spellings of key that the
// map carriers read (see the top of this file) and that Set and Delete
// therefore replace: key itself, or a key equal to it but for ASCII case
// that is lowercase, MIME-canonical or the conventional spelling.
func isSpelling[K, L string | []byte](k K, key L) bool {
	if string(k) == string(key) {
		return true
	}
	return equalFoldASCII(k, key) && commonSpelling(k)
}

// commonSpelling reports whether k is lowercase, MIME-canonical or the
// conventional spelling of its name: a key the map carriers' Set and
// Delete replace whichever spelling of its name they are given (see
// isSpelling), where any other key only by itself.
func commonSpelling[K string | []byte](k K) bool {
	return isLower(k) || isCanonicalName(k) || string(k) == conventionalOf(k)
}

// lookup returns the value of key in m under the first of its spellings
// that is present.
func lookup[V any](m map[string]V, key string) (V, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	return lookupOther(m, key)
}

// knownSpellings returns the MIME-canonical and, where it differs, the
// conventional spelling of the lowercase name of a header some propagator
// here reads, or "" and "" for any other name: the names propagators ask
// for are looked up without re-spelling them byte by byte.
//
// It finds the name's entry by a perfect hash of its length and three of
// its bytes, then compares the name once: about what the switch over the
// 26 names it replaces cost (3.4 ns against 2.8 to 3.3), but small enough
// to inline, so that HTTPHeader's Get makes one call where it made three
// (an ottrace read of three headers: 50 ns down to 41).
func knownSpellings(key string) (canonical, conv string) {
	if len(key) < 2 {
		return "", ""
	}
	e := &knownNames[knownSlot(key)]
	if e.lower != key {
		return "", ""
	}
	return e.canonical, e.conv
}

// knownIndex returns the slot of key in knownNames, and whether key is
// the lowercase name there.
func knownIndex(key string) (uint32, bool) {
	if len(key) < 2 {
		return 0, false
	}
	slot := knownSlot(key)
	return slot, knownNames[slot].lower == key
}

// foldedSlot returns the slot in knownNames that k would be a spelling
// of, if any: ok is false when k is shorter or longer than every name
// there. The known names hold only lowercase letters, digits and "-",
// which setting the case bit leaves as they are, so k's bytes with it set
// are the name's whenever k is one of its spellings. The caller compares
// k with the entry.
func foldedSlot(k string) (slot uint32, ok bool) {
	n := len(k)
	if n < 2 || n > maxKnownLen {
		return 0, false
	}
	return slotOf(n, k[n/2]|0x20, k[n-1]|0x20, k[n-2]|0x20), true
}

// knownSlot is the perfect hash behind knownSpellings: distinct for every
// name in knownNames (TestKnownNames checks it), for len(key) >= 2.
func knownSlot(key string) uint32 {
	n := len(key)
	return slotOf(n, key[n/2], key[n-1], key[n-2])
}

// slotOf is knownSlot of a name of length n whose middle, last and
// next-to-last bytes are mid, last and prev: Survey gives them with their
// case bit set, so that any spelling of a name finds its slot.
func slotOf(n int, mid, last, prev byte) uint32 {
	return (uint32(n)<<24 | uint32(mid)<<16 | uint32(last)<<8 | uint32(prev)) * knownMul >> (32 - 5)
}

// knownMul is the multiplier of knownSlot, found by search. A name added
// to knownNames whose slot is taken needs another: TestKnownNames fails
// and names the first multiplier that separates every name.
const knownMul = 0x6ac0f04f

// knownName is a header name propagators here read, in lowercase, in
// MIME-canonical form, and in the spelling its specification gives it
// where that is neither ("" otherwise).
type knownName struct{ lower, canonical, conv string }

// knownNames holds every knownName at its knownSlot.
var knownNames = [32]knownName{
	0:  {"x-cloud-trace-context", "X-Cloud-Trace-Context", ""},
	1:  {"x-datadog-sampling-priority", "X-Datadog-Sampling-Priority", ""},
	2:  {"grpc-trace-bin", "Grpc-Trace-Bin", ""},
	3:  {"ot-tracer-spanid", "Ot-Tracer-Spanid", ""},
	4:  {"x-datadog-tags", "X-Datadog-Tags", ""},
	5:  {"uber-trace-id", "Uber-Trace-Id", ""},
	6:  {"x-b3-parentspanid", "X-B3-Parentspanid", "X-B3-ParentSpanId"},
	7:  {"x-b3-sampled", "X-B3-Sampled", ""},
	8:  {"x-datadog-parent-id", "X-Datadog-Parent-Id", ""},
	10: {"x-datadog-origin", "X-Datadog-Origin", ""},
	11: {"sentry-trace", "Sentry-Trace", ""},
	12: {"jaeger-baggage", "Jaeger-Baggage", ""},
	13: {"ot-tracer-traceid", "Ot-Tracer-Traceid", ""},
	14: {"x-b3-flags", "X-B3-Flags", ""},
	15: {"x-b3-spanid", "X-B3-Spanid", "X-B3-SpanId"},
	16: {"tracestate", "Tracestate", ""},
	20: {"jaeger-debug-id", "Jaeger-Debug-Id", ""},
	21: {"x-amzn-trace-id", "X-Amzn-Trace-Id", ""},
	23: {"ot-tracer-sampled", "Ot-Tracer-Sampled", ""},
	24: {"server-timing", "Server-Timing", ""},
	25: {"b3", "B3", ""},
	26: {"traceparent", "Traceparent", ""},
	27: {"x-b3-traceid", "X-B3-Traceid", "X-B3-TraceId"},
	28: {"traceresponse", "Traceresponse", ""},
	29: {"baggage", "Baggage", ""},
	30: {"x-datadog-trace-id", "X-Datadog-Trace-Id", ""},
}

// lookupOther is lookup past the spelling as given, kept apart so that
// lookup inlines into the adapters' Get.
func lookupOther[V any](m map[string]V, key string) (v V, ok bool) {
	if len(m) == 0 {
		return v, false
	}
	if canon, conv := knownSpellings(key); canon != "" {
		if v, ok = m[canon]; ok || conv == "" {
			return v, ok
		}
		v, ok = m[conv]
		return v, ok
	}
	var lb, cb [maxStackName]byte
	lower := appendLower(lb[:0], key)
	if string(lower) != key {
		if v, ok = m[string(lower)]; ok {
			return v, true
		}
	}
	if canon := appendCanonical(cb[:0], key); string(canon) != key {
		if v, ok = m[string(canon)]; ok {
			return v, true
		}
	}
	if c := conventional(lower); c != "" && c != key {
		v, ok = m[c]
	}
	return v, ok
}

// deletePresent deletes k from m if it is there. A lookup that misses
// costs less than a delete that does (the delete also marks the map as
// being written, and undoes it), and the keys the carriers delete, stale
// fields and other spellings, are almost always absent: a b3multi inject
// into a Map checks seven spellings, a composite's clearing a dozen names.
func deletePresent[V any](m map[string]V, k string) {
	//lint:ignore S1033 the guard is the point: see above
	if _, ok := m[k]; ok {
		delete(m, k)
	}
}

// deleteOthers deletes from m the spellings of key other than key itself.
// A spelling formed on the stack is deleted only when present, so that the
// common case, none of them present, costs lookups and no allocation.
func deleteOthers[V any](m map[string]V, key string) {
	if len(m) == 0 {
		return
	}
	if canon, conv := knownSpellings(key); canon != "" {
		deletePresent(m, canon)
		if conv != "" {
			deletePresent(m, conv)
		}
		return
	}
	var lb, cb [maxStackName]byte
	lower := appendLower(lb[:0], key)
	if string(lower) != key {
		//lint:ignore S1033 the lookup converts the bytes without copying them; delete would copy them to the heap every time
		if _, ok := m[string(lower)]; ok {
			delete(m, string(lower))
		}
	}
	if canon := appendCanonical(cb[:0], key); string(canon) != key {
		//lint:ignore S1033 as above: no copy unless the spelling is there
		if _, ok := m[string(canon)]; ok {
			delete(m, string(canon))
		}
	}
	if c := conventional(lower); c != "" && c != key {
		deletePresent(m, c)
	}
}
