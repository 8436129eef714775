// Package xray reads and writes AWS X-Ray's trace header, X-Amzn-Trace-Id,
// and, for AWS Lambda, the _X_AMZN_TRACE_ID environment variable.
//
// It has the face of every codec in this module: Parse and ParseBytes read
// a header value, Append and Format write one, and Propagator moves span
// contexts between carriers and contexts. A span context cannot hold what
// X-Ray carries beside the ids (Lineage, Self, fields of other AWS
// services), so ParseHeader returns a Header that keeps them, and
// Header.Append writes them out again with the context that continues the
// trace; Propagator.Extract stores the Header in the context for Inject to
// do exactly that, and so does Propagator.ExtractExtras, which a
// propagator.Composite calls, so the fields survive whichever member's
// span context wins. A header of Root, Parent and Sampled alone, which
// has no such fields, is stored as its span context only: Inject writes
// the same value from it, in one allocation less. Parsing, appending and
// extracting from a
// carrier.HTTPHeader or a carrier.Map allocate nothing, on valid input
// and on invalid input whose error lies before offset 128 (see
// tracewire.ErrorTable).
//
// # X-Amzn-Trace-Id
//
//	Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1
//
// The value is a list of name=value fields separated by ";", in any order,
// with spaces and tabs allowed around each field. Root is the trace id:
// the version "1", the trace's start in Unix seconds as eight hex digits,
// and 96 random bits as 24 hex digits; joined, the 32 digits are the W3C
// trace id. Parent is the caller's span id, 16 hex digits. Sampled is "1"
// (tracewire.SamplingAccept), "0" (SamplingDeny) or "?", the caller asking
// this service to decide (SamplingDeferred, as is an absent Sampled).
//
// Choices where AWS, the X-Ray SDK for Go and OpenTelemetry's propagators
// disagree or are silent:
//
//   - Field names are case-sensitive and matched exactly, as every
//     implementation matches them ("root=" is an unknown field, and
//     "Rooted=" is not Root, where OpenTelemetry's prefix match takes it
//     for one).
//   - A Root is required: a value without one is ErrMissingField. A Root
//     without a Parent, which load balancers and API Gateway send, is the
//     decision-only case of the propagator contract: no span id, so not a
//     valid span context, but the trace id and the decision are kept, and
//     injecting the context writes the Root (and Sampled) again. The X-Ray
//     SDK starts a new segment in that trace; OpenTelemetry ignores the
//     header. tracewire.SpanContext.NewChild starts a new trace from such a
//     context; a service that wants to join the load balancer's trace keeps
//     the trace id with WithSpanID(tracewire.NewSpanID()).
//   - Hex digits may be of either case (the X-Ray grammar's HEXDIG);
//     OpenTelemetry accepts lowercase only. Output is lowercase.
//   - The epoch part of Root may be one to eight digits and is left-padded,
//     as OpenTelemetry-Java allows (some producers drop leading zeros);
//     OpenTelemetry-Go requires eight. The unique part is exactly 24.
//   - A zero trace id or a zero Parent is invalid.
//   - Sampled=? is deferred. OpenTelemetry-Go reads it as not sampled and
//     OpenTelemetry-Java rejects the header. Any other value, including an
//     empty one, is ErrSampling; OpenTelemetry-Go reads "" and multi-byte
//     values as sampled. Append writes a deferred decision as "?", and
//     Header.Append leaves Sampled out when the header it passes on had
//     none, so a pass-through is exact.
//   - A repeated Root, Parent or Sampled is ErrKey at the repeat: which
//     copy a reader takes differs (every SDK takes the last), and a header
//     that two readers read differently is how requests get smuggled.
//   - A field with no "=" is ErrMember, as OpenTelemetry rejects it; the
//     X-Ray SDK skips it. Empty fields ("a=1;;b=2", a trailing ";") are
//     skipped, as the X-Ray SDK does.
//   - Names are visible ASCII other than "=" and ";" (so no spaces around
//     "="); values of other fields may hold any printable ASCII, spaces and
//     tabs but no other control character and nothing above ASCII
//     (ErrValue). A field's value runs to the next ";" and may contain "=".
//   - No W3C random-trace-id flag is set: X-Ray ids start with a
//     timestamp.
//
// # Lineage, Self and other fields
//
// Lineage counts the hops of a request through AWS services to detect
// loops. It is checked as OpenTelemetry-Java checks it: three fields
// separated by ":", an eight-digit hex hash, a loop counter in 0..32767
// and a request counter in 0..255, 12 to 18 bytes, with the request
// counter last and the hash either first (the form of SPEC.md's test
// cases, "a87bd80c:1:68") or between the counters (Java's,
// "1:a87bd80c:68"). A Lineage that fails the check is dropped, not the
// header (the older "a87bd80c:1|68fd508a:5" list form included); so is
// every Lineage after the first.
//
// Self, which a load balancer adds, and any field this package does not
// know are kept as received and passed on, never written as if they were
// this service's own.
//
// # Length
//
// Header.Append and Propagator.Inject write at most MaxLen (256)
// characters, OpenTelemetry-Java's cap. Root, Parent and Sampled always
// fit (at most 74); the passed-on fields are kept whole or not at all:
// when they do not all fit, unknown fields are dropped first, the last
// ones first, then Self fields, then the Lineage. OpenTelemetry-Java cuts
// the string at 256, which can leave half a field.
//
// # xray-lambda
//
// On AWS Lambda, the function's trace context (with Lambda's own segment
// as Parent when active tracing is on) arrives in the _X_AMZN_TRACE_ID
// environment variable, in the same grammar. Propagator{Env: ...} is
// OpenTelemetry's "xray-lambda": it reads the carrier first and falls back
// to the variable when the carrier yields no valid span context (none,
// an invalid one, or a Root without a Parent). The variable is read
// through a carrier.Getter over the environment, never from the process
// directly, so that tests and callers choose what it sees. (The
// OpenTelemetry-Java propagator checks the context passed in, not the one
// it just extracted, so there the variable overrides the carrier's header.)
//
// # Errors
//
// Parse reports the first offending byte, at its offset in the value as
// passed (before trimming), with one of these kinds:
//
//	ErrEmpty          nothing but spaces and tabs (Propagator: absent, no error)
//	ErrMember         a field without "=", at its start
//	ErrKey            an empty name, or a byte a name may not hold; or a
//	                  repeated Root, Parent or Sampled, at its name
//	ErrValue          a byte no value may hold, in another field
//	ErrVersion        a Root whose version is not "1"
//	ErrDelimiter      a Root without its "-" separators
//	ErrTraceID        a Root byte that is not a hex digit, or an empty part
//	ErrZeroTraceID    an all-zero Root, at the start of its value
//	ErrSpanID         a Parent byte that is not a hex digit, or an empty one
//	ErrZeroSpanID     an all-zero Parent, at the start of its value
//	ErrLength         a part of Root, or Parent, that is too short (at its
//	                  end) or too long (at the first byte too many); bytes
//	                  after the one of Sampled
//	ErrSampling       a Sampled value other than "0", "1" or "?"
//	ErrMissingField   no Root, at the end of the value
package xray
