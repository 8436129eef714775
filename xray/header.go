package xray

import (
	"iter"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/ows"
)

// MaxLen is the most characters Append and Header.Append write, and
// Propagator injects, as OpenTelemetry-Java caps the header.
const MaxLen = 256

// Header is a parsed X-Amzn-Trace-Id value: the span context it carries
// and the fields a span context cannot hold (Lineage, Self and any other),
// so that they can go out again with the context that continues the trace.
//
// Like netip.Addr it is a comparable value that is safe to copy: it holds
// the value as received (spaces and tabs around it removed, never copied),
// the span context and offsets into the value; ParseHeader allocates
// nothing. The zero value is "no header".
type Header struct {
	s       string                // the value, trimmed
	sc      tracewire.SpanContext // what it carries, not marked remote
	sampled byte                  // sampledAbsent, '0', '1' or '?'
	linLo   int                   // the valid Lineage value is s[linLo:linHi]; both 0 if none
	linHi   int
	extras  bool // s has a field Append passes on
}

// ParseHeader parses an X-Amzn-Trace-Id value as Parse does and returns
// all of it. Use it where the fields a span context cannot hold matter: a
// proxy or service that passes them on (see Header.Append), or a tool that
// shows them.
func ParseHeader(s string) (Header, error) { return parseHeader(s, &errs) }

func parseHeader(s string, t *tracewire.ErrorTable) (Header, error) {
	p, err := scan(s, t)
	if err != nil {
		return Header{}, err
	}
	h := Header{s: s[p.lo:p.hi], sc: p.spanContext(false), sampled: p.sampled, extras: p.extras}
	if p.linHi != 0 {
		h.linLo, h.linHi = p.linLo-p.lo, p.linHi-p.lo
	}
	return h, nil
}

// SpanContext returns the span context h carries, not marked remote: the
// Root as trace id, the Parent as span id (zero when there is none, and
// the context is then not valid), and the sampling decision.
func (h Header) SpanContext() tracewire.SpanContext { return h.sc }

// String returns the value as it was parsed, without surrounding spaces
// and tabs.
func (h Header) String() string { return h.s }

// Lineage returns the Lineage value if h has a valid one, else "".
func (h Header) Lineage() string { return h.s[h.linLo:h.linHi] }

// Get returns the value of the first field named name (case-sensitively,
// "Self", "Lineage", "Root", ...) as received, or "" if there is none. A
// Lineage that is not valid is returned too; see Lineage.
func (h Header) Get(name string) string {
	for f, i, ok := h.next(0); ok; f, i, ok = h.next(i) {
		if h.s[f.kLo:f.kHi] == name {
			return h.s[f.vLo:f.vHi]
		}
	}
	return ""
}

// All yields every field of h, name and value as received, in order.
func (h Header) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for f, i, ok := h.next(0); ok; f, i, ok = h.next(i) {
			if !yield(h.s[f.kLo:f.kHi], h.s[f.vLo:f.vHi]) {
				return
			}
		}
	}
}

// Append appends to dst the X-Amzn-Trace-Id value for sc, carrying h's
// other fields on when sc continues h's trace, and returns the extended
// buffer.
//
// When sc's trace id is h's Root, the value is Root, Parent and Sampled
// for sc (as Append writes them, except that a deferred decision is left
// out when h had no Sampled field), then h's fields other than Root,
// Parent and Sampled in the order they arrived, each as received: a valid
// Lineage, every Self and every unknown field; a Lineage that is not valid,
// and any Lineage after the first, is dropped. The value never exceeds
// MaxLen characters: when it would, whole fields are dropped, unknown
// fields first (the last ones first), then Self fields (the last first),
// then the Lineage. For any other sc, or a zero h, Append(dst, sc) is the
// result.
func (h Header) Append(dst []byte, sc tracewire.SpanContext) []byte {
	if h.s == "" || sc.TraceID() != h.sc.TraceID() {
		return Append(dst, sc)
	}
	start := len(dst)
	dst = appendIDs(dst, sc, h.sampled != sampledAbsent)
	if !h.extras {
		// The common header, Root, Parent and Sampled only: no field
		// to look for.
		return dst
	}
	return h.appendExtras(dst, MaxLen-(len(dst)-start))
}

// Field classes, in the order they are dropped to fit MaxLen.
const (
	classOther = iota
	classSelf
	classLineage
	classSkip // Root, Parent, Sampled, and Lineage fields that are not passed on
)

// appendExtras appends ";name=value" for each field of h that is passed
// on, in order, dropping whole fields as Append describes so that at most
// budget bytes are added.
func (h Header) appendExtras(dst []byte, budget int) []byte {
	var size [classSkip]int
	for f, i, ok := h.next(0); ok; f, i, ok = h.next(i) {
		if c := h.class(f); c != classSkip {
			size[c] += 1 + f.vHi - f.kLo
		}
	}
	// keep[c] is how many fields of class c go out, a prefix of them in
	// arrival order; -1 means all.
	keep := [classSkip]int{-1, -1, -1}
	if size[classOther]+size[classSelf]+size[classLineage] > budget {
		// A valid Lineage is at most 26 bytes with its name, so it
		// always fits beside the at most 74 of Root, Parent and Sampled.
		budget -= size[classLineage]
		for _, c := range [...]int{classSelf, classOther} {
			n, used := 0, 0
			for f, i, ok := h.next(0); ok; f, i, ok = h.next(i) {
				if h.class(f) != c {
					continue
				}
				if used+1+f.vHi-f.kLo > budget {
					break
				}
				used += 1 + f.vHi - f.kLo
				n++
			}
			keep[c] = n
			budget -= used
		}
	}
	var seen [classSkip]int
	for f, i, ok := h.next(0); ok; f, i, ok = h.next(i) {
		c := h.class(f)
		if c == classSkip {
			continue
		}
		if keep[c] >= 0 && seen[c] >= keep[c] {
			continue
		}
		seen[c]++
		dst = append(dst, ';')
		dst = append(dst, h.s[f.kLo:f.vHi]...)
	}
	return dst
}

// class says what becomes of field f when h is appended.
func (h Header) class(f field) int {
	switch name(h.s, f.kLo, f.kHi) {
	case fieldRoot, fieldParent, fieldSampled:
		return classSkip
	case fieldLineage:
		if f.vLo == h.linLo && h.linHi != 0 {
			return classLineage
		}
		return classSkip
	case fieldSelf:
		return classSelf
	}
	return classOther
}

// field locates one field of a Header: its name is s[kLo:kHi] and its
// value s[vLo:vHi], with kHi+1 == vLo.
type field struct{ kLo, kHi, vLo, vHi int }

// next returns the first non-empty field of h.s at or after offset i, and
// the offset after it; ok is false when there is none. ParseHeader has
// validated h.s: every field has a name and an "=".
func (h Header) next(i int) (f field, after int, ok bool) {
	s := h.s
	for i < len(s) {
		end := i
		for end < len(s) && s[end] != ';' {
			end++
		}
		if fl, fh := ows.TrimSpan(s, i, end); fl < fh {
			k := fl
			for s[k] != '=' {
				k++
			}
			return field{fl, k, k + 1, fh}, end + 1, true
		}
		i = end + 1
	}
	return field{}, i, false
}
