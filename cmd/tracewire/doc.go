// Command tracewire is the tool to reach for when a trace breaks between
// services: it decodes every trace-context header of a request, says what
// each format means and exactly which byte of which header is wrong, points
// out where the formats disagree, and converts a context between formats.
//
//	tracewire inspect  [--json] [--strict] [--full] [--example] [HEADER-LINE...]
//	tracewire convert  [--from FORMATS] [--policy POLICY] [--format FORMATS]
//	                   [--example] [HEADER-LINE...]
//	tracewire generate [--sampled=false] [--format FORMATS]
//	tracewire testservice [--listen ADDR] [--allow-remote] [--level1]
//	                      [--call-timeout D] [--request-timeout D]
//	                      [--max-calls N] [--max-body BYTES] [--verbose]
//	tracewire conform [FLAGS] URL [FILE...]
//	tracewire help [COMMAND]
//
// testservice serves the W3C Trace Context test-harness protocol, with a
// format extension (the Tracewire-Propagators header) that makes it
// propagate any formats; conform checks such a service against the
// conformance vectors of every format (testdata/README.md, "Checking a
// live service").
//
// Every flag has one long name ("--format" names the trace formats to write
// in convert and generate alike); Go's flag package accepts a single dash
// too. Flags may stand anywhere among the arguments; "--" ends them.
//
// # Input
//
// Headers are given as arguments, one "Name: value" line (or a bare header
// value) each, or on stdin, at most 1 MiB. The form is recognised, never
// chosen by a flag, and named in the report:
//
//   - "Name: value" lines, HTTP/2 pseudo-headers (":authority: x") included;
//   - a raw HTTP/1 request or response;
//   - a curl -v transcript, HTTP/1 or HTTP/2;
//   - JSON: an object of headers, values of any type (numbers and booleans
//     as written, null as absent), arrays for repeated headers, nested
//     objects walked into ({"headers": {...}}; "response" marks response
//     headers; OpenTelemetry's http.request.header.<name> keys are read as
//     <name>), {"name", "value"} lists;
//   - a HAR file: one report per entry, on its request and response
//     headers;
//   - NDJSON or log lines: one report per line that names a trace header —
//     "traceparent: 00-…" inside a message, logfmt traceparent=00-… or
//     tracestate="a=1,b=2", a JSON record's member (an empty logged value is
//     an absent header);
//   - a bare value recognised by its shape: a traceparent (any case, any id
//     width, so that its errors can be explained), a b3 header with ids, an
//     uber-trace-id.
//
// A line that cannot be read becomes a finding of kind "unreadable-input"
// naming its line (or argument) and the rest is inspected. With no
// arguments and stdin a terminal, inspect decodes an embedded example
// request, and says so; --example asks for it anywhere. An empty stdin (the
// output of a grep that matched nothing), or one with no header in it, is a
// usage error whose message says what was read.
//
// # Output
//
// Output is bounded by default, so that hostile input cannot make it, or
// the memory to build it, grow faster than the input: values over 256
// bytes are cut with a count of the bytes left out, and lists (headers,
// members, errors, findings, requests) stop at 64 entries with a count of
// the rest; an error quotes at most 48 bytes either side of the byte it
// points at. --full lifts the limits except the error window; the output
// is then linear in the input.
//
// Every flag has one long name ("--format" names the trace formats to write
// in convert and generate alike); Go's flag package accepts a single dash
// too. Flags may stand anywhere among the arguments; "--" ends them.
//
// # Input
//
// Headers are given as arguments, one "Name: value" line (or a bare header
// value) each, or on stdin, at most 1 MiB. The form is recognised, never
// chosen by a flag, and named in the report:
//
//   - "Name: value" lines, HTTP/2 pseudo-headers (":authority: x") included;
//   - a raw HTTP/1 request or response;
//   - a curl -v transcript, HTTP/1 or HTTP/2;
//   - JSON: an object of headers, values of any type (numbers and booleans
//     as written, null as absent), arrays for repeated headers, nested
//     objects walked into ({"headers": {...}}; "response" marks response
//     headers; OpenTelemetry's http.request.header.<name> keys are read as
//     <name>), {"name", "value"} lists;
//   - a HAR file: one report per entry, on its request and response
//     headers;
//   - NDJSON or log lines: one report per line that names a trace header —
//     "traceparent: 00-…" inside a message, logfmt traceparent=00-… or
//     tracestate="a=1,b=2", a JSON record's member (an empty logged value is
//     an absent header);
//   - a bare value recognised by its shape: a traceparent (any case, any id
//     width, so that its errors can be explained), a b3 header with ids, an
//     uber-trace-id.
//
// A line that cannot be read becomes a finding of kind "unreadable-input"
// naming its line (or argument) and the rest is inspected. With no
// arguments and stdin a terminal, inspect decodes an embedded example
// request, and says so; --example asks for it anywhere. An empty stdin (the
// output of a grep that matched nothing), or one with no header in it, is a
// usage error whose message says what was read.
//
// # Output
//
// Output is bounded by default, so that hostile input cannot make it, or
// the memory to build it, grow faster than the input: values over 256
// bytes are cut with a count of the bytes left out, and lists (headers,
// members, errors, findings, requests) stop at 64 entries with a count of
// the rest; an error quotes at most 48 bytes either side of the byte it
// points at. --full lifts the limits except the error window; the output
// is then linear in the input.
//
// Exit status: 0 when every trace header found is valid, 1 when one is
// invalid (with --strict also on a finding of warning or error severity,
// or input that could not be read; convert: when there is no valid context
// to convert), 2 on a usage error or an input that holds no header. Colour
// is used when stdout is a terminal and NO_COLOR is unset.
//
// # JSON report
//
// inspect --json prints one object. Its fields are stable: later versions
// only add fields. All lists are always present, in the order described.
//
//	{
//	  "source": "arguments" | "stdin" | "example",
//	  "input_format": "lines" | "value" | "http-request" | "http-response" | "curl" |
//	                  "json" | "har" | "ndjson" | "log",
//	  "input": "curl -v transcript (HTTP/2)",  // the form as the text report names it
//	  BODY,                       // the report on the request, for the forms that
//	                              // hold one; for har, ndjson and log the lists are
//	                              // empty but for "findings" on the input, and
//	                              // "valid" is false when any entry is invalid
//	  "entries": [                // har, ndjson and log: one report per request
//	                              // carrying trace headers; [] otherwise
//	    {"entry": {"label": "entry 2: POST http://… → 201", "index": 2?,
//	               "line": 12?, "method": "POST"?, "url": "…"?, "status": 201?},
//	     BODY}
//	  ],
//	  "entries_without_trace_headers": 1     // HAR entries that carry no trace header
//	}
//
//	BODY =
//	  "valid": true,              // false when "errors" is not empty (exit status 1)
//	  "headers": [                // every input header, in order, repeats kept
//	    {"name": "traceparent", "value": "00-…-01", "elided_bytes": 9871?, "response": true?}
//	  ],
//	  "contexts": [               // one per format found, in this order: traceparent,
//	                              // traceresponse, b3, b3multi, jaeger, xray, ottrace,
//	                              // cloudtrace, sentry, datadog, grpc-trace-bin
//	    {
//	      "format": "traceparent" | "traceresponse" | "b3" | "b3multi" | "jaeger" |
//	                "xray" | "ottrace" | "cloudtrace" | "sentry" | "datadog" |
//	                "grpc-trace-bin",
//	      "header": "traceparent",      // the header read: "server-timing" for a
//	                                    // Server-Timing traceresponse, "x-b3-*" for
//	                                    // b3multi, "jaeger-debug-id" for a debug
//	                                    // request without uber-trace-id, "ot-tracer-*"
//	                                    // for ottrace and "x-datadog-*" for datadog (an
//	                                    // invalid one: the header at fault)
//	      "value": "00-…-01",           // the value parsed (traceparent lines joined by ",")
//	      "elided_bytes": 0?,
//	      "valid": true,
//	      "trace_id": "4bf9…4736",      // 32 hex digits; absent when the header
//	      "trace_id_64bit": true?,      //   carries only a sampling decision
//	      "span_id": "00f0…02b7",
//	      "parent_span_id": "…"?,       // B3 and Jaeger only
//	      "sampling": "deferred" | "deny" | "accept" | "debug",
//	      "sampled": true, "debug": false, "deferred": false,
//	      "flags": "01",                // the W3C trace-flags byte the context maps to
//	      "firehose": true?,            // Jaeger flag 0x08
//	      "debug_id": "…"?,             // jaeger-debug-id
//	      "tracestate": [["k", "v"]]?,  // traceparent only: the list a receiver keeps
//	      "canonical": "00-…-01"        // the value as this module sends it again
//	    },
//	    {"format": "b3", "header": "b3", "value": "…", "valid": false, "error": ERROR}
//	  ],
//	  "tracestate": [["k", "v"]], // the tracestate lines as one list, whether or not a
//	                              // traceparent makes it count; [] when absent or invalid
//	  "baggage": [                // W3C baggage (every well-formed member), then
//	                              // uberctx-*, jaeger-baggage and ot-baggage-* items
//	    {"source": "baggage" | "uberctx" | "jaeger-baggage" | "ot-baggage",
//	     "key": "k", "value": "decoded", "raw": "wire%20form"?,
//	     "properties": [{"key": "p", "value": "v"?}],
//	     "over_limit": true?,     // dropped by a receiver keeping only 64 members / 8192 bytes
//	     "elided_bytes": 0?}
//	  ],
//	  "errors": [ERROR],          // every invalid header value, contexts' included
//	  "findings": [               // notes on the input first, then observations
//	                              // across headers and formats
//	    {"kind": "trace-id-mismatch", "severity": "error" | "warning" | "info", "message": "…"}
//	  ],
//	  "omitted": {"headers": 0?, "tracestate": 0?, "baggage": 0?, "errors": 0?,
//	              "findings": 0?, "entries": 0?}?   // what the limits left out of each list
//
//	ERROR = {"header": "traceparent", "value": "…", "value_start": 0?, "elided_bytes": 0?,
//	         "kind": "trace-id", "offset": 4, "message": "traceparent: invalid trace id at offset 4",
//	         "hint": "uppercase hex; W3C requires lowercase"}
//
// Fields marked "?" are omitted when false, zero or empty. A string cut by
// the limits ends with "…", and its object's "elided_bytes" counts the
// bytes left out. An error's "kind" is the stable name of a
// tracewire.ErrorKind and "offset" indexes the header value (for a list
// header sent as several lines, the lines joined by ","); "value" is that
// value, or for a long one the window around the offset that starts at
// byte "value_start" of it, so that offset - value_start indexes "value".
// The whole value is in "headers". "hint" says in one line why the value
// is wrong and how to put it right, in words that may change between
// versions (tracewire.ParseError.Hint); programs should match on "kind".
// Finding kinds: unreadable-input, multiple-traceparent,
// tracestate-without-traceparent, trace-id-mismatch, span-id-mismatch,
// sampling-mismatch, padded-trace-id, not-canonical, traceresponse-restart,
// baggage-dropped, baggage-over-limits, repeated-header, empty-header,
// xray-root-only, xray-fields, xray-lineage-dropped,
// ot-baggage-without-context, datadog-fields, datadog-dropped,
// dd-member-invalid, dd-member-sampling, datadog-reparent.
package main
