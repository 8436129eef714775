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
func isCanonical[K string | []byte](key K) bool {
	upper := true
	canonical := true
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !ascii.IsTokenChar(c) {
			return true
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
// MIME-canonical; otherwise "".
func conventional(lower []byte) string {
	switch string(lower) {
	case "x-b3-traceid":
		return "X-B3-TraceId"
	case "x-b3-spanid":
		return "X-B3-SpanId"
	case "x-b3-parentspanid":
		return "X-B3-ParentSpanId"
	}
	return ""
}

// isSpelling reports whether k is one of the spellings of key that the
// map carriers read (see the top of this file) and that Set and Delete
// therefore replace: key itself, or a key equal to it but for ASCII case
// that is lowercase, MIME-canonical or the conventional spelling.
func isSpelling[K, L string | []byte](k K, key L) bool {
	if string(k) == string(key) {
		return true
	}
	if !equalFoldASCII(k, key) {
		return false
	}
	if isLower(k) || isCanonical(k) {
		return true
	}
	var lb [maxStackName]byte
	c := conventional(appendLower(lb[:0], key))
	return c != "" && string(k) == c
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
func knownSpellings(key string) (canonical, conv string) {
	switch key {
	case "traceparent":
		return "Traceparent", ""
	case "tracestate":
		return "Tracestate", ""
	case "baggage":
		return "Baggage", ""
	case "b3":
		return "B3", ""
	case "x-b3-traceid":
		return "X-B3-Traceid", "X-B3-TraceId"
	case "x-b3-spanid":
		return "X-B3-Spanid", "X-B3-SpanId"
	case "x-b3-parentspanid":
		return "X-B3-Parentspanid", "X-B3-ParentSpanId"
	case "x-b3-sampled":
		return "X-B3-Sampled", ""
	case "x-b3-flags":
		return "X-B3-Flags", ""
	case "uber-trace-id":
		return "Uber-Trace-Id", ""
	case "jaeger-debug-id":
		return "Jaeger-Debug-Id", ""
	case "jaeger-baggage":
		return "Jaeger-Baggage", ""
	case "x-amzn-trace-id":
		return "X-Amzn-Trace-Id", ""
	case "ot-tracer-traceid":
		return "Ot-Tracer-Traceid", ""
	case "ot-tracer-spanid":
		return "Ot-Tracer-Spanid", ""
	case "ot-tracer-sampled":
		return "Ot-Tracer-Sampled", ""
	case "x-datadog-trace-id":
		return "X-Datadog-Trace-Id", ""
	case "x-datadog-parent-id":
		return "X-Datadog-Parent-Id", ""
	case "x-datadog-sampling-priority":
		return "X-Datadog-Sampling-Priority", ""
	case "x-datadog-origin":
		return "X-Datadog-Origin", ""
	case "x-datadog-tags":
		return "X-Datadog-Tags", ""
	case "sentry-trace":
		return "Sentry-Trace", ""
	case "x-cloud-trace-context":
		return "X-Cloud-Trace-Context", ""
	case "grpc-trace-bin":
		return "Grpc-Trace-Bin", ""
	case "traceresponse":
		return "Traceresponse", ""
	case "server-timing":
		return "Server-Timing", ""
	}
	return "", ""
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

// deleteOthers deletes from m the spellings of key other than key itself.
// A spelling formed on the stack is deleted only when present, so that the
// common case, none of them present, costs lookups and no allocation.
func deleteOthers[V any](m map[string]V, key string) {
	if len(m) == 0 {
		return
	}
	if canon, conv := knownSpellings(key); canon != "" {
		delete(m, canon)
		if conv != "" {
			delete(m, conv)
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
		delete(m, c)
	}
}
