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
// allocates. A propagation.MapCarrier is read as OpenTelemetry reads it,
// by exact name, each name spelled as OpenTelemetry's own propagators
// spell it (lowercase, but X-Amzn-Trace-Id, as contrib's X-Ray propagator
// has it), so a missing header costs one map lookup. To read a map whose
// names may come in any case ("Traceparent", "X-B3-TraceId"), pass it as
// a carrier.Map, which is an OpenTelemetry carrier too and is read ASCII
// case-insensitively, at the cost of a walk over the keys for a name it
// lacks. Any other carrier is returned as it is.
func Getter(c propagation.TextMapCarrier) carrier.Getter { return adapt(c) }

// Setter returns c as a tracewire carrier.Setter that can also delete,
// so that a composite propagator clears the stale fields of a reused
// carrier. A propagation.HeaderCarrier gets each value in a new slice, as
// http.Header.Set does, so a header map that shares its slices with
// another (a shallow copy of an incoming request's) never changes the
// other; a propagation.MapCarrier gets the names as OpenTelemetry's own
// propagators write them, so that they read each other's maps.
// Any other carrier is returned as it is.
func Setter(c propagation.TextMapCarrier) carrier.Setter { return adapt(c) }

// adapt swaps OpenTelemetry's two concrete carriers for equivalents that
// read and write the same map and can delete.
func adapt(c propagation.TextMapCarrier) propagation.TextMapCarrier {
	switch c := c.(type) {
	case propagation.HeaderCarrier:
		return headerCarrier(c)
	case propagation.MapCarrier:
		return mapCarrier(c)
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

// mapCarrier is propagation.MapCarrier, read and written by exact name
// as OpenTelemetry does, with each name spelled as OpenTelemetry's own
// propagators spell it (see otelSpelling), and able to delete.
type mapCarrier map[string]string

func (m mapCarrier) Get(key string) string {
	if v, ok := m[key]; ok {
		return v
	}
	if s := otelSpelling(key); s != key {
		return m[s]
	}
	return ""
}

func (m mapCarrier) Keys() []string { return propagation.MapCarrier(m).Keys() }

func (m mapCarrier) Set(key, value string) {
	if s := otelSpelling(key); s != key {
		delete(m, key)
		key = s
	}
	m[key] = value
}

func (m mapCarrier) Delete(key string) {
	delete(m, key)
	delete(m, otelSpelling(key))
}

// otelSpelling returns the name OpenTelemetry's propagators use for the
// header tracewire's propagators call key (lowercase): the same name,
// but for X-Ray's, which contrib's propagator writes and reads as
// X-Amzn-Trace-Id.
func otelSpelling(key string) string {
	if key == "x-amzn-trace-id" {
		return "X-Amzn-Trace-Id"
	}
	return key
}
