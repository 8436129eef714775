//go:build !race

package b3_test

const raceEnabled = false
