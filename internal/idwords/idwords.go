// Package idwords builds a span context from ids decoded as words, as
// internal/hexid's Word16 and TraceWords return them, for the fast paths
// of the format packages.
package idwords

import (
	"encoding/binary"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// Build stores in *dst the span context c describes with the ids hi and
// lo (the trace id's halves, high first), span and parent (zero for
// none). The words go from registers into c, eight bytes to a store, and
// the context straight into *dst (see tracewire.SpanContextConfig.Build),
// where a caller that returned it by value would copy it again.
func Build(dst *tracewire.SpanContext, c *tracewire.SpanContextConfig, hi, lo, span, parent uint64) {
	hexid.PutTraceWords((*[16]byte)(&c.TraceID), hi, lo)
	binary.LittleEndian.PutUint64(c.SpanID[:], span)
	binary.LittleEndian.PutUint64(c.ParentSpanID[:], parent)
	c.Build(dst)
}
