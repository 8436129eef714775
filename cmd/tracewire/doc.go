// Command tracewire is the tool to reach for when a trace breaks between
// services: it decodes every trace-context header of a request, says what
// each format means and exactly which byte of which header is wrong, points
// out where the formats disagree, and converts a context between formats.
//
//	tracewire inspect  [--json] [HEADER-LINE...]
//	tracewire convert  [--from FORMATS] [--policy POLICY] [--to FORMATS] [HEADER-LINE...]
//	tracewire generate [--sampled=false] [--format FORMATS]
//	tracewire testservice [FLAGS]
//	tracewire conform [FLAGS] URL [FILE...]
//	tracewire help [COMMAND]
//
// testservice serves the W3C Trace Context test-harness protocol, with a
// format extension (the Tracewire-Propagators header) that makes it
// propagate any formats; conform checks such a service against the
// conformance vectors of every format (testdata/README.md, "Checking a
// live service").
//
// Headers are given as "Name: value" arguments or on stdin, as plain header
// lines, a raw HTTP request or response, a curl -v transcript or a JSON
// object of header name to string or array of strings. With nothing given,
// inspect decodes an embedded example request.
//
// Exit status: 0 when every trace header found is valid, 1 when one is
// invalid (convert: when there is no valid context to convert), 2 on a
// usage error. Colour is used when stdout is a terminal and NO_COLOR is
// unset.
//
// # JSON report
//
// inspect --json prints one object. Its fields are stable: later versions
// only add fields. All lists are always present, in the order described.
//
//	{
//	  "source": "arguments" | "stdin" | "example",
//	  "input_format": "lines" | "http-request" | "http-response" | "curl" | "json",
//	  "valid": true,              // false when "errors" is not empty (exit status 1)
//	  "headers": [                // every input header, in order, repeats kept
//	    {"name": "traceparent", "value": "00-…-01", "response": true?}
//	  ],
//	  "contexts": [               // one per format found, in this order:
//	                              // traceparent, traceresponse, b3, b3multi, jaeger
//	    {
//	      "format": "traceparent" | "traceresponse" | "b3" | "b3multi" | "jaeger",
//	      "header": "traceparent",      // the header read: "server-timing" for a
//	                                    // Server-Timing traceresponse, "x-b3-*" for
//	                                    // b3multi, "jaeger-debug-id" for a debug
//	                                    // request without uber-trace-id
//	      "value": "00-…-01",           // the value parsed (traceparent lines joined by ",")
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
//	                              // uberctx-* and jaeger-baggage items
//	    {"source": "baggage" | "uberctx" | "jaeger-baggage",
//	     "key": "k", "value": "decoded", "raw": "wire%20form"?,
//	     "properties": [{"key": "p", "value": "v"?}],
//	     "over_limit": true?}     // dropped by a receiver keeping only 64 members / 8192 bytes
//	  ],
//	  "errors": [ERROR],          // every invalid header value, contexts' included
//	  "findings": [               // observations across headers and formats
//	    {"kind": "trace-id-mismatch", "severity": "error" | "warning" | "info", "message": "…"}
//	  ]
//	}
//
//	ERROR = {"header": "traceparent", "value": "…", "kind": "trace-id", "offset": 3,
//	         "message": "traceparent: invalid trace id at offset 3"}
//
// Fields marked "?" are omitted when false or empty. An error's "kind" is
// the stable name of a tracewire.ErrorKind and "offset" indexes "value" (for
// a list header sent as several lines, the lines joined by ","). Finding
// kinds: multiple-traceparent, tracestate-without-traceparent,
// trace-id-mismatch, span-id-mismatch, sampling-mismatch, padded-trace-id,
// not-canonical, traceresponse-restart, baggage-dropped,
// baggage-over-limits, repeated-header, empty-header.
package main
