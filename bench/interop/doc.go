// Package interop holds differential tests of tracewire against the
// propagators most Go services already run: OpenTelemetry-Go (the core
// tracecontext and baggage propagators, and the contrib B3, Jaeger, aws/xray
// and ot ones), zipkin-go's B3, and dd-trace-go's datadog propagator, alone
// and beside tracecontext (its propagator only: no tracer is started and
// nothing contacts an agent).
//
// The tests feed the same header sets to both sides: every "headers" case
// of the testdata vectors, a few hand-picked edge inputs, and mutations of
// valid vectors drawn from a fixed-seed generator. They compare what each
// side extracts (validity, ids, sampling, trace state, baggage members) and
// what each injects when handed its own extraction back. Both sides run with
// their default configuration; the vectors' "options" are not applied,
// because the point is what a user gets out of the box.
//
// Every disagreement must be listed in knownDivergences, with the spec text
// behind it and the reason tracewire behaves as it does; the tests fail on a
// disagreement that is not listed and on a listed one that no longer occurs,
// so the table is always exactly the set of differences. Run
//
//	go test ./interop -run TestDivergenceMarkdown -interop.md=divergences.md
//
// to write the table as Markdown for testdata/README.md.
//
// TestEdgeInFrontOfOTelSDK puts a tracewire edge (propagator.Edge and
// Transport) in front of an OpenTelemetry-Go SDK service with default
// settings and checks that the service records its span as a child of the
// edge's.
//
// The package has no non-test code; it exists only for its tests.
package interop
