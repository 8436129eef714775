package twgrpc

import (
	"context"
	"os"

	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// ServerFromEnv returns the Server the environment describes, read when
// it is called, with the variables and rules of propagator.EdgeFromEnv:
//
//   - Propagator: OTEL_PROPAGATORS, with the headers TRACEWIRE_PASSTHROUGH
//     names (as metadata keys);
//   - Sampler: OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG (see
//     propagator.ParseSampler);
//   - Trust: TRACEWIRE_TRUST, applied to each call's incoming metadata
//     (see propagator.ParseCarrierTrust): "continue", "restart", "ignore",
//     or "restart-external:KEY", which continues the calls whose
//     tracestate has member KEY and restarts the others.
//
// The rest (TraceBin, Transparent, RestartKeepsBaggage) is left at its
// default, to be set in code, and so is a Trust that needs more than the
// metadata (the peer's network: set Trust to TrustWhen(FromNetworks(...),
// ...) instead). It returns a usable Server together with an error that
// lists every entry it could not use, as EdgeFromEnv does; an unknown
// trust value restarts every call.
func ServerFromEnv() (Server, error) {
	edge, err := propagator.EdgeFromEnv()
	// EdgeFromEnv has read and reported TRACEWIRE_TRUST; read it again for
	// calls rather than HTTP requests, the error being the same.
	trust, _ := propagator.ParseCarrierTrust(os.Getenv(propagator.TrustEnvVar))
	return Server{
		Propagator: edge.Propagator,
		Sampler:    edge.Sampler,
		Trust: func(ctx context.Context, _ string) propagator.TrustPolicy {
			return trust(incoming{ctx})
		},
	}, err
}

// incoming gives every tracestate line, so that restart-external finds a
// member on any of them, as it does in HTTP headers.
var _ carrier.ValuesGetter = incoming{}
