package datadog

import "github.com/tracewire/tracewire"

// Header names, lowercase as HTTP/2 and gRPC require. Carriers map them to
// their own convention (carrier.HTTPHeader indexes "X-Datadog-Trace-Id").
const (
	hTraceID  = "x-datadog-trace-id"
	hParentID = "x-datadog-parent-id"
	hPriority = "x-datadog-sampling-priority"
	hOrigin   = "x-datadog-origin"
	hTags     = "x-datadog-tags"
)

// One table per header, so that every error names the header it concerns.
// Errors in a dd= tracestate member name "tracestate"; their offsets index
// the member's value.
//
// The ids and the priority are decimals of at most 20 digits: fixed-width.
// The origin is free text of no set length, the tags a list of up to 512
// bytes, and the member up to 256 bytes of items: their errors can lie
// anywhere in such a length, so their tables are List tables (see
// tracewire.ErrorTable).
var (
	errTraceID  = tracewire.ErrorTable{Header: hTraceID}
	errParentID = tracewire.ErrorTable{Header: hParentID}
	errPriority = tracewire.ErrorTable{Header: hPriority}
	errOrigin   = tracewire.ErrorTable{Header: hOrigin, List: true}
	errTags     = tracewire.ErrorTable{Header: hTags, List: true}
	errMember   = tracewire.ErrorTable{Header: "tracestate", List: true}
)

// originSynthetics is the origin of Datadog Synthetic tests, the one
// sender allowed to omit the parent id: a test starts a trace that has no
// parent span.
const originSynthetics = "synthetics"
