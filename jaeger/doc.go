// Package jaeger reads and writes Jaeger's trace-context headers:
// uber-trace-id, the uberctx-* and jaeger-baggage baggage headers, and
// jaeger-debug-id.
//
// It has the face of every codec in this module: Parse and ParseBytes read
// an uber-trace-id value, Append and Format write one, and Propagator
// moves everything the headers carry (span context, baggage, debug id)
// between carriers and contexts. It is strict about
// what it writes, precise about what it accepts (every rejection says what
// is wrong and at which byte), and lossless for a proxy: a header it
// extracts and injects again in canonical form comes out byte for byte.
// Parsing, appending and extracting from a carrier.HTTPHeader allocate
// nothing, on valid input and on invalid input whose error lies before
// offset 128 (see tracewire.ErrorTable).
//
// # uber-trace-id
//
//	{trace-id}:{span-id}:{parent-span-id}:{flags}
//
// The trace id has 1 to 32 hex digits, the span and parent ids 1 to 16,
// the flags 1 or 2; shorter ids are left-padded with zeros. A trace id of
// at most 16 digits is remembered as 64-bit and written 16 digits wide
// again. A zero trace or span id is invalid; a zero parent means "none".
// Surrounding spaces and tabs are ignored and an empty value is absent.
//
// Choices where the sources are silent or disagree:
//
//   - Hex digits of either case are accepted, as Jaeger clients do and
//     OpenTelemetry-Go does not; output is lowercase.
//   - Flags are hex, as the Jaeger documentation says, although
//     jaeger-client-go and OpenTelemetry-Java parse them as decimal (and
//     reject "a" to "f"). Three or more flag digits are invalid, as in
//     OpenTelemetry-Java. Only 0, 1 and 3 (plus 8 for firehose) are ever
//     written, which read the same in either base, except "b" (debug with
//     firehose), which decimal parsers reject.
//   - The debug bit (0x02) counts only with the sampled bit (0x01); alone
//     it reads as deny. Bits other than 0x01, 0x02 and 0x08 are dropped.
//   - The parent span id is kept in the span context and written again,
//     where OpenTelemetry drops it and writes "0".
//   - A value URL-encoded as a whole, its colons sent as "%3A" (either
//     case), is decoded on the fly without allocating; error offsets still
//     index the value as received. A value that mixes ":" and "%3A" is
//     rejected, because no encoder produces one.
//   - Jaeger has no W3C random-trace-id flag, so extracted contexts have it
//     clear.
//
// # Errors
//
// Parse reports the first offending byte, at its offset in the value as
// passed (before trimming), with one of these kinds:
//
//	ErrEmpty          nothing but spaces and tabs (Propagator: absent, no error)
//	ErrTraceID        a trace id byte that is not a hex digit, or an empty field
//	ErrSpanID         the same for the span id
//	ErrParentSpanID   the same for the parent span id
//	ErrFlags          the same for the flags
//	ErrLength         a digit beyond a field's width (32, 16, 16 or 2)
//	ErrZeroTraceID    a trace id of zero, at the start of the field
//	ErrZeroSpanID     a span id of zero, at the start of the field
//	ErrDelimiter      fewer than four fields (offset: the end of the value),
//	                  or a delimiter whose form differs from the first one
//	ErrTrailingData   a fifth field, at the delimiter that starts it
//
// AppendUnescaped reports ErrEscape for the uberctx- header.
//
// # Baggage
//
// Each uberctx-{key} header carries one item, its value percent-encoded
// (jaeger-client-go's query escaping writes a space as "+", which is
// decoded too). jaeger-baggage carries "k1=v1, k2=v2" for callers outside
// the tracing system, such as curl. ExtractBaggage yields both kinds of
// items and Propagator.InjectItem writes one as a uberctx-* header, for
// callers that hold items of their own.
//
// Propagator carries baggage itself, as package baggage's Baggage in the
// context, so that it meets W3C baggage there: Extract merges the items
// into the baggage already in the context with baggage.Merge, a member
// already there winning a key both carry (compared case-insensitively,
// since HTTP lowercases header names and uberctx-* has no properties, so
// the W3C member is the better copy), and Inject writes one uberctx-*
// header per member. A composite of this Propagator and baggage's,
// in either order, therefore keeps "User=bob" from "baggage: User=bob"
// beside "uberctx-user: alice".
//
// # jaeger-debug-id
//
// A request with a jaeger-debug-id but no uber-trace-id asks for a new
// trace forced to debug. Propagator.ExtractFrom reports it as a span
// context without ids whose sampling is tracewire.SamplingDebug, from
// which NewChild starts that trace; Extract also stores the id for
// DebugIDFromContext so that the root span can be tagged with it. Beside
// an invalid uber-trace-id the debug id makes no decision: ExtractFrom
// reports the parse error and the zero context, as for any invalid
// header. The id is never injected.
package jaeger
