//go:build race

package ottrace_test

const raceEnabled = true
