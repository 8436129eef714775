package datadog

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/decimal"
)

// Priority is a Datadog sampling priority, the value of
// x-datadog-sampling-priority and of the s: item of a dd= tracestate
// member. Its numeric value is the one on the wire. Datadog defines four;
// any other value is not valid.
type Priority int8

// The sampling priorities Datadog defines: a user (or a sampling rule)
// decided, or the tracer's automatic sampler did.
const (
	UserReject Priority = -1 // drop the trace: a user or rule decided
	AutoReject Priority = 0  // drop the trace: the automatic sampler decided
	AutoKeep   Priority = 1  // keep the trace: the automatic sampler decided
	UserKeep   Priority = 2  // keep the trace: a user or rule decided
)

// IsValid reports whether p is one of the four priorities Datadog defines.
func (p Priority) IsValid() bool { return UserReject <= p && p <= UserKeep }

// Sampling maps p to a sampling decision: a priority above zero keeps the
// trace (SamplingAccept), any other drops it (SamplingDeny). Both keep
// priorities map to accept, as dd-trace-go maps them to a W3C or B3
// sampled flag of 1; the distinction between them survives only in
// Headers.
func (p Priority) Sampling() tracewire.Sampling {
	if p > 0 {
		return tracewire.SamplingAccept
	}
	return tracewire.SamplingDeny
}

// String returns p in decimal, as the header carries it: "-1", "0", "1"
// or "2".
func (p Priority) String() string {
	switch p {
	case UserReject:
		return "-1"
	case AutoReject:
		return "0"
	case AutoKeep:
		return "1"
	case UserKeep:
		return "2"
	}
	var b [4]byte
	return string(p.append(b[:0]))
}

// append appends p in decimal to dst.
func (p Priority) append(dst []byte) []byte {
	v := int(p)
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	return decimal.Append(dst, uint64(v))
}

// PriorityFor returns the priority that states decision s in Datadog
// terms: AutoReject for deny, AutoKeep for accept and UserKeep for debug
// (a trace someone forced, as B3 "d" and Jaeger's debug flag do, is a
// user's decision). A deferred decision has no priority: ok is false.
func PriorityFor(s tracewire.Sampling) (p Priority, ok bool) {
	switch s {
	case tracewire.SamplingDeny:
		return AutoReject, true
	case tracewire.SamplingAccept:
		return AutoKeep, true
	case tracewire.SamplingDebug:
		return UserKeep, true
	}
	return 0, false
}

// parsePriority reads exactly "-1", "0", "1" or "2". It returns the
// offset in v of the first byte that cannot continue one, or -1.
func parsePriority(v string) (Priority, int) {
	switch {
	case len(v) == 0:
		return 0, 0
	case v[0] == '-':
		if len(v) < 2 || v[1] != '1' {
			return 0, 1
		}
		if len(v) > 2 {
			return 0, 2
		}
		return UserReject, -1
	case '0' <= v[0] && v[0] <= '2':
		if len(v) > 1 {
			return 0, 1
		}
		return Priority(v[0] - '0'), -1
	}
	return 0, 0
}
