package traceparent

import "github.com/tracewire/tracewire"

// ParseResponse parses a traceresponse header value: the traceparent
// grammar, including its rules for higher versions, with the callee's
// child-id in place of the parent-id. The returned span context's SpanID
// is that child-id. Errors name header "traceresponse".
func ParseResponse(s string) (tracewire.SpanContext, error) { return parse(s, &respErrs, 0) }

// ParseResponseBytes is ParseResponse for a value held as bytes.
func ParseResponseBytes(b []byte) (tracewire.SpanContext, error) { return parse(b, &respErrs, 0) }

// AppendResponse appends the canonical traceresponse value of sc (the
// callee's own span as child-id) to dst, or nothing if sc is not valid.
// A callee that continued its caller's trace copies the random flag, as
// the draft requires, simply by answering with a child of the extracted
// context.
func AppendResponse(dst []byte, sc tracewire.SpanContext) []byte { return Append(dst, sc) }

// FormatResponse returns the canonical traceresponse value of sc, or "" if
// sc is not valid.
func FormatResponse(sc tracewire.SpanContext) string { return Format(sc) }
