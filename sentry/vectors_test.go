package sentry_test

import "testing"

// TestVectors runs testdata/sentry.json.
func TestVectors(t *testing.T) { codec.Run(t, nil) }
