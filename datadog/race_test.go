//go:build race

package datadog_test

const raceEnabled = true
