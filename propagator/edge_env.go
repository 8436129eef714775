package propagator

import (
	"errors"
	"os"
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
)

// The environment variables EdgeFromEnv reads beside EnvVar
// (OTEL_PROPAGATORS).
const (
	// TrustEnvVar sets the trust policy of every request: "continue" (the
	// default), "restart", "ignore" or "restart-external:KEY"; see
	// ParseTrust.
	TrustEnvVar = "TRACEWIRE_TRUST"
	// PassThroughEnvVar names application headers that travel with the
	// trace, comma-separated ("x-session-id,x-tenant"); see PassThrough.
	PassThroughEnvVar = "TRACEWIRE_PASSTHROUGH"
)

// EdgeFromEnv returns the Edge the environment describes, read when it is
// called (nothing is read at start-up or kept in globals):
//
//   - Propagator: the Composite FromEnv returns for OTEL_PROPAGATORS, with
//     a PassThrough member for the headers TRACEWIRE_PASSTHROUGH names
//     appended; give the same Propagator to the service's Transport, so
//     that what the edge extracts goes out again;
//   - Trust: ParseTrust of TRACEWIRE_TRUST;
//   - Sampler: ParseSampler of OTEL_TRACES_SAMPLER and
//     OTEL_TRACES_SAMPLER_ARG, so that the traces the edge starts are
//     sampled as an OpenTelemetry SDK configured by the same variables
//     samples its roots.
//
// Everything else is left at its default, to be set in code. Like FromEnv
// it returns a usable Edge together with an error that lists every entry
// it could not use: unknown propagator names are skipped, a header name
// that is not an HTTP token is skipped, an unknown trust value restarts
// every request (see ParseTrust), an unknown or unsupported sampler
// samples every root, and a ratio that is not a probability is taken as 1
// (see ParseSampler).
func EdgeFromEnv() (Edge, error) {
	c, err := FromEnv()
	errs := []error{err}
	if pt, err := parsePassThrough(os.Getenv(PassThroughEnvVar)); len(pt.Headers) > 0 || err != nil {
		errs = append(errs, err)
		if len(pt.Headers) > 0 {
			c.Members = append(c.Members[:len(c.Members):len(c.Members)], pt)
		}
	}
	trust, err := ParseTrust(os.Getenv(TrustEnvVar))
	errs = append(errs, err)
	sampler, err := ParseSampler(os.Getenv(SamplerEnvVar), os.Getenv(SamplerArgEnvVar))
	errs = append(errs, err)
	return Edge{Propagator: c, Trust: trust, Sampler: sampler}, errors.Join(errs...)
}

// parsePassThrough reads a comma-separated list of header names, trimmed
// and lowercased, each once; names that are not HTTP tokens are reported
// and skipped.
func parsePassThrough(value string) (PassThrough, error) {
	var (
		pt  PassThrough
		bad []string
	)
	for _, part := range strings.Split(value, ",") {
		name := strings.ToLower(strings.TrimSpace(part))
		switch {
		case name == "" || contains(pt.Headers, name):
		case !ascii.IsToken(name):
			bad = append(bad, `"`+strings.TrimSpace(part)+`"`)
		default:
			pt.Headers = append(pt.Headers, name)
		}
	}
	if len(bad) > 0 {
		return pt, errors.New("propagator: " + PassThroughEnvVar + ": not a header name: " + strings.Join(bad, ", "))
	}
	return pt, nil
}
