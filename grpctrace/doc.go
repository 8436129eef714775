// Package grpctrace reads and writes grpc-trace-bin, the OpenCensus
// binary trace context that gRPC services send as metadata.
//
// The value is 29 bytes: version 0, then three fields, each a one-byte id
// and a fixed-length value: the 16-byte trace id (field 0), the 8-byte
// span id (field 1) and one byte of options whose bit 0 means sampled
// (field 2). On an HTTP/2 wire, and in any carrier that holds text, gRPC
// carries it in base64, as it does every metadata key ending in "-bin":
//
//	grpc-trace-bin: AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE
//
// ParseBinary and AppendBinary handle the bytes, Parse, ParseBytes,
// Append and Format the base64 text, and Propagator moves span contexts
// between carriers in either form. Parsing, appending and extracting from
// a carrier.HTTPHeader or carrier.Metadata allocate nothing, on valid input
// and on invalid input whose error lies before offset 128 (see
// tracewire.ErrorTable): base64 is decoded by hand into a stack buffer.
//
// # Choices
//
// Where OpenCensus, gRPC and their implementations differ:
//
//   - Decoding is tolerant, encoding exact (SPEC 9.8's recommendation).
//     Fields may come in any order (the OpenCensus binary-format
//     specification allows it; its Go and Java decoders want trace, span,
//     options), and decoding stops at the first unknown or repeated field
//     id, ignoring the rest; grpc-go instead accepts only the exact 29-byte
//     layout, which is what AppendBinary writes.
//   - The trace and span ids are required: OpenCensus makes every field
//     optional, but a span context without both ids is no context. A
//     missing options field reads as not sampled (its default, 0). A known
//     field cut short is ErrLength, where OpenCensus's Go decoder quietly
//     skips a short span id or options field.
//   - Only bit 0 of the options is read or written. OpenCensus defines no
//     other bit (grpc-go copies W3C flags into the byte, random bit
//     included); the random flag is never set on extraction.
//   - A version other than 0 is invalid, as the SPEC test cases require.
//   - The text form accepts standard base64 padded or not (gRPC's encoder
//     writes it unpadded, and receivers must accept both), ignores bits
//     left over in its last character as grpc-go's decoder does, and
//     rejects the URL-safe alphabet, inner spaces and line breaks. Append
//     writes it unpadded, 39 characters.
//   - Propagator reads a value whose first byte is 0 as the raw bytes
//     (what grpc-go's metadata holds after decoding) and any other as
//     base64 text, so one propagator serves both kinds of carrier; it
//     writes text unless Binary is set. Of several text values joined with
//     ",", the first wins.
//
// # Errors
//
// Every error is a *tracewire.ParseError for header "grpc-trace-bin".
// ParseBinary's offsets index the bytes; Parse's index the text, and a
// fault in the decoded bytes is placed at the character that encodes the
// first bit of the offending byte.
package grpctrace
