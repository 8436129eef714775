package carrier

import (
	"math/bits"
	"strings"
)

// A Batch into a Packed or an Env builds the new string or slice in one
// pass: the lines or entries no Set, Delete or DeleteFunc of the batch
// removes, in order, then one per live entry, in the order of their Sets,
// all of these in one new string. Each direct Set rebuilds the whole
// carrier, so a composite or Jaeger's Inject writing m headers into one of
// n lines or entries cost O(m·n). As their Set does, the batch writes
// nothing for a name or value the carrier cannot hold, and such a Set
// replaces nothing.

// setBatch stores b in *p as a new string, and leaves *p as it is when b
// neither writes a line nor removes one, as Delete does. Any Set that
// writes rewrites p, dropping its blank lines as Set does, even when a
// later Delete drops the line it wrote.
func (p *Packed) setBatch(b *Batch) {
	if p == nil {
		return
	}
	wrote := b.keepValid(packedField[[]byte, []byte])
	b.prepare(dropAnyCase)
	removes := func(name string) bool { return b.replaces(name, false) }
	if !wrote && !p.hasLine(removes) {
		return
	}
	var sb strings.Builder
	sb.Grow(len(*p) + b.liveSize(len(":\n")))
	p.writeDropping(&sb, removes)
	for i := range b.sets {
		if e := &b.sets[i]; !e.gone {
			if sb.Len() > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteString(b.key(e))
			sb.WriteByte(':')
			sb.WriteString(b.value(e))
		}
	}
	*p = Packed(sb.String())
}

// setBatch stores b in *e as a new slice, whose new entries are
// substrings of one string, and leaves *e as it is when b neither sets a
// variable nor removes an entry, as Delete does. It never writes into the
// slice *e held, which the caller may share.
func (e *Env) setBatch(b *Batch) {
	if e == nil {
		return
	}
	b.keepValid(func(key, _ []byte) bool { return validEnvKey(key) })
	b.respell(envForm)
	b.envDeletes()
	n := b.prepare(dropAnyCase)
	out := make(Env, 0, len(*e)+n)
	for _, kv := range *e {
		if name := envVar(kv); name == "" || !b.replaces(name, true) {
			out = append(out, kv)
		}
	}
	if n == 0 && len(out) == len(*e) {
		return
	}
	var sb strings.Builder
	sb.Grow(b.liveSize(len("=")))
	for i := range b.sets {
		if l := &b.sets[i]; !l.gone {
			sb.WriteString(b.key(l))
			sb.WriteByte('=')
			sb.WriteString(b.value(l))
		}
	}
	all, at := sb.String(), 0
	for i := range b.sets {
		if l := &b.sets[i]; !l.gone {
			end := at + len(b.key(l)) + len("=") + len(b.value(l))
			out = append(out, all[at:end])
			at = end
		}
	}
	*e = out
}

// keepValid marks gone every entry whose key and value valid rejects: a
// carrier whose Set writes nothing for such a pair (Packed, Env) must
// not have it replace or keep anything either. It runs before respell
// and prepare, and reports whether any entry is valid: whether some Set
// rewrote the carrier.
func (b *Batch) keepValid(valid func(key, value []byte) bool) bool {
	some := false
	for i := range b.sets {
		e := &b.sets[i]
		if valid(b.buf[e.k0:e.k1], b.buf[e.k1:e.v1]) {
			some = true
		} else {
			e.gone = true
		}
	}
	return some
}

// liveSize returns the bytes of every live entry's key and value, and
// extra more per entry.
func (b *Batch) liveSize(extra int) int {
	n := 0
	for i := range b.sets {
		if e := &b.sets[i]; !e.gone {
			n += len(b.key(e)) + len(b.value(e)) + extra
		}
	}
	return n
}

// envDeletes makes every name the batch deletes a variable name, as
// Env's Delete maps it: each name of b.dels in place (the mapping keeps
// its length), and each known bit a name of b.dels. A name that is no
// valid variable name is dropped, as Env's Delete ignores it. Then a
// deleted name and an entry's key, respelled alike, match when they are
// equal, as variables do.
func (b *Batch) envDeletes() {
	n := 0
	for _, d := range b.dels {
		name := b.names[d.lo:d.hi]
		if !validEnvKey(name) {
			continue
		}
		for i, c := range name {
			name[i] = envByte(c)
		}
		b.named(name)
		b.dels[n] = d
		n++
	}
	b.dels = b.dels[:n]
	for k := b.known; k != 0; k &= k - 1 {
		lo := len(b.names)
		b.names = appendEnvName(b.names, knownNames[bits.TrailingZeros32(k)].lower)
		pushInPlace(&b.dels, deletion{lo, len(b.names), 0})
		b.named(b.names[lo:])
	}
	b.known = 0
}
