//go:build race

package propagator_test

const raceEnabled = true
