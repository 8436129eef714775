//go:build !race

package traceparent

const raceEnabled = false
