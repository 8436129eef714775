//go:build !race

package ottrace_test

const raceEnabled = false
