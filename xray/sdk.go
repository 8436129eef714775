package xray

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// sdkLen is the length of the value every AWS SDK and the X-Ray daemon
// write: "Root=1-{8}-{24};Parent={16};Sampled=x".
const sdkLen = fastFlag + 1

// The eight-byte words of that layout, first byte lowest, as hexid.Load8
// reads them: "Root=1-" and the byte after it (masked off), ";Parent=",
// and ";Sampled".
const (
	wordRoot    = 0x2d313d746f6f52 // "Root=1-"
	maskRoot    = 0x00ffffffffffffff
	wordParent  = 0x3d746e657261503b // ";Parent="
	wordSampled = 0x64656c706d61533b // ";Sampled"
)

// sdkContext decodes v when it is exactly the layout SDKs write, with
// lowercase hex, non-zero ids and a Sampled flag of "0", "1" or "?", and
// stores its span context, marked remote, in *dst: what scan and
// spanContext(true) return for it, at a fraction of the cost, since every
// field is at a fixed offset and compared or decoded eight bytes at a
// time. For anything else it reports false, leaving *dst as it was, and
// the caller takes the general path, which also owns every error. The Header of such a value carries nothing the
// span context does not (see Propagator.Extract).
func sdkContext(v string, dst *tracewire.SpanContext) bool {
	if len(v) != sdkLen || hexid.Load8(v, 0)&maskRoot != wordRoot || v[15] != '-' ||
		hexid.Load8(v, fastParent) != wordParent || hexid.Load8(v, fastSampled) != wordSampled || v[fastFlag-1] != '=' {
		return false
	}
	var s tracewire.Sampling
	switch v[fastFlag] {
	case '1':
		s = tracewire.SamplingAccept
	case '0':
		s = tracewire.SamplingDeny
	case '?':
		s = tracewire.SamplingDeferred
	default:
		return false
	}
	// Six eight-digit decodes in line, as traceparent's decodeIDs makes at
	// its own offsets: fastRoot and fastSpan (or hexid.Decode16), which
	// do the same, are calls here and measured 15-30% slower on this path.
	const r = len("Root=1-")
	a, bad1 := hexid.Decode8(hexid.Load8(v, r))
	b, bad2 := hexid.Decode8(hexid.Load8(v, r+9))
	c, bad3 := hexid.Decode8(hexid.Load8(v, r+17))
	d, bad4 := hexid.Decode8(hexid.Load8(v, r+25))
	e, bad5 := hexid.Decode8(hexid.Load8(v, fastSpanAt))
	f, bad6 := hexid.Decode8(hexid.Load8(v, fastSpanAt+8))
	if bad1|bad2|bad3|bad4|bad5|bad6 != 0 || a|b|c|d == 0 || e|f == 0 {
		return false
	}
	// The ids go into the config eight bytes at a time, and the context
	// straight into *dst (see SpanContextConfig.Build).
	cfg := tracewire.SpanContextConfig{Sampling: s, Remote: true}
	binary.LittleEndian.PutUint64(cfg.TraceID[:8], uint64(a)|uint64(b)<<32)
	binary.LittleEndian.PutUint64(cfg.TraceID[8:], uint64(c)|uint64(d)<<32)
	binary.LittleEndian.PutUint64(cfg.SpanID[:], uint64(e)|uint64(f)<<32)
	cfg.Build(dst)
	return true
}
