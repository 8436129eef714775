package bench

import (
	"strings"

	"github.com/tracewire/tracewire/internal/onealloc"
)

// The floors of the Extract, ExtractContext and Inject rows: for each case,
// the same container lookups tracewire makes (by the spelling each
// container holds, with no adapter between), a straight-line parse or
// format with 256-entry tables that checks layout only, and for inject one
// string holding every value and the container writes. They bound what any
// implementation of the same job can cost; the distance to them is the
// price of the checks a real codec owes (zero ids, versions, grammar,
// error offsets) and of the adapter and propagator layers.

// fname names a header the floors read or write.
type fname int

const (
	fTraceparent fname = iota
	fTracestate
	fBaggage
	fB3
	fB3TraceID
	fB3SpanID
	fB3Parent
	fB3Sampled
	fB3Flags
	fUberTraceID
	fXRay
	fOTTraceID
	fOTSpanID
	fOTSampled
	fDDTraceID
	fDDParentID
	fDDPriority
	fDDOrigin
	fDDTags
	fNames
)

// lowerNames and canonNames spell each header as a map and an http.Header
// hold it.
var (
	lowerNames = [fNames]string{
		"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
		"x-b3-sampled", "x-b3-flags", "uber-trace-id", "x-amzn-trace-id", "ot-tracer-traceid", "ot-tracer-spanid",
		"ot-tracer-sampled", "x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority",
		"x-datadog-origin", "x-datadog-tags",
	}
	canonNames = [fNames]string{
		"Traceparent", "Tracestate", "Baggage", "B3", "X-B3-Traceid", "X-B3-Spanid", "X-B3-Parentspanid",
		"X-B3-Sampled", "X-B3-Flags", "Uber-Trace-Id", "X-Amzn-Trace-Id", "Ot-Tracer-Traceid", "Ot-Tracer-Spanid",
		"Ot-Tracer-Sampled", "X-Datadog-Trace-Id", "X-Datadog-Parent-Id", "X-Datadog-Sampling-Priority",
		"X-Datadog-Origin", "X-Datadog-Tags",
	}
	// convNames spells the B3 ids as the B3 specification writes them,
	// the one form of a name here that is neither lowercase nor
	// MIME-canonical ("" for every other name).
	convNames = [fNames]string{fB3TraceID: "X-B3-TraceId", fB3SpanID: "X-B3-SpanId", fB3Parent: "X-B3-ParentSpanId"}
)

// floorCarrier is an http.Header (h) or a map (m), read and written
// directly.
//
// With spellings, a map is read and written as carrier.Map's contract
// has it: a name missing in lowercase is looked up again under its
// MIME-canonical spelling and, for B3's ids, under the specification's
// ("X-B3-TraceId"), and a written name's other spellings are deleted when
// present. These are the lookups tracewire makes on a map, and the floor
// "floorspell" makes them too: the distance from tracewire to it is the
// price of the codec and the adapter layers, where the distance to
// "floor" also holds the price of finding keys in other spellings and of
// leaving none of them stale. An http.Header needs no such lookups (its
// keys are canonical), so there the two floors would be one.
type floorCarrier struct {
	h         map[string][]string
	m         map[string]string
	spellings bool
}

func (c *floorCarrier) get(n fname) string {
	if c.h != nil {
		if v := c.h[canonNames[n]]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	v, ok := c.m[lowerNames[n]]
	if ok || !c.spellings {
		return v
	}
	if v, ok = c.m[canonNames[n]]; ok || convNames[n] == "" {
		return v
	}
	return c.m[convNames[n]]
}

// deleteSpellings deletes from the map the other spellings of the name n
// just written, as carrier.Map's Set does: looked up first, since they
// are almost never there and a lookup costs less than a delete.
func (c *floorCarrier) deleteSpellings(n fname) {
	if len(c.m) < 2 {
		return
	}
	floorDeletePresent(c.m, canonNames[n])
	if convNames[n] != "" {
		floorDeletePresent(c.m, convNames[n])
	}
}

// floorDeletePresent deletes k from m if it is there.
func floorDeletePresent(m map[string]string, k string) {
	//lint:ignore S1033 the guard is what Map.Set does: a lookup costs less than a delete
	if _, ok := m[k]; ok {
		delete(m, k)
	}
}

// write stores values, substrings of one string, under names: into an
// http.Header as one-element slices of one array (capped, so that none
// can be appended into another), into a map as they are, deleting the
// names' other spellings with respell on a spelled floor.
func (c *floorCarrier) write(names []fname, values []string, respell bool) {
	if c.h != nil {
		vals := make([]string, len(values))
		for i, n := range names {
			vals[i] = values[i]
			c.h[canonNames[n]] = vals[i : i+1 : i+1]
		}
		return
	}
	for i, n := range names {
		c.m[lowerNames[n]] = values[i]
		if c.spellings && respell {
			c.deleteSpellings(n)
		}
	}
}

// floorOwned lists the headers a composite of tracecontext, baggage, b3
// and jaeger owns besides uberctx-*: what it may write, and so must clear
// from a reused carrier before writing (a stale x-b3-sampled, tracestate
// or uberctx-* item would otherwise go out beside the new context).
var floorOwned = [...]string{
	"traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
	"x-b3-sampled", "x-b3-flags", "uber-trace-id", "jaeger-baggage",
}

// floorFold reports whether k equals the lowercase name n but for ASCII
// case.
func floorFold(k, n string) bool {
	if len(k) != len(n) {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i]|0x20 != n[i] && k[i] != n[i] {
			return false
		}
	}
	return true
}

// clearOwned is the clearing the composite inject contract requires (and
// that tracewire's composite does): one pass over the carrier's keys,
// deleting every owned header and uberctx-* item, in any case, except the
// keys about to be written. The composite inject floor does it because
// the job does, not to narrow the ratio: the peers' composites only set,
// and leave a reused carrier's stale fields behind.
func (c *floorCarrier) clearOwned(writes []fname) {
	if c.h != nil {
		clearOwnedIn(c.h, &canonNames, writes)
		return
	}
	clearOwnedIn(c.m, &lowerNames, writes)
}

// clearOwnedIn is clearOwned for a container whose keys for the headers
// about to be written are spelled as in names.
func clearOwnedIn[V any](m map[string]V, names *[fNames]string, writes []fname) {
next:
	for k := range m {
		for _, n := range writes {
			if k == names[n] {
				continue next
			}
		}
		if floorIsOwned(k) {
			delete(m, k)
		}
	}
}

// floorIsOwned reports whether k is an owned header or a uberctx-* item,
// in any case.
func floorIsOwned(k string) bool {
	if len(k) > 8 && floorFold(k[:8], "uberctx-") {
		return true
	}
	for _, n := range floorOwned {
		if floorFold(k, n) {
			return true
		}
	}
	return false
}

// floorOut is what a floor extraction found.
type floorOut struct {
	trace   [16]byte
	span    [8]byte
	members int
	ok      bool
}

var sinkOut floorOut

// floorUnhex decodes the hex digits of s into dst (len(s) == 2*len(dst)),
// reporting false for any other byte; like floorParse it ORs the table
// entries together and tests once.
func floorUnhex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	var bad byte
	for i := range dst {
		hi, lo := floorHex[s[2*i]], floorHex[s[2*i+1]]
		bad |= hi | lo
		dst[i] = hi<<4 | lo
	}
	return bad&0xf0 == 0
}

// floorAppendHex appends the lowercase hex digits of b.
func floorAppendHex(dst []byte, b []byte) []byte {
	for _, v := range b {
		dst = append(dst, floorDigits[v>>4], floorDigits[v&0x0f])
	}
	return dst
}

// floorDecimal parses an unsigned decimal of at most 20 digits (it does
// not check for overflow: it checks layout only).
func floorDecimal(s string) (uint64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	var n uint64
	var bad byte
	for i := 0; i < len(s); i++ {
		d := floorDec[s[i]]
		bad |= d
		n = n*10 + uint64(d&0x0f)
	}
	return n, bad&0xf0 == 0
}

// floorDec maps a decimal digit to its value and anything else to 0xff.
var floorDec = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := byte(0); i < 10; i++ {
		t['0'+i] = i
	}
	return t
}()

// floorAppendDecimal appends n in decimal.
func floorAppendDecimal(dst []byte, n uint64) []byte {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(dst, b[i:]...)
}

// List classes for floorList: 1 a byte a member may hold, 2 '=', 3 ','.
var (
	tracestateClass = listClasses("abcdefghijklmnopqrstuvwxyz0123456789_-*/@ABCDEFGHIJKLMNOPQRSTUVWXYZ.:;?!#$%&'()+<>[]^`{|}~\"")
	baggageClass    = listClasses("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~/:;<>?@[]()%")
)

func listClasses(member string) (t [256]byte) {
	for i := 0; i < len(member); i++ {
		t[member[i]] = 1
	}
	t['='], t[','] = 2, 3
	return t
}

// floorList scans a comma-separated list of key=value members in one
// pass: every byte allowed, one "=" at least per member. It returns the
// number of members.
func floorList(s string, class *[256]byte) (int, bool) {
	if s == "" {
		return 0, false
	}
	members, eqs, bad := 1, 0, false
	for i := 0; i < len(s); i++ {
		switch class[s[i]] {
		case 0:
			bad = true
		case 2:
			eqs++
		case 3:
			members++
		}
	}
	return members, !bad && eqs >= members
}

// floorAppendList appends s, checking every byte against class as an
// encoder that escapes nothing it need not would.
func floorAppendList(dst []byte, s string, class *[256]byte) ([]byte, bool) {
	bad := false
	for i := 0; i < len(s); i++ {
		bad = bad || class[s[i]] == 0
	}
	return append(dst, s...), !bad
}

// floorIDs are the decoded ids an inject floor formats.
type floorIDs struct {
	trace  [16]byte
	span   [8]byte
	parent [8]byte
}

// The extraction floors, by case.
var floorExtract = map[string]func(c *floorCarrier){
	"traceparent": func(c *floorCarrier) {
		sc, ok := floorParse(c.get(fTraceparent))
		_ = c.get(fTracestate)
		sinkOut = floorOut{trace: sc.traceID, span: sc.spanID, ok: ok}
	},
	"tracestate3":  floorTraceState,
	"tracestate32": floorTraceState,
	"baggage5":     floorBaggage,
	"baggage64":    floorBaggage,
	"b3single": func(c *floorCarrier) {
		v := c.get(fB3)
		var o floorOut
		o.ok = len(v) == 68 && v[32] == '-' && v[49] == '-' && v[50] == '1' && v[51] == '-' &&
			floorUnhex(o.trace[:], v[:32]) && floorUnhex(o.span[:], v[33:49])
		var p [8]byte
		o.ok = o.ok && floorUnhex(p[:], v[52:])
		sinkOut = o
	},
	"b3multi": func(c *floorCarrier) {
		var o floorOut
		var p [8]byte
		_ = c.get(fB3)
		t, s, pa, sm, fl := c.get(fB3TraceID), c.get(fB3SpanID), c.get(fB3Parent), c.get(fB3Sampled), c.get(fB3Flags)
		o.ok = floorUnhex(o.trace[:], t) && floorUnhex(o.span[:], s) && floorUnhex(p[:], pa) && sm == "1" && fl == ""
		sinkOut = o
	},
	"jaeger": func(c *floorCarrier) {
		v := c.get(fUberTraceID)
		var o floorOut
		o.ok = len(v) == 53 && v[32] == ':' && v[49] == ':' && v[50] == '0' && v[51] == ':' &&
			floorUnhex(o.trace[:], v[:32]) && floorUnhex(o.span[:], v[33:49])
		var f [1]byte
		o.ok = o.ok && floorUnhex(f[:], "0"+v[len(v)-1:])
		sinkOut = o
	},
	"xray": func(c *floorCarrier) {
		v := c.get(fXRay)
		var o floorOut
		o.ok = len(v) == 74 && v[:7] == "Root=1-" && v[15] == '-' && v[40:48] == ";Parent=" && v[64:] == ";Sampled=1" &&
			floorUnhex(o.trace[:4], v[7:15]) && floorUnhex(o.trace[4:], v[16:40]) && floorUnhex(o.span[:], v[48:64])
		sinkOut = o
	},
	"ottrace": func(c *floorCarrier) {
		t, s, sm := c.get(fOTTraceID), c.get(fOTSpanID), c.get(fOTSampled)
		var o floorOut
		o.ok = floorUnhex(o.trace[8:], t) && floorUnhex(o.span[:], s) && sm == "true"
		sinkOut = o
	},
	"datadog": func(c *floorCarrier) {
		t, p, pr, origin, tags := c.get(fDDTraceID), c.get(fDDParentID), c.get(fDDPriority), c.get(fDDOrigin), c.get(fDDTags)
		lo, ok1 := floorDecimal(t)
		sp, ok2 := floorDecimal(p)
		n, ok3 := floorList(tags, &baggageClass)
		_, ok4 := floorList(origin+"=", &baggageClass)
		tid := strings.Index(tags, "_dd.p.tid=") + len("_dd.p.tid=")
		var o floorOut
		o.ok = ok1 && ok2 && ok3 && ok4 && pr == "2" && tid >= 10 && tid+16 <= len(tags) && floorUnhex(o.trace[:8], tags[tid:tid+16])
		for i := range 8 {
			o.trace[15-i], o.span[7-i] = byte(lo>>(8*i)), byte(sp>>(8*i))
		}
		o.members = n
		sinkOut = o
	},
	"composite": func(c *floorCarrier) {
		sc, ok := floorParse(c.get(fTraceparent))
		_, _, _, _ = c.get(fTracestate), c.get(fB3), c.get(fB3TraceID), c.get(fUberTraceID)
		sinkOut = floorOut{trace: sc.traceID, span: sc.spanID, ok: ok}
	},
}

func floorTraceState(c *floorCarrier) {
	sc, ok := floorParse(c.get(fTraceparent))
	n, ok2 := floorList(c.get(fTracestate), &tracestateClass)
	sinkOut = floorOut{trace: sc.traceID, span: sc.spanID, members: n, ok: ok && ok2}
}

func floorBaggage(c *floorCarrier) {
	n, ok := floorList(c.get(fBaggage), &baggageClass)
	sinkOut = floorOut{members: n, ok: ok}
}

// floorInject returns the inject floor of a case: it formats ids (and the
// case's list header, copied byte by byte through its table) into one
// buffer, makes one string of it and writes the headers tracewire writes;
// for the composite it first clears the stale fields the composite owns
// from the reused carrier (see clearOwned).
func floorInject(name string, ids floorIDs, list string) func(c *floorCarrier) {
	var names []fname
	clears := false
	var format func(dst []byte, ends *[6]int) ([]byte, int)
	traceparent := func(dst []byte) []byte {
		sc := floorSC{traceID: ids.trace, spanID: ids.span, flags: 1}
		return floorAppend(dst, &sc)
	}
	b3single := func(dst []byte) []byte {
		dst = floorAppendHex(dst, ids.trace[:])
		dst = append(dst, '-')
		dst = floorAppendHex(dst, ids.span[:])
		dst = append(dst, "-1-"...)
		return floorAppendHex(dst, ids.parent[:])
	}
	jaeger := func(dst []byte) []byte {
		dst = floorAppendHex(dst, ids.trace[:])
		dst = append(dst, ':')
		dst = floorAppendHex(dst, ids.span[:])
		return append(dst, ":0:1"...)
	}
	switch name {
	case "traceparent":
		names = []fname{fTraceparent}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = traceparent(dst)
			ends[0] = len(dst)
			return dst, 1
		}
	case "tracestate3", "tracestate32":
		names = []fname{fTraceparent, fTracestate}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = traceparent(dst)
			n := len(dst)
			dst, _ = floorAppendList(dst, list, &tracestateClass)
			ends[0], ends[1] = n, len(dst)
			return dst, 2
		}
	case "baggage5", "baggage64":
		names = []fname{fBaggage}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst, _ = floorAppendList(dst, list, &baggageClass)
			ends[0] = len(dst)
			return dst, 1
		}
	case "b3single":
		names = []fname{fB3}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = b3single(dst)
			ends[0] = len(dst)
			return dst, 1
		}
	case "b3multi":
		names = []fname{fB3TraceID, fB3SpanID, fB3Parent, fB3Sampled}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = floorAppendHex(dst, ids.trace[:])
			n := len(dst)
			dst = floorAppendHex(dst, ids.span[:])
			m := len(dst)
			dst = floorAppendHex(dst, ids.parent[:])
			o := len(dst)
			dst = append(dst, '1')
			ends[0], ends[1], ends[2], ends[3] = n, m, o, len(dst)
			return dst, 4
		}
	case "jaeger":
		names = []fname{fUberTraceID}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = jaeger(dst)
			ends[0] = len(dst)
			return dst, 1
		}
	case "xray":
		names = []fname{fXRay}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = append(dst, "Root=1-"...)
			dst = floorAppendHex(dst, ids.trace[:4])
			dst = append(dst, '-')
			dst = floorAppendHex(dst, ids.trace[4:])
			dst = append(dst, ";Parent="...)
			dst = floorAppendHex(dst, ids.span[:])
			dst = append(dst, ";Sampled=1"...)
			ends[0] = len(dst)
			return dst, 1
		}
	case "ottrace":
		names = []fname{fOTTraceID, fOTSpanID, fOTSampled}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = floorAppendHex(dst, ids.trace[8:])
			n := len(dst)
			dst = floorAppendHex(dst, ids.span[:])
			m := len(dst)
			dst = append(dst, "true"...)
			ends[0], ends[1], ends[2] = n, m, len(dst)
			return dst, 3
		}
	case "datadog":
		names = []fname{fDDTraceID, fDDParentID, fDDPriority, fDDOrigin, fDDTags}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			var lo, sp uint64
			for i := range 8 {
				lo, sp = lo<<8|uint64(ids.trace[8+i]), sp<<8|uint64(ids.span[i])
			}
			dst = floorAppendDecimal(dst, lo)
			n := len(dst)
			dst = floorAppendDecimal(dst, sp)
			m := len(dst)
			dst = append(dst, '2')
			o := len(dst)
			dst = append(dst, "rum"...)
			q := len(dst)
			dst, _ = floorAppendList(dst, list, &baggageClass)
			ends[0], ends[1], ends[2], ends[3], ends[4] = n, m, o, q, len(dst)
			return dst, 5
		}
	case "composite":
		clears = true
		names = []fname{fTraceparent, fB3, fUberTraceID}
		format = func(dst []byte, ends *[6]int) ([]byte, int) {
			dst = traceparent(dst)
			n := len(dst)
			dst = floorAppendHex(dst, ids.trace[:])
			dst = append(dst, '-')
			dst = floorAppendHex(dst, ids.span[:])
			dst = append(dst, "-1"...)
			m := len(dst)
			dst = jaeger(dst)
			ends[0], ends[1], ends[2] = n, m, len(dst)
			return dst, 3
		}
	default:
		return nil
	}
	return func(c *floorCarrier) {
		if clears {
			c.clearOwned(names)
		}
		b, n := format(floorBuf[:0], &floorEnds)
		if c.h != nil {
			// Into an http.Header: the values and their one-element
			// slices in one allocation, as carrier.Set and SetAll make
			// them.
			if n == 1 {
				c.h[canonNames[names[0]]] = onealloc.Slice(b)
				return
			}
			vals := onealloc.Strings(b, floorEnds[:n])
			for i, name := range names {
				c.h[canonNames[name]] = vals[i : i+1 : i+1]
			}
			return
		}
		s := string(b)
		start := 0
		for i, e := range floorEnds[:n] {
			floorVals[i] = s[start:e]
			start = e
		}
		// After clearOwned's pass no other spelling of a written name is
		// left, as after the one pass of tracewire's composite, which
		// makes no lookups for them.
		c.write(names, floorVals[:n], !clears)
	}
}

// The inject floors' scratch space: package variables rather than locals,
// because a local buffer handed to a function value escapes to the heap,
// and the benchmarks run one at a time.
var (
	floorBuf  [1024]byte
	floorEnds [6]int
	floorVals [6]string
)
