// Package cloudtrace reads and writes Google Cloud's X-Cloud-Trace-Context
// header, which Google load balancers, App Engine and Cloud Run add to the
// requests they pass on:
//
//	X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=OPTIONS
//
// TRACE_ID is 32 lowercase hex digits; SPAN_ID is the span id as an
// unsigned 64-bit decimal, which becomes the eight bytes of a W3C span id
// read big-endian (67667974448284343 is 00f067aa0ba902b7); OPTIONS is 1
// to trace the request and 0 not to.
//
// It has the face of every codec in this module: Parse and ParseBytes read
// a value, Append and Format write one, and Propagator moves span contexts
// between carriers and contexts. Parsing, appending and extracting from a
// carrier.HTTPHeader or carrier.Map allocate nothing, and every rejection
// names the byte at fault. The decimal span id is read without strconv,
// its overflow detected at the digit that causes it.
//
// # One way by default
//
// The zero Propagator extracts and never injects, as Google recommends
// (its "CloudTraceOneWayPropagator"): "o=1" forces tracing, which is not
// what an inherited W3C sampled flag means, so re-sending it would make
// every downstream Google service trace every request. Extract from
// X-Cloud-Trace-Context and inject traceparent instead. Set
// Propagator.InjectHeader to write the header as well.
//
// In a first-wins composite (this module's default) put cloudtrace after
// tracecontext, so that a traceparent the caller sent wins over the load
// balancer's header; in OpenTelemetry's last-wins order put it before, as
// Google's documentation says.
//
// # Choices
//
// Where Google's documentation is silent or implementations disagree:
//
//   - The grammar is the strict one of Google's OpenTelemetry propagator:
//     a trace id of exactly 32 lowercase hex digits, then "/" and a span
//     id of 1 to 20 decimal digits, then optionally ";o=" and one digit.
//     App Engine's looser forms (a trace id alone, "T/", "T;o=1") are
//     rejected, and so is anything after the option.
//   - Without ";o=" the decision is deferred, for this service to make.
//     Google's propagator reads it as not sampled; so does anything this
//     package writes it to, since a deferred context goes out without the
//     option.
//   - "o=0" is deny and "o=1" accept, and, as in Google's propagator, any
//     other digit is accept (OpenCensus read only the lowest bit, so it
//     took "o=2" as not sampled); it is written back as "o=1".
//   - An all-zero trace id and a span id of 0 are invalid, as in Google's
//     propagator, and so is a span id beyond 18446744073709551615.
//   - Leading zeros in the span id are accepted (up to 20 digits in all)
//     and not written back: the canonical span id is the plain decimal.
//   - Debug is written as "o=1", since the header cannot say more.
//   - Google's trace ids are not known to meet the W3C random-flag rules,
//     so extraction leaves the random flag clear.
//
// # Errors
//
// Every error is a *tracewire.ParseError for "x-cloud-trace-context" whose
// offset indexes the value as passed (before trimming):
//
//	ErrEmpty         nothing but spaces and tabs (Propagator: absent, no error)
//	ErrTraceID       a trace id byte that is not a lowercase hex digit
//	ErrLength        a trace id cut short (by the end, "/" or ";") or too
//	                 long, or a span id of more than 20 digits (at the 21st)
//	ErrZeroTraceID   an all-zero trace id, at its start
//	ErrMissingField  a trace id with nothing after it, at its end
//	ErrDelimiter     a byte other than "/" after the trace id
//	ErrSpanID        an empty span id, a byte that ends it other than ";",
//	                 or the digit at which it overflows 64 bits
//	ErrZeroSpanID    a span id of 0, at its start
//	ErrFlags         ";" not followed by "o="
//	ErrSampling      an option that is missing or not a digit
//	ErrTrailingData  anything after the one option digit
package cloudtrace
