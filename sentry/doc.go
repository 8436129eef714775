// Package sentry reads and writes Sentry's trace header, sentry-trace,
// which every Sentry SDK sends beside W3C baggage:
//
//	sentry-trace: 771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1
//
// that is, a 32-hex-digit trace id, a 16-hex-digit span id and an optional
// sampled flag, "1" or "0". Without the flag the caller has not decided,
// and the context's sampling is deferred.
//
// It has the face of every codec in this module: Parse and ParseBytes read
// a value, Append and Format write one, and Propagator moves span contexts
// between carriers and contexts. Parsing, appending and extracting from a
// carrier.HTTPHeader or carrier.Map allocate nothing, and every rejection
// names the byte at fault.
//
// # Baggage
//
// Sentry sends its dynamic sampling context as members of the W3C baggage
// header: sentry-trace_id, sentry-public_key, sentry-sample_rate,
// sentry-sampled, sentry-release, sentry-environment, sentry-transaction,
// sentry-org_id. To this module they are ordinary baggage members, which
// baggage.Propagator reads and forwards unchanged; this package reads only
// sentry-org_id, in ContinueTrace, for Sentry's rule against continuing
// another organization's trace.
//
// # Choices
//
// Where Sentry's SDKs disagree or say nothing:
//
//   - Hex digits of either case are accepted, as sentry-go does
//     (Sentry's JavaScript SDK accepts lowercase only); ids are written in
//     lowercase.
//   - The trace id and span id are both required and must be full width.
//     The JavaScript SDK's pattern makes every part optional, so it reads a
//     bare trace id, or a bare flag, which it then ignores; here those are
//     errors.
//   - The flag is "0" or "1" and nothing else; anything after it is an
//     error, as in sentry-go.
//   - All-zero ids are invalid, as in every other format here; the SDKs do
//     not check.
//   - Surrounding spaces and tabs are ignored, as the JavaScript SDK
//     does (sentry-go does not).
//   - Debug is written as "-1", the most the header can say; a deferred
//     decision is written without a flag.
//   - Sentry SDKs generate random ids, but nothing in the header says so,
//     so extraction leaves the W3C random flag clear.
//   - Only the first line of a repeated sentry-trace header counts.
//
// # Errors
//
// Every error is a *tracewire.ParseError for "sentry-trace" whose offset
// indexes the value as passed (before trimming):
//
//	ErrEmpty         nothing but spaces and tabs (Propagator: absent, no error)
//	ErrTraceID       a trace id byte that is not a hex digit
//	ErrSpanID        a span id byte that is not a hex digit
//	ErrLength        an id cut short (by the end or a "-"), or a hex digit
//	                 beyond its width
//	ErrZeroTraceID   an all-zero trace id, at its start
//	ErrZeroSpanID    an all-zero span id, at its start
//	ErrMissingField  a trace id with nothing after it, at its end
//	ErrDelimiter     a byte other than "-" after an id
//	ErrSampling      a flag that is missing after its "-" or not "0" or "1"
//	ErrTrailingData  anything after the flag
package sentry
