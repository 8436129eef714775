package interop

// The kinds of disagreement. Each knownDivergences entry points at one;
// several inputs usually share it. Spec references are to SPEC.md
// (/work/shared/SPEC.md, the project's digest of the specifications).
var (
	rOWS = reason{
		Tracewire: "trims spaces and tabs around the value, then parses it",
		Peer:      "parses the value untrimmed, so it is invalid",
		Spec:      "SPEC §1 Surrounding whitespace (RFC 9110 §5.5; the W3C test suite requires accepting \"\\t 00-…-01 \\t\")",
		Why:       "OWS is not part of a field value; map, Kafka and gRPC carriers do not strip it, so the parser must",
	}

	rTPReservedFlags = reason{
		Tracewire: "accepts version 00 with reserved flag bits and drops them (writes 00-03)",
		Peer:      "rejects the header, restarting the trace",
		Spec:      "SPEC §2 Flags and §12 (grammar-valid; reserved bits are set to 0 by senders, receivers mask bits)",
		Why:       "the value matches the version-00 grammar; restarting a trace over a bit we do not understand loses the trace",
	}
	rTPTrailingDash = reason{
		Tracewire: "rejects: version 00 is exactly 55 bytes",
		Peer:      "accepts: it splits on \"-\" and ignores the empty fifth field",
		Spec:      "SPEC §2 (version 00 total length exactly 55; only versions above 00 may have more fields)",
		Why:       "the spec's fixed layout; a fifth field is only allowed from version 01 on",
	}
	rTPMultiLine = reason{
		Tracewire: "rejects more than one traceparent line (restart)",
		Peer:      "takes the first line",
		Spec:      "SPEC §1 Singleton headers (the W3C test suite restarts the trace on two traceparent lines)",
		Why:       "combined per RFC 9110 the value is invalid, and the W3C test suite checks it",
	}
	rTSLevel2 = reason{
		Tracewire: "accepts Level 2 keys (digit first, several or trailing \"@\", long tenant or system ids)",
		Peer:      "checks the Level 1 key grammar and drops the whole tracestate",
		Spec:      "SPEC §3 and §12 (keys like 1abc, a@b@c, foo@ are valid in Level 2); SPEC §8: tracecontext MUST follow Level 2",
		Why:       "the OpenTelemetry specification asks for Level 2; Level 1 keys remain available through TraceStateOptions.Level1",
	}
	rTSDuplicate = reason{
		Tracewire: "keeps the first occurrence of a repeated key and drops the later ones",
		Peer:      "rejects the whole tracestate",
		Spec:      "SPEC §3 (a=1,a=2: MAY drop duplicates; W3C harness keeps the first) and §12",
		Why:       "keeps the rest of the vendors' state instead of discarding everyone's over one repeated key",
	}
	rTSMultiLine = reason{
		Tracewire: "reads every tracestate line, in order, as one list",
		Peer:      "reads only the first tracestate line (carrier Get)",
		Spec:      "SPEC §1 List headers (tracestate lines MUST be combined per RFC 9110)",
		Why:       "the spec requires combining the lines; dropping later lines loses vendors' state",
	}
	rTSTruncate = reason{
		Tracewire: "injects the tracestate truncated by whole members to 512 bytes",
		Peer:      "injects the whole tracestate",
		Spec:      "SPEC §3 (cap 512, truncation order; W3C: propagate at least 512 characters)",
		Why:       "512 is what every participant must pass on; larger lists are cut in the spec's order rather than by a random hop",
	}
	rTSBlank = reason{
		Tracewire: "skips empty and whitespace-only members (a blank header is an empty list)",
		Peer:      "rejects the whole tracestate",
		Spec:      "SPEC §3 (`a=1,,  ,b=2` gives a=1, b=2); W3C: empty and whitespace-only list members are allowed",
		Why:       "the W3C text allows them explicitly",
	}

	rB3Parent = reason{
		Tracewire: "keeps the parent span id and sends it again (b3 4th field, x-b3-parentspanid)",
		Peer:      "validates the parent span id, then drops it",
		Spec:      "SPEC §6 (B3 carries ParentSpanId; OTel requirement: Inject MUST NOT send X-B3-ParentSpanId)",
		Why:       "a proxy re-injecting what it extracted must pass B3 through unchanged; the OTel rule is for SDKs starting a new span",
	}
	rB364 = reason{
		Tracewire: "sends a 64-bit trace id 16 digits wide again",
		Peer:      "pads it and sends 32 digits",
		Spec:      "SPEC §6 IDs and §10 (64- or 128-bit trace ids; left-pad to convert)",
		Why:       "byte-identical pass-through; a 64-bit-only downstream keeps working",
	}
	rB364Parent = reason{
		Tracewire: "sends a 64-bit trace id 16 digits wide and the parent span id again",
		Peer:      "sends 32 digits and drops the parent",
		Spec:      "SPEC §6 IDs, OTel requirements",
		Why:       "byte-identical pass-through (see the two rows above)",
	}
	rB3SamplingOnly = reason{
		Tracewire: "b3 holding only \"0\", \"1\" or \"d\" plus x-b3-* ids: the ids from the multi headers, the decision from b3",
		Peer:      "ignores the sampling-only b3 and takes ids and decision from the multi headers",
		Spec:      "SPEC §6 Precedence (the single header wins over the multi headers)",
		Why:       "the single header takes precedence, so its explicit decision wins, and the ids that only the multi headers carry are not thrown away",
	}
	rB3SamplingOnlyZipkin = reason{
		Tracewire: rB3SamplingOnly.Tracewire,
		Peer:      "returns the bare decision and ignores the x-b3-* ids",
		Spec:      rB3SamplingOnly.Spec,
		Why:       rB3SamplingOnly.Why,
	}
	rB3Delimiter = reason{
		Tracewire: "rejects a b3 value with a separator other than \"-\"",
		Peer:      "accepts it: it checks field lengths, not the separator bytes",
		Spec:      "SPEC §6 grammar (trace-id \"-\" span-id [\"-\" sampling-state [\"-\" parent-span-id]])",
		Why:       "the grammar; accepting any byte would let garbage pass as B3",
	}
	rB3Upper = reason{
		Tracewire: "rejects uppercase hex (as OpenTelemetry-Go does)",
		Peer:      "accepts uppercase hex (strconv.ParseUint)",
		Spec:      "SPEC §6 (LHEX: lower-hex) and §12",
		Why:       "the B3 grammar says lower-hex; we agree with OpenTelemetry-Go",
	}
	rB3MultiLength = reason{
		Tracewire: "rejects x-b3-traceid not 16 or 32 digits, x-b3-spanid not 16",
		Peer:      "accepts any 1–32 (trace) or 1–16 (span) hex digits and pads them",
		Spec:      "SPEC §6 multiple headers (X-B3-TraceId 16 or 32 LHEX, X-B3-SpanId 16 LHEX)",
		Why:       "the B3 grammar (OpenTelemetry-Go agrees); a truncated id is a broken sender, not a short id",
	}
	rB3DeferredParent = reason{
		Tracewire: "a deferred context with a parent injects b3 as {trace}-{span}, without the parent",
		Peer:      "injects b3 {trace}-{span}-{parent}, which is invalid B3",
		Spec:      "SPEC §6 (a parent without a sampling state is invalid)",
		Why:       "never emit a header that every parser must reject",
	}
	rB3ZeroHigh = reason{
		Tracewire: "a 32-digit trace id whose high half is zero goes out 32 digits again",
		Peer:      "sends 16 digits (it keeps no width, only High == 0)",
		Spec:      "SPEC §6 IDs, §10",
		Why:       "byte-identical pass-through: the sender chose 128-bit",
	}
	rB3ZeroIDs = reason{
		Tracewire: "rejects the whole header (all-zero trace or span id), so no decision survives",
		Peer:      "accepts the header with empty ids and keeps its sampling decision",
		Spec:      "SPEC §6 (B3 does not say whether all-zero ids are allowed; OTel treats them as invalid)",
		Why:       "a zero id is the \"no id\" value in every format; we agree with OpenTelemetry-Go",
	}
	rB3ZeroParent = reason{
		Tracewire: "rejects an all-zero parent span id",
		Peer:      "accepts it and sends it on",
		Spec:      "SPEC §6 (zero ids: B3 silent, OTel invalid)",
		Why:       "agrees with OpenTelemetry-Go; zero means \"no span\"",
	}
	rB3ZipkinPanic = reason{
		Tracewire: "returns an error (even beside a valid sampling-only x-b3-sampled: one ExtractFrom contract)",
		Peer:      "panics: slice bounds out of range in ParseSingleHeader (b3 of 33–48 bytes without \"-\" at 16)",
		Spec:      "SPEC §6 (valid single-header lengths are 1, 33/49, 35/51, 52/68)",
		Why:       "bad input must never panic (project rule); counted as a peer failure",
	}

	rJUpper = reason{
		Tracewire: "accepts uppercase hex, writes lowercase",
		Peer:      "rejects uppercase hex",
		Spec:      "SPEC §7 Case (Jaeger clients parse case-insensitively; Rec.: accept either case, emit lowercase)",
		Why:       "what Jaeger clients send and accept",
	}
	rJ64 = reason{
		Tracewire: "a trace id of at most 16 digits goes out 16 digits wide",
		Peer:      "always sends 32 digits",
		Spec:      "SPEC §7 Canonical output (Jaeger clients emit 16 digits when the high half is zero; both acceptable)",
		Why:       "byte-identical pass-through for 64-bit Jaeger deployments",
	}
	rJParent = reason{
		Tracewire: "keeps the parent span id and writes it again",
		Peer:      "writes parent \"0\"",
		Spec:      "SPEC §7 (parent-span-id deprecated; most clients ignore it but still send it)",
		Why:       "pass-through fidelity; a receiver that ignores it loses nothing",
	}
	rJParentInvalid = reason{
		Tracewire: "rejects an empty, non-hex or over-long (17+ digits) parent field",
		Peer:      "never looks at the parent field",
		Spec:      "SPEC §7 grammar (parent-span-id = 1*16HEXDIG)",
		Why:       "we keep and re-send the parent, so it must be valid; a malformed field means a broken sender",
	}
	rJURL = reason{
		Tracewire: "decodes a value whose colons arrive as %3A (either case)",
		Peer:      "rejects it (one field instead of four)",
		Spec:      "SPEC §7 URL-encoded form (OTel-Java and -JS decode; jaeger-client-go query-unescapes)",
		Why:       "some stacks URL-encode the value; the other major implementations decode it",
	}
	rJFlags = reason{
		Tracewire: "rejects flags that are empty, signed or longer than 2 hex digits",
		Peer:      "accepts them (an empty field as 0; strconv.ParseInt base 16 otherwise, so -1 is sampled and debug)",
		Spec:      "SPEC §7 grammar (flags = 1*2HEXDIG) and TC `T:S:0:100` invalid (Rec., as OTel-Java)",
		Why:       "the flags are one byte; anything else is a broken sender",
	}
	rJFirehose = reason{
		Tracewire: "keeps the firehose bit (0x08) and writes it again (8, 9, b)",
		Peer:      "drops firehose (and every bit but sampled and debug)",
		Spec:      "SPEC §7 Flags (0x08 firehose)",
		Why:       "the flag changes how Jaeger stores the trace; a proxy must not drop it",
	}

	rBagOverLimit = reason{
		Tracewire: "over 8192 bytes: drops whole members until the rest fits and keeps them",
		Peer:      "drops the whole baggage",
		Spec:      "SPEC §5 Limits (MAY drop whole members until both limits hold) and §12",
		Why:       "the spec allows dropping members, not the header; one oversized member should not cost every other one",
	}
	rBagMemberCap = reason{
		Tracewire: "keeps the first 64 members on the wire (duplicates count) and drops the rest",
		Peer:      "keeps 64 distinct keys; over several lines it drops a random one (map order)",
		Spec:      "SPEC §5 Limits (which members to drop is up to the implementation)",
		Why:       "deterministic: the same header always yields the same baggage",
	}
	rBagDuplicates = reason{
		Tracewire: "forwards every occurrence of a repeated key, in order (Get returns the last, as OTel does)",
		Peer:      "keeps only the last occurrence",
		Spec:      "SPEC §5 Duplicate keys (uniqueness not guaranteed; order of duplicates SHOULD be preserved; a received header SHOULD be forwarded)",
		Why:       "forward what arrived; lookups still follow OpenTelemetry's last-wins rule",
	}
	rBagEmptyProperty = reason{
		Tracewire: "drops a member with an empty property (\"k=v;\", \"k=v;;p\")",
		Peer:      "keeps the member and ignores the empty property",
		Spec:      "SPEC §5 grammar (property = key OWS \"=\" OWS value / key OWS; no empty property) and Invalid input (MAY drop the member)",
		Why:       "the member is outside the grammar; dropping just it is the spec's option and ours for every invalid member",
	}
)

// addDivergences merges a table kept in its own file into
// knownDivergences, from that file's init; an input listed twice is a bug.
func addDivergences(table string, m map[divKey]known) {
	for k, v := range m {
		if _, dup := knownDivergences[k]; dup {
			panic(table + " repeats " + k.Input)
		}
		knownDivergences[k] = v
	}
}

// knownDivergences is every disagreement between tracewire and a peer on
// the inputs of this package, keyed by format, peer and input (as
// input.key renders it), with the outcome fields that differ. The tests
// fail if a disagreement is missing here, if its fields change, or if an
// entry here no longer disagrees.
var knownDivergences = map[divKey]known{
	// b3 vs otel
	{"b3", "otel", "X-B3-TraceId: a3ce929d0e0e4736 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-Sampled: 0"}:                                                                     {"inject,inject_multi", &rB364},                    // multi 64-bit trace id
	{"b3", "otel", "b3: a3ce929d0e0e4736-e457b5a2e4d86bd1"}:                                                                                                                {"inject,inject_multi", &rB364},                    // single 64-bit trace id, deferred
	{"b3", "otel", "b3: a3ce929d0e0e4736-e457b5a2e4d86bd1-0"}:                                                                                                              {"inject,inject_multi", &rB364},                    // single 64-bit trace id, deny
	{"b3", "otel", "b3: a3ce929d0e0e4736-e457b5a2e4d86bd1-d"}:                                                                                                              {"inject,inject_multi", &rB364},                    // single 64-bit trace id, debug
	{"b3", "otel", "b3: a3ce92d90e0e4736-e457b5a2e4d86bd1-0"}:                                                                                                              {"inject,inject_multi", &rB364},                    // mutation (swap) of "single 64-bit trace id, deny"
	{"b3", "otel", "b3: a3ce929d0e0e4736-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"}:                                                                                             {"inject,inject_multi", &rB364Parent},              // single 64-bit trace id with parent
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1_05e3ac9a4f6e3b90"}:                                                                             {"valid", &rB3Delimiter},                           // single wrong delimiter after state
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1_1"}:                                                                                              {"valid", &rB3Delimiter},                           // single wrong delimiter after span id
	{"b3", "otel", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9a4f6e3b90 | X-B3-Sampled: 1"}:               {"inject,inject_multi", &rB3Parent},                // multi full
	{"b3", "otel", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9a4f6e3b90"}:                                 {"inject_multi", &rB3Parent},                       // multi parent, deferred
	{"b3", "otel", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9af46e3b90"}:                                 {"inject_multi", &rB3Parent},                       // mutation (swap) of "multi parent, deferred"
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-0-05e3ac9a4f6e3b90"}:                                                                             {"inject,inject_multi", &rB3Parent},                // single T-S-0-P
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"}:                                                                             {"inject,inject_multi", &rB3Parent},                // single T-S-1-P
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90"}:                                                                             {"inject,inject_multi", &rB3Parent},                // single T-S-d-P
	{"b3", "otel", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d-05e3ad9a4f6e3b90"}:                                                                             {"inject,inject_multi", &rB3Parent},                // mutation (replace) of "single T-S-d-P"
	{"b3", "otel", "b3: d | X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9a4f6e3b90"}:                         {"inject,inject_multi", &rB3Parent},                // b3 d with multi ids and parent
	{"b3", "otel", "b3: ffffffffffffffffffffffffffffffff-ffffffffffffffff-1-ffffffffffffffff"}:                                                                             {"inject,inject_multi", &rB3Parent},                // single all-f ids
	{"b3", "otel", "b3: 0 | X-B3-TraceId: 4bf92f3577b34da6a3ce929d0e0e4736 | X-B3-SpanId: 00f067aa0ba902b7 | X-B3-Sampled: 1"}:                                             {"sampling,inject,inject_multi", &rB3SamplingOnly}, // b3 0 with multi ids
	{"b3", "otel", "b3: 0 | X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-Sampled: 1 | X-B3-Flags: 1"}:                             {"sampling,inject,inject_multi", &rB3SamplingOnly}, // b3 0 over multi debug
	{"b3", "otel", "b3: 1 | X-B3-TraceId: a3ce929d0e0e4736 | X-B3-SpanId: e457b5a2e4d86bd1"}:                                                                               {"sampling,inject,inject_multi", &rB3SamplingOnly}, // b3 1 with 64-bit multi ids
	{"b3", "otel", "b3: 1 | x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7 | x-b3-spanid: e457b5a2e4d86bd1"}:                                                               {"sampling,inject,inject_multi", &rB3SamplingOnly}, // edge: sampling-only single and multi ids
	{"b3", "otel", "X-B3-TraceId:  80f198ee56343ba864fe8b2a57d3eff7\\t | X-B3-SpanId: \\te457b5a2e4d86bd1  | X-B3-ParentSpanId:  05e3ac9a4f6e3b90  | X-B3-Sampled:  1\\t"}: {"valid", &rOWS},                                   // multi OWS values
	{"b3", "otel", "b3:  80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1 "}:                                                                                            {"valid", &rOWS},                                   // edge: OWS around the single header
	{"b3", "otel", "b3:  \\t80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\\t "}:                                                                                      {"valid", &rOWS},                                   // single surrounding OWS
	{"b3", "otel", "b3:  \\t80f918ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\\t "}:                                                                                      {"valid", &rOWS},                                   // mutation (swap) of "single surrounding OWS"

	// b3 vs zipkin
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9a4f6e3b90"}:                                         {"inject", &rB3DeferredParent},        // multi parent, deferred
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9af46e3b90"}:                                         {"inject", &rB3DeferredParent},        // mutation (swap) of "multi parent, deferred"
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1_05e3ac9a4f6e3b90"}:                                                                                     {"valid", &rB3Delimiter},              // single wrong delimiter after state
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1_1"}:                                                                                                      {"valid", &rB3Delimiter},              // single wrong delimiter after span id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7_e457b5a2e4d86bd1-1"}:                                                                                                      {"valid", &rB3Delimiter},              // single wrong delimiter after trace id
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e45 | X-B3-Flags: 0"}:                                                                            {"valid", &rB3MultiLength},            // mutation (truncate) of "multi flags 0 ignored"
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2 | X-B3-Sampled: 1"}:                                                                     {"valid", &rB3MultiLength},            // multi 8-digit span id
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e57b5a2e4d86bd1"}:                                                                                {"valid", &rB3MultiLength},            // mutation (delete) of "multi ids deferred"
	{"b3", "zipkin", "X-B3-TraceId: a3ce929d0e0e4736 | X-B3-SpanId: e457b5a2e4d6bd1 | X-B3-Sampled: 0"}:                                                                              {"valid", &rB3MultiLength},            // mutation (delete) of "multi 64-bit trace id"
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-true | X-B3-TraceId: 4bf92f3577b34da6a3c929d0e0e4736 | X-B3-SpanId: 00f067aa0ba902b7 | X-B3-Sampled: 1"}: {"valid", &rB3MultiLength},            // mutation (delete) of "invalid b3 falls back to multi"
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-true | X-B3-TraceId: 4bf92f577b34da6a3ce929d0e0e4736 | X-B3-SpanId: 00f067aa0ba902b7 | X-B3-Sampled: 1"}: {"valid", &rB3MultiLength},            // mutation (delete) of "invalid b3 falls back to multi"
	{"b3", "zipkin", "x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7 | x-b3-spanid: 1"}:                                                                                              {"valid", &rB3MultiLength},            // edge: short multi span id
	{"b3", "zipkin", "x-b3-traceid: abc | x-b3-spanid: e457b5a2e4d86bd1"}:                                                                                                            {"valid", &rB3MultiLength},            // edge: short multi trace id
	{"b3", "zipkin", "b3: 0 | X-B3-TraceId: 4bf92f3577b34da6a3ce929d0e0e4736 | X-B3-SpanId: 00f067aa0ba902b7 | X-B3-Sampled: 1"}:                                                     {"valid", &rB3SamplingOnlyZipkin},     // b3 0 with multi ids
	{"b3", "zipkin", "b3: 0 | X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-Sampled: 1 | X-B3-Flags: 1"}:                                     {"valid", &rB3SamplingOnlyZipkin},     // b3 0 over multi debug
	{"b3", "zipkin", "b3: 1 | X-B3-TraceId: a3ce929d0e0e4736 | X-B3-SpanId: e457b5a2e4d86bd1"}:                                                                                       {"valid", &rB3SamplingOnlyZipkin},     // b3 1 with 64-bit multi ids
	{"b3", "zipkin", "b3: 1 | x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7 | x-b3-spanid: e457b5a2e4d86bd1"}:                                                                       {"valid", &rB3SamplingOnlyZipkin},     // edge: sampling-only single and multi ids
	{"b3", "zipkin", "b3: d | X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05e3ac9a4f6e3b90"}:                                 {"valid", &rB3SamplingOnlyZipkin},     // b3 d with multi ids and parent
	{"b3", "zipkin", "X-B3-TraceId: 80F198EE56343BA864FE8B2A57D3EFF7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-Sampled: 1"}:                                                             {"valid", &rB3Upper},                  // multi uppercase trace id
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-ParentSpanId: 05E3AC9A4F6E3B90 | X-B3-Sampled: 1"}:                       {"valid", &rB3Upper},                  // multi uppercase parent id
	{"b3", "zipkin", "b3: 80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1"}:                                                                                                      {"valid", &rB3Upper},                  // single uppercase trace id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-E457B5A2E4D86BD1-1"}:                                                                                                      {"valid", &rB3Upper},                  // single uppercase span id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05E3AC9A4F6E3B90"}:                                                                                     {"valid", &rB3Upper},                  // single uppercase parent id
	{"b3", "zipkin", "b3: a3ce929d0e0e4736-e457b5a2e4d86bD1-d"}:                                                                                                                      {"valid", &rB3Upper},                  // mutation (replace) of "single 64-bit trace id, debug"
	{"b3", "zipkin", "x-b3-traceid: 80F198EE56343BA864FE8B2A57D3EFF7 | x-b3-spanid: E457B5A2E4D86BD1"}:                                                                               {"valid", &rB3Upper},                  // edge: uppercase multi ids
	{"b3", "zipkin", "b3: 0000000000000000a3ce929d0e0e4736-e457b5a2e4d86bd1-1"}:                                                                                                      {"inject,inject_multi", &rB3ZeroHigh}, // single 32-digit trace id with zero high half
	{"b3", "zipkin", "X-B3-TraceId: 00000000000000000000000000000000 | X-B3-SpanId: e457b5a2e4d86bd1 | X-B3-Sampled: 1"}:                                                             {"decision", &rB3ZeroIDs},             // multi zero trace id
	{"b3", "zipkin", "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7 | X-B3-SpanId: 0000000000000000 | X-B3-Sampled: 1"}:                                                             {"decision", &rB3ZeroIDs},             // multi zero span id
	{"b3", "zipkin", "b3: 0000000000000000-e457b5a2e4d86bd1-1"}:                                                                                                                      {"decision", &rB3ZeroIDs},             // single zero 64-bit trace id
	{"b3", "zipkin", "b3: 00000000000000000000000000000000-0000000000000000-1"}:                                                                                                      {"decision", &rB3ZeroIDs},             // edge: zero ids in the single header
	{"b3", "zipkin", "b3: 00000000000000000000000000000000-e457b5a2e4d86bd1-1"}:                                                                                                      {"decision", &rB3ZeroIDs},             // single zero trace id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-0000000000000000-1"}:                                                                                                      {"decision", &rB3ZeroIDs},             // single zero span id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-0000000000000000"}:                                                                                     {"valid", &rB3ZeroParent},             // single zero parent id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7- | X-B3-Sampled: 0"}:                                                                                                      {"panic", &rB3ZipkinPanic},            // invalid b3 with sampling-only multi
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-"}:                                                                                                                        {"panic", &rB3ZipkinPanic},            // single trace id and dash
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a"}:                                                                                                                 {"panic", &rB3ZipkinPanic},            // edge: 40 bytes without a dash at 16 (zipkin-go slices past the end)
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2"}:                                                                                                                {"panic", &rB3ZipkinPanic},            // single 128-bit trace id, 8-digit span id
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2-1"}:                                                                                                              {"panic", &rB3ZipkinPanic},            // single short span id then state
	{"b3", "zipkin", "b3: 80f198ee56343ba864fe8b2a57d3eff7-e45b5a2e4d86bd1"}:                                                                                                         {"panic", &rB3ZipkinPanic},            // mutation (delete) of "single T-S deferred"
	{"b3", "zipkin", "X-B3-TraceId:  80f198ee56343ba864fe8b2a57d3eff7\\t | X-B3-SpanId: \\te457b5a2e4d86bd1  | X-B3-ParentSpanId:  05e3ac9a4f6e3b90  | X-B3-Sampled:  1\\t"}:         {"valid", &rOWS},                      // multi OWS values
	{"b3", "zipkin", "b3:  0 "}: {"decision", &rOWS}, // single sampling-only with OWS
	{"b3", "zipkin", "b3:  80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1 "}:       {"valid", &rOWS}, // edge: OWS around the single header
	{"b3", "zipkin", "b3:  \\t80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\\t "}: {"valid", &rOWS}, // single surrounding OWS
	{"b3", "zipkin", "b3:  \\t80f918ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1\\t "}: {"valid", &rOWS}, // mutation (swap) of "single surrounding OWS"

	// baggage vs otel
	{"baggage", "otel", "baggage: A=1,B=2,A=3"}:        {"inject", &rBagDuplicates},            // mutation (upper) of "delete removes every duplicate"
	{"baggage", "otel", "baggage: K=1,K=2"}:            {"inject", &rBagDuplicates},            // mutation (upper) of "duplicate keys"
	{"baggage", "otel", "baggage: a=1,b=2,a=3"}:        {"inject", &rBagDuplicates},            // delete removes every duplicate
	{"baggage", "otel", "baggage: b=2;p, a=1, b=3"}:    {"inject", &rBagDuplicates},            // duplicates with another key between
	{"baggage", "otel", "baggage: k=1 | baggage: k=2"}: {"inject", &rBagDuplicates},            // edge: duplicate keys over two lines
	{"baggage", "otel", "baggage: k=1,k=2"}:            {"inject", &rBagDuplicates},            // duplicate keys
	{"baggage", "otel", "baggage: k=1,x=0,k=2"}:        {"inject", &rBagDuplicates},            // set collapses duplicates
	{"baggage", "otel", "baggage: k=p;"}:               {"baggage,inject", &rBagEmptyProperty}, // mutation (swap) of "empty value then property"
	{"baggage", "otel", "baggage: k=v;"}:               {"baggage,inject", &rBagEmptyProperty}, // trailing semicolon
	{"baggage", "otel", "baggage: k=v;;p"}:             {"baggage,inject", &rBagEmptyProperty}, // double semicolon
	{"baggage", "otel", "baggage: k0=v,k1=v,k2=v,k3=v,k4=v,k5=v,k6=v,k7=v,k8=v,k9=v,k10=v,k11=v,k12=v,k13=v,k14=v,k15=v,k16=v…(410 bytes, fnv 5bcf0d4b)"}:   {"baggage,inject", &rBagMemberCap}, // 65 members over three lines
	{"baggage", "otel", "baggage: k0=v,k1=v,k2=v,k3=v,k4=v,k5=v,k6=v,k7=v,k8=v,k9=v,k10=v,k11=v,k12=v,k13=v,k14=v,k15=v,k16=v…(632 bytes, fnv 051c4750)"}:   {"baggage,inject", &rBagMemberCap}, // mutation (repeat) of "65 members"
	{"baggage", "otel", "baggage: A=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…(8518 bytes, fnv 417f5ad5)"}:  {"baggage,inject", &rBagOverLimit}, // mutation (upper) of "later short member still fits"
	{"baggage", "otel", "baggage: K=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…(8206 bytes, fnv f6d35bfc)"}:  {"baggage,inject", &rBagOverLimit}, // mutation (upper) of "single member of 8193 bytes"
	{"baggage", "otel", "baggage: a=1,b=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(8202 bytes, fnv 48b67953)"}:  {"baggage,inject", &rBagOverLimit}, // edge: 8193 bytes
	{"baggage", "otel", "baggage: a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(12437 bytes, fnv 125b06ef)"}: {"baggage,inject", &rBagOverLimit}, // mutation (repeat) of "8192 bytes exceeded"
	{"baggage", "otel", "baggage: a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(8217 bytes, fnv 173bb542)"}:  {"baggage,inject", &rBagOverLimit}, // 8192 bytes exceeded
	{"baggage", "otel", "baggage: a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(8518 bytes, fnv 59fe92f5)"}:  {"baggage,inject", &rBagOverLimit}, // later short member still fits
	{"baggage", "otel", "baggage: k=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(8206 bytes, fnv 20b389dc)"}:  {"baggage,inject", &rBagOverLimit}, // single member of 8193 bytes
	{"baggage", "otel", "baggage: k=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(9011 bytes, fnv a7976def)"}:  {"baggage,inject", &rBagOverLimit}, // mutation (replace) of "max_size raised"

	// jaeger vs otel
	{"jaeger", "otel", "uber-trace-id: 1:2:0:0"}:                                                               {"inject", &rJ64},           // one-digit ids
	{"jaeger", "otel", "uber-trace-id: a3ce929d0e0e4736:00f067aa0ba902b7:0:01"}:                                {"inject", &rJ64},           // 64-bit trace id, two flag digits
	{"jaeger", "otel", "uber-trace-id: a3ce929d0e0e4736:00f067aa0ba912b7:0:01"}:                                {"inject", &rJ64},           // mutation (replace) of "64-bit trace id, two flag digits"
	{"jaeger", "otel", "uber-trace-id: 4bf2f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:b"}:                  {"inject", &rJFirehose},     // mutation (delete) of "flags b firehose debug"
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:0B"}:                {"inject", &rJFirehose},     // flags 0B two digits uppercase
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:8"}:                 {"inject", &rJFirehose},     // flags 8 firehose only
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:9"}:                 {"inject", &rJFirehose},     // flags 9 firehose sampled
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:a"}:                 {"inject", &rJFirehose},     // flags a hex
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:b"}:                 {"inject", &rJFirehose},     // flags b firehose debug
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:ff"}:                {"inject", &rJFirehose},     // flags ff
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e7436:00f067aa0ba902b7:0:9"}:                 {"inject", &rJFirehose},     // mutation (swap) of "flags 9 firehose sampled"
	{"jaeger", "otel", "uber-trace-id: 4bf9f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:a"}:                  {"inject", &rJFirehose},     // mutation (delete) of "flags a hex"
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:"}:                  {"valid", &rJFlags},         // flags empty
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:-1"}:                {"valid", &rJFlags},         // flags negative
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:001"}:               {"valid", &rJFlags},         // edge: three-digit flags
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:100"}:               {"valid", &rJFlags},         // flags 100 three digits
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e436:00f067aa0ba902b7:0102030405060708:1"}:   {"inject", &rJParent},       // mutation (delete) of "parent span id kept"
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0000050000000000:1"}:  {"inject", &rJParent},       // mutation (replace) of "zero parent full width"
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0102030405060708:1"}:  {"inject", &rJParent},       // parent span id kept
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:05e3ac9a4f6e3b90:1"}:  {"inject", &rJParent},       // edge: parent span id
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:ab:1:1"}:                               {"inject", &rJParent},       // short span and parent
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:00102030405060708:1"}: {"valid", &rJParentInvalid}, // parent 17 digits
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7::1"}:                  {"valid", &rJParentInvalid}, // empty parent
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:xyz:1"}:               {"valid", &rJParentInvalid}, // parent non-hex
	{"jaeger", "otel", "uber-trace-id: 3ce929d0e0e4736%3a00f067aa0ba902b7%3a0%3a3"}:                            {"valid", &rJURL},           // mutation (delete) of "url-encoded colons %3a lowercase"
	{"jaeger", "otel", "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1"}:           {"valid", &rJURL},           // url-encoded colons %3A
	{"jaeger", "otel", "uber-trace-id: a3ce929d0e0e4736%3a00f067aa0ba902b7%3a0%3a3"}:                           {"valid", &rJURL},           // url-encoded colons %3a lowercase
	{"jaeger", "otel", "uber-trace-id: 0000000000000000a3ce929dEe0e4736:00f067aa0ba902b7:0:1"}:                 {"valid", &rJUpper},         // mutation (replace) of "32-digit trace with zero high half"
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:000F67AA0BA902B7:0:1"}:                 {"valid", &rJUpper},         // mutation (swap) of "uppercase hex"
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA02B7:0:1"}:                  {"valid", &rJUpper},         // mutation (delete) of "uppercase hex"
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0:00"}:                {"valid", &rJUpper},         // mutation (upper) of "flags 00"
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0:1"}:                 {"valid", &rJUpper},         // uppercase hex
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0:5"}:                 {"valid", &rJUpper},         // mutation (upper) of "flags 5 unused bit"
	{"jaeger", "otel", "uber-trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0:B"}:                 {"valid", &rJUpper},         // mutation (upper) of "flags b firehose debug"
	{"jaeger", "otel", "uber-trace-id: FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:ffffffffffffffff:FFFFFFFFFFFFFFFF:1"}:  {"valid", &rJUpper},         // all f ids
	{"jaeger", "otel", "uber-trace-id:  4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1\\t"}:             {"valid", &rOWS},            // edge: OWS
	{"jaeger", "otel", "uber-trace-id: \\t 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1 \\t"}:         {"valid", &rOWS},            // surrounding OWS
	{"jaeger", "otel", "uber-trace-id: \\t 4bf92f3577b34da6a3e929d0e0e4736:00f067aa0ba902b7:0:1 \\t"}:          {"valid", &rOWS},            // mutation (delete) of "surrounding OWS"

	// traceparent vs otel
	{"traceparent", "otel", "traceparent:    00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}:                                                                                       {"valid", &rOWS},                     // OWS leading only
	{"traceparent", "otel", "traceparent:  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\\t"}:                                                                                      {"valid", &rOWS},                     // OWS around
	{"traceparent", "otel", "traceparent:  99-4bf92f3577b34da6a3ce929d0e0e4376-00f067aa0ba902b7-00-x\\t"}:                                                                                    {"valid", &rOWS},                     // mutation (swap) of "future version OWS"
	{"traceparent", "otel", "traceparent:  99-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-3\\t"}:                                                                                    {"valid", &rOWS},                     // mutation (replace) of "future version OWS"
	{"traceparent", "otel", "traceparent:  99-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-x\\t"}:                                                                                    {"valid", &rOWS},                     // future version OWS
	{"traceparent", "otel", "traceparent: \\t 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 \\t"}:                                                                                  {"valid", &rOWS},                     // OWS mixed
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: a=1"}: {"valid", &rTPMultiLine},             // two identical traceparent lines
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}:                   {"valid", &rTPMultiLine},             // edge: two traceparent lines
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01"}:                   {"valid", &rTPMultiLine},             // two traceparent lines
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09"}:                                                                                          {"valid", &rTPReservedFlags},         // reserved bits 09
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0a"}:                                                                                          {"valid", &rTPReservedFlags},         // reserved bits 0a
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-fc"}:                                                                                          {"valid", &rTPReservedFlags},         // reserved bits fc
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff"}:                                                                                          {"valid", &rTPReservedFlags},         // reserved bits ff
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00fc67aa0ba902b7-ff"}:                                                                                          {"valid", &rTPReservedFlags},         // mutation (replace) of "reserved bits ff"
	{"traceparent", "otel", "traceparent: 00-4fb92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-fc"}:                                                                                          {"valid", &rTPReservedFlags},         // mutation (swap) of "reserved bits fc"
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-"}:                                                                                         {"valid", &rTPTrailingDash},          // trailing dash
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: a=1,a=2"}:                                                                    {"tracestate,inject", &rTSDuplicate}, // tracestate duplicate key
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: a=1,b=2,a=3"}:                                                                {"tracestate,inject", &rTSDuplicate}, // edge: tracestate duplicate key
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: 1abc=x,a@b@c=1"}:                                                             {"tracestate,inject", &rTSLevel2},    // edge: tracestate Level 2 keys
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03 | tracestate: 1abc=x"}:                                                                     {"tracestate,inject", &rTSLevel2},    // level 1 tracestate key
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: rojo=00f067aa0ba902b7 | tracestate: congo=t61rcWkgMzE"}:                      {"tracestate,inject", &rTSMultiLine}, // edge: tracestate over two lines
	{"traceparent", "otel", "tracestate: a=1,b=2 | traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate:  | tracestate: c=3"}:                                   {"tracestate,inject", &rTSMultiLine}, // tracestate lines joined
	{"traceparent", "otel", "tracestate: a=1,b=2 | traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate:  | tracestate: ec=3"}:                                  {"tracestate,inject", &rTSMultiLine}, // mutation (insert) of "tracestate lines joined"
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: a=xxxxxxxxxxxxxxx…(604 bytes, fnv cd24bdb3)"}:                                {"inject", &rTSTruncate},             // edge: tracestate longer than 512 bytes
	{"traceparent", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: k1=aaaaaaaaaaaaaa…(645 bytes, fnv 7eac2c2f)"}:                                {"inject", &rTSTruncate},             // tracestate truncated to 512

	// tracestate vs otel
	{"tracestate", "otel", "tracestate:  , \\t ,"}:           {"valid", &rTSBlank}, // blank header
	{"tracestate", "otel", "tracestate:  ,a=1"}:              {"valid", &rTSBlank}, // leading blank member
	{"tracestate", "otel", "tracestate:  ,a=11"}:             {"valid", &rTSBlank}, // mutation (repeat) of "leading blank member"
	{"tracestate", "otel", "tracestate:  a=1 ,, \\t,b=2\\t"}: {"valid", &rTSBlank}, // edge: OWS and empty members
	{"tracestate", "otel", "tracestate: a=1,,  ,b=2"}:        {"valid", &rTSBlank}, // blank members
	{"tracestate", "otel", "tracestate: k0=v0, ,k1=v1, ,k2=v2, ,k3=v3, ,k4=v4, ,k5=v5, ,k6=v6, ,k7=v7, ,k8=v8, ,k9=v9, ,k10=v10,…(311 bytes, fnv 6df8fa55)"}: {"valid", &rTSBlank}, // 32 members and blank members
	{"tracestate", "otel", "tracestate: a=1 | tracestate: a=2,"}:    {"valid", &rTSDuplicate}, // mutation (truncate) of "duplicate key across lines"
	{"tracestate", "otel", "tracestate: a=1 | tracestate: a=2,b=3"}: {"valid", &rTSDuplicate}, // duplicate key across lines
	{"tracestate", "otel", "tracestate: a=1*,a=2"}:                  {"valid", &rTSDuplicate}, // mutation (insert) of "duplicate key"
	{"tracestate", "otel", "tracestate: a=1,a=2"}:                   {"valid", &rTSDuplicate}, // duplicate key
	{"tracestate", "otel", "tracestate: a=1,b=2,a=3"}:               {"valid", &rTSDuplicate}, // insert over duplicates
	{"tracestate", "otel", "tracestate: 1abc=x"}:                    {"valid", &rTSLevel2},    // level2 key 1abc
	{"tracestate", "otel", "tracestate: 1abc=x,a@b@c=1"}:            {"valid", &rTSLevel2},    // edge: Level 2 keys
	{"tracestate", "otel", "tracestate: 1abc=x,rojo=1"}:             {"valid", &rTSLevel2},    // lenient level1
	{"tracestate", "otel", "tracestate: 1bac=x"}:                    {"valid", &rTSLevel2},    // mutation (swap) of "level2 key 1abc"
	{"tracestate", "otel", "tracestate: a@b@c=1"}:                   {"valid", &rTSLevel2},    // level2 key a@b@c
	{"tracestate", "otel", "tracestate: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…(258 bytes, fnv 31f8537f)"}: {"valid", &rTSLevel2}, // mutation (replace) of "level2 long tenant"
	{"tracestate", "otel", "tracestate: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…(258 bytes, fnv b5ad9288)"}: {"valid", &rTSLevel2}, // level1 tenant too long
	{"tracestate", "otel", "tracestate: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…(259 bytes, fnv 29ec5568)"}: {"valid", &rTSLevel2}, // mutation (insert) of "level2 long tenant"
	{"tracestate", "otel", "tracestate: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…(259 bytes, fnv 5c07ad78)"}: {"valid", &rTSLevel2}, // mutation (insert) of "level2 long tenant"
	{"tracestate", "otel", "tracestate: foo@=1"}:              {"valid", &rTSLevel2}, // level2 key foo@
	{"tracestate", "otel", "tracestate: t@1sys=x"}:            {"valid", &rTSLevel2}, // level1 system starting with digit
	{"tracestate", "otel", "tracestate: t@sys1234567890ab=x"}: {"valid", &rTSLevel2}, // level2 key t@sys1234567890ab
}
