package xray

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// headerName is the header's name, lowercase as it travels in HTTP/2 and
// gRPC (carrier.HTTPHeader knows its canonical spelling without
// allocating).
const headerName = "x-amzn-trace-id"

// EnvVar is the environment variable in which AWS Lambda hands a function
// its trace header, read by Propagator when its Env is set.
const EnvVar = "_X_AMZN_TRACE_ID"

// Field widths.
const (
	epochDigits  = 8
	uniqueDigits = 24
	spanDigits   = 16
	rootLen      = len("1-") + epochDigits + 1 + uniqueDigits
)

// Errors name the header, or the environment variable the value came from.
// Both tables are fixed-width (see tracewire.ErrorTable): Root, Parent and
// Sampled as SDKs write them take under 100 bytes; an error behind long
// Self or unknown fields lies past offset 128 and costs one allocation.
var (
	errs    = tracewire.ErrorTable{Header: headerName}
	errsEnv = tracewire.ErrorTable{Header: EnvVar}
)

// Values of parsed.sampled besides the field's own byte.
const sampledAbsent = 0

// parsed is what one pass over a header value finds. Offsets index the
// value as passed.
type parsed struct {
	lo, hi       int // the value without surrounding spaces and tabs
	trace        tracewire.TraceID
	span         tracewire.SpanID
	sampled      byte // sampledAbsent, or the Sampled field's byte: '0', '1' or '?'
	linLo, linHi int  // the first Lineage value, if it is valid; else both 0
	extras       bool // a field Header.Append passes on: Self, unknown, a kept Lineage
}

// Parse parses an X-Amzn-Trace-Id value, such as
// "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
// and returns its span context (not marked remote).
//
// A value with a Root and no Parent is not an error: the span context then
// has the trace id and the sampling decision but no span id, so it is not
// valid (see the package documentation). Lineage, Self and unknown fields
// are checked and skipped; ParseHeader keeps them. On failure the error is
// a *tracewire.ParseError whose offset indexes s as passed, and the span
// context is the zero value.
func Parse(s string) (tracewire.SpanContext, error) { return parse(s) }

// ParseBytes is Parse for a value held as bytes. It does not retain b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b) }

func parse[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	p, err := scan(s, &errs)
	if err != nil {
		return tracewire.SpanContext{}, err
	}
	return p.spanContext(false), nil
}

// spanContext returns the span context p describes, marked remote or not.
func (p *parsed) spanContext(remote bool) tracewire.SpanContext {
	return tracewire.SpanContextConfig{TraceID: p.trace, SpanID: p.span, Sampling: sampling(p.sampled), Remote: remote}.SpanContext()
}

// sampling maps the Sampled field onto the shared states: "?" (the caller
// asks this service to decide) and an absent field both leave the decision
// open.
func sampling(b byte) tracewire.Sampling {
	switch b {
	case '1':
		return tracewire.SamplingAccept
	case '0':
		return tracewire.SamplingDeny
	}
	return tracewire.SamplingDeferred
}

// scan validates s in one pass and decodes what it carries. Fields are
// separated by ";", may come in any order and have spaces and tabs around
// them; empty fields are skipped.
func scan[S hexid.Bytes](s S, t *tracewire.ErrorTable) (parsed, *tracewire.ParseError) {
	return scanFrom(s, t, true)
}

// scanFrom is scan; fast says whether to try fastIDs first, which tests
// turn off to check that it changes nothing but the speed.
func scanFrom[S hexid.Bytes](s S, t *tracewire.ErrorTable, fast bool) (parsed, *tracewire.ParseError) {
	lo, hi := ows.Trim(s)
	if lo == hi {
		return parsed{}, t.At(tracewire.ErrEmpty, 0)
	}
	p := parsed{lo: lo, hi: hi}
	var seen seenFields
	i := lo
	if fast {
		if n := fastIDs(s, lo, hi, &p); n > 0 {
			if i = lo + n; i == hi {
				return p, nil
			}
			seen.root, seen.parent = true, true
			i++ // the ";" that fastIDs saw
		}
	}
	return walk(s, i, &p, seen, t)
}

// seenFields records which of the fields that may appear once have.
type seenFields struct{ root, parent, lineage bool }

// walk scans the fields of s from offset i to p.hi into p.
func walk[S hexid.Bytes](s S, i int, p *parsed, seen seenFields, t *tracewire.ErrorTable) (parsed, *tracewire.ParseError) {
	hi := p.hi
	for {
		end := i
		for end < hi && s[end] != ';' {
			end++
		}
		if fl, fh := ows.TrimSpan(s, i, end); fl < fh {
			k, e := key(s, fl, fh, t)
			if e != nil {
				return parsed{}, e
			}
			v := k + 1
			switch f := name(s, fl, k); f {
			case fieldRoot:
				if seen.root {
					return parsed{}, t.At(tracewire.ErrKey, fl)
				}
				seen.root = true
				if e := parseRoot(s, v, fh, &p.trace, t); e != nil {
					return parsed{}, e
				}
			case fieldParent:
				if seen.parent {
					return parsed{}, t.At(tracewire.ErrKey, fl)
				}
				seen.parent = true
				if e := parseSpan(s, v, fh, &p.span, t); e != nil {
					return parsed{}, e
				}
			case fieldSampled:
				if p.sampled != sampledAbsent {
					return parsed{}, t.At(tracewire.ErrKey, fl)
				}
				if v == fh || (s[v] != '0' && s[v] != '1' && s[v] != '?') {
					return parsed{}, t.At(tracewire.ErrSampling, v)
				}
				if v+1 < fh {
					return parsed{}, t.At(tracewire.ErrLength, v+1)
				}
				p.sampled = s[v]
			default:
				if j := badValueByte(s, v, fh); j >= 0 {
					return parsed{}, t.At(tracewire.ErrValue, j)
				}
				// Only the first Lineage counts; it is kept when valid,
				// and any later one is dropped with it or instead of it.
				if f != fieldLineage {
					p.extras = true
				} else if !seen.lineage {
					seen.lineage = true
					if validLineage(s[v:fh]) {
						p.linLo, p.linHi = v, fh
						p.extras = true
					}
				}
			}
		}
		if end == hi {
			break
		}
		i = end + 1
	}
	if !seen.root {
		return parsed{}, t.At(tracewire.ErrMissingField, hi)
	}
	return *p, nil
}

// The layout SDKs write, "Root=1-{8}-{24};Parent={16}" and ";Sampled=x",
// with lowercase hex.
const (
	fastParent  = len("Root=") + rootLen // ";Parent="
	fastSpanAt  = fastParent + len(";Parent=")
	fastSampled = fastSpanAt + spanDigits // ";Sampled="
	fastFlag    = fastSampled + len(";Sampled=")
)

// fastIDs decodes Root, Parent and, if it follows them, Sampled when s[lo:]
// starts with them in the layout SDKs write, at fixed offsets and eight
// hex digits at a time, and returns how many bytes that took; the next
// byte, if any before hi, is a ";". It returns 0 for anything else
// (another order, spaces around a field, uppercase, a zero id, an error),
// which walk then handles, with the same result where fastIDs succeeds.
func fastIDs[S hexid.Bytes](s S, lo, hi int, p *parsed) int {
	if hi-lo < fastSampled || !is(s, lo, "Root=") || !is(s, lo+fastParent, ";Parent=") {
		return 0
	}
	var t tracewire.TraceID
	var span tracewire.SpanID
	if !fastRoot(s, lo+len("Root="), &t) || !fastSpan(s, lo+fastSpanAt, &span) {
		return 0
	}
	n := fastSampled
	if hi-lo >= fastFlag+1 && is(s, lo+fastSampled, ";Sampled=") {
		switch s[lo+fastFlag] {
		case '0', '1', '?':
			if n = fastFlag + 1; lo+n < hi && s[lo+n] != ';' {
				return 0
			}
			p.sampled = s[lo+fastFlag]
		default:
			return 0
		}
	} else if lo+n < hi && s[lo+n] != ';' {
		return 0
	}
	p.trace, p.span = t, span
	return n
}

// fastRoot decodes the 35 bytes of a Root value at s[v:], "1-{8}-{24}"
// with lowercase hex, eight digits at a time. It reports false for
// anything else, a zero trace id included, leaving the complete check to
// parseRoot.
func fastRoot[S hexid.Bytes](s S, v int, t *tracewire.TraceID) bool {
	const epoch, unique = 2, 2 + epochDigits + 1
	if s[v] != '1' || s[v+1] != '-' || s[v+unique-1] != '-' {
		return false
	}
	a, bad1 := hexid.Decode8(hexid.Load8(s, v+epoch))
	b, bad2 := hexid.Decode8(hexid.Load8(s, v+unique))
	c, bad3 := hexid.Decode8(hexid.Load8(s, v+unique+8))
	d, bad4 := hexid.Decode8(hexid.Load8(s, v+unique+16))
	if bad1|bad2|bad3|bad4 != 0 || a|b|c|d == 0 {
		return false
	}
	binary.LittleEndian.PutUint32(t[:4], a)
	binary.LittleEndian.PutUint32(t[4:8], b)
	binary.LittleEndian.PutUint32(t[8:12], c)
	binary.LittleEndian.PutUint32(t[12:], d)
	return true
}

// fastSpan decodes the sixteen lowercase hex digits at s[v:] into id; it
// reports false for anything else, a zero id included.
func fastSpan[S hexid.Bytes](s S, v int, id *tracewire.SpanID) bool {
	return hexid.Decode16((*[8]byte)(id), s, v) && id.IsValid()
}

// The fields the parser interprets.
const (
	fieldOther = iota
	fieldRoot
	fieldParent
	fieldSampled
	fieldLineage
	fieldSelf
)

// name classifies the field name s[lo:hi]. Names are case-sensitive, as
// every X-Ray implementation matches them: "root" is an unknown field.
func name[S hexid.Bytes](s S, lo, hi int) int {
	switch hi - lo {
	case 4:
		if is(s, lo, "Root") {
			return fieldRoot
		}
		if is(s, lo, "Self") {
			return fieldSelf
		}
	case 6:
		if is(s, lo, "Parent") {
			return fieldParent
		}
	case 7:
		if is(s, lo, "Sampled") {
			return fieldSampled
		}
		if is(s, lo, "Lineage") {
			return fieldLineage
		}
	}
	return fieldOther
}

// is reports whether s holds lit at offset lo (the caller has checked that
// s is long enough).
func is[S hexid.Bytes](s S, lo int, lit string) bool {
	for i := 0; i < len(lit); i++ {
		if s[lo+i] != lit[i] {
			return false
		}
	}
	return true
}

// key returns the index of the "=" that ends the name of the field
// s[fl:fh]. A name is one or more visible ASCII characters other than "="
// and ";".
func key[S hexid.Bytes](s S, fl, fh int, t *tracewire.ErrorTable) (int, *tracewire.ParseError) {
	k := fl
	for ; k < fh && s[k] != '='; k++ {
		if c := s[k]; c <= ' ' || c >= 0x7f {
			return 0, t.At(tracewire.ErrKey, k)
		}
	}
	switch {
	case k == fh:
		return 0, t.At(tracewire.ErrMember, fl)
	case k == fl:
		return 0, t.At(tracewire.ErrKey, k)
	}
	return k, nil
}

// badValueByte returns the index of the first byte of s[lo:hi] that no
// X-Ray value may hold (a control character other than tab, DEL, or a
// byte above ASCII), or -1.
func badValueByte[S hexid.Bytes](s S, lo, hi int) int {
	for j := lo; j < hi; j++ {
		if c := s[j]; (c < ' ' && c != '\t') || c >= 0x7f {
			return j
		}
	}
	return -1
}

// parseRoot decodes the Root value s[v:fh], "1-" then the epoch seconds in
// one to eight hex digits, "-" and the 24-digit unique part, into t: the
// epoch, left-padded to eight digits, is the first four bytes.
func parseRoot[S hexid.Bytes](s S, v, fh int, t *tracewire.TraceID, et *tracewire.ErrorTable) *tracewire.ParseError {
	if fh-v == rootLen && fastRoot(s, v, t) {
		return nil
	}
	i := v
	switch {
	case i == fh:
		return et.At(tracewire.ErrTraceID, i)
	case s[i] != '1':
		return et.At(tracewire.ErrVersion, i)
	case i+1 == fh || s[i+1] != '-':
		return et.At(tracewire.ErrDelimiter, i+1)
	}
	i += 2
	j := hexRun(s, i, fh, epochDigits+1)
	switch {
	case j-i > epochDigits:
		return et.At(tracewire.ErrLength, i+epochDigits)
	case j == i:
		return et.At(tracewire.ErrTraceID, j)
	case j == fh:
		return et.At(tracewire.ErrDelimiter, j)
	case s[j] != '-':
		return et.At(tracewire.ErrTraceID, j)
	}
	hexid.DecodeRight(t[:4], s[i:j])
	i = j + 1
	if e := fixedHex(s, i, fh, uniqueDigits, tracewire.ErrTraceID, et); e != nil {
		return e
	}
	hexid.DecodeRight(t[4:], s[i:fh])
	if !t.IsValid() {
		return et.At(tracewire.ErrZeroTraceID, v)
	}
	return nil
}

// parseSpan decodes the Parent value s[v:fh], exactly sixteen hex digits,
// into id.
func parseSpan[S hexid.Bytes](s S, v, fh int, id *tracewire.SpanID, et *tracewire.ErrorTable) *tracewire.ParseError {
	if fh-v == spanDigits && fastSpan(s, v, id) {
		return nil
	}
	if e := fixedHex(s, v, fh, spanDigits, tracewire.ErrSpanID, et); e != nil {
		return e
	}
	hexid.DecodeRight(id[:], s[v:fh])
	if !id.IsValid() {
		return et.At(tracewire.ErrZeroSpanID, v)
	}
	return nil
}

// fixedHex checks that s[i:hi] is exactly width hex digits. A byte that
// is not a digit (or an empty field) is an error of kind at that byte; a
// run of digits that ends too soon, or runs on, is ErrLength where it
// ended or overran.
func fixedHex[S hexid.Bytes](s S, i, hi, width int, kind tracewire.ErrorKind, et *tracewire.ErrorTable) *tracewire.ParseError {
	j := hexRun(s, i, hi, width)
	switch {
	case j-i < width && j == hi && j > i:
		return et.At(tracewire.ErrLength, j)
	case j-i < width:
		return et.At(kind, j)
	case j < hi:
		return et.At(tracewire.ErrLength, j)
	}
	return nil
}

// hexRun returns the index of the first byte of s[i:hi] that is not a hex
// digit of either case, looking at no more than max bytes.
func hexRun[S hexid.Bytes](s S, i, hi, max int) int { return hexid.AnyCaseRun(s[:hi], i, max) }
