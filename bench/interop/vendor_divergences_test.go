package interop

// The disagreements with OpenTelemetry-Go contrib's aws/xray and ot
// propagators, kept apart from the core formats' table and merged into
// knownDivergences by init.

var (
	rXRayOWS = reason{
		Tracewire: "trims spaces and tabs around the value and around each field, then parses it",
		Peer:      "parses the fields untrimmed (only the last is trimmed), so a Root or Parent with a space is invalid",
		Spec:      "SPEC §9.1 grammar (\"trim OWS around fields\"); SPEC §1 Surrounding whitespace",
		Why:       "the X-Ray SDK trims each field; the reordered-with-spaces example of SPEC §9.1 is valid",
	}
	rXRayEmptyFields = reason{
		Tracewire: "skips empty fields (\";;\", a leading or trailing \";\")",
		Peer:      "rejects the header: an empty field has no \"=\"",
		Spec:      "SPEC §9.1 (silent); the X-Ray SDK for Go skips empty fields",
		Why:       "what AWS's own SDK accepts; an empty field says nothing that could be misread",
	}
	rXRayUpper = reason{
		Tracewire: "accepts hex digits of either case, writes lowercase",
		Peer:      "rejects uppercase hex (trace.TraceIDFromHex)",
		Spec:      "SPEC §9.1 grammar (HEXDIG, either case)",
		Why:       "the X-Ray grammar's HEXDIG; the ids are the same",
	}
	rXRayShortEpoch = reason{
		Tracewire: "accepts a Root epoch of 1 to 8 digits and left-pads it",
		Peer:      "requires a 35-character Root",
		Spec:      "SPEC §9.5 Length (Go requires a 35-character Root; Java accepts short Roots)",
		Why:       "as OpenTelemetry-Java: some producers drop the epoch's leading zeros",
	}
	rXRayPrefix = reason{
		Tracewire: "matches field names exactly: \"Rooted=\", \"Parents=\", \"Sampled5=\" and \"Root =\" are other fields (or, with a space, invalid)",
		Peer:      "matches names by prefix (strings.HasPrefix), so they are Root, Parent and Sampled",
		Spec:      "SPEC §9.1 Parsing (names are matched case-sensitively: Root, Parent, Sampled)",
		Why:       "every other implementation compares names exactly; a prefix match reads fields the sender never meant as ids",
	}
	rXRayDeferred = reason{
		Tracewire: "Sampled=? or no Sampled is deferred (this service decides) and goes out as received (\"?\" or no Sampled)",
		Peer:      "reads it as not sampled and sends Sampled=0",
		Spec:      "SPEC §9.1 (\"?\" = the caller asks the downstream service to decide) and §10 (X-Ray deferred: \"?\" or absent)",
		Why:       "a request for a decision is not a decision; Sampled=0 would switch tracing off for every hop after this one",
	}
	rXRaySampledStrict = reason{
		Tracewire: "rejects a Sampled other than \"0\", \"1\" or \"?\" (empty, \"2\", \" 1\", ...)",
		Peer:      "reads anything but \"1\" as not sampled",
		Spec:      "SPEC §9.1 (Sampled = \"1\" / \"0\" / \"?\"; Java rejects the context when Sampled is not 0 or 1)",
		Why:       "a broken Sampled is a broken sender; reading it as \"not sampled\" silently drops the trace",
	}
	rXRayRepeat = reason{
		Tracewire: "rejects a repeated Root, Parent or Sampled",
		Peer:      "takes the last one",
		Spec:      "SPEC §9.1 (silent); every SDK takes the last",
		Why:       "a header that two readers read differently is how requests get smuggled past a proxy that checks the first",
	}
	rXRayFieldGrammar = reason{
		Tracewire: "rejects a field with an empty name, or a control or non-ASCII byte in any value",
		Peer:      "ignores the fields it does not know, whatever they hold",
		Spec:      "SPEC §9.1 (other fields are opaque: pass them through)",
		Why:       "fields are passed on, so they must be safe to write into a header again",
	}
	rXRayPassOn = reason{
		Tracewire: "writes the Lineage, Self and unknown fields back when the trace continues (whole fields, within 256 characters)",
		Peer:      "writes Root, Parent and Sampled only",
		Spec:      "SPEC §9.1 (Self, Lineage, others: pass them through) and §9.5 (Lineage; 256-character cap)",
		Why:       "Lineage is how AWS detects request loops, and Self fields belong to the load balancer's trace; dropping them breaks both",
	}

	rOTWidth = reason{
		Tracewire: "accepts ids of 1 to 32 (trace) and 1 to 16 (span) hex digits and left-pads them",
		Peer:      "accepts only a 16- or 32-digit trace id and a 16-digit span id",
		Spec:      "SPEC §9.3 Rules (OTel-Java pads any length, OTel-Go accepts only 16 or 32; Rec.: pad)",
		Why:       "basictracer writes ids without zero padding, so a short id is a valid OT id",
	}
	rOTUpper = reason{
		Tracewire: "accepts hex digits of either case, writes lowercase",
		Peer:      "rejects uppercase hex",
		Spec:      "SPEC §9.3 (hex; basictracer parses with strconv.ParseUint, either case)",
		Why:       "what the OT tracers themselves accept",
	}
	rOTZeroLow = reason{
		Tracewire: "writes a trace id whose low 64 bits are zero whole, 32 digits",
		Peer:      "writes the low 16 digits, all zeros, which every reader rejects",
		Spec:      "SPEC §9.3 (OTel writes the right-most 16 hex digits; an all-zero id is invalid in every format)",
		Why:       "never emit a header every parser must reject; the OpenTelemetry SDKs read 32 digits",
	}
	rOTDeferred = reason{
		Tracewire: "without ot-tracer-sampled the decision is deferred, and it goes out without the header",
		Peer:      "reads not sampled and sends ot-tracer-sampled: false",
		Spec:      "SPEC §10 (OT deferred: absent; OTel maps it to not sampled)",
		Why:       "an absent decision is not \"no\"; writing false switches tracing off downstream",
	}
	rOTBaggageRaw = reason{
		Tracewire: "keeps an ot-baggage-* value as raw text (trimmed of spaces and tabs) and writes it back so",
		Peer:      "requires a W3C baggage value: percent-decodes it (\"x%20y\" becomes \"x y\") and drops values with spaces, \"%\", non-ASCII bytes or surrounding whitespace",
		Spec:      "SPEC §9.3 (ot-baggage-{key}: raw value, no encoding)",
		Why:       "OT values are not percent-encoded; decoding them changes the value, and dropping them loses the item",
	}
)

func init() { addDivergences("vendorDivergences", vendorDivergences) }

// vendorDivergences is knownDivergences for xray and ottrace.
var vendorDivergences = map[divKey]known{
	// xray vs otel
	{"xray", "otel", "x-amzn-trace-id:  \\tRoot=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1 \\t"}:                                                       {"valid", &rXRayOWS},                // edge: OWS
	{"xray", "otel", "x-amzn-trace-id:  \\tRoot=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1\\t "}:                                                       {"valid", &rXRayOWS},                // surrounding whitespace
	{"xray", "otel", "x-amzn-trace-id: ;Root=1-5759e88-bd862e3fe1be46a994272793;;Parent=53995c3f42cd8ad8;Sampled=1;"}:                                                             {"valid", &rXRayEmptyFields},        // mutation (delete) of "empty fields"
	{"xray", "otel", "x-amzn-trace-id: ;Root=1-5759e988-bd862e3fe1be46a994272793;;Parent=53995c3f42cd8ad8;Sampled=1;"}:                                                            {"valid", &rXRayEmptyFields},        // empty fields
	{"xray", "otel", "x-amzn-trace-id: =x;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                            {"valid", &rXRayFieldGrammar},       // empty name
	{"xray", "otel", "x-amzn-trace-id: Lineage=1:a87bd80c:2;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=2:a87bd80c:3"}:                     {"inject", &rXRayPassOn},            // lineage twice
	{"xray", "otel", "x-amzn-trace-id: Lineage=1:a87bd80c:2;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sapmled=1;Lineage=2:a87bd80c:3"}:                     {"sampling,inject", &rXRayDeferred}, // mutation (swap) of "lineage twice"
	{"xray", "otel", "x-amzn-trace-id: Lineage=x;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage2=:a87bd80c:3"}:                                {"inject", &rXRayPassOn},            // mutation (swap) of "invalid lineage then valid"
	{"xray", "otel", "x-amzn-trace-id: Root =1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                              {"valid", &rXRayPrefix},             // space before equals
	{"xray", "otel", "x-amzn-trace-id: Root=1-0-d188f8fa79d48a391a778fa6;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                                      {"valid", &rXRayShortEpoch},         // short epoch one digit
	{"xray", "otel", "x-amzn-trace-id: Root=1-11111111-111111111111111111111111;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}:                      {"valid", &rXRayRepeat},             // edge: repeated Root
	{"xray", "otel", "x-amzn-trace-id: Root=1-1a-d188f8fa79d48a391a778fa6;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                                     {"valid", &rXRayShortEpoch},         // short epoch two digits
	{"xray", "otel", "x-amzn-trace-id: Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;SampleFd=1"}:                                                              {"sampling,inject", &rXRayDeferred}, // mutation (insert) of "inject example"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sample=d1"}:                                                               {"valid", &rXRayUpper},              // mutation (swap) of "uppercase hex"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=1"}:                                                               {"valid", &rXRayUpper},              // uppercase hex
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3f1ebe46a994272793 ; Parent=53995c3f42cd8ad8\\t;\\tSampled=1"}:                                                       {"valid", &rXRayOWS},                // mutation (swap) of "whitespace around fields"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793 ; Parent=53995c3f42cd8ad8\\t;\\tSampled=1"}:                                                       {"valid", &rXRayOWS},                // whitespace around fields
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;;Parent=53995c3f42cd8ad8;Sampled=1;"}:                                                             {"valid", &rXRayEmptyFields},        // edge: empty fields
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"}:                                                                         {"sampling,inject", &rXRayDeferred}, // sampled absent
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Parent=00f067aa0ba902b7;Sampled=1"}:                                       {"valid", &rXRayRepeat},             // parent twice
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sample=1;Lineage=1:a87bd80c"}:                                             {"sampling,inject", &rXRayDeferred}, // mutation (delete) of "lineage two fields"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled5=1"}:                                                              {"sampling,inject", &rXRayPrefix},   // mutation (insert) of "documented example sampled"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled= 1"}:                                                              {"valid", &rXRaySampledStrict},      // space after equals
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled="}:                                                                {"valid", &rXRaySampledStrict},      // sampled empty
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=10220"}:                                                           {"valid", &rXRaySampledStrict},      // sampled too long
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Big=qqqq…(318 bytes, fnv e19fbe3b)"}:                            {"inject", &rXRayPassOn},            // over 256: lineage survives a big field
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Big=qqqq…(342 bytes, fnv f14d5f63)"}:                            {"inject", &rXRayPassOn},            // mutation (repeat) of "over 256: lineage survives a big field"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo="}:                                                          {"inject", &rXRayPassOn},            // unknown empty value
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=Bar;baz=a=b"}:                                               {"inject", &rXRayPassOn},            // unknown fields passed on
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=a\\x01b"}:                                                   {"valid", &rXRayFieldGrammar},       // control byte in a value
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=caf\\xc3\\xa9"}:                                             {"valid", &rXRayFieldGrammar},       // non-ascii in a value
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=with space"}:                                                {"inject", &rXRayPassOn},            // unknown value with space
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lienage=1:a87bd80c"}:                                            {"inject", &rXRayPassOn},            // mutation (swap) of "lineage two fields"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=32767:e65a2c4d:255"}:                                    {"inject", &rXRayPassOn},            // lineage java form
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68"}:                                         {"inject", &rXRayPassOn},            // lineage kept
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=…(282 bytes, fnv 4ebc8c63)"}:                            {"inject", &rXRayPassOn},            // mutation (delete) of "over 256: unknown fields dropped from the end"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=…(283 bytes, fnv 3fdd6907)"}:                            {"inject", &rXRayPassOn},            // over 256: unknown fields dropped from the end
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=…(284 bytes, fnv c050037a)"}:                            {"valid", &rXRayEmptyFields},        // mutation (insert) of "over 256: unknown fields dropped from the end"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=…(313 bytes, fnv 83cb18c3)"}:                            {"inject", &rXRayPassOn},            // over 256: self fields dropped from the end
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Sampled=0"}:                                                     {"valid", &rXRayRepeat},             // sampled twice
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=2"}:                                                               {"valid", &rXRaySampledStrict},      // edge: Sampled 2
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?"}:                                                               {"sampling,inject", &rXRayDeferred}, // sampled requested
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=a"}:                                                               {"valid", &rXRaySampledStrict},      // sampled not a state
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=F3995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68"}:                                         {"valid", &rXRayUpper},              // mutation (replace) of "lineage kept"
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parents=53995c3f42cd8ad8;Sampled=1"}:                                                              {"valid", &rXRayPrefix},             // edge: Parents prefix
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=53995c3f42cd8ad8;Sampled=1"}:                      {"valid", &rXRayRepeat},             // root twice
	{"xray", "otel", "x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994722793;Parent=53995c3f42cd8ad8;Sampled=1;Foo=with space"}:                                                {"inject", &rXRayPassOn},            // mutation (swap) of "unknown value with space"
	{"xray", "otel", "x-amzn-trace-id: Root=1-759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                                {"valid", &rXRayShortEpoch},         // edge: short epoch
	{"xray", "otel", "x-amzn-trace-id: Rooted=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}:                                                             {"valid", &rXRayPrefix},             // name with root prefix
	{"xray", "otel", "x-amzn-trace-id: Sampled=0; Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793"}:                                                             {"valid", &rXRayOWS},                // reordered with spaces
	{"xray", "otel", "x-amzn-trace-id: Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1:68"}: {"inject", &rXRayPassOn},            // edge: Self and Lineage

	// ottrace vs otel
	{"ottrace", "otel", "ot-tracer-traceid:  a3ce929d0e0e4736\\t | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled:  true "}:                                                                      {"valid", &rOWS},                   // edge: OWS
	{"ottrace", "otel", "ot-tracer-traceid:  a3ce929d0e0e4736\\t | ot-tracer-spanid: \\t00f067aa0ba902b7 | ot-tracer-sampled:  true "}:                                                                   {"valid", &rOWS},                   // surrounding OWS
	{"ottrace", "otel", "ot-tracer-traceid:  a3ce929de00e4736\\t | ot-tracer-spanid: \\t00f067aa0ba902b7 | ot-tracer-sampled:  true "}:                                                                   {"valid", &rOWS},                   // mutation (swap) of "surrounding OWS"
	{"ottrace", "otel", "ot-tracer-traceid:  a3ce992d0e0e4736\\t | ot-tracer-spanid: \\t00f067aa0ba902b7 | ot-tracer-sampled:  true "}:                                                                   {"valid", &rOWS},                   // mutation (swap) of "surrounding OWS"
	{"ottrace", "otel", "ot-tracer-traceid: 0000000000000000A3CE929D0E0E4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                            {"valid", &rOTUpper},               // mutation (upper) of "32 digits, high half zero"
	{"ottrace", "otel", "ot-tracer-traceid: 1 | ot-tracer-spanid: 2 | ot-tracer-sampled: TRUE"}:                                                                                                          {"valid", &rOTWidth},               // mutation (upper) of "one-digit ids"
	{"ottrace", "otel", "ot-tracer-traceid: 1 | ot-tracer-spanid: 2 | ot-tracer-sampled: true"}:                                                                                                          {"valid", &rOTWidth},               // one-digit ids
	{"ottrace", "otel", "ot-tracer-traceid: 1a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: false"}:                                                                          {"valid", &rOTWidth},               // 17-digit trace id
	{"ottrace", "otel", "ot-tracer-traceid: 4bf92f3577b34da60000000000000000 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                            {"inject", &rOTZeroLow},            // 128-bit trace id with zero low half goes out whole
	{"ottrace", "otel", "ot-tracer-traceid: 4bf92f3577b34da6a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b | ot-tracer-sampled: true"}:                                                             {"valid", &rOTWidth},               // mutation (delete) of "128-bit trace id"
	{"ottrace", "otel", "ot-tracer-traceid: 4bf92f3577b34da6a3ce929d0e0e4736 | ot-tracer-spanid: 0f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                             {"valid", &rOTWidth},               // mutation (delete) of "128-bit trace id"
	{"ottrace", "otel", "ot-tracer-traceid: A3CE29D0E0E4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                             {"valid", &rOTWidth},               // mutation (delete) of "uppercase trace id"
	{"ottrace", "otel", "ot-tracer-traceid: A3CE929D0E0E4736 | ot-tracer-spanid: 00F067AA0BA902B7 | ot-tracer-sampled: true"}:                                                                            {"valid", &rOTUpper},               // edge: uppercase ids
	{"ottrace", "otel", "ot-tracer-traceid: A3CE929D0E0E4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                            {"valid", &rOTUpper},               // uppercase trace id
	{"ottrace", "otel", "ot-tracer-traceid: A3CE929D0f0E4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                            {"valid", &rOTUpper},               // mutation (replace) of "uppercase trace id"
	{"ottrace", "otel", "ot-tracer-traceid: a3c929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                             {"valid", &rOTWidth},               // mutation (delete) of "64-bit sampled"
	{"ottrace", "otel", "ot-tracer-traceid: a3cEe929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: TRUE"}:                                                                           {"valid", &rOTWidth},               // mutation (insert) of "sampled TRUE"
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00F067AA0BA902B7 | ot-tracer-sampled: true"}:                                                                            {"valid", &rOTUpper},               // uppercase span id
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067a0aba902b7 | ot-tracer-sampled: true | ot-baggage-city: Z\\xc3\\xbcrich"}:                                         {"baggage,inject", &rOTBaggageRaw}, // mutation (swap) of "non-ASCII baggage value"
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0bF902b7 | ot-tracer-sampled: true | ot-baggage-: x"}:                                                           {"valid", &rOTUpper},               // mutation (replace) of "empty baggage key"
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-baggage-b: 2 | ot-baggage-a: 1"}:                                                                  {"sampling,inject", &rOTDeferred},  // baggage in key order
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-city: Z\\xc3\\xbcrich"}:                                         {"baggage,inject", &rOTBaggageRaw}, // non-ASCII baggage value
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-k:  v\\t"}:                                                      {"baggage,inject", &rOTBaggageRaw}, // baggage value trimmed
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-k: x%20y"}:                                                      {"baggage,inject", &rOTBaggageRaw}, // baggage value %20 stays
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-note: a b,c 100%"}:                                              {"baggage,inject", &rOTBaggageRaw}, // baggage value raw
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-rate: 50%"}:                                                     {"baggage,inject", &rOTBaggageRaw}, // edge: baggage value with percent
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-user: alice smith"}:                                             {"baggage,inject", &rOTBaggageRaw}, // edge: baggage value with space
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 00f067aa0ba902b7"}:                                                                                                      {"sampling,inject", &rOTDeferred},  // no sampled header: deferred
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: 0f067aa0ba902b7 | ot-tracer-sampled: 1"}:                                                                                {"valid", &rOTWidth},               // mutation (delete) of "sampled 1"
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: E0f067aa0ba902b7 | ot-tracer-sampled: true | ot-baggage-user-id: alice"}:                                                {"valid", &rOTUpper},               // mutation (replace) of "baggage item"
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                              {"valid", &rOTWidth},               // short span id padded
	{"ottrace", "otel", "ot-tracer-traceid: a3ce929d0e0e4736 | ot-tracer-spanid: ff | ot-tracer-sampled: true"}:                                                                                          {"valid", &rOTWidth},               // edge: short span id
	{"ottrace", "otel", "ot-tracer-traceid: ff | ot-tracer-spanid: 00f067aa0ba902b7 | ot-tracer-sampled: true"}:                                                                                          {"valid", &rOTWidth},               // short trace id padded
	{"ottrace", "otel", "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | ot-tracer-traceid: a3ce3ce929d0e0e4736 | ot-tracer-spanid: b7ad6b7169203331 | ot-tracer-sampled: false"}: {"valid", &rOTWidth},               // mutation (repeat) of "beside traceparent"

}
