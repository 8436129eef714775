package grpctrace

import "github.com/tracewire/tracewire"

// header is the metadata key, lowercase as gRPC requires. Its "-bin"
// suffix tells gRPC that the value is binary, base64-encoded on the wire.
const header = "grpc-trace-bin"

// errs is a fixed-width table (see tracewire.ErrorTable): the three
// fields a sender writes take 29 bytes, 40 characters of base64; an error
// behind unknown fields past offset 128 costs one allocation.
var errs = tracewire.ErrorTable{Header: header}
