//go:build race

package jaeger_test

const raceEnabled = true
