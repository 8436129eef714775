package carrier

import "strings"

// Packed holds every header of a trace context in one string, for message
// systems that cap how many attributes a message may carry. Amazon SQS
// allows ten message attributes per message (SNS the same for what it
// delivers to SQS); one per header, B3's five multi headers or a
// composite of formats use up most of them, and an application's own
// attributes compete for the rest. Injected into a Packed, the whole
// context takes one String attribute:
//
//	var packed carrier.Packed
//	p.InjectInto(&packed, sc)
//	// MessageAttributes["tracecontext"] = {DataType: "String", StringValue: string(packed)}
//
// and the consumer reads it back without copying:
//
//	sc, err := p.ExtractFrom(carrier.Packed(attr))
//
// The attribute's name is the application's choice; producer and
// consumer must agree on it. (Datadog's tracers use one attribute named
// "_datadog" holding a JSON object instead; this form is not that one and
// is not read by them.)
//
// # Form
//
// One line per header, "name:value", lines separated by a line feed:
//
//	traceparent:00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
//	tracestate:rojo=00f067aa0ba902b7
//	baggage:userId=alice
//
// Header names cannot hold ":" and header values cannot hold a line feed
// or a carriage return (RFC 9110), so the form needs no escaping and no
// quoting: it reads in one pass, in linear time, and the reader returns
// substrings of the attribute itself. Reading is lenient: a carriage
// return before a line feed is dropped, lines without a ":" or with an
// empty name (blank lines, a trailing line feed) are ignored, names match
// ASCII case-insensitively, and a value is the rest of its line, as
// written (every codec here trims the spaces and tabs a value may carry).
// A name may appear on several lines; Get returns the first value and
// Values all of them, in order.
//
// Writing is canonical: Set removes every line of the name, appends
// "name:value" as the last line and drops blank lines; other lines are
// kept as they were, in order. Set does nothing when the name is empty
// or holds ":", a line feed or a carriage return, or the value holds a
// line feed or a carriage return: such a field is not a header, and
// writing it would make the string mean something else.
//
// Get, Values and Keys only read. Get allocates nothing and Values only
// the slice it returns, so extracting a W3C context from a Packed costs
// one allocation per header present (propagators read through Values),
// plus, where the compiler cannot avoid it, the boxing of the string
// header when a Packed is converted to a Getter. Set and Delete build a
// new string and store it in p, as Env does; a Batch (NewBatch) builds it
// once for all of its writes.
//
// # SQS's AWSTraceHeader
//
// SQS also has a system attribute, AWSTraceHeader, outside the ten: it
// carries the X-Ray trace header ("Root=1-…;Parent=…;Sampled=1"), which
// SQS fills in when the sender is traced by X-Ray and which a sender may
// set itself through MessageSystemAttributes. A consumer asks for it
// (MessageSystemAttributeNames) and reads it as any X-Amzn-Trace-Id
// value: xray.Parse(msg.Attributes["AWSTraceHeader"]), or through a
// carrier, carrier.Map{"x-amzn-trace-id": v}, for a composite that also
// reads a Packed attribute. It holds only the ids and the sampling
// decision, no tracestate and no baggage, which is what a Packed
// attribute is for.
type Packed string

// Get returns the value of the first line named key, or "".
func (p Packed) Get(key string) string {
	for s := string(p); s != ""; {
		name, value, rest, ok := packedLine(s)
		if ok && equalFoldASCII(name, key) {
			return value
		}
		s = rest
	}
	return ""
}

// Values returns the value of every line named key, in order, or nil.
// The values are substrings of p; the slice holding them is the one
// allocation.
func (p Packed) Values(key string) []string {
	n := 0
	for s := string(p); s != ""; {
		name, _, rest, ok := packedLine(s)
		if ok && equalFoldASCII(name, key) {
			n++
		}
		s = rest
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for s := string(p); s != ""; {
		name, value, rest, ok := packedLine(s)
		if ok && equalFoldASCII(name, key) {
			out = append(out, value)
		}
		s = rest
	}
	return out
}

// Keys returns the name of every line, in order, repeats included.
func (p Packed) Keys() []string {
	var out []string
	for s := string(p); s != ""; {
		name, _, rest, ok := packedLine(s)
		if ok {
			out = append(out, name)
		}
		s = rest
	}
	return out
}

// Set replaces every line named key with the line "key:value", last.
func (p *Packed) Set(key, value string) {
	if !packedField(key, value) {
		return
	}
	var b strings.Builder
	b.Grow(len(*p) + len(key) + len(value) + 2)
	p.writeWithout(&b, key)
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(key)
	b.WriteByte(':')
	b.WriteString(value)
	*p = Packed(b.String())
}

// Delete removes every line named key. When there is none, p is left as
// it is.
func (p *Packed) Delete(key string) {
	if !p.hasLine(func(name string) bool { return equalFoldASCII(name, key) }) {
		return
	}
	var b strings.Builder
	b.Grow(len(*p))
	p.writeWithout(&b, key)
	*p = Packed(b.String())
}

// DeleteFunc removes, in one pass, every line whose name del reports true
// for. When there is none, p is left as it is.
func (p *Packed) DeleteFunc(del func(name string) bool) {
	if !p.hasLine(del) {
		return
	}
	var b strings.Builder
	b.Grow(len(*p))
	p.writeDropping(&b, del)
	*p = Packed(b.String())
}

// hasLine reports whether some line of p is a header whose name match
// reports true for.
func (p Packed) hasLine(match func(name string) bool) bool {
	for s := string(p); s != ""; {
		name, _, rest, ok := packedLine(s)
		if ok && match(name) {
			return true
		}
		s = rest
	}
	return false
}

// packedField reports whether Set writes a line for key and value: a
// name that is not empty and holds no ":", line feed or carriage return,
// and a value that holds neither of those two. Any other would make the
// string mean something else.
func packedField[K, V string | []byte](key K, value V) bool {
	if len(key) == 0 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c == ':' || c == '\r' || c == '\n' {
			return false
		}
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c == '\r' || c == '\n' {
			return false
		}
	}
	return true
}

// writeWithout writes to b the non-blank lines of p not named key,
// separated by line feeds.
func (p Packed) writeWithout(b *strings.Builder, key string) {
	p.writeDropping(b, func(name string) bool { return equalFoldASCII(name, key) })
}

// writeDropping writes to b the non-blank lines of p but the headers
// whose name drop reports true for, separated by line feeds.
func (p Packed) writeDropping(b *strings.Builder, drop func(name string) bool) {
	for s := string(p); s != ""; {
		line := s
		s = ""
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, s = line[:i], line[i+1:]
		}
		if line == "" || line == "\r" {
			continue
		}
		if name, _, _, ok := packedLine(line); ok && drop(name) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
}

// packedLine splits the first line off s: its name and value, the rest
// of s after the line feed, and whether the line is a header at all (it
// has a ":" after a non-empty name).
func packedLine(s string) (name, value, rest string, ok bool) {
	line := s
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		line, rest = s[:i], s[i+1:]
	}
	line = strings.TrimSuffix(line, "\r")
	i := strings.IndexByte(line, ':')
	if i <= 0 {
		return "", "", rest, false
	}
	return line[:i], line[i+1:], rest, true
}
