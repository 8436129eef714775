//go:build !race

package cloudtrace_test

const raceEnabled = false
