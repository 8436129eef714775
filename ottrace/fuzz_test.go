package ottrace_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/ottrace"
)

// FuzzParseHeaders checks that ParseHeaders never panics, that the []byte
// form and the reference agree with it, that errors name an OT header and
// point inside its value, and that whatever parses survives
// extract-inject-extract with the canonical form a fixed point (the same
// context, except a 128-bit trace id, which goes out as its low half).
func FuzzParseHeaders(f *testing.F) {
	for _, c := range vectors.Load(f, "ottrace").Cases {
		f.Add(first(c, "ot-tracer-traceid"), first(c, "ot-tracer-spanid"), first(c, "ot-tracer-sampled"))
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200)+"x", "", "")
	f.Fuzz(func(t *testing.T, traceID, spanID, sampled string) {
		sc, err := ottrace.ParseHeaders(traceID, spanID, sampled)
		scb, errb := ottrace.ParseHeadersBytes([]byte(traceID), []byte(spanID), []byte(sampled))
		if sc != scb || !vectorcheck.SameError(err, errb) {
			t.Fatalf("ParseHeaders = %v, %v; ParseHeadersBytes = %v, %v", sc, err, scb, errb)
		}
		agree(t, traceID, spanID, sampled)
		if err != nil {
			h, off, ok := vectorcheck.Where(err)
			if !ok || sc != (tracewire.SpanContext{}) {
				t.Fatalf("bad error %#v with %v", err, sc)
			}
			value := map[string]string{"ot-tracer-traceid": traceID, "ot-tracer-spanid": spanID, "ot-tracer-sampled": sampled}
			if v, ok := value[h]; !ok || off < 0 || off > len(v) {
				t.Fatalf("error %v does not point into an OT header", err)
			}
			_ = err.Error()
			return
		}

		h := http.Header{"Ot-Tracer-Traceid": {traceID}, "Ot-Tracer-Spanid": {spanID}}
		if sampled != "" {
			h["Ot-Tracer-Sampled"] = []string{sampled}
		}
		for _, p := range []ottrace.Propagator{{}, {TraceID128: true}} {
			x1, err := p.ExtractFrom(carrier.HTTPHeader(h))
			if err != nil || x1 != sc.WithRemote(true) {
				t.Fatalf("ExtractFrom = %v, %v; want %v", x1, err, sc)
			}
			out := carrier.Map{}
			p.InjectInto(out, x1)
			x2, err := p.ExtractFrom(out)
			// What goes out 16 digits wide comes back marked 64-bit; by
			// default that is the low half of any trace id, unless that
			// half is zero and the id goes out whole.
			want := x1
			if low := x1.TraceID(); (!p.TraceID128 || low.Is64Bit()) && [8]byte(low[8:]) != [8]byte{} {
				clear(low[:8])
				want = x1.WithTraceID(low).With64BitTraceID(true)
			}
			if err != nil || x2 != want {
				t.Fatalf("%+v: re-extract = %v, %v; want %v", p, x2, err, want)
			}
			again := carrier.Map{}
			p.Inject(tracewire.ContextWithSpanContext(context.Background(), x2), again)
			if len(again) != len(out) {
				t.Fatalf("%+v: canonical form not a fixed point: %v then %v", p, out, again)
			}
			for k, v := range out {
				if again[k] != v {
					t.Fatalf("%+v: canonical form not a fixed point: %v then %v", p, out, again)
				}
			}
		}
	})
}
