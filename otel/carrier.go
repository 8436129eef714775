package twotel

import (
	"net/http"

	"github.com/tracewire/tracewire/carrier"
	"go.opentelemetry.io/otel/propagation"
)

// The method sets already match: every OpenTelemetry TextMapCarrier is a
// tracewire carrier.Getter and carrier.Setter, a ValuesGetter beside it
// makes it a carrier.ValuesGetter, and the tracewire adapters are
// OpenTelemetry carriers. Getter and Setter only swap OpenTelemetry's two
// concrete carriers for faster equivalents.
var (
	_ carrier.Getter                = propagation.TextMapCarrier(nil)
	_ carrier.Setter                = propagation.TextMapCarrier(nil)
	_ carrier.ValuesGetter          = propagation.HeaderCarrier(nil)
	_ propagation.TextMapCarrier    = carrier.HTTPHeader(nil)
	_ propagation.ValuesGetter      = carrier.HTTPHeader(nil)
	_ propagation.TextMapCarrier    = carrier.Map(nil)
	_ propagation.TextMapCarrier    = carrier.Metadata(nil)
	_ propagation.TextMapPropagator = Propagator{}
)

// Getter returns c as a tracewire carrier.Getter, without allocating.
//
// A propagation.HeaderCarrier becomes a view of the same http.Header
// whose lookups of the trace headers use their canonical spelling
// directly: http.Header.Get canonicalizes the key on each call, which
// allocates. A propagation.MapCarrier becomes a carrier.Map of the same
// map, whose lookups are ASCII case-insensitive (an exact match first),
// where MapCarrier's are exact: a map filled from a source that keeps
// header names as sent ("Traceparent", "X-B3-TraceId") is read all the
// same. Any other carrier is returned as it is.
func Getter(c propagation.TextMapCarrier) carrier.Getter { return adapt(c) }

// Setter returns c as a tracewire carrier.Setter that can also delete,
// so that a composite propagator clears the stale fields of a reused
// carrier. A propagation.HeaderCarrier gets each value in a new slice, as
// http.Header.Set does, so a header map that shares its slices with
// another (a shallow copy of an incoming request's) never changes the
// other; a propagation.MapCarrier becomes a carrier.Map, which writes the
// lowercase names propagators use and removes other spellings of them.
// Any other carrier is returned as it is.
func Setter(c propagation.TextMapCarrier) carrier.Setter { return adapt(c) }

// adapt swaps OpenTelemetry's two concrete carriers for their faster
// equivalents, which read and write the same map.
func adapt(c propagation.TextMapCarrier) propagation.TextMapCarrier {
	switch c := c.(type) {
	case propagation.HeaderCarrier:
		return headerCarrier(c)
	case propagation.MapCarrier:
		return carrier.Map(c)
	}
	return c
}

// headerCarrier reads through carrier.HTTPHeader and writes as
// http.Header.Set does.
type headerCarrier http.Header

func (h headerCarrier) Get(key string) string      { return carrier.HTTPHeader(h).Get(key) }
func (h headerCarrier) Values(key string) []string { return carrier.HTTPHeader(h).Values(key) }
func (h headerCarrier) Keys() []string             { return carrier.HTTPHeader(h).Keys() }
func (h headerCarrier) Delete(key string)          { carrier.HTTPHeader(h).Delete(key) }

// Set replaces key's value with a new one-element slice.
func (h headerCarrier) Set(key, value string) {
	carrier.HTTPHeader(h).Delete(key)
	carrier.HTTPHeader(h).Set(key, value)
}
