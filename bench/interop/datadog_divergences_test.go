package interop

// The disagreements with dd-trace-go's datadog propagator, kept apart from
// the other tables and merged into knownDivergences by init.

var (
	rDDOWS = reason{
		Tracewire: "trims spaces and tabs around every value, then parses it",
		Peer:      "parses values untrimmed: an id or priority with a space or tab is corrupt (no context), an origin keeps them and sends them on",
		Spec:      "SPEC §1 Surrounding whitespace (HTTP parsers strip OWS; map carriers may not)",
		Why:       "OWS is not part of a field value; Go's net/http strips it, so only a map or gRPC carrier shows the difference",
	}
	rDDEmpty = reason{
		Tracewire: "reads an empty x-datadog-sampling-priority as absent: the context continues without a priority",
		Peer:      "fails strconv.Atoi(\"\") and reports the whole context corrupt",
		Spec:      "SPEC §1 Empty value (for singletons, treat it as absent)",
		Why:       "an empty header states nothing; losing the ids over it restarts the trace",
	}
	rDDPriorityRange = reason{
		Tracewire: "rejects a priority other than -1, 0, 1 or 2 (no context)",
		Peer:      "accepts any integer (strconv.Atoi), keeps it and sends it on",
		Spec:      "SPEC §9.4 (priority: -1 user reject, 0 auto reject, 1 auto keep, 2 user keep)",
		Why:       "Datadog defines four priorities and no tracer sends another; a fifth one has no meaning downstream (package doc, vector choice \"strict\")",
	}
	rDDPrioritySpelling = reason{
		Tracewire: "rejects a priority written with a sign or leading zeros (\"+1\", \"01\", \"-01\")",
		Peer:      "reads it as the integer (strconv.Atoi) and sends it canonically",
		Spec:      "SPEC §9.4 (the priority is one of -1, 0, 1, 2)",
		Why:       "no tracer writes these spellings; a value that is not one of the four is a broken sender (package doc, vector choice \"strict\")",
	}
	rDDRepeat = reason{
		Tracewire: "a repeated singleton header (trace id, parent id, priority, origin): the first line wins",
		Peer:      "the last line wins (its ForeachKey visits every line)",
		Spec:      "SPEC §1 Singleton headers (x-datadog-* but x-datadog-tags; first value wins, OTel Getter.Get returns the first)",
		Why:       "what carriers' Get, B3 and every other format here do; a header two readers read differently is how requests are smuggled past a proxy",
	}
	rDDTagsLines = reason{
		Tracewire: "joins the lines of x-datadog-tags with \",\" and reads them as one list",
		Peer:      "each line replaces the tags of the one before: only the last line counts",
		Spec:      "SPEC §1 Singleton headers (x-datadog-tags is itself a comma list) and List headers (combine lines per RFC 9110)",
		Why:       "RFC 9110 allows a list header to be split over lines; reading only the last loses tags, _dd.p.tid among them",
	}
	rDDTagsDuplicate = reason{
		Tracewire: "tags with a key given twice are malformed: dropped whole (with their _dd.p.tid) and reported; ids and priority survive",
		Peer:      "reads them into a map: the last value of the key wins",
		Spec:      "SPEC §9.4 x-datadog-tags (silent on repeated keys)",
		Why:       "which value counts is ambiguous; the package drops malformed tags whole, as dd-trace-go drops tags it cannot decode",
	}
	rDDTagsGrammar = reason{
		Tracewire: "tags with a key outside the grammar (a space after a comma starts the next key) are dropped whole and reported",
		Peer:      "splits on \",\" and \"=\" without checking keys, then drops only the bad tag when injecting (isValidPropagatableTag)",
		Spec:      "SPEC §9.4 x-datadog-tags (key characters: printable ASCII except SP, \"=\", \",\")",
		Why:       "the grammar is checked where the header is read, with dd-trace-go's own rule for tags it cannot decode: drop them whole",
	}
	rDDDecisionMaker = reason{
		Tracewire: "keeps _dd.p.dm beside a priority of 0 or -1 and sends the tags as they arrived",
		Peer:      "deletes _dd.p.dm when it reads the priority after the tags, keeps it when it reads the priority first: with an http.Header, map order decides",
		Spec:      "SPEC §9.4 (silent; _dd.p.dm is the decision maker); dd-trace-go's setSamplingPriority unsets _dd.p.dm for priorities ≤ 0",
		Why:       "the same headers must always give the same result; a proxy passes on the decision maker it received (their deviation: order-dependent)",
	}
	rDDOriginASCII = reason{
		Tracewire: "drops an origin with a byte outside printable ASCII (reported); ids and priority survive",
		Peer:      "keeps the bytes and sends them on",
		Spec:      "SPEC §1 OTel carrier API (keys and values MUST be HTTP-valid US-ASCII)",
		Why:       "a header value we write must be ASCII; an origin only labels the trace, so it is dropped alone (vector choice)",
	}
	rDDSynthetics = reason{
		Tracewire: "a Synthetics context without a parent span is passed on: x-datadog-parent-id 0 with the origin, priority and tags",
		Peer:      "extracts it but injects nothing (a span context without a span id is invalid for its injector)",
		Spec:      "SPEC §9.4 Validity (parent id 0 allowed with origin synthetics)",
		Why:       "dd-trace-go injects only its own spans, which always have an id; a proxy has no span of its own, and dropping the headers loses the Synthetic test's trace",
	}

	// datadog and tracecontext together (tracewire: Composite of Datadog
	// and TraceContext under Reparent; dd-trace-go: "datadog,tracecontext").
	rDDTPUpper = reason{
		Tracewire: "rejects a traceparent with uppercase hex (no context, as the headers hold nothing else)",
		Peer:      "accepts uppercase hex and writes it lowercase",
		Spec:      "SPEC §2 grammar (trace-id, parent-id, trace-flags: HEXDIGLC); the W3C test suite rejects uppercase",
		Why:       "the spec's grammar and its test suite; OpenTelemetry-Go agrees with tracewire",
	}
	rDDTSInvalid = reason{
		Tracewire: "discards a received tracestate with a member outside the grammar (\"dd\" without \"=\", a key with \":\"), keeping only the dd= member it writes",
		Peer:      "keeps the members it does not parse and sends them on",
		Spec:      "SPEC §3 Invalid input (the strict W3C suite expects the whole header discarded; Rec.: strict by default)",
		Why:       "forwarding a tracestate that every strict receiver discards costs the other vendors' members downstream anyway",
	}
	rDDTSLines = reason{
		Tracewire: "reads every tracestate line, in order, as one list",
		Peer:      "reads only the last tracestate line",
		Spec:      "SPEC §1 List headers (tracestate lines MUST be combined per RFC 9110)",
		Why:       "the spec requires combining the lines; here the dd= member on the second line survives in both, but rojo on the first does not in dd-trace-go",
	}
	rDDMemberBadP = reason{
		Tracewire: "skips a dd= p: that is not 16 lowercase hex digits (reported) and writes p: as if it were absent",
		Peer:      "copies the p: value as received into the member it sends",
		Spec:      "SPEC §9.6 (p:<16 lowercase hex>)",
		Why:       "a malformed last-parent id cannot name a span; passing it on makes the next Datadog tracer record garbage as _dd.parent_id",
	}
	rDDMemberBadS = reason{
		Tracewire: "skips a dd= s: outside -1..2 (reported) and takes the decision of the traceparent flag (priority 1 or 0)",
		Peer:      "takes any integer s: that agrees with the flag (s:5 on a sampled traceparent is priority 5) and sends it on",
		Spec:      "SPEC §9.4 (priorities -1, 0, 1, 2) and §9.6 (the flag wins when s: disagrees)",
		Why:       "as for x-datadog-sampling-priority: Datadog defines four priorities (vector choice \"strict\")",
	}
	rDDMemberNoS = reason{
		Tracewire: "a context without a priority (no x-datadog-sampling-priority) writes a dd= member without s: beside traceparent flag 00",
		Peer:      "writes s:0",
		Spec:      "SPEC §9.6 (silent on a missing priority)",
		Why:       "no decision was made, and s:0 would claim the automatic sampler dropped the trace; the flag 00 already tells a W3C reader not sampled, and a Datadog reader takes that",
	}
	rDDSyntheticsReparent = reason{
		Tracewire: "a Synthetics context without a parent span beside a traceparent of its trace: continues from the traceparent, p: the span it sends",
		Peer:      "reparents: continues from the traceparent and records the Datadog parent 0 as p:0000000000000000",
		Spec:      "SPEC §9.4 Validity (parent 0 with origin synthetics) and §9.6 p: (the last Datadog span); datadog.LastParentID needs a Datadog context with a span",
		Why:       "tracewire's documented rule takes p: from a Datadog span, and here there is none; dd-trace-go's p:0000000000000000 (\"no Datadog span\") is arguably the more faithful record: open for review",
	}
	rDDMemberTid = reason{
		Tracewire: "writes the dd= member without t.tid (compared on one input; evened out on the others)",
		Peer:      "restates the high half of the trace id as t.tid",
		Spec:      "SPEC §9.6 (t.<tag> for each _dd.p.* tag); W3C tracestate cap 512 bytes",
		Why:       "the traceparent beside it carries the whole trace id; 21 bytes of the 256 a dd= member may take are better left to other tags (package doc)",
	}
	rDDMemberP = reason{
		Tracewire: "passing on a context that arrived with a traceparent and was not reparented, writes p: the span it sends (compared on one input; evened out on the others)",
		Peer:      "writes no p: for such a remote context (only its own spans and a reparented context get one)",
		Spec:      "SPEC §9.6 (p: the last Datadog span seen)",
		Why:       "documented choice (datadog.Propagator.TraceStateMember): the next Datadog tracer then knows which span it continues from; the W3C span may not be a Datadog one, so this is a choice, not a spec rule",
	}
)

func init() { addDivergences("datadogDivergences", datadogDivergences) }

// datadogDivergences is knownDivergences for datadog.
var datadogDivergences = map[divKey]known{
	// datadog vs ddtrace
	{"datadog", "ddtrace", "x-datadog-tags: _dd.p.dm=-3 | x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: -1"}:                              {"tags,inject", &rDDDecisionMaker},          // edge: priority -1 after tags with dm
	{"datadog", "ddtrace", "x-datadog-tags: _dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6 | x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 0"}:    {"tags,inject", &rDDDecisionMaker},          // edge: priority 0 after tags with dm
	{"datadog", "ddtrace", "x-datadog-trace-id:  11803532876627986230\\t | x-datadog-parent-id: \\t67667974448284343  | x-datadog-sampling-priority: 1"}:                                                     {"valid", &rDDOWS},                          // ids with OWS
	{"datadog", "ddtrace", "x-datadog-trace-id: 0 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 41 | x-datadog-tags: _dd.p.tid=4bf92f3577b34da6"}:                                  {"valid", &rDDPriorityRange},                // mutation (insert) of "low half zero with tid"
	{"datadog", "ddtrace", "x-datadog-trace-id: 000123 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 11"}:                                                                          {"valid", &rDDPriorityRange},                // mutation (repeat) of "trace id leading zeros"
	{"datadog", "ddtrace", "x-datadog-trace-id: 1103532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4, _dd.p.b=1"}:                     {"tags,inject", &rDDTagsGrammar},            // mutation (delete) of "tags space after comma"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803523876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4, _dd.p.b=1"}:                    {"tags,inject", &rDDTagsGrammar},            // mutation (swap) of "tags space after comma"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 0 | x-datadog-sampling-priority: 1 | x-datadog-origin: synthetics"}:                                              {"origin,inject", &rDDSynthetics},           // synthetics parent 0
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 0 | x-datadog-sampling-priority: 1 |…(186 bytes, fnv 736e9849)"}:                                                 {"origin,tags,inject", &rDDSynthetics},      // edge: synthetics parent 0 with tags
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 6 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4,_dd.p.dm=-1"}:                                   {"tags,inject", &rDDTagsDuplicate},          // mutation (truncate) of "tags duplicate key"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974442884343 | x-datadog-sampling-priority: 1 | x-datadog-origin: r\\xc3\\xbcm"}:                            {"origin,inject", &rDDOriginASCII},          // mutation (swap) of "origin non-ASCII"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority:  \\t1 "}:                                                        {"valid", &rDDOWS},                          // priority with spaces
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority:  | x-datadog-tags: _dd.p.dm=-4,_dd.p.dm=-1"}:                    {"valid", &rDDEmpty},                        // mutation (truncate) of "tags duplicate key"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority:  | x-datadog-tags: _dd.p.tid=4bf92f3577b34da"}:                  {"valid", &rDDEmpty},                        // mutation (delete) of "tid short"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: "}:                                                              {"valid", &rDDEmpty},                        // edge: priority empty
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: +1"}:                                                            {"valid", &rDDPrioritySpelling},             // priority +1
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: -01"}:                                                           {"valid", &rDDPrioritySpelling},             // edge: priority -01
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: -2"}:                                                            {"valid", &rDDPriorityRange},                // priority -2
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: -3"}:                                                            {"valid", &rDDPriorityRange},                // edge: priority -3
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 01 | x-datadog-tags: _dd.p.tid=4bf92f3577b34da"}:                {"valid", &rDDPrioritySpelling},             // mutation (insert) of "tid short"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 01"}:                                                            {"valid", &rDDPrioritySpelling},             // priority 01
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-origin:  rum\\t"}:                                 {"origin,inject", &rDDOWS},                  // edge: origin with spaces
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-origin: r\\xc3\\xbcm"}:                            {"origin,inject", &rDDOriginASCII},          // origin non-ASCII
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-origin: rum | x-datadog-origin: lambda"}:          {"origin,inject", &rDDRepeat},               // edge: two origin lines
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-parent-id: 42"}:                                   {"span_id,inject", &rDDRepeat},              // edge: two parent lines
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-sampling-priority: 2"}:                            {"priority,inject", &rDDRepeat},             // edge: two priority lines
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4 | x-datadog-tags: _dd.p.dm=-1"}: {"tags,inject", &rDDTagsLines},              // edge: tags over two lines, key repeated
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4, _dd.p.b=1"}:                    {"tags,inject", &rDDTagsGrammar},            // tags space after comma
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.dm=-4,_dd.p.dm=-1"}:                   {"tags,inject", &rDDTagsDuplicate},          // tags duplicate key
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: dd.p.dm=-4, _dd.p.b=1"}:                     {"tags,inject", &rDDTagsGrammar},            // mutation (delete) of "tags space after comma"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-trace-id: 42"}:                                    {"trace_id,inject", &rDDRepeat},             // two trace id lines
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-trace-id: 422"}:                                   {"trace_id,inject", &rDDRepeat},             // mutation (repeat) of "two trace id lines"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 11 | x-datadog-tags: _dd.p.usr.id=YWJj=="}:                      {"valid", &rDDPriorityRange},                // mutation (repeat) of "tags value with equals"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 127"}:                                                           {"valid", &rDDPriorityRange},                // edge: priority 127
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 3"}:                                                             {"valid", &rDDPriorityRange},                // priority 3
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 5"}:                                                             {"valid", &rDDPriorityRange},                // edge: priority 5
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 81 | x-datadog-tags: _dd.p.a=x\\x01y"}:                          {"valid", &rDDPriorityRange},                // mutation (insert) of "tags control byte"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(186 bytes, fnv 8d18cad6)"}:                                                 {"trace_id,tags,inject", &rDDTagsDuplicate}, // edge: tags tid twice
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(189 bytes, fnv 7a5f3d20)"}:                                                 {"tags,inject", &rDDTagsLines},              // two tags lines
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(190 bytes, fnv ae46c1b9)"}:                                                 {"tags,inject", &rDDTagsLines},              // mutation (insert) of "two tags lines"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(202 bytes, fnv fa8e6c56)"}:                                                 {"tags,inject", &rDDTagsLines},              // mutation (repeat) of "two tags lines"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(644 bytes, fnv 2358374a)"}:                                                 {"valid", &rDDEmpty},                        // mutation (truncate) of "tags exactly 512"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(657 bytes, fnv 8e4a45ca)"}:                                                 {"valid", &rDDPriorityRange},                // mutation (repeat) of "spec tags over 512 bytes"
	{"datadog", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-sampling-priority: 1 | x-datadog-origin: synthetics"}:                                                                       {"origin,inject", &rDDSynthetics},           // synthetics no parent

	// datadog,tracecontext vs ddtrace
	{"datadog,tracecontext raw", "ddtrace", "traceparent: 00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01"}:                                                                                            {"tracestate", &rDDMemberP},                    // raw: p:
	{"datadog,tracecontext raw", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampling-priority: 1 | x-datadog-tags: _dd.p.tid=4bf92f3577b34da6"}: {"tracestate", &rDDMemberTid},                  // raw: t.tid
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 | tracestate: dd=s:1;p:0000000000000000"}:                                                        {"valid", &rDDTPUpper},                         // mutation (upper) of "dd member p zero"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 | tracestate: dd=s:1;t.usr.id:YWJj~~"}:                                                           {"valid", &rDDTPUpper},                         // mutation (upper) of "dd member tag value with tilde"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 | tracestate: dd=s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4,rojo=1"}:                                   {"valid", &rDDTPUpper},                         // mutation (upper) of "W3C with a dd= member goes on as Datadog headers"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"}:                                                                                                {"valid", &rDDTPUpper},                         // mutation (upper) of "traceparent only"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 | tracestate: dd"}:                                                                               {"tracestate,inject", &rDDTSInvalid},           // mutation (truncate) of "flag not sampled, s:-1"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: dd=s:2;o:rum;p:00f06"}:                                                             {"tracestate,inject", &rDDMemberBadP},          // mutation (truncate) of "W3C with a dd= member goes on as Datadog headers"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: dd=s:2;p:xyz6;o:rum"}:                                                              {"tracestate,inject", &rDDMemberBadP},          // mutation (insert) of "dd member bad p"
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: dd=s:2;p:xyz;o:rum"}:                                                               {"tracestate,inject", &rDDMemberBadP},          // dd member bad p
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: dd=s:5;o:rum"}:                                                                     {"priority,tracestate,inject", &rDDMemberBadS}, // dd member bad s
	{"datadog,tracecontext", "ddtrace", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | tracestate: rojo=1 | tracestate: dd=s:2;o:rum"}:                                                {"tracestate,inject", &rDDTSLines},             // edge: dd member on the second tracestate line
	{"datadog,tracecontext", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 0 | x-datadog-sampling-priority: 1 |…(245 bytes, fnv 44323ee7)"}:                                      {"tracestate,inject", &rDDSyntheticsReparent},  // edge: synthetics parent 0 beside traceparent
	{"datadog,tracecontext", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(265 bytes, fnv b6284561)"}:                                      {"tracestate,inject", &rDDMemberBadP},          // mutation (truncate) of "reparent from dd member"
	{"datadog,tracecontext", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(277 bytes, fnv 4c1cdbdd)"}:                                      {"tracestate,inject", &rDDMemberBadP},          // mutation (repeat) of "reparent from dd member"
	{"datadog,tracecontext", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-sampli…(365 bytes, fnv e130b992)"}:                                      {"tracestate,inject", &rDDTSInvalid},           // mutation (repeat) of "reparent across datadog and tracecontext"
	{"datadog,tracecontext", "ddtrace", "x-datadog-trace-id: 11803532876627986230 | x-datadog-parent-id: 67667974448284343 | x-datadog-tags: _dd.p.tid=4bf92f3577b34da6"}:                                      {"tracestate,inject", &rDDMemberNoS},           // edge: datadog no priority
}
