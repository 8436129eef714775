package b3

import "github.com/tracewire/tracewire"

// Header names, lowercase as HTTP/2 and gRPC require. Carriers map them to
// their own convention (carrier.HTTPHeader indexes "X-B3-Traceid").
const (
	hSingle       = "b3"
	hTraceID      = "x-b3-traceid"
	hSpanID       = "x-b3-spanid"
	hParentSpanID = "x-b3-parentspanid"
	hSampled      = "x-b3-sampled"
	hFlags        = "x-b3-flags"
)

// One table per header, so that every error names the header it concerns.
// X-B3-Flags has none: a value other than "1" is ignored, never an error.
var (
	errSingle   = tracewire.ErrorTable{Header: hSingle}
	errTraceID  = tracewire.ErrorTable{Header: hTraceID}
	errSpanID   = tracewire.ErrorTable{Header: hSpanID}
	errParentID = tracewire.ErrorTable{Header: hParentSpanID}
	errSampled  = tracewire.ErrorTable{Header: hSampled}
)
