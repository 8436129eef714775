package grpctrace

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// The binary form: a version byte, then fields, each a one-byte id and a
// value of the length that id implies.
const (
	binaryLen = 29 // version, trace id field, span id field, options field

	fieldTraceID = 0 // 16 bytes
	fieldSpanID  = 1 // 8 bytes
	fieldOptions = 2 // 1 byte; bit 0 = sampled
)

// fieldLen is the length of the value of each field id this package
// knows, indexed by id.
var fieldLen = [...]int{fieldTraceID: 16, fieldSpanID: 8, fieldOptions: 1}

// ParseBinary parses the binary form of grpc-trace-bin, as a gRPC library
// hands it to the application:
//
//	00                                    version 0
//	00 4bf92f3577b34da6a3ce929d0e0e4736   field 0: trace id
//	01 00f067aa0ba902b7                   field 1: span id
//	02 01                                 field 2: options, bit 0 = sampled
//
// Decoding is as tolerant as OpenCensus's rules ask: fields may come in
// any order, and decoding stops at the first field id it does not know
// (or one it has already read), ignoring the rest as a newer sender's
// additions. The options field may be absent (not sampled, as OpenCensus
// reads it). The trace and span ids may not: a valid span context needs
// both.
//
// Errors, each a *tracewire.ParseError for header "grpc-trace-bin" whose
// Offset indexes b: ErrEmpty for no bytes; ErrVersion for a version other
// than 0; ErrLength at the end of b when a known field's value is cut
// short; ErrMissingField, where decoding stopped, when the trace or span
// id field is absent; ErrZeroTraceID or ErrZeroSpanID at an all-zero id.
// Only bit 0 of the options counts; the others are dropped, and the
// random flag is never set, as OpenCensus defines no such bit.
func ParseBinary(b []byte) (tracewire.SpanContext, error) { return parseBinary(b) }

// parseBinary is ParseBinary for either form of the bytes.
func parseBinary[S hexid.Bytes](b S) (tracewire.SpanContext, error) {
	sc, kind, at := decodeBinary(b)
	if kind != 0 {
		return tracewire.SpanContext{}, errs.At(kind, at)
	}
	return sc, nil
}

// decodeBinary does the work of parseBinary, returning the error's kind
// and offset rather than the error, so that Parse can place it in the
// text.
func decodeBinary[S hexid.Bytes](b S) (tracewire.SpanContext, tracewire.ErrorKind, int) {
	var c tracewire.SpanContextConfig
	if len(b) == 0 {
		return c.SpanContext(), tracewire.ErrEmpty, 0
	}
	if b[0] != 0 {
		return c.SpanContext(), tracewire.ErrVersion, 0
	}
	var seen uint8
	var traceAt, spanAt int
	options := byte(0)
	i := 1
	for i < len(b) {
		id := b[i]
		if int(id) >= len(fieldLen) || seen&(1<<id) != 0 {
			break
		}
		n := fieldLen[id]
		if len(b)-i-1 < n {
			return tracewire.SpanContext{}, tracewire.ErrLength, len(b)
		}
		v := b[i+1 : i+1+n]
		switch id {
		case fieldTraceID:
			copy(c.TraceID[:], v)
			traceAt = i + 1
		case fieldSpanID:
			copy(c.SpanID[:], v)
			spanAt = i + 1
		case fieldOptions:
			options = v[0]
		}
		seen |= 1 << id
		i += 1 + n
	}
	switch {
	case seen&(1<<fieldTraceID) == 0:
		return tracewire.SpanContext{}, tracewire.ErrMissingField, i
	case !c.TraceID.IsValid():
		return tracewire.SpanContext{}, tracewire.ErrZeroTraceID, traceAt
	case seen&(1<<fieldSpanID) == 0:
		return tracewire.SpanContext{}, tracewire.ErrMissingField, i
	case !c.SpanID.IsValid():
		return tracewire.SpanContext{}, tracewire.ErrZeroSpanID, spanAt
	}
	c.Sampling = tracewire.SamplingDeny
	if options&1 != 0 {
		c.Sampling = tracewire.SamplingAccept
	}
	return c.SpanContext(), 0, -1
}

// AppendBinary appends the 29-byte binary form of sc to dst: version 0,
// then the trace id, span id and options fields in that order, with
// options 1 for a sampled context (accept or debug) and 0 otherwise. It is
// the exact layout grpc-go requires. It appends nothing for an invalid sc.
func AppendBinary(dst []byte, sc tracewire.SpanContext) []byte {
	if !sc.IsValid() {
		return dst
	}
	t, s := sc.TraceID(), sc.SpanID()
	dst = append(dst, 0, fieldTraceID)
	dst = append(dst, t[:]...)
	dst = append(dst, fieldSpanID)
	dst = append(dst, s[:]...)
	var options byte
	if sc.IsSampled() {
		options = 1
	}
	return append(dst, fieldOptions, options)
}
