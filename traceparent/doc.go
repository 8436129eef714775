// Package traceparent reads and writes W3C Trace Context: the traceparent
// request header (Level 1 and Level 2), its tracestate companion through
// the root package's TraceState, and the callee's answer, the
// traceresponse header of the editor's draft and its Level 3 successor,
// the Server-Timing metric "trace;desc=...".
//
// Parse and ParseBytes decode a value without allocating, on success and
// on failure; Append writes the canonical form into the caller's buffer.
// Propagator ties them to a carrier.Getter or carrier.Setter, and to a
// context.Context, with the same face as every codec in this module.
//
// # Rules
//
// OWS (spaces and tabs) around a value is ignored. Version 00 is exactly
// 55 bytes with its delimiters at fixed offsets; ids and flags are
// lowercase hex and ids are not all zeros; anything after the flags,
// even a lone "-", makes it invalid. Versions 01 to fe need at least
// those 55 bytes and may continue after the flags with "-" and anything,
// which is ignored; they go out again as version 00. Version ff is
// invalid. Of the flags, the sampled bit and (unless Propagator.Level1)
// the Level 2 random bit are kept; the reserved bits are accepted and
// written as zero.
//
// # Choices where the specifications are silent or implementations differ
//
//   - Reserved flag bits on version 00 ("09") are accepted and dropped, as
//     the grammar allows; OpenTelemetry-Go rejects such a value.
//   - Error kinds follow field order and name the first offending byte:
//     a value that ends early is ErrLength at the offset where it ends
//     (so a one-digit flags field, "00-T-P-1", is a length error at 54); a
//     hex digit where a "-" or the end belongs means the field before it
//     is too long and takes that field's kind ("000-" is ErrVersion,
//     "00-T-P-001" is ErrFlags); other bytes after a version-00 value are
//     ErrTrailingData, and after a higher version anything but "-" is
//     ErrDelimiter. A zero id is reported at the start of its field.
//   - More than one traceparent line is invalid (the W3C test suite
//     requires a restart); the error is ErrTrailingData at the offset of
//     the comma that joining the lines would put there.
//   - An empty traceparent value, or one of only spaces and tabs, is
//     treated as absent by the Propagator, like a missing header; Parse
//     reports it as ErrEmpty.
//   - An invalid tracestate beside a valid traceparent is discarded, as
//     the spec asks, and is not an error of Propagator.ExtractFrom: the
//     trace continues, and the error belongs to the tracestate parser
//     (tracewire.TraceStateOptions), where a caller who wants to know why
//     finds it. So every format's ExtractFrom has one contract: a valid
//     context comes with a nil error.
//   - traceresponse gets the traceparent rules, higher versions included,
//     which the draft does not spell out.
//   - In Server-Timing, the first "trace" metric and its first desc win; a
//     quoted desc may use backslash escapes (up to 128 unescaped bytes).
//
// # Allocation
//
// Parse, ParseBytes, ParseResponse and ParseServerTiming allocate
// nothing, errors included while they lie before offset 128 (256 for
// server-timing, a list header): errors come from shared tables of
// immutable values (see tracewire.ErrorTable). Append and its siblings allocate only if dst must grow.
// Propagator.ExtractFrom allocates nothing from a carrier.HTTPHeader with
// one traceparent line and at most one tracestate line. Format and
// InjectInto allocate the strings they produce.
package traceparent
