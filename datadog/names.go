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
var (
	errTraceID  = tracewire.ErrorTable{Header: hTraceID}
	errParentID = tracewire.ErrorTable{Header: hParentID}
	errPriority = tracewire.ErrorTable{Header: hPriority}
	errOrigin   = tracewire.ErrorTable{Header: hOrigin}
	errTags     = tracewire.ErrorTable{Header: hTags}
	errMember   = tracewire.ErrorTable{Header: "tracestate"}
)

// originSynthetics is the origin of Datadog Synthetic tests, the one
// sender allowed to omit the parent id: a test starts a trace that has no
// parent span.
const originSynthetics = "synthetics"
