package b3

import (
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/hexid"
)

// hexRun returns the end of the run of lowercase hex digits starting at
// v[i], looking at no more than max bytes. Bounding the scan keeps the cost
// of a hostile value independent of its length.
func hexRun[S hexid.Bytes](v S, i, max int) int {
	end := min(len(v), i+max)
	j := i
	for j < end && hexid.Lower(v[j]) != 0xff {
		j++
	}
	return j
}

// isLowerHex reports whether c is a lowercase hex digit.
func isLowerHex(c byte) bool { return hexid.Lower(c) != 0xff }

// samplingOf maps a single-header sampling state to its Sampling.
func samplingOf(c byte) (tracewire.Sampling, bool) {
	switch c {
	case '0':
		return tracewire.SamplingDeny, true
	case '1':
		return tracewire.SamplingAccept, true
	case 'd':
		return tracewire.SamplingDebug, true
	}
	return tracewire.SamplingDeferred, false
}

// stateChar is the single-header character for s, or 0 for a deferred
// decision, which B3 expresses by leaving the field out.
func stateChar(s tracewire.Sampling) byte {
	switch s {
	case tracewire.SamplingDeny:
		return '0'
	case tracewire.SamplingAccept:
		return '1'
	case tracewire.SamplingDebug:
		return 'd'
	}
	return 0
}
