package traceparent

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// recorder is a carrier.Setter that keeps the headers in the order set.
type recorder [][2]string

func (r *recorder) Set(k, v string) { *r = append(*r, [2]string{k, v}) }

// expectOf describes sc with the fields that want checks.
func expectOf(sc tracewire.SpanContext, want *vectors.Expect) *vectors.Expect {
	str := func(s string) *string { return &s }
	b := func(v bool) *bool { return &v }
	got := &vectors.Expect{}
	if want.TraceID != nil {
		got.TraceID = str(sc.TraceID().String())
	}
	if want.SpanID != nil {
		got.SpanID = str(sc.SpanID().String())
	}
	if want.ParentSpanID != nil {
		p := ""
		if sc.ParentSpanID().IsValid() {
			p = sc.ParentSpanID().String()
		}
		got.ParentSpanID = str(p)
	}
	if want.Sampling != nil {
		got.Sampling = str(sc.Sampling().String())
	}
	if want.Random != nil {
		got.Random = b(sc.IsRandom())
	}
	if want.TraceState != nil {
		got.TraceState = [][2]string{}
		for k, v := range sc.TraceState().All() {
			got.TraceState = append(got.TraceState, [2]string{k, v})
		}
	}
	return got
}

var equateEmpty = cmpopts.EquateEmpty()

func headerOf(c vectors.Case) http.Header {
	h := http.Header{}
	for _, kv := range c.Headers {
		h.Add(kv[0], kv[1])
	}
	return h
}

func TestTraceparentVectors(t *testing.T) {
	f := vectors.Load(t, "traceparent")
	if f.Format != "traceparent" {
		t.Fatalf("format = %q", f.Format)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("case has no reason")
			}
			p := Propagator{Level1: c.Options.Level1, LenientTraceState: c.Options.Lenient}
			sc, err := p.ExtractFrom(carrier.HTTPHeader(headerOf(c)))
			wantErr := c.Error
			lines := c.Lines("traceparent")
			if len(lines) == 1 && strings.Trim(lines[0], " \t") == "" {
				wantErr = nil // the propagator reads an empty or blank value as absent
			}
			if c.Error != nil && c.Error.Header == "tracestate" {
				// A tracestate beside a valid traceparent is discarded, not
				// an extraction error; its own parser reports why.
				wantErr = nil
				opts := tracewire.TraceStateOptions{Level1: c.Options.Level1, Lenient: c.Options.Lenient}
				_, tsErr := opts.Parse(c.Lines("tracestate")...)
				vectorcheck.Error(t, "TraceStateOptions.Parse", tsErr, c.Error)
				if !c.Valid {
					t.Error("a tracestate error in a case whose traceparent is invalid")
				}
			}
			vectorcheck.Error(t, "ExtractFrom", err, wantErr)
			if sc.IsValid() != c.Valid {
				t.Errorf("ExtractFrom valid = %v, want %v", sc.IsValid(), c.Valid)
			}
			if sc.IsValid() && !sc.IsRemote() {
				t.Error("ExtractFrom did not mark the context remote")
			}
			if c.Expect != nil {
				if diff := cmp.Diff(c.Expect, expectOf(sc, c.Expect), equateEmpty); diff != "" {
					t.Errorf("ExtractFrom (-want +got):\n%s", diff)
				}
			}
			var rec recorder
			p.InjectInto(&rec, sc)
			if diff := cmp.Diff(c.Canonical, [][2]string(rec), equateEmpty); diff != "" {
				t.Errorf("InjectInto (-want +got):\n%s", diff)
			}

			// The codec alone, for the cases with one traceparent line.
			if len(lines) != 1 {
				return
			}
			var parseErr *vectors.Error
			if c.Error != nil && c.Error.Header == "traceparent" {
				parseErr = c.Error
			}
			for _, parse := range []struct {
				name string
				fn   func(string) (tracewire.SpanContext, error)
			}{
				{"Parse", Parse},
				{"ParseBytes", func(s string) (tracewire.SpanContext, error) { return ParseBytes([]byte(s)) }},
			} {
				sc, err := parse.fn(lines[0])
				vectorcheck.Error(t, parse.name, err, parseErr)
				if err != nil {
					if sc != (tracewire.SpanContext{}) {
						t.Errorf("%s returned %v with an error", parse.name, sc)
					}
					continue
				}
				if c.Options.Level1 {
					sc = sc.WithRandom(false)
				}
				if c.Expect != nil {
					want := *c.Expect
					want.TraceState = nil
					if diff := cmp.Diff(&want, expectOf(sc, &want)); diff != "" {
						t.Errorf("%s (-want +got):\n%s", parse.name, diff)
					}
				}
				if got, want := string(Append(nil, sc)), c.Canonical[0][1]; got != want {
					t.Errorf("%s then Append = %q, want %q", parse.name, got, want)
				}
			}
		})
	}
}

func TestTraceresponseVectors(t *testing.T) {
	f := vectors.Load(t, "traceresponse")
	if f.Format != "traceresponse" {
		t.Fatalf("format = %q", f.Format)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("case has no reason")
			}
			if len(c.Headers) != 1 {
				t.Fatalf("want one header, have %d", len(c.Headers))
			}
			name, value := c.Headers[0][0], c.Headers[0][1]
			type result struct {
				how string
				sc  tracewire.SpanContext
				err error
			}
			var results []result
			var appendFn func([]byte, tracewire.SpanContext) []byte
			switch name {
			case "traceresponse":
				sc, err := ParseResponse(value)
				results = append(results, result{"ParseResponse", sc, err})
				sc, err = ParseResponseBytes([]byte(value))
				results = append(results, result{"ParseResponseBytes", sc, err})
				appendFn = AppendResponse
			case "server-timing":
				sc, err := ParseServerTiming(value)
				results = append(results, result{"ParseServerTiming", sc, err})
				appendFn = AppendServerTiming
			default:
				t.Fatalf("unknown header %q", name)
			}
			for _, r := range results {
				vectorcheck.Error(t, r.how, r.err, c.Error)
				if r.sc.IsValid() != c.Valid {
					t.Errorf("%s valid = %v, want %v", r.how, r.sc.IsValid(), c.Valid)
				}
				if c.Expect != nil {
					if diff := cmp.Diff(c.Expect, expectOf(r.sc, c.Expect)); diff != "" {
						t.Errorf("%s (-want +got):\n%s", r.how, diff)
					}
				}
				var got [][2]string
				if out := appendFn(nil, r.sc); len(out) > 0 {
					got = append(got, [2]string{name, string(out)})
				}
				if diff := cmp.Diff(c.Canonical, got, equateEmpty); diff != "" {
					t.Errorf("%s canonical (-want +got):\n%s", r.how, diff)
				}
			}
		})
	}
}

// TestVectorCounts keeps the suites from shrinking unnoticed.
func TestVectorCounts(t *testing.T) {
	if n := len(vectors.Load(t, "traceparent").Cases); n < 60 {
		t.Errorf("traceparent.json has %d cases, want >= 60", n)
	}
	if n := len(vectors.Load(t, "traceresponse").Cases); n < 15 {
		t.Errorf("traceresponse.json has %d cases, want >= 15", n)
	}
}
