package tracewire

import "github.com/tracewire/tracewire/internal/hexid"

// Flags is the W3C trace-flags byte. Only the bits defined by Trace Context
// Level 2 are kept; reserved bits are dropped on parse and never emitted.
type Flags uint8

// The trace flags defined by W3C Trace Context.
const (
	FlagSampled Flags = 0x01 // the caller may have recorded trace data
	FlagRandom  Flags = 0x02 // Level 2: the right-most 7 bytes of the trace id are random
)

// IsSampled reports whether FlagSampled is set.
func (f Flags) IsSampled() bool { return f&FlagSampled != 0 }

// IsRandom reports whether FlagRandom is set.
func (f Flags) IsRandom() bool { return f&FlagRandom != 0 }

// String returns the two lowercase hex digits of f as traceparent carries
// them, followed by the names of the flags set in parentheses: "00",
// "01 (sampled)", "02 (random)", "03 (sampled, random)". Bits W3C has not
// defined show only in the digits. The tracewire command prints flags
// this way.
func (f Flags) String() string {
	b := make([]byte, 0, len("ff (sampled, random)"))
	b = hexid.Append(b, []byte{byte(f)})
	switch f & (FlagSampled | FlagRandom) {
	case FlagSampled:
		b = append(b, " (sampled)"...)
	case FlagRandom:
		b = append(b, " (random)"...)
	case FlagSampled | FlagRandom:
		b = append(b, " (sampled, random)"...)
	}
	return string(b)
}

// Sampling is the sampling decision a span context carries. It is richer
// than the W3C sampled flag because B3 and Jaeger can also say "not decided
// yet" and "debug"; see the package documentation for how each format's
// states map onto it.
type Sampling uint8

// The sampling states. The zero value is SamplingDeferred, so an empty
// SpanContext states no decision and formats that can say nothing say
// nothing.
const (
	SamplingDeferred Sampling = iota // no decision: B3 without a sampling state
	SamplingDeny                     // not sampled: W3C flag 0, B3 "0", Jaeger bit 0x01 clear
	SamplingAccept                   // sampled: W3C flag 1, B3 "1", Jaeger 0x01
	SamplingDebug                    // forced: B3 "d" or X-B3-Flags 1, Jaeger 0x03; implies sampled
)

var samplingNames = [...]string{"deferred", "deny", "accept", "debug"}

// String returns "deferred", "deny", "accept" or "debug" (the constants'
// names without "Sampling", the names the test vectors in testdata/ and
// the tracewire command's JSON use), or "invalid" for a value that is
// none of the four.
func (s Sampling) String() string {
	if int(s) < len(samplingNames) {
		return samplingNames[s]
	}
	return "invalid"
}

// IsSampled reports whether s says the trace is recorded (accept or debug).
func (s Sampling) IsSampled() bool { return s == SamplingAccept || s == SamplingDebug }
