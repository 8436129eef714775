//go:build race

package baggage

const raceEnabled = true
