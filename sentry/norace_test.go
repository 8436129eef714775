//go:build !race

package sentry_test

const raceEnabled = false
