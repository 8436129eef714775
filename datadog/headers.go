package datadog

import (
	"encoding/binary"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// Bits of Headers.flags.
const (
	hasPriority   = 1 << iota
	hasLastParent // lastParent came from a dd= member's p:
	tagsInMember  // tags holds a dd= member's value; its t. items are the tags
	dmDrop        // leave _dd.p.dm out: the decision was overridden to drop
	dmAuto        // send _dd.p.dm=-0: the decision was overridden to keep
)

// Headers is what the x-datadog-* headers say: a span context and what
// a tracewire.SpanContext cannot hold, the exact sampling priority, the
// origin and the propagated tags. It is a small comparable value; the
// zero value holds nothing.
//
// The span context's sampling decision follows the priority (see
// Priority.Sampling), so code that needs no more than a decision reads
// the span context alone. Headers keeps the rest, so that what arrives in
// Datadog headers leaves in them unchanged.
type Headers struct {
	sc         tracewire.SpanContext
	origin     string
	tags       string // x-datadog-tags as received, or a dd= member's value (tagsInMember)
	lastParent tracewire.SpanID
	priority   Priority
	flags      uint8
}

// ParseHeaders parses the values of the five Datadog headers, each as
// received ("" for an absent header): x-datadog-trace-id,
// x-datadog-parent-id, x-datadog-sampling-priority, x-datadog-origin and
// x-datadog-tags. Surrounding spaces and tabs are ignored, and an empty
// value is an absent header.
//
// The ids are decimal: an unsigned 64-bit number or, as dd-trace-go
// accepts, a negative 64-bit one read as its two's complement. The trace
// id is the low half of the trace id; the _dd.p.tid tag, 16 lowercase hex
// digits, gives the high half. Without it the trace id is marked 64 bits
// wide (With64BitTraceID). The priority is exactly -1, 0, 1 or 2.
//
// With no header at all the result is the zero Headers and a nil error.
// The ids, the priority and the origin decide whether there is a context;
// these faults return the zero Headers and a *tracewire.ParseError: a
// missing trace id beside any other Datadog header (ErrMissingField); an
// id that is not such a number (ErrTraceID, ErrSpanID, at the first bad
// byte or the digit that overflows); a zero trace id (ErrZeroTraceID); a
// missing or zero parent id (ErrMissingField, ErrZeroSpanID), except with
// origin "synthetics", whose tests start traces without a parent span
// (the span context then has the trace id, no span id, and is not
// valid); a priority that is not one of the four (ErrSampling).
//
// An origin with a byte outside printable ASCII (ErrValue) is dropped,
// and so are tags that are malformed or longer than 512 bytes: a key or
// value that is empty or holds a forbidden byte (ErrKey, ErrValue), a tag
// without "=" (ErrMember), a key given twice (ErrKey), too long
// (ErrTooLong). A malformed _dd.p.tid (ErrTraceID, ErrLength) is dropped
// alone, leaving a 64-bit trace id, as dd-trace-go does. None of these
// cost the ids: ParseHeaders returns the Headers without what it dropped
// together with the first such error.
func ParseHeaders(traceID, parentID, priority, origin, tags string) (h Headers, err error) {
	err = parseHeaders(&h, traceID, parentID, priority, origin, tags, false)
	return h, err
}

// parseHeaders is ParseHeaders, filling the zero Headers *h in place,
// with the span context marked remote when remote is set: ExtractHeaders
// sets it here rather than copying the Headers once more to mark it
// afterwards. Filled in place rather than returned, the Headers (over a
// hundred bytes) are not copied on the way out of each call.
func parseHeaders(h *Headers, traceID, parentID, priority, origin, tags string, remote bool) error {
	tlo, thi := ows.Trim(traceID)
	plo, phi := ows.Trim(parentID)
	slo, shi := ows.Trim(priority)
	olo, ohi := ows.Trim(origin)
	glo, ghi := ows.Trim(tags)
	if tlo == thi {
		if plo == phi && slo == shi && olo == ohi && glo == ghi {
			return nil
		}
		return errTraceID.At(tracewire.ErrMissingField, 0)
	}
	low, at := parseID(traceID[tlo:thi])
	if at >= 0 {
		return errTraceID.At(tracewire.ErrTraceID, tlo+at)
	}

	var soft error // the first fault that costs only what it concerns
	if o := origin[olo:ohi]; o != "" {
		if i := badOrigin(o); i >= 0 {
			soft = errOrigin.At(tracewire.ErrValue, olo+i)
		} else {
			h.origin = o
		}
	}

	var span uint64
	if plo == phi {
		if h.origin != originSynthetics {
			return h.fail(errParentID.At(tracewire.ErrMissingField, 0))
		}
	} else {
		if span, at = parseID(parentID[plo:phi]); at >= 0 {
			return h.fail(errParentID.At(tracewire.ErrSpanID, plo+at))
		}
		if span == 0 && h.origin != originSynthetics {
			return h.fail(errParentID.At(tracewire.ErrZeroSpanID, plo))
		}
	}

	sampling := tracewire.SamplingDeferred
	if slo < shi {
		p, at := parsePriority(priority[slo:shi])
		if at >= 0 {
			return h.fail(errPriority.At(tracewire.ErrSampling, slo+at))
		}
		h.priority, h.flags = p, h.flags|hasPriority
		sampling = p.Sampling()
	}

	var high [8]byte
	if g := tags[glo:ghi]; g != "" {
		if kind, at, tid, tidEnd := checkTags(g); kind != 0 {
			if soft == nil {
				soft = errTags.At(kind, glo+at)
			}
		} else {
			h.tags = g
			if tid >= 0 {
				v, kind, at := parseTID(g[tid:tidEnd])
				if kind != 0 {
					if soft == nil {
						soft = errTags.At(kind, glo+tid+at)
					}
				} else {
					high = v
				}
			}
		}
	}
	if low == 0 && high == [8]byte{} {
		return h.fail(errTraceID.At(tracewire.ErrZeroTraceID, tlo))
	}

	// Built in place (see SpanContextConfig.Build).
	c := tracewire.SpanContextConfig{Sampling: sampling, TraceID64: high == [8]byte{}, Remote: remote}
	copy(c.TraceID[:8], high[:])
	binary.BigEndian.PutUint64(c.TraceID[8:], low)
	binary.BigEndian.PutUint64(c.SpanID[:], span)
	c.Build(&h.sc)
	return soft
}

// fail empties h, which parseHeaders may have begun to fill, for an error
// that costs the whole set, and returns err.
func (h *Headers) fail(err error) error {
	*h = Headers{}
	return err
}

// badOrigin returns the offset of the first byte of o outside printable
// ASCII, or -1.
func badOrigin(o string) int {
	for i := 0; i < len(o); i++ {
		if o[i] < ' ' || o[i] > '~' {
			return i
		}
	}
	return -1
}

// ExtractHeaders reads the Datadog headers from g, as ParseHeaders
// parses them, and marks the span context remote when it has a trace id.
// Only the first line of a repeated header counts (Get returns it), except
// that x-datadog-tags, a list, is read whole: several lines, seen through
// a carrier.ValuesGetter, are joined with "," (costing one allocation)
// and error offsets index the joined value.
func ExtractHeaders(g carrier.Getter) (h Headers, err error) {
	err = extractHeaders(&h, g)
	return h, err
}

// extractHeaders is ExtractHeaders, filling the zero Headers *h in place
// (see parseHeaders).
func extractHeaders(h *Headers, g carrier.Getter) error {
	var tags string
	if vg, ok := g.(carrier.ValuesGetter); ok {
		tags = joinLines(vg.Values(hTags))
	} else {
		tags = g.Get(hTags)
	}
	// parseHeaders returns a span context only with a trace id, so
	// marking every one it returns remote is marking those that have one.
	return parseHeaders(h, g.Get(hTraceID), g.Get(hParentID), g.Get(hPriority), g.Get(hOrigin), tags, true)
}

// joinLines returns the lines of a list header that are not blank,
// joined with ",": the first one as is, without allocating, if it is the
// only one.
func joinLines(lines []string) string {
	n, last := 0, ""
	for _, l := range lines {
		if lo, hi := ows.Trim(l); lo < hi {
			n++
			last = l
		}
	}
	if n <= 1 {
		return last
	}
	var b strings.Builder
	for _, l := range lines {
		if lo, hi := ows.Trim(l); lo < hi {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(l)
		}
	}
	return b.String()
}

// NewHeaders returns the Datadog headers for sc: its ids, a priority for
// its decision (see PriorityFor; none when it is deferred), and, when sc's
// tracestate holds a dd= member, what that member says, by Datadog's
// rules: its s: priority when it agrees with sc's decision, else AutoKeep
// or AutoReject (sc's decision wins, and _dd.p.dm becomes "-0" or is
// dropped, as dd-trace-go does); its origin; its t. items as the tags;
// and its p: as LastParent.
func NewHeaders(sc tracewire.SpanContext) Headers {
	h := Headers{sc: sc}
	var m Member
	if v, ok := sc.TraceState().Get(memberKey); ok {
		m, _ = ParseTraceStateMember(v)
	}
	p, ok := m.Priority()
	h.setPriority(p, ok, sc.Sampling())
	h.origin = m.Origin()
	hasTags := false
	m.eachTag(func(string, string) bool {
		hasTags = true
		return false
	})
	if hasTags {
		h.tags, h.flags = m.v, h.flags|tagsInMember
	}
	if id, ok := m.LastParent(); ok {
		h.lastParent, h.flags = id, h.flags|hasLastParent
	}
	return h
}

// setPriority sets the priority to send for decision s when priority p
// (if ok) came with it. A priority that agrees with s is kept; one that
// disagrees gives way to s, Datadog's rule when a W3C sampled flag and
// the dd= member's s: differ.
func (h *Headers) setPriority(p Priority, ok bool, s tracewire.Sampling) {
	h.flags &^= hasPriority
	switch {
	case s == tracewire.SamplingDeferred:
		return
	case !ok:
		p, _ = PriorityFor(s)
	case (p > 0) == s.IsSampled():
	case s.IsSampled():
		p = AutoKeep
		h.flags = h.flags&^dmDrop | dmAuto
	default:
		p = AutoReject
		h.flags = h.flags&^dmAuto | dmDrop
	}
	h.priority, h.flags = p, h.flags|hasPriority
}

// SpanContext returns the span context: the ids, and the decision that
// the priority implies.
func (h Headers) SpanContext() tracewire.SpanContext { return h.sc }

// Priority returns the exact sampling priority; ok is false without one.
func (h Headers) Priority() (p Priority, ok bool) { return h.priority, h.flags&hasPriority != 0 }

// Origin returns the origin, such as "synthetics" or "rum", or "".
func (h Headers) Origin() string { return h.origin }

// LastParent returns the p: of the dd= member h was made from (see
// NewHeaders): the last Datadog span the trace passed through. ok is
// false when there was none, or when WithSpanContext has since moved h to
// another span.
func (h Headers) LastParent() (id tracewire.SpanID, ok bool) {
	return h.lastParent, h.flags&hasLastParent != 0
}

// WithSpanContext returns h for sc, a span context of the same trace (a
// child the service started, say): sc's ids and decision, with h's
// origin and tags, and h's priority when it agrees with sc's decision
// (else one for sc's decision, as NewHeaders chooses). For a span context
// of another trace, h has nothing to add: the result is NewHeaders(sc).
func (h Headers) WithSpanContext(sc tracewire.SpanContext) Headers {
	if sc.TraceID() != h.sc.TraceID() {
		return NewHeaders(sc)
	}
	if sc.SpanID() != h.sc.SpanID() {
		h.lastParent, h.flags = tracewire.SpanID{}, h.flags&^hasLastParent
	}
	h.setPriority(h.priority, h.flags&hasPriority != 0, sc.Sampling())
	h.sc = sc
	return h
}

// eachTag calls yield with every tag to send but _dd.p.tid, which follows
// from the trace id: key and value as x-datadog-tags holds them, or, for
// tags from a dd= member (member is true), the name after "t." and the
// value with "=" written "~". It leaves out _dd.p.dm when the decision
// was overridden.
func (h Headers) eachTag(yield func(key, value string, member bool) bool) {
	if h.flags&tagsInMember != 0 {
		Member{v: h.tags}.eachTag(func(name, value string) bool {
			if name == "tid" || name == "dm" && h.flags&(dmDrop|dmAuto) != 0 {
				return true
			}
			return yield(name, value, true)
		})
		return
	}
	for it := (tagIter{s: h.tags}); ; {
		k, v, _, ok := it.next()
		if !ok {
			return
		}
		if k == tagTID || k == tagDM && h.flags&(dmDrop|dmAuto) != 0 {
			continue
		}
		if !yield(k, v, false) {
			return
		}
	}
}

// AppendTags appends the x-datadog-tags value h sends to dst: the tags
// as they arrived, when they still fit the trace id; otherwise rebuilt,
// in their order, with _dd.p.tid last, set from the high half of the
// trace id (and left out when it is zero), and _dd.p.dm first as "-0" or
// left out when the decision was overridden. Rebuilt tags longer than 512
// bytes are cut down to _dd.p.tid alone: the high half of a trace id is
// never dropped, where dd-trace-go drops every tag. It writes nothing
// when there is nothing to send.
func (h Headers) AppendTags(dst []byte) []byte {
	if h.tagsAsReceived() {
		return append(dst, h.tags...)
	}
	return h.appendRebuiltTags(dst)
}

// tagsAsReceived reports whether AppendTags writes the tags as they
// arrived.
func (h Headers) tagsAsReceived() bool {
	t := h.sc.TraceID()
	return h.flags&(tagsInMember|dmDrop|dmAuto) == 0 && tidFits(h.tags, [8]byte(t[:8]))
}

// appendRebuiltTags is AppendTags for tags that do not go out as they
// arrived.
func (h Headers) appendRebuiltTags(dst []byte) []byte {
	t := h.sc.TraceID()
	high := [8]byte(t[:8])
	start := len(dst)
	if h.flags&dmAuto != 0 {
		dst = append(dst, tagDM+"=-0"...)
	}
	h.eachTag(func(key, value string, member bool) bool {
		if member {
			dst = appendTag(dst, start, key, value)
			return true
		}
		if len(dst) > start {
			dst = append(dst, ',')
		}
		dst = append(dst, key...)
		dst = append(dst, '=')
		dst = append(dst, value...)
		return true
	})
	if high != [8]byte{} {
		if len(dst)-start+len(",_dd.p.tid=")+16 > maxTags {
			dst = dst[:start]
		}
		if len(dst) > start {
			dst = append(dst, ',')
		}
		dst = append(dst, tagTID+"="...)
		dst = hexid.Append(dst, high[:])
	} else if len(dst)-start > maxTags {
		dst = dst[:start]
	}
	return dst
}

// tidFits reports whether the _dd.p.tid in well-formed tags, or its
// absence, states high.
func tidFits(tags string, high [8]byte) bool {
	v, ok := findTID(tags)
	if !ok {
		return high == [8]byte{}
	}
	// The value must be exactly the 16 lowercase digits of high, which
	// is what parseTID would accept and decode to high: compared as
	// text rather than parsed.
	if high == [8]byte{} || len(v) != 16 {
		return false
	}
	var want [16]byte
	hexid.Encode16(want[:], &high)
	return v == string(want[:])
}

// findTID returns the value of _dd.p.tid in well-formed tags, found with
// strings.Index: a match is the key only at the start of a tag, since no
// key holds "," and no value holds one either.
func findTID(tags string) (string, bool) {
	const key = tagTID + "="
	for from := 0; ; {
		i := strings.Index(tags[from:], key)
		if i < 0 {
			return "", false
		}
		i += from
		if i == 0 || tags[i-1] == ',' {
			v := tags[i+len(key):]
			if end := strings.IndexByte(v, ','); end >= 0 {
				v = v[:end]
			}
			return v, true
		}
		from = i + 1
	}
}

// AppendTraceStateMember appends to dst the value of the dd= tracestate
// member (without "dd=") that says what h says, for a W3C tracestate
// sent beside or instead of the Datadog headers: s: the priority, o: the
// origin (unless it is too long to fit), p: LastParent or else h's span
// id, and t.{name} for each
// _dd.p.{name} tag but _dd.p.tid (traceparent carries the whole trace
// id). Values are written as Datadog writes them: "=" as "~"; ",", ";",
// "~" and bytes outside printable ASCII as "_" (and spaces too in the
// origin and in tag names). Tags that would take the member past 256
// characters with "dd=" are left out, from the first that does not fit.
// Tags that are not _dd.p.* have no place in the member. It writes
// nothing when there is nothing to say.
func (h Headers) AppendTraceStateMember(dst []byte) []byte {
	start := len(dst)
	if p, ok := h.Priority(); ok {
		dst = append(dst, "s:"...)
		dst = append(dst, p.String()...)
	}
	id, ok := h.LastParent()
	if !ok && h.sc.SpanID().IsValid() {
		id, ok = h.sc.SpanID(), true
	}
	// An origin too long to fit beside p: is left out rather than making
	// the member one every reader discards.
	if h.origin != "" && fits(dst, start, len("o:")+len(h.origin)+len(";p:")+16) {
		dst = appendItem(dst, start, "o:")
		dst = appendSanitized(dst, h.origin, originByte)
	}
	if ok {
		dst = appendItem(dst, start, "p:")
		dst = hexid.Append(dst, id[:])
	}
	full := false
	if h.flags&dmAuto != 0 {
		dst = appendItem(dst, start, "t.dm:-0")
	}
	h.eachTag(func(key, value string, member bool) bool {
		if !member {
			if !strings.HasPrefix(key, tagPrefix) || len(key) == len(tagPrefix) {
				return true
			}
			key = key[len(tagPrefix):]
		}
		if full || !fits(dst, start, 3+len(key)+len(value)) {
			full = true
			return false
		}
		dst = appendItem(dst, start, "t.")
		if member {
			dst = append(dst, key...)
			dst = append(dst, ':')
			dst = append(dst, value...)
			return true
		}
		dst = appendSanitized(dst, key, keyByte)
		dst = append(dst, ':')
		dst = appendSanitized(dst, value, valueByte)
		return true
	})
	// A tracestate value may not end in a space.
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst[n-1] = '_'
	}
	return dst
}

// appendSanitized appends s to dst with every byte mapped by f.
func appendSanitized(dst []byte, s string, f func(byte) byte) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, f(s[i]))
	}
	return dst
}

// originByte, keyByte and valueByte encode a byte of an origin, a tag
// name and a tag value for the dd= member.
func originByte(c byte) byte {
	switch {
	case c == '=':
		return '~'
	case c <= ' ' || c > '~' || c == ',' || c == ';' || c == '~':
		return '_'
	}
	return c
}

func keyByte(c byte) byte {
	switch {
	case c <= ' ' || c > '~' || c == ',' || c == ';' || c == '~' || c == '=' || c == ':':
		return '_'
	}
	return c
}

func valueByte(c byte) byte {
	switch {
	case c == '=':
		return '~'
	case c < ' ' || c > '~' || c == ',' || c == ';' || c == '~':
		return '_'
	}
	return c
}

// InjectHeaders writes h into s: x-datadog-trace-id and
// x-datadog-parent-id in decimal, x-datadog-sampling-priority when h has
// a priority, x-datadog-origin when it has an origin, and x-datadog-tags
// as AppendTags forms it when there are tags to send. It writes nothing
// unless h has a trace id and a span id, or a trace id and origin
// "synthetics" (then the parent id goes out as "0").
//
// Set replaces values but cannot remove them: on a reused carrier, delete
// the Propagator's Fields first, or a stale header (an old
// x-datadog-origin beside a context that has none) survives.
//
// The headers cost one allocation together, whatever the carrier: every
// value is formatted or copied into one buffer and stored with
// carrier.SetAll, which makes their bytes and the array of their value
// slices in one object (carrier.HTTPHeader, Metadata) or one string
// (carrier.Map).
func InjectHeaders(s carrier.Setter, h Headers) {
	sc := h.sc
	if !sc.TraceID().IsValid() || !sc.SpanID().IsValid() && h.origin != originSynthetics {
		return
	}
	// Every value goes into one buffer, in the order of the headers, and
	// SetAll cuts them out of it. The origin is free text of no set
	// length: room for the usual ones ("synthetics", "rum", "lambda").
	var b [40 + 4 + 32 + maxTags + 32]byte
	var keys [5]string
	var ends [5]int
	buf := AppendTraceID(b[:0], sc.TraceID())
	keys[0], ends[0] = hTraceID, len(buf)
	buf = AppendSpanID(buf, sc.SpanID())
	keys[1], ends[1] = hParentID, len(buf)
	n := 2
	if p, ok := h.Priority(); ok {
		buf = p.append(buf)
		keys[n], ends[n] = hPriority, len(buf)
		n++
	}
	if h.origin != "" {
		buf = append(buf, h.origin...)
		keys[n], ends[n] = hOrigin, len(buf)
		n++
	}
	t0 := len(buf)
	if h.tagsAsReceived() {
		buf = append(buf, h.tags...)
	} else {
		buf = h.appendRebuiltTags(buf)
	}
	if len(buf) > t0 {
		keys[n], ends[n] = hTags, len(buf)
		n++
	}
	carrier.SetAll(s, keys[:n], buf, ends[:n])
}
