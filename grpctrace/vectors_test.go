package grpctrace_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// firstValue is the part of a text value before any ",", which is what
// extraction reads of values joined with ",".
func firstValue(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		return v[:i]
	}
	return v
}

func TestVectors(t *testing.T) {
	vectors.Run(t, "grpc-trace-bin", 40, func(t *testing.T, c vectors.Case) {
		var g carrier.Getter
		var direct tracewire.SpanContext
		var directErr error
		switch {
		case c.Binary != nil:
			if len(c.Headers) != 0 {
				t.Fatal("a case gives binary or headers, not both")
			}
			b, err := hex.DecodeString(*c.Binary)
			if err != nil {
				t.Fatal(err)
			}
			direct, directErr = grpctrace.ParseBinary(b)
			vectorcheck.Error(t, "ParseBinary", directErr, c.Error)
			// gRPC metadata holds the decoded bytes.
			g = carrier.Metadata{"grpc-trace-bin": {string(b)}}
		default:
			g = carrier.HTTPHeader(c.HTTPHeader())
			if v := firstValue(c.Lines("grpc-trace-bin")[0]); strings.Trim(v, " \t") != "" {
				direct, directErr = grpctrace.Parse(v)
				vectorcheck.Error(t, "Parse", directErr, c.Error)
				d2, e2 := grpctrace.ParseBytes([]byte(v))
				if d2 != direct || !vectorcheck.SameError(e2, directErr) {
					t.Errorf("ParseBytes = %v, %v; Parse = %v, %v", d2, e2, direct, directErr)
				}
			} else if c.Error != nil {
				t.Errorf("a blank value is absent, yet the vector expects %v", *c.Error)
			}
		}

		sc, err := grpctrace.Propagator{}.ExtractFrom(g)
		startsBinary := c.Binary != nil && strings.HasPrefix(*c.Binary, "00")
		if c.Binary == nil || startsBinary {
			vectorcheck.Error(t, "ExtractFrom", err, c.Error)
		} else if err == nil {
			t.Error("ExtractFrom accepted bytes that are neither binary nor base64")
		}
		if sc.IsValid() != c.Valid {
			t.Errorf("IsValid = %v, want %v", sc.IsValid(), c.Valid)
		}
		if sc.IsValid() != sc.IsRemote() {
			t.Errorf("IsRemote = %v", sc.IsRemote())
		}
		if !sc.IsValid() && sc != (tracewire.SpanContext{}) {
			t.Errorf("invalid result is not the zero value: %v", sc)
		}
		if direct != sc.WithRemote(false) {
			t.Errorf("direct parse %v, ExtractFrom %v", direct, sc)
		}
		vectorcheck.SpanContext(t, "ExtractFrom", sc, c.Expect)

		var out vectors.Recorder
		grpctrace.Propagator{}.InjectInto(&out, sc)
		if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("canonical mismatch (-want +got):\n%s", d)
		}
		// The binary propagator writes the same bytes, raw.
		var bin vectors.Recorder
		grpctrace.Propagator{Binary: true}.InjectInto(&bin, sc)
		if len(out) > 0 {
			if len(bin) != 1 || len(bin[0][1]) != 29 {
				t.Fatalf("binary injection = %q", bin)
			}
			back, err := grpctrace.Propagator{}.ExtractFrom(carrier.Metadata{"grpc-trace-bin": {bin[0][1]}})
			if err != nil || back != sc {
				t.Errorf("binary round trip: %v, %v; want %v", back, err, sc)
			}
		} else if len(bin) != 0 {
			t.Errorf("binary injection of an invalid context: %q", bin)
		}
	})
}
