package grpctrace

import "github.com/tracewire/tracewire"

// header is the metadata key, lowercase as gRPC requires. Its "-bin"
// suffix tells gRPC that the value is binary, base64-encoded on the wire.
const header = "grpc-trace-bin"

var errs = tracewire.ErrorTable{Header: header}
