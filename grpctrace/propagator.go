package grpctrace

import (
	"context"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
)

// Propagator extracts and injects grpc-trace-bin. The zero value writes
// the base64 text form, for carriers that hold header text (HTTP/2
// headers seen by a proxy, a carrier.HTTPHeader, a message's string map);
// Binary selects the raw bytes, for gRPC metadata whose library encodes
// -bin values itself (google.golang.org/grpc/metadata.MD through
// carrier.Metadata). Extraction reads either form whatever the setting.
type Propagator struct {
	// Binary makes InjectInto write the 29 raw bytes instead of base64.
	Binary bool
}

// ExtractFrom reads the span context in g's grpc-trace-bin, marked
// remote. A value whose first byte is 0 is the raw binary form (base64
// text never holds that byte) and is parsed by ParseBinary; any other is
// text, parsed by Parse. Of several text values joined with ",", the first
// counts, as gRPC hands the first value of a repeated key first. An absent
// or blank value is not an error: the result is the zero SpanContext and a
// nil error.
//
// From a carrier.HTTPHeader or a carrier.Metadata it allocates nothing.
func (Propagator) ExtractFrom(g carrier.Getter) (tracewire.SpanContext, error) {
	v := g.Get(header)
	if v == "" {
		return tracewire.SpanContext{}, nil
	}
	if v[0] == 0 {
		sc, err := parseBinary(v)
		if err != nil {
			return sc, err
		}
		return sc.WithRemote(true), nil
	}
	for i := 0; i < len(v); i++ {
		if v[i] == ',' {
			v = v[:i]
			break
		}
	}
	if ows.Blank(v) {
		return tracewire.SpanContext{}, nil
	}
	sc, err := Parse(v)
	if err != nil {
		return tracewire.SpanContext{}, err
	}
	return sc.WithRemote(true), nil
}

// InjectInto writes sc to s as grpc-trace-bin: base64 text (see Append),
// or with Binary the raw bytes (see AppendBinary). It writes nothing for
// an invalid sc. The value costs one allocation.
func (p Propagator) InjectInto(s carrier.Setter, sc tracewire.SpanContext) {
	if !sc.IsValid() {
		return
	}
	var b [textLen]byte
	if p.Binary {
		carrier.Set(s, header, AppendBinary(b[:0], sc))
		return
	}
	carrier.Set(s, header, Append(b[:0], sc))
}

// Extract returns ctx carrying the span context found in g (see
// ExtractFrom), marked remote, if it is valid; otherwise ctx unchanged.
func (p Propagator) Extract(ctx context.Context, g carrier.Getter) context.Context {
	sc, _ := p.ExtractFrom(g)
	return tracewire.ContextWithExtracted(ctx, sc)
}

// Inject writes the span context held by ctx into s, as InjectInto does.
func (p Propagator) Inject(ctx context.Context, s carrier.Setter) {
	p.InjectInto(s, tracewire.SpanContextFromContext(ctx))
}

// Fields returns the header Inject writes: grpc-trace-bin. The slice is
// new on every call.
func (Propagator) Fields() []string { return []string{header} }

// Name returns "grpc-trace-bin", the name this module's registry and
// OTEL_PROPAGATORS parsing give the propagator, after its metadata key
// (an extension: the OpenTelemetry specification names no binary
// propagator).
func (Propagator) Name() string { return header }

// ReadsTraceState reports false: grpc-trace-bin has no trace state, so
// InjectInto writes the same header whatever trace state sc carries, and
// a caller holding one in a form of its own need not convert it.
func (Propagator) ReadsTraceState() bool { return false }

// HasIDs reports whether g has a non-empty grpc-trace-bin: without it,
// ExtractFrom cannot return a valid span context. It is the cheap probe a
// composite uses to skip a member once it has a winner.
func (Propagator) HasIDs(g carrier.Getter) bool { return g.Get(header) != "" }

// ReadNames returns the one name HasIDs looks up, grpc-trace-bin, and no
// names for more: the survey a composite makes of a map carrier answers
// HasIDs from it.
func (Propagator) ReadNames() (ids, more carrier.Names) { return readIDs, 0 }

// readIDs is the set ReadNames returns.
var readIDs = carrier.NamesOf(header)

// ClearFields deletes grpc-trace-bin from s if s is a carrier.Deleter, so
// that a reused carrier keeps no stale value beside a context that is not
// valid.
func (Propagator) ClearFields(s carrier.Setter) {
	if d, ok := s.(carrier.Deleter); ok {
		d.Delete(header)
	}
}
