// Package baggage reads and writes the W3C Baggage header ("baggage"), the
// list of application key-value pairs that travels with a trace.
//
// Parse returns a Baggage: a read-only view of the header lines that
// refers to them instead of copying, records where each kept member
// starts, and decodes values only when asked. Parsing is one pass of one
// to two nanoseconds a byte and allocates nothing, for valid input and
// for invalid input whose error lies before offset 256 (see
// tracewire.ErrorTable); lookups, iteration and AppendValue allocate nothing either. A Builder starts from received
// baggage (or nothing), sets and deletes members, and writes the canonical
// form into the caller's buffer. A Propagator reads and writes the header
// through a carrier, with the same face as the other formats of this
// module.
//
// # Choices where the specification leaves room
//
//   - Invalid members are dropped one at a time; the rest of the header is
//     kept. Parse reports the first problem as a *tracewire.ParseError
//     whose offset counts bytes in the lines joined by ",". Empty members,
//     a trailing comma and empty lines are skipped without error.
//   - A malformed percent-escape ("%G1", a bare "%", "50%") makes its
//     member invalid. A trailing ";" (an empty property) does too.
//   - Decoded bytes that are not valid UTF-8 become U+FFFD, one per byte,
//     as Go's utf8.DecodeRune reads them.
//   - Limits: W3C requires 64 members and 8192 bytes to pass; Limits can
//     raise or lower both. Over a limit, whole members are dropped in wire
//     order, each kept if it still fits, and counted by Dropped.
//     OpenTelemetry-Go instead rejects a header over 8192 bytes outright.
//     The byte count is that of the canonical form this package forwards.
//   - Duplicate keys are kept, in order, by Parse, All and Append; Get
//     returns the last one (OpenTelemetry's conflict rule). Builder.Set
//     replaces the first occurrence in place and removes the others.
//   - Keys are case-sensitive and never encoded. Values go out as received
//     (already valid wire text), or, when set through a Builder,
//     percent-encoded: every byte outside baggage-octet, and '%', so that
//     no value can inject a comma, semicolon, space or line break.
//   - Output is deterministic: the order received or first set, unlike
//     OpenTelemetry-Go, which writes members in map order.
package baggage
