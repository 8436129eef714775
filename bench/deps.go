// Package bench holds side-by-side benchmarks of tracewire against
// OpenTelemetry-Go, opentelemetry-go-contrib and zipkin-go, and (in
// the interop package) differential tests against the same peers. It is a
// nested module so that the core module keeps depending on nothing.
package bench

// The blank imports pin every peer this module compares against, so that
// `go mod tidy` keeps them as direct requirements even while a given test
// file that uses one is being written.
import (
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/openzipkin/zipkin-go/propagation/b3"
	_ "github.com/tracewire/tracewire"
	_ "github.com/tracewire/tracewire/carrier"
	_ "go.opentelemetry.io/contrib/propagators/autoprop"
	_ "go.opentelemetry.io/contrib/propagators/b3"
	_ "go.opentelemetry.io/contrib/propagators/jaeger"
	_ "go.opentelemetry.io/otel/baggage"
	_ "go.opentelemetry.io/otel/propagation"
	_ "go.opentelemetry.io/otel/sdk/trace"
	_ "go.opentelemetry.io/otel/trace"
)
