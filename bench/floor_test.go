package bench

// The floor: what decoding and encoding a traceparent costs with nothing but
// a 256-entry table and fixed offsets. It validates only the layout (length,
// version 00, dashes, hex digits) and none of the semantics a real parser
// owes (zero ids, future versions, error offsets), so no parser can be
// expected to beat it; the distance to it is the price of those checks.

// floorSC is the decoded traceparent.
type floorSC struct {
	traceID [16]byte
	spanID  [8]byte
	flags   byte
}

// floorHex maps a lowercase hex digit to its value and anything else to 0xff.
var floorHex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := byte(0); i < 10; i++ {
		t['0'+i] = i
	}
	for i := byte(0); i < 6; i++ {
		t['a'+i] = 10 + i
	}
	return t
}()

const floorDigits = "0123456789abcdef"

// floorParse copies the 55 bytes of s and decodes them with no branch per
// digit: bad digits are OR-ed together and tested once at the end.
func floorParse(s string) (floorSC, bool) {
	var sc floorSC
	if len(s) != 55 {
		return sc, false
	}
	var in [55]byte
	copy(in[:], s)
	if in[0] != '0' || in[1] != '0' || in[2] != '-' || in[35] != '-' || in[52] != '-' {
		return sc, false
	}
	var bad byte
	for i := range sc.traceID {
		hi, lo := floorHex[in[3+2*i]], floorHex[in[4+2*i]]
		bad |= hi | lo
		sc.traceID[i] = hi<<4 | lo
	}
	for i := range sc.spanID {
		hi, lo := floorHex[in[36+2*i]], floorHex[in[37+2*i]]
		bad |= hi | lo
		sc.spanID[i] = hi<<4 | lo
	}
	hi, lo := floorHex[in[53]], floorHex[in[54]]
	bad |= hi | lo
	sc.flags = hi<<4 | lo
	return sc, bad&0xf0 == 0
}

// floorAppend appends the 55-byte form of sc to dst.
func floorAppend(dst []byte, sc *floorSC) []byte {
	var out [55]byte
	out[0], out[1], out[2] = '0', '0', '-'
	for i, v := range sc.traceID {
		out[3+2*i], out[4+2*i] = floorDigits[v>>4], floorDigits[v&0x0f]
	}
	out[35] = '-'
	for i, v := range sc.spanID {
		out[36+2*i], out[37+2*i] = floorDigits[v>>4], floorDigits[v&0x0f]
	}
	out[52] = '-'
	out[53], out[54] = floorDigits[sc.flags>>4], floorDigits[sc.flags&0x0f]
	return append(dst, out[:]...)
}
