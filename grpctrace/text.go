package grpctrace

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
	"github.com/tracewire/tracewire/internal/ows"
)

// textLen is the length of the base64 form Append writes: 29 bytes,
// unpadded.
const textLen = (binaryLen*8 + 5) / 6

// alphabet is the standard base64 alphabet (RFC 4648 section 4), the one
// gRPC uses for -bin metadata.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// decodeTab maps a byte of the standard base64 alphabet to its value and
// every other byte to 0xff. A string constant costs no initialization.
const decodeTab = "" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x3e\xff\xff\xff\x3f" +
	"\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\xff\xff\xff\xff\xff\xff" +
	"\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e" +
	"\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\xff\xff\xff\xff\xff" +
	"\xff\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\x24\x25\x26\x27\x28" +
	"\x29\x2a\x2b\x2c\x2d\x2e\x2f\x30\x31\x32\x33\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"

// Parse parses the text form of grpc-trace-bin: the binary form (see
// ParseBinary) in standard base64, padded or not, as -bin metadata
// travels in HTTP/2 headers and text carriers. Surrounding spaces and
// tabs are ignored. Bits left over in the last character are ignored, as
// grpc-go's decoder ignores them.
//
// Errors are *tracewire.ParseError values for header "grpc-trace-bin"
// whose Offset indexes s as passed: ErrEmpty for nothing but spaces and
// tabs; ErrValue at a byte outside the base64 alphabet, or at the first
// "=" too many; ErrTrailingData at a ",", which joins several values (a
// carrier that joins them is read by Propagator, which takes the first);
// ErrLength at the end of a value whose length no base64 encoding has
// (one character past a group of four, or padding cut short). A fault in
// the decoded bytes is reported as ParseBinary reports it, at the offset
// of the character that encodes the first bit of the offending byte.
func Parse(s string) (tracewire.SpanContext, error) { return parseText(s) }

// ParseBytes is Parse for a value held as bytes. It neither keeps nor
// modifies b.
func ParseBytes(b []byte) (tracewire.SpanContext, error) { return parseText(b) }

func parseText[S hexid.Bytes](s S) (tracewire.SpanContext, error) {
	lo, hi := ows.Trim(s)
	if lo == hi {
		return tracewire.SpanContext{}, errs.At(tracewire.ErrEmpty, 0)
	}
	n := hi // the end of the data characters, before any padding
	for n > lo && s[n-1] == '=' {
		n--
	}
	// One pass checks every character and decodes the first 30 bytes:
	// only they can matter, as the three known fields end by byte 29,
	// where a decoder must stop. The rest is ignored like any unknown
	// field once it is known to be base64.
	var buf [30]byte
	m := 0
	var acc uint32
	bits := 0
	for i := lo; i < n; i++ {
		d := decodeTab[s[i]]
		if d == 0xff {
			if s[i] == ',' {
				return tracewire.SpanContext{}, errs.At(tracewire.ErrTrailingData, i)
			}
			return tracewire.SpanContext{}, errs.At(tracewire.ErrValue, i)
		}
		if m < len(buf) {
			acc = acc<<6 | uint32(d)
			if bits += 6; bits >= 8 {
				bits -= 8
				buf[m] = byte(acc >> bits)
				m++
			}
		}
	}
	chars := n - lo
	if chars%4 == 1 {
		return tracewire.SpanContext{}, errs.At(tracewire.ErrLength, n)
	}
	if pad := hi - n; pad > 0 {
		want := (4 - chars%4) % 4
		if pad > want {
			return tracewire.SpanContext{}, errs.At(tracewire.ErrValue, n+want)
		}
		if pad < want {
			return tracewire.SpanContext{}, errs.At(tracewire.ErrLength, hi)
		}
	}
	size := chars/4*3 + [4]int{0, 0, 1, 2}[chars%4]
	sc, kind, at := decodeBinary(buf[:m])
	if kind != 0 {
		off := n
		if at < size {
			off = lo + at*4/3
		}
		return tracewire.SpanContext{}, errs.At(kind, off)
	}
	return sc, nil
}

// Append appends the text form of sc to dst: its binary form (see
// AppendBinary) in standard base64 without padding, as gRPC writes -bin
// metadata, 39 characters. It appends nothing for an invalid sc.
func Append(dst []byte, sc tracewire.SpanContext) []byte {
	var b [binaryLen]byte
	bin := AppendBinary(b[:0], sc)
	for i := 0; i+3 <= len(bin); i += 3 {
		v := uint32(bin[i])<<16 | uint32(bin[i+1])<<8 | uint32(bin[i+2])
		dst = append(dst, alphabet[v>>18], alphabet[v>>12&63], alphabet[v>>6&63], alphabet[v&63])
	}
	// 29 bytes leave two over: three characters, no padding.
	if len(bin)%3 == 2 {
		v := uint32(bin[len(bin)-2])<<16 | uint32(bin[len(bin)-1])<<8
		dst = append(dst, alphabet[v>>18], alphabet[v>>12&63], alphabet[v>>6&63])
	}
	return dst
}

// Format returns the text form of sc, as Append writes it, or "" for an
// invalid sc.
func Format(sc tracewire.SpanContext) string {
	var b [textLen]byte
	return string(Append(b[:0], sc))
}
