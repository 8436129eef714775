package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/internal/vectors"
)

// TestVectors runs the module's conformance vectors through inspect: every
// error a vector expects must be reported with its header, kind and exact
// offset; a vector without an error must come out clean; and the decoded
// ids and baggage must match. Vectors with parser options or mutations test
// what inspect does not offer and are skipped.
func TestVectors(t *testing.T) {
	for _, file := range []string{"traceparent", "tracestate", "traceresponse", "b3", "jaeger", "baggage", "xray", "ottrace", "cloudtrace", "sentry", "datadog", "grpc-trace-bin"} {
		f := vectors.Load(t, file)
		for _, c := range f.Cases {
			// inspect reads header text: binary grpc-trace-bin values are
			// for gRPC libraries.
			if c.Options != (vectors.Options{}) || len(c.Ops) > 0 || !httpNames(c.Headers) || c.Binary != nil {
				continue
			}
			t.Run(file+"/"+c.Name, func(t *testing.T) {
				// JSON input passes the values exactly, OWS included.
				obj := []byte{'{'}
				for i, h := range c.Headers {
					if i > 0 {
						obj = append(obj, ',')
					}
					k, _ := json.Marshal(h[0])
					v, _ := json.Marshal(h[1])
					obj = append(append(append(obj, k...), ':'), v...)
				}
				obj = append(obj, '}')
				out, errOut, code := runCmd(t, string(obj), "inspect", "--json", "--full")
				if code == 2 && len(c.Headers) == 0 {
					return // no header at all is a usage error, whatever the vector expects of a parser
				}
				if code == 2 {
					t.Fatalf("usage error: %s", errOut)
				}
				var rep jsonReport
				if err := json.Unmarshal([]byte(out), &rep); err != nil {
					t.Fatal(err)
				}
				if e := c.Error; e != nil {
					// Where inspect reports a finding instead of an error, by
					// design: receivers treat an empty header as absent, and a
					// baggage list over the W3C minimum is not malformed.
					switch {
					case e.Header == "server-timing" && (e.Kind == "missing-field" || e.Kind == "empty"):
						return // a Server-Timing without a trace metric is not inspect's business
					case e.Kind == "empty":
						wantFinding(t, rep, "empty-header")
						return
					case e.Header == "baggage" && (e.Kind == "too-many-members" || e.Kind == "too-long"):
						wantFinding(t, rep, "baggage-over-limits")
						return
					}
					if file == "datadog" && e.Header == "tracestate" {
						// A malformed dd= member leaves a valid tracestate;
						// inspect warns about it at its offset there.
						joined := strings.Join(c.Lines("tracestate"), ",")
						v, _ := traceStateValue(joined, "dd")
						wantFindingWith(t, rep, "dd-member-invalid", fmt.Sprintf("at offset %d of", memberAt(joined, "dd", v)+*e.Offset))
						return
					}
					found := false
					for _, got := range rep.Errors {
						if got.Header == e.Header && got.Kind == e.Kind && (e.Offset == nil || got.Offset == *e.Offset) {
							found = true
						}
					}
					if !found {
						t.Errorf("want error %s/%s at %v; got %+v", e.Header, e.Kind, e.Offset, rep.Errors)
					}
				} else {
					for _, e := range rep.Errors {
						// inspect reports every broken header, even x-b3-*
						// headers a propagator skips for a valid b3.
						if !(strings.HasPrefix(e.Header, "x-b3-") && hasValid(rep, "b3")) {
							t.Errorf("unexpected error: %+v", e)
						}
					}
				}
				if c.Valid && c.Expect != nil {
					checkExpect(t, c, rep)
				}
			})
		}
	}
}

func checkExpect(t *testing.T, c vectors.Case, rep jsonReport) {
	t.Helper()
	x := c.Expect
	if x.TraceID != nil {
		found := false
		for _, ctx := range rep.Contexts {
			if ctx.Valid && ctx.TraceID == *x.TraceID && (x.SpanID == nil || ctx.SpanID == *x.SpanID) {
				found = true
			}
		}
		if !found {
			t.Errorf("no valid context with trace %s; got %+v", *x.TraceID, rep.Contexts)
		}
	}
	if x.TraceState != nil {
		want := x.TraceState
		if len(want) == 0 {
			want = [][2]string{}
		}
		if diff := cmp.Diff(want, rep.TraceState); diff != "" {
			t.Errorf("tracestate (-want +got):\n%s", diff)
		}
		for _, ctx := range rep.Contexts {
			if ctx.Format == "traceparent" && ctx.Valid && len(ctx.TraceState) > 0 {
				if diff := cmp.Diff(want, ctx.TraceState); diff != "" {
					t.Errorf("traceparent context tracestate (-want +got):\n%s", diff)
				}
			}
		}
	}
	if x.Baggage != nil && c.Lines("baggage") != nil {
		var want, got [][2]string
		for _, m := range x.Baggage {
			want = append(want, [2]string{m.Key, m.Value})
		}
		for _, b := range rep.Baggage {
			if b.Source == "baggage" && !b.OverLimit {
				got = append(got, [2]string{b.Key, b.Value})
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("baggage (-want +got):\n%s", diff)
		}
	}
}

func wantFinding(t *testing.T, rep jsonReport, kind string) {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Kind == kind {
			return
		}
	}
	t.Errorf("want finding %s; got %+v", kind, rep.Findings)
}

func hasValid(rep jsonReport, format string) bool {
	for _, c := range rep.Contexts {
		if c.Format == format && c.Valid {
			return true
		}
	}
	return false
}

// httpNames reports whether every header name is one an HTTP message can
// carry: inspect refuses others as input, as a server does, while a
// vector may test a carrier (a map) that holds any key.
func httpNames(hs [][2]string) bool {
	for _, h := range hs {
		if h[0] == "" || strings.ContainsAny(h[0], "\"(),/:;<=>?@[\\]{} \t") {
			return false
		}
	}
	return true
}

// traceStateValue returns the value of key in a tracestate list.
func traceStateValue(list, key string) (string, bool) {
	ts, err := tracewire.ParseTraceState(list)
	if err != nil {
		return "", false
	}
	return ts.Get(key)
}

// wantFindingWith is wantFinding for a finding whose message contains
// text.
func wantFindingWith(t *testing.T, rep jsonReport, kind, text string) {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Kind == kind && strings.Contains(f.Message, text) {
			return
		}
	}
	t.Errorf("want finding %s with %q; got %+v", kind, text, rep.Findings)
}
