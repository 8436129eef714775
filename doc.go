// Package tracewire holds the value types shared by every trace-context
// wire format in this module: TraceID, SpanID, Flags, Sampling,
// SpanContext and TraceState, the ParseError every codec returns, and the
// context.Context helpers a server uses to continue its caller's trace.
//
// The codecs live in sub-packages, one per format, each with the same face
// (Parse, ParseBytes, Append, Format, and a Propagator with Extract and
// Inject): traceparent (W3C Trace Context), baggage (W3C Baggage), b3
// (Zipkin) and jaeger. Package carrier adapts header containers and
// package propagator combines formats.
//
// # Values
//
// The types are modelled on net/netip: small comparable values without
// pointers, ParseX functions returning (X, error), AppendText, String and
// MarshalText. Parsing and appending allocate nothing, on success and on
// failure alike while the error lies below its table's bound (offset 128,
// or 256 for a list header): a *ParseError comes from an ErrorTable of
// shared, immutable errors, and one beyond costs one small allocation.
// ParseError.Hint, given the value that failed, says in one line why and
// how to put it right ("uppercase hex; W3C requires lowercase"), for every
// header of every format; it is computed only when asked.
//
// A codec builds a SpanContext in one step from a SpanContextConfig,
// rather than through a chain of With calls that each copy it. On a hot
// path it stores it in place with SpanContextConfig.Build, into the
// variable its caller reads: the format packages' parsers do, and it
// took a sixth off their extraction.
//
// # Sampling across formats
//
// SpanContext.Sampling holds one of four states. Each format reads and
// writes them as follows ("-" means the format cannot express the state;
// the arrow says what is written instead).
//
//	Sampling          W3C traceparent     B3 single / multi                  Jaeger flags
//	SamplingDeferred  - -> flags 00       no state / no X-B3-Sampled         - -> 0
//	SamplingDeny      flags bit 0 clear   "0" / X-B3-Sampled: 0              0x01 clear
//	SamplingAccept    flags bit 0 set     "1" / X-B3-Sampled: 1 (or "true")  0x01
//	SamplingDebug     - -> flags 01       "d" / X-B3-Flags: 1                0x02|0x01 -> 3
//
//	Sampling          X-Ray Sampled    OT sampled       Google Cloud   Sentry flag
//	SamplingDeferred  "?" or none      none             no ";o="       none
//	SamplingDeny      "0"              "false" ("0")    ";o=0"         "0"
//	SamplingAccept    "1"              "true" ("1")     ";o=1" (1-9)   "1"
//	SamplingDebug     - -> "1"         - -> "true"      - -> ";o=1"    - -> "1"
//
// Reading: W3C flags always give deny or accept. B3's legacy "true" and
// "false" (any case) read as accept and deny. X-B3-Flags: 1 wins over
// X-B3-Sampled. Jaeger's debug bit without the sampled bit reads as deny,
// because debug means "sampled and kept" and a debug trace that is not
// sampled is not a state any tracer acts on.
//
// Other flags: the W3C Level 2 random flag (FlagRandom) is kept from a
// traceparent and re-emitted; formats without it set it to zero on
// extract, because their ids are not known to be random. Jaeger's firehose
// bit (0x08) is kept in the span context and re-emitted only by Jaeger.
//
// # Starting traces
//
// A trace this service starts (no incoming context, or one it refuses to
// continue) is sampled unless configured otherwise, as under
// OpenTelemetry's default sampler, ParentBased(AlwaysOn): NewRoot(nil)
// samples, and so does NewChild of a context that carries no ids and no
// decision. A Sampler decides otherwise. A Sampling value is a fixed
// decision (SamplingDeny records nothing); RatioSampler keeps a fraction
// of traces, decided from the trace's 56-bit randomness so that every
// service configured alike keeps the same traces, and with WithOTelMember
// it reads and writes OpenTelemetry's "ot" tracestate member (OTelState:
// the threshold th and the randomness rv) for OpenTelemetry SDKs and
// collectors downstream. Continuing a caller's trace never consults a
// Sampler: the child keeps the caller's decision.
//
// NewRoot's ids come from crypto/rand and carry the W3C random flag; a
// root built around a trace id from elsewhere (NewSpanContext,
// SpanContextConfig) carries it only if the caller sets it, because only
// a random id may.
//
// # Id widths
//
// B3 and Jaeger may carry a 64-bit trace id, and OT carries nothing
// wider. It is stored right-aligned in the 16-byte TraceID (left-padded
// with zeros) and the context remembers the width it arrived in
// (Is64BitTraceID), so B3 and Jaeger send it 64 bits wide again while W3C
// sends the padded 128 bits.
package tracewire
