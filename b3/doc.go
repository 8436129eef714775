// Package b3 reads and writes Zipkin B3 propagation: the single b3 header
// and the x-b3-* multi headers.
//
// It is meant to sit in the middle of a trace, in a proxy or gateway, and
// hand B3 on unchanged: a header extracted and injected again in the same
// form comes out byte for byte as it came in. A 16-digit trace id goes out
// 16 digits wide, the parent span id goes out with it, "d" stays "d", and
// a decision left open stays open. Parse accepts exactly the B3 grammar,
// so Append of what it returns reproduces the trimmed input.
// Parsing, appending and extracting from a carrier.HTTPHeader allocate
// nothing, and a malformed value of any length returns an error rather
// than reading past its end.
//
// # Choices
//
// Where the B3 specification is silent, or implementations disagree:
//
//   - Hex must be lowercase, as the B3 grammar says. OpenTelemetry-Go
//     agrees; zipkin-go accepts uppercase. Uppercase is ErrTraceID,
//     ErrSpanID or ErrParentSpanID at the offending byte.
//   - All-zero trace, span and parent ids are invalid (OpenTelemetry does
//     the same; B3 does not say).
//   - An empty value, or one of only spaces and tabs, is an absent header
//     for extraction (zipkin-go and OpenTelemetry-Go agree; B3 calls it
//     malformed). Parse itself reports ErrEmpty.
//   - The parent span id is kept and sent again. OpenTelemetry validates
//     and drops it, and its injectors must not send X-B3-ParentSpanId; B3
//     itself and zipkin-go send it, and dropping it breaks pass-through.
//     In the single header a parent needs a sampling state before it, so a
//     deferred context with a parent is written without the parent (the
//     multi headers can carry both).
//   - A sampling-only b3 header ("0", "1", "d") is kept as an invalid span
//     context carrying that decision; see Propagator.ExtractFrom for how it
//     combines with multi-header ids. Injecting such a context writes the
//     bare state again; a context with no ids and no decision writes
//     nothing.
//   - X-B3-Sampled also accepts "true" and "false" in any case, as zipkin-go
//     and OpenTelemetry-Go do; any other value is ErrSampling, even next to
//     X-B3-Flags: 1.
//   - B3 has no random-trace-id flag: extraction leaves it unset.
//
// # Errors
//
// Every error is a *tracewire.ParseError naming the header ("b3",
// "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid" or "x-b3-sampled")
// and the offset, in the value as received, of the first byte that cannot
// belong to a valid value. In the single header, a field that ends too
// soon or runs on is ErrLength at the byte where it ended or overran (the
// end of the value if it stopped there), except in the parent id, the last
// field, where a "-" cannot start a new field and so is, like any byte
// that is not a lowercase hex digit, ErrParentSpanID at that byte; in the
// other ids a byte that is neither a digit nor "-" is an id error at that
// byte; a wrong separator after a full-width id
// is ErrDelimiter; a sampling field that is not exactly "0", "1" or "d"
// (including an empty one) is ErrSampling at its first byte; anything after
// a complete parent id is ErrTrailingData.
package b3
