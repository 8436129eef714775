package propagator

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/tracewire/tracewire"
)

// The OpenTelemetry environment variables that choose the sampler, which
// EdgeFromEnv reads into Edge.Sampler (see ParseSampler).
const (
	// SamplerEnvVar names the sampler: "parentbased_always_on" when unset.
	SamplerEnvVar = "OTEL_TRACES_SAMPLER"
	// SamplerArgEnvVar is the sampler's argument: the probability of the
	// ratio samplers, 1.0 when unset.
	SamplerArgEnvVar = "OTEL_TRACES_SAMPLER_ARG"
)

// ParseSampler returns the Edge.Sampler that an OTEL_TRACES_SAMPLER value
// (name) and an OTEL_TRACES_SAMPLER_ARG value (arg) describe, by the
// OpenTelemetry SDK environment specification. Both are trimmed; name is
// compared case-insensitively.
//
// An Edge follows the decision of every caller it continues, whatever its
// Sampler (the Sampler decides only the traces the edge starts: roots,
// restarts, and B3 parents that ask the receiver to decide). So each
// OpenTelemetry sampler maps to what it decides for a root, and its
// parentbased_ form to the same value:
//
//	"" (unset)                  nil: every root sampled (the default,
//	                            parentbased_always_on)
//	always_on,
//	parentbased_always_on       tracewire.SamplingAccept
//	always_off,
//	parentbased_always_off      tracewire.SamplingDeny
//	traceidratio,
//	parentbased_traceidratio    tracewire.NewRatioSampler(arg), arg a number
//	                            in [0, 1], 1 when empty
//
// The samplers without parentbased_ differ in OpenTelemetry: always_off
// and traceidratio there override a sampled parent. The edge does not,
// because overriding a caller it trusts would break the caller's trace
// into pieces; to let this service's sampler decide every request, restart
// the callers it should not follow (TRACEWIRE_TRUST, Edge.Trust). The
// ratio sampler writes no "ot" tracestate member (that costs two
// allocations per root); set RatioSampler.WithOTelMember in code for it.
//
// Anything else returns an error together with the default, nil, which
// samples every root, as the specification asks ("generate a warning and
// gracefully ignore the setting"): jaeger_remote,
// parentbased_jaeger_remote and xray need a sampling service this package
// does not talk to, and unknown names are unknown. An arg that is not a
// finite number in [0, 1] is reported and the ratio is 1; an arg that the
// chosen sampler does not read (or with name unset) is reported and
// ignored, since the operator who set it expects it to matter.
func ParseSampler(name, arg string) (tracewire.Sampler, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	arg = strings.TrimSpace(arg)
	var s tracewire.Sampler
	switch name {
	case "":
		if arg != "" {
			return nil, samplerArgIgnored(arg, "parentbased_always_on (the default, "+SamplerEnvVar+" unset)")
		}
		return nil, nil
	case "always_on", "parentbased_always_on":
		s = tracewire.SamplingAccept
	case "always_off", "parentbased_always_off":
		s = tracewire.SamplingDeny
	case "traceidratio", "parentbased_traceidratio":
		if arg == "" {
			return tracewire.NewRatioSampler(1), nil
		}
		p, err := strconv.ParseFloat(arg, 64)
		if err != nil || math.IsNaN(p) || p < 0 || p > 1 {
			return tracewire.NewRatioSampler(1), errors.New(`propagator: ` + SamplerArgEnvVar + `: "` + arg +
				`" is not a probability (a number from 0 to 1) for ` + name + `; sampling every root (1.0)`)
		}
		return tracewire.NewRatioSampler(p), nil
	case "jaeger_remote", "parentbased_jaeger_remote", "xray":
		return nil, errors.New(`propagator: ` + SamplerEnvVar + `: "` + name +
			`" needs a remote sampling service, which the edge does not support; sampling every root (parentbased_always_on)`)
	default:
		return nil, errors.New(`propagator: ` + SamplerEnvVar + `: unknown sampler "` + name +
			`" (always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio); sampling every root (parentbased_always_on)`)
	}
	if arg != "" {
		return s, samplerArgIgnored(arg, name)
	}
	return s, nil
}

// samplerArgIgnored reports an OTEL_TRACES_SAMPLER_ARG that the sampler in
// use does not read.
func samplerArgIgnored(arg, sampler string) error {
	return errors.New(`propagator: ` + SamplerArgEnvVar + `: "` + arg + `" ignored: ` + sampler + ` takes no argument`)
}
