// Package ottrace reads and writes the OpenTracing basic tracer's headers,
// which OTEL_PROPAGATORS calls "ottrace" and Lightstep tracers still send:
//
//	ot-tracer-traceid: a3ce929d0e0e4736
//	ot-tracer-spanid:  00f067aa0ba902b7
//	ot-tracer-sampled: true
//	ot-baggage-{key}:  {value}
//
// The format is 64-bit and has no single header, so the value-level
// functions take and give the three values: ParseHeaders and
// ParseHeadersBytes read them (in the place of the Parse the other
// formats have); AppendTraceID, AppendSpanID and FormatHeaders write
// them. Propagator moves span contexts between carriers and contexts, with
// the baggage headers handled by Extract and Inject, or by ExtractBaggage
// and InjectBaggage for a caller that keeps baggage itself. Parsing,
// appending and extracting the span context from a carrier.HTTPHeader or
// carrier.Map allocate nothing, and every rejection names the header and
// the byte at fault.
//
// # Choices
//
// OT has no specification beyond its tracers; where they disagree:
//
//   - Ids of 1 to 32 (trace) and 1 to 16 (span) hex digits are accepted
//     and left-padded with zeros, as OpenTelemetry-Java does:
//     basictracer writes them without padding. OpenTelemetry-Go accepts
//     only 16 or 32 digits (and 16 for the span id), and rejects the
//     rest.
//   - Hex digits of either case are accepted, as basictracer reads them;
//     the OpenTelemetry SDKs accept lowercase only. Output is lowercase.
//   - A trace id of at most 16 digits marks the context
//     With64BitTraceID, so that B3 and Jaeger send it 16 digits wide again.
//   - The trace id goes out as its low 64 bits, 16 digits, as every
//     OpenTelemetry SDK writes it: the format is 64-bit. A 128-bit id
//     therefore reaches the next hop as a different, 64-bit id. An id
//     whose low 64 bits are zero goes out whole, since its low half is
//     the all-zero id that every reader rejects.
//     Propagator.TraceID128 writes such ids in full instead, for
//     receivers that are OpenTelemetry SDKs, which read 32 digits.
//   - ot-tracer-sampled is "true" or "false" in any case, or "1" or "0";
//     anything else is an error, as in OpenTelemetry-Go (Java and Python
//     read it as not sampled; basictracer's strconv.ParseBool also takes
//     "t", "F" and the like). It is written as "true" or "false".
//   - Without ot-tracer-sampled the decision is deferred, and a deferred
//     decision is written by leaving the header out. The OpenTelemetry
//     SDKs read its absence as not sampled; basictracer needs all three
//     headers.
//   - Both ids are required. ot-tracer-sampled alone is an error
//     (ErrMissingField for ot-tracer-traceid), not a decision:
//     OpenTelemetry-Go ignores it.
//   - All-zero ids are invalid. Debug is written as "true". OT ids are
//     not known to be random, so extraction leaves the W3C random flag
//     clear. Only the first line of a repeated header counts.
//
// # Baggage
//
// Each ot-baggage-{key} header carries one item, its value raw: not
// percent-encoded, unlike Jaeger's uberctx-*. Items are read only with a
// valid span context, as OpenTelemetry does. Extract adds them to the
// baggage already in the context, without replacing a member that has
// the same key in any case: a W3C baggage member is the better copy of
// the same item, since the header lowercased its key and dropped its
// properties (baggage.Merge). In a propagator.Composite, BaggageFrom hands
// them over as that lossy copy, so the W3C member wins a key whatever the
// member order, and ClearFields removes stale ot-baggage-* headers from a
// reused carrier. Inject writes the context's baggage as ot-baggage-*
// headers, keys in lowercase, values decoded, only beside a valid span
// context.
//
// # Errors
//
// Every error is a *tracewire.ParseError naming the header it concerns
// and the offset in that header's value as passed (before trimming):
//
//	ErrEmpty         all three values empty (Propagator: absent, no error)
//	ErrTraceID       a trace id byte that is not a hex digit
//	ErrSpanID        a span id byte that is not a hex digit
//	ErrLength        a digit beyond 32 (trace id) or 16 (span id)
//	ErrZeroTraceID   an all-zero trace id, at its start
//	ErrZeroSpanID    an all-zero span id, at its start
//	ErrMissingField  a span id without a trace id, a sampled value without
//	                 ids (both on ot-tracer-traceid), or a trace id without
//	                 a span id (on ot-tracer-spanid), at offset 0
//	ErrSampling      an ot-tracer-sampled value other than the four
package ottrace
