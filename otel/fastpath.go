package twotel

import (
	"context"
	"net/http"

	"github.com/tracewire/tracewire"
	twbaggage "github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/trace"
)

// OpenTelemetry needs a tracestate and a baggage header in its own types,
// which only its own parsers build (trace.ParseTraceState, baggage.Parse),
// so the adapter would parse those headers twice: once by tracewire, to
// decide what is valid, and once by OpenTelemetry, to build the value.
// For a header that OpenTelemetry's parser takes whole, tracewire's takes
// it whole too and finds the same members (its grammars are the wider
// ones, given the checks below), so there the adapter lets OpenTelemetry
// parse once; for any other header tracewire decides, as everywhere else.
// FuzzFastPaths checks that both ways agree.

// extractTraceContext is Extract for the W3C Trace Context propagator on
// OpenTelemetry's two carriers, when the tracestate is at most one line:
// tracewire reads the traceparent, OpenTelemetry the tracestate. It
// reports false when the general way must decide.
func (p Propagator) extractTraceContext(ctx context.Context, g carrier.Getter) (context.Context, bool) {
	var (
		hidden carrier.Getter
		line   string
	)
	switch c := g.(type) {
	case headerCarrier:
		lines := carrier.HTTPHeader(c).Values("tracestate")
		if len(lines) > 1 {
			return ctx, false
		}
		if len(lines) == 1 {
			line = lines[0]
		}
		hidden = headerNoState(c)
	case mapCarrier:
		line, hidden = c["tracestate"], mapNoState(c)
	default:
		return ctx, false
	}
	sc, _ := p.span.ExtractFrom(hidden)
	if !sc.IsValid() || line == "" {
		return withExtracted(ctx, sc, nil), true
	}
	ots, err := trace.ParseTraceState(line)
	if err != nil || ots.Len() == 0 {
		return ctx, false
	}
	return withExtractedState(ctx, sc, ots), true
}

// withExtractedState is withExtracted for a valid sc whose trace state
// OpenTelemetry has parsed already.
func withExtractedState(ctx context.Context, sc tracewire.SpanContext, ots trace.TraceState) context.Context {
	n := &remote{Context: ctx}
	n.set(sc)
	n.ots = ots
	if spanKey == nil {
		return trace.ContextWithSpan(n, nonRecording{n})
	}
	n.bits |= bitOwnsSpan
	return n
}

// headerNoState and mapNoState are the carriers without their tracestate,
// for the traceparent codec. Being maps, they cost no allocation as
// carrier.Getters.
type (
	headerNoState http.Header
	mapNoState    map[string]string
)

func (h headerNoState) Get(key string) string {
	if key == "tracestate" {
		return ""
	}
	return carrier.HTTPHeader(h).Get(key)
}

func (h headerNoState) Values(key string) []string {
	if key == "tracestate" {
		return nil
	}
	return carrier.HTTPHeader(h).Values(key)
}

func (h headerNoState) Keys() []string { return carrier.HTTPHeader(h).Keys() }

func (m mapNoState) Get(key string) string {
	if key == "tracestate" {
		return ""
	}
	return mapCarrier(m).Get(key)
}

func (m mapNoState) Keys() []string { return mapCarrier(m).Keys() }

// extractBaggageOTel stores a one-line baggage header that OpenTelemetry
// parses whole, and reports false for any other (more lines, a member
// OpenTelemetry refuses, raised limits, or one of the few spellings where
// the grammars part: see otelBaggageSafe).
func (p Propagator) extractBaggageOTel(ctx context.Context, g carrier.Getter) (context.Context, bool) {
	if p.bag.Limits.MaxMembers != 0 || p.bag.Limits.MaxBytes != 0 {
		return ctx, false
	}
	line, n := baggageLine(g)
	if n != 1 {
		return ctx, n == 0
	}
	if !otelBaggageSafe(line) {
		return ctx, false
	}
	ob, err := baggage.Parse(line)
	if err != nil || ob.Len() == 0 {
		return ctx, false
	}
	return baggage.ContextWithBaggage(ctx, ob), true
}

// otelBaggageSafe reports whether line is free of what OpenTelemetry-Go's
// baggage parser accepts and tracewire's does not: whitespace other than
// spaces and tabs (which strings.TrimSpace removes), bytes outside
// printable ASCII, and empty properties (";;", a ";" before "," or at the
// end), which OpenTelemetry drops and tracewire takes to make the member
// invalid; and more members than tracewire's default limit keeps
// (baggage.DefaultMaxMembers), which OpenTelemetry, keeping more, would
// let a later duplicate key override.
func otelBaggageSafe(line string) bool {
	members := 1
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == ',' {
			if members++; members > twbaggage.DefaultMaxMembers {
				return false
			}
		}
		if (c < 0x20 && c != '\t') || c >= 0x7f {
			return false
		}
		if c != ';' {
			continue
		}
		j := i + 1
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if j == len(line) || line[j] == ';' || line[j] == ',' || line[j] == '=' {
			return false
		}
	}
	return true
}

// baggageLine returns the carrier's baggage header and how many lines it
// has (0, 1, or 2 for two or more): the fast paths take a single line
// only, and an absent header leaves the context as it is.
func baggageLine(g carrier.Getter) (line string, n int) {
	if vg, ok := g.(carrier.ValuesGetter); ok {
		lines := vg.Values("baggage")
		switch len(lines) {
		case 0:
			return "", 0
		case 1:
			return lines[0], 1
		}
		return "", 2
	}
	if line = g.Get("baggage"); line == "" {
		return "", 0
	}
	return line, 1
}
