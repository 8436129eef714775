package grpctrace_test

import (
	"encoding/hex"
	"net/http"
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

// recorder is a carrier.Setter that keeps header lines in the order set.
type recorder [][2]string

func (r *recorder) Set(k, v string) { *r = append(*r, [2]string{k, v}) }

// got is the comparable view of a span context the vectors describe.
type got struct {
	TraceID, SpanID, ParentSpanID, Sampling string
	Random                                  bool
}

func view(sc tracewire.SpanContext) got {
	g := got{
		TraceID:  sc.TraceID().String(),
		SpanID:   sc.SpanID().String(),
		Sampling: sc.Sampling().String(),
		Random:   sc.IsRandom(),
	}
	if p := sc.ParentSpanID(); p.IsValid() {
		g.ParentSpanID = p.String()
	}
	return g
}

func want(e *vectors.Expect) got {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return got{str(e.TraceID), str(e.SpanID), str(e.ParentSpanID), str(e.Sampling), e.Random != nil && *e.Random}
}

// firstValue is the part of a text value before any ",", which is what
// extraction reads of values joined with ",".
func firstValue(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		return v[:i]
	}
	return v
}

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "grpc-trace-bin")
	if f.Format != "grpc-trace-bin" {
		t.Fatalf("format = %q", f.Format)
	}
	if len(f.Cases) < 40 {
		t.Errorf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}
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
				h := http.Header{}
				for _, l := range c.Headers {
					h.Add(l[0], l[1])
				}
				g = carrier.HTTPHeader(h)
				if v := firstValue(c.Lines("grpc-trace-bin")[0]); strings.Trim(v, " \t") != "" {
					direct, directErr = grpctrace.Parse(v)
					vectorcheck.Error(t, "Parse", directErr, c.Error)
					d2, e2 := grpctrace.ParseBytes([]byte(v))
					if d2 != direct || e2 != directErr {
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
			if c.Expect != nil {
				if d := cmp.Diff(want(c.Expect), view(sc)); d != "" {
					t.Errorf("span context mismatch (-want +got):\n%s", d)
				}
			}

			var out recorder
			grpctrace.Propagator{}.InjectInto(&out, sc)
			if d := cmp.Diff(c.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("canonical mismatch (-want +got):\n%s", d)
			}
			// The binary propagator writes the same bytes, raw.
			var bin recorder
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
}
