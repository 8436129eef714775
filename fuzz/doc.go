// Package fuzz holds the module's cross-format tests: fuzz targets that
// convert span contexts between W3C Trace Context, B3 and Jaeger, that
// check every propagator's extract-inject-extract cycle is a fixed point,
// that feed arbitrary bytes to every parser, and that require every
// parser, fast path and all, to agree with a slow reference walker written
// from SPEC.md (ref_*_test.go, FuzzReference*); and tests of hostile
// input (megabyte values, thousands of list members and header lines,
// every byte value in every position of a valid header).
//
// The package has no API: it is a home for tests that span several codec
// packages, which must not import each other. Plain `go test ./fuzz/` runs
// every fuzz target over its seed corpus (the header values of the JSON
// vectors in testdata/ and the regression inputs in testdata/fuzz/); run
// one target for longer with
//
//	go test -run=NONE -fuzz=FuzzConvert -fuzztime=30s ./fuzz/
//
// BenchmarkHostile pairs each hostile input at 1 MiB and 2 MiB, so that a
// reader can check the cost grows linearly:
//
//	go test -run=NONE -bench=Hostile -count=10 ./fuzz/ > hostile.txt
//	benchstat hostile.txt
//
// Timing is never asserted in a test; linear work is asserted through
// allocation counts and by the cases completing under go test -timeout.
package fuzz
