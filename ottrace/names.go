package ottrace

import "github.com/tracewire/tracewire"

// Header names, lowercase as HTTP/2 and gRPC require; carrier.HTTPHeader
// indexes "Ot-Tracer-Traceid" and the others.
const (
	hTraceID      = "ot-tracer-traceid"
	hSpanID       = "ot-tracer-spanid"
	hSampled      = "ot-tracer-sampled"
	baggagePrefix = "ot-baggage-"
)

// One table per header, so that every error names the header it concerns.
var (
	errTraceID = tracewire.ErrorTable{Header: hTraceID}
	errSpanID  = tracewire.ErrorTable{Header: hSpanID}
	errSampled = tracewire.ErrorTable{Header: hSampled}
)
