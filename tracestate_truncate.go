package tracewire

import "math/bits"

// Truncate returns the list cut down, by whole members, until its
// canonical form (see AppendText) is at most max bytes long; max <= 0
// means 512, the size the W3C says every vendor SHOULD propagate. It
// follows the W3C order: first members whose key=value text is longer
// than 128 bytes, from the right, until the list fits; then members from
// the right. A list that already fits is returned as is. Truncate
// allocates nothing: the result still refers to the same text.
func (ts TraceState) Truncate(max int) TraceState {
	drop := ts.truncation(max)
	if drop == 0 {
		return ts
	}
	ts.skip |= drop
	ts.n -= uint8(bits.OnesCount32(drop))
	return ts.compact()
}

// AppendTruncated appends the canonical form of ts.Truncate(max) to b
// without allocating (given room in b): what a proxy that passes the
// header on calls.
func (ts TraceState) AppendTruncated(b []byte, max int) []byte {
	return ts.appendMembers(b, ts.skip|ts.truncation(max))
}

// truncation returns the members (as bits of TraceState.skip) that
// Truncate(max) removes.
func (ts TraceState) truncation(max int) uint32 {
	if max <= 0 {
		max = tsDefaultCap
	}
	if ts.n == 0 || len(ts.s) <= max && ts.canonical() {
		return 0
	}
	var (
		idx  [tsMaxMembers]uint8
		size [tsMaxMembers]int
		k    int
		sum  int // bytes of the members kept, without commas
	)
	c := ts.cursor()
	for m, more := c.next(); more; m, more = c.next() {
		if ts.skip>>m.idx&1 == 0 {
			idx[k], size[k] = uint8(m.idx), m.end-m.start
			sum += size[k]
			k++
		}
	}
	var drop uint32
	count := k
	for j := k - 1; j >= 0 && sum+count-1 > max; j-- {
		if size[j] > tsLongEntry {
			drop |= 1 << idx[j]
			sum -= size[j]
			count--
		}
	}
	for j := k - 1; j >= 0 && sum+count-1 > max; j-- {
		if drop>>idx[j]&1 == 0 {
			drop |= 1 << idx[j]
			sum -= size[j]
			count--
		}
	}
	return drop
}
