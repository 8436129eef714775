// Package datadog reads and writes Datadog's trace-context headers,
// x-datadog-trace-id, x-datadog-parent-id, x-datadog-sampling-priority,
// x-datadog-origin and x-datadog-tags, and the dd= member Datadog keeps in
// W3C tracestate.
//
// Datadog carries ids in decimal: the trace id header holds the low 64
// bits of the trace id, and the _dd.p.tid tag the high 64 bits in hex:
//
//	x-datadog-trace-id: 11803532876627986230
//	x-datadog-parent-id: 67667974448284343
//	x-datadog-sampling-priority: 2
//	x-datadog-origin: rum
//	x-datadog-tags: _dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6
//
// is trace 4bf92f3577b34da6a3ce929d0e0e4736, span 00f067aa0ba902b7.
//
// There is no single header, so the package's face is multi-header, as
// b3's x-b3-* face is: ParseHeaders and ExtractHeaders read the five
// values into Headers, a comparable value holding the span context and
// what a tracewire.SpanContext cannot hold (the exact priority, the origin
// and the tags); InjectHeaders writes them; NewHeaders makes them from a
// span context. Propagator moves span contexts, and keeps Headers in the
// context.Context between Extract and Inject, so what arrives leaves
// unchanged. ParseTraceStateMember, AppendTraceStateMember and
// Headers.AppendTraceStateMember read and write the dd= member, so that
// when tracecontext and datadog travel together each says what the other
// does. Parsing and extracting from a carrier.HTTPHeader or carrier.Map
// allocate nothing, on valid input and on invalid input whose error lies
// before offset 128, or 256 in the origin, the tags and the dd= member
// (see tracewire.ErrorTable).
//
// # Choices
//
// Where Datadog's tracers and documents are silent or disagree:
//
//   - The priority is kept exactly in Headers. A SpanContext holds a
//     decision only: -1 and 0 read as deny, 1 and 2 as accept, as
//     dd-trace-go maps them to a W3C or B3 flag. Going the other way,
//     deny is 0, accept 1, and debug 2 (a forced trace is a user's
//     decision; dd-trace-go sends 1 for B3 "d"). Only -1, 0, 1 and 2 are
//     valid; dd-trace-go accepts any integer.
//   - Ids may be negative decimals, read as two's complement, and may have
//     leading zeros, as dd-trace-go accepts; they are written unsigned,
//     without leading zeros. A "+" sign, spaces inside or a number past
//     64 bits is an error at the offending byte.
//   - A zero trace id is invalid, but a zero low half with a non-zero
//     _dd.p.tid is a valid 128-bit id (W3C allows it, and dd-trace-go
//     accepts it), so that every W3C trace id survives the round trip.
//   - A zero or missing parent id is invalid except with origin
//     "synthetics" (exactly; Datadog Synthetic tests start traces that
//     have no parent span). The span context then has the trace id, no
//     span id and the decision: it is not valid, but Headers and Inject
//     pass it on with parent id 0.
//   - Any Datadog header without x-datadog-trace-id is ErrMissingField on
//     that header; dd-trace-go treats it as nothing found. Datadog has no
//     decision-only form like B3's bare "0".
//   - Repeated lines of a singleton header: the first wins, as in B3
//     (dd-trace-go keeps the last). x-datadog-tags is a list: its lines
//     are joined with ",".
//   - The origin must be printable ASCII; tags must follow the grammar of
//     x-datadog-tags (keys printable ASCII but space, "=" and ","; values
//     printable ASCII but ","; neither empty; no key twice) and fit 512
//     bytes. A malformed origin, malformed tags or tags over 512 bytes are
//     reported and dropped whole, but cost neither the ids nor the
//     decision; a malformed _dd.p.tid (16 lowercase hex digits) is dropped
//     alone, leaving a 64-bit trace id. Tags whose keys lack the _dd.p.
//     prefix are passed on in x-datadog-tags, as dd-trace-go does, but
//     have no place in the dd= member.
//   - Tags are sent as they arrived while they still state the trace id;
//     otherwise _dd.p.tid is rewritten from the trace id, last. When
//     rebuilt tags would pass 512 bytes, only _dd.p.tid is sent: the high
//     half of the trace id is never dropped (dd-trace-go drops every tag).
//   - The dd= member: s: the priority, o: the origin, p: the last Datadog
//     span, t.{name} each _dd.p.{name} tag; at most 256 characters with
//     "dd=". When the W3C sampled flag and s: disagree, the flag wins: the
//     priority becomes 1 or 0, and _dd.p.dm becomes "-0" or is dropped,
//     as dd-trace-go does. The member is written without t.tid, which the
//     traceparent makes redundant (dd-trace-go writes it). A malformed
//     item is skipped and reported, a repeated key keeps its first value,
//     unknown keys are ignored, and a member over 256 characters is
//     dropped whole, as dd-trace-go drops it.
//   - W3C reparenting, where a traceparent and Datadog headers of one
//     trace name different parents, is for the composite propagator to
//     apply; LastParentID gives the span Datadog reports for it.
//   - Datadog has no W3C random-trace-id flag: extraction leaves it unset.
//     A trace id without _dd.p.tid is marked 64 bits wide, so B3 and
//     Jaeger send it 16 digits wide.
//
// # Errors
//
// Every error is a *tracewire.ParseError naming the header and the offset,
// in the value as received (before trimming), of the first byte that
// cannot belong to a valid value. Errors in a dd= member name "tracestate"
// and index the member's value.
package datadog
