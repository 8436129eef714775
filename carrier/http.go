package carrier

// HTTPHeader adapts an http.Header, whose keys are in MIME-canonical form
// ("Traceparent", "X-B3-Traceid"). It is declared as the map type
// http.Header is rather than as http.Header itself, so that
// carrier.HTTPHeader(r.Header) converts as before while this package, and
// every codec built on it, does not link net/http into a program that
// only parses headers.
//
// Lookups of the trace headers this module knows use pre-computed
// canonical spellings and allocate nothing; any other name is
// canonicalized as net/textproto.CanonicalMIMEHeaderKey does, which
// allocates when the name is not canonical already.
//
// A nil HTTPHeader reads as empty, and Set on it panics, as
// http.Header's Set does.
type HTTPHeader map[string][]string

// canonicalKey returns the MIME-canonical form of a header name, without
// allocating for every header a propagator here uses.
func canonicalKey(key string) string {
	if len(key) >= 2 {
		// knownIndex, spelled out: through it, every Get ran four
		// instructions more.
		if e := &knownNames[knownSlot(key)]; e.lower == key {
			return e.canonical
		}
	}
	return canonicalMIME(key)
}

// canonicalMIME returns key in MIME-canonical form (see appendCanonical):
// key itself, without allocating, when it is canonical already or holds
// a byte that cannot be in a header name.
func canonicalMIME(key string) string {
	if isCanonical(key) {
		return key
	}
	return string(appendCanonical(make([]byte, 0, len(key)), key))
}

// knownCanonical returns the MIME-canonical form of the lowercase name of
// a header some propagator here uses, or "" for any other name.
func knownCanonical(key string) string {
	c, _ := knownSpellings(key)
	return c
}

// Get returns the first value of key.
func (h HTTPHeader) Get(key string) string {
	if v := h[canonicalKey(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of key, in order. The slice is the header's
// own: do not modify it.
func (h HTTPHeader) Values(key string) []string { return h[canonicalKey(key)] }

// Keys returns the header names, in canonical form.
func (h HTTPHeader) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}

// Set replaces key's values with value, as http.Header.Set does: it
// stores a new one-element slice (one allocation) and never writes into
// the slice the header held, because that slice may be shared with
// another map. A proxy that copied the incoming request's headers with
// out[k] = in[k] or maps.Copy would otherwise see the incoming request
// change when it injects into the outgoing one. The propagators here
// write the values they format with carrier.Set, which stores the bytes
// and their slice in one allocation, rather than a string and then this
// slice.
func (h HTTPHeader) Set(key, value string) { h.store(key, []string{value}) }

func (h HTTPHeader) store(key string, vals []string) { h[canonicalKey(key)] = vals }

// Delete removes key.
func (h HTTPHeader) Delete(key string) { deletePresent(h, canonicalKey(key)) }
