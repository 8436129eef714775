package fuzz

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/b3"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/traceparent"
)

// One fuzz target per format requires the codec, fast path and all, to
// agree with the slow reference walker of ref_<format>_test.go on
// acceptance, the decoded context or list, and the error's header, kind
// and offset. Each is seeded with the format's vectors (and, for single
// values, every header value of every vector file), so plain go test runs
// them over those.

// seedFormat adds every value of the named headers in testdata/<file>.json,
// and then every value of every vector file.
func seedFormat(f *testing.F, file string, headers ...string) {
	for _, c := range vectors.Load(f, file).Cases {
		for _, h := range headers {
			for _, v := range c.Lines(h) {
				f.Add(v)
			}
		}
	}
	for _, v := range seedValues(f) {
		f.Add(v)
	}
}

// checkRef fails t unless a codec's result (context and error) is the
// reference's.
func checkRef(t *testing.T, fn, in string, sc tracewire.SpanContext, err error, want tracewire.SpanContext, wantErr errKey) {
	t.Helper()
	if got := keyOf(err); got != wantErr || sc != want {
		t.Fatalf("%s(%q):\n codec     %+v %+v\n reference %+v %+v", fn, in, viewOf(sc), got, viewOf(want), wantErr)
	}
}

func FuzzReferenceTraceparent(f *testing.F) {
	seedFormat(f, "traceparent", "traceparent")
	f.Fuzz(func(t *testing.T, s string) {
		want, wantErr := refTraceparent(s)
		sc, err := traceparent.Parse(s)
		checkRef(t, "traceparent.Parse", s, sc, err, want, wantErr)
		sc, err = traceparent.ParseBytes([]byte(s))
		checkRef(t, "traceparent.ParseBytes", s, sc, err, want, wantErr)
	})
}

func FuzzReferenceB3Single(f *testing.F) {
	seedFormat(f, "b3", "b3")
	f.Fuzz(func(t *testing.T, s string) {
		want, wantErr := refB3Single(s)
		sc, err := b3.Parse(s)
		checkRef(t, "b3.Parse", s, sc, err, want, wantErr)
		sc, err = b3.ParseBytes([]byte(s))
		checkRef(t, "b3.ParseBytes", s, sc, err, want, wantErr)
	})
}

func FuzzReferenceUberTraceID(f *testing.F) {
	seedFormat(f, "jaeger", "uber-trace-id")
	f.Fuzz(func(t *testing.T, s string) {
		want, wantErr := refUberTraceID(s)
		sc, err := jaeger.Parse(s)
		checkRef(t, "jaeger.Parse", s, sc, err, want, wantErr)
		sc, err = jaeger.ParseBytes([]byte(s))
		checkRef(t, "jaeger.ParseBytes", s, sc, err, want, wantErr)
	})
}

func FuzzReferenceB3Multi(f *testing.F) {
	for _, c := range vectors.Load(f, "b3").Cases {
		first := func(name string) string {
			if l := c.Lines(name); len(l) > 0 {
				return l[0]
			}
			return ""
		}
		f.Add(first("x-b3-traceid"), first("x-b3-spanid"), first("x-b3-parentspanid"), first("x-b3-sampled"), first("x-b3-flags"))
	}
	f.Fuzz(func(t *testing.T, traceID, spanID, parentID, sampled, flags string) {
		want, wantErr := refB3Multi(traceID, spanID, parentID, sampled, flags)
		m := carrier.Map{}
		for _, kv := range [][2]string{
			{"x-b3-traceid", traceID}, {"x-b3-spanid", spanID}, {"x-b3-parentspanid", parentID},
			{"x-b3-sampled", sampled}, {"x-b3-flags", flags},
		} {
			if kv[1] != "" {
				m[kv[0]] = kv[1]
			}
		}
		sc, err := b3.ExtractMulti(m)
		checkRef(t, "b3.ExtractMulti", strings.Join([]string{traceID, spanID, parentID, sampled, flags}, " | "), sc, err, want, wantErr)
	})
}

func FuzzReferenceTraceState(f *testing.F) {
	for _, c := range vectors.Load(f, "tracestate").Cases {
		f.Add(strings.Join(c.Lines("tracestate"), "\n"), c.Options.Level1, c.Options.Lenient)
	}
	f.Add("a=1,a=2, ,b=3\nc=4", false, true)
	f.Add("abcdefghijkl=1,abcdefghijkl=2,abcdefgXijkl=3", false, false)
	f.Fuzz(func(t *testing.T, in string, level1, lenient bool) {
		lines := strings.Split(in, "\n")
		want, wantErr := refTraceState(lines, level1, lenient)
		ts, err := tracewire.TraceStateOptions{Level1: level1, Lenient: lenient}.Parse(lines...)
		var got [][2]string
		for k, v := range ts.All() {
			got = append(got, [2]string{k, v})
		}
		if diff := cmp.Diff(want, got); diff != "" || keyOf(err) != wantErr || ts.Len() != len(want) {
			t.Fatalf("Parse(%q) level1=%v lenient=%v: Len %d, error %+v, want %+v; members (-reference +codec):\n%s",
				lines, level1, lenient, ts.Len(), keyOf(err), wantErr, diff)
		}
		var canon []string
		for _, m := range want {
			canon = append(canon, m[0]+"="+m[1])
		}
		if s := ts.String(); s != strings.Join(canon, ",") {
			t.Fatalf("Parse(%q).String() = %q, want %q", lines, s, strings.Join(canon, ","))
		}
	})
}

func FuzzReferenceBaggage(f *testing.F) {
	for _, c := range vectors.Load(f, "baggage").Cases {
		f.Add(strings.Join(c.Lines("baggage"), "\n"), int16(c.Options.MaxMembers), int16(c.Options.MaxSize))
	}
	f.Add("a=1,b=2;p;q=%41 ,c=3", int16(2), int16(7))
	f.Add("k=%E2%82;p=%ff,k=v", int16(-1), int16(0))
	f.Fuzz(func(t *testing.T, in string, maxMembers, maxBytes int16) {
		lines := strings.Split(in, "\n")
		want := refBaggageParse(lines, int(maxMembers), int(maxBytes))
		b, err := baggage.Limits{MaxMembers: int(maxMembers), MaxBytes: int(maxBytes)}.Parse(lines...)
		got := refBaggage{Dropped: b.Dropped(), Canonical: baggage.Format(b), Err: keyOf(err)}
		for _, m := range b.All() {
			gm := refBagMember{Key: m.Key(), Raw: m.RawValue(), Value: m.Value()}
			for p := range m.Properties() {
				gm.Props = append(gm.Props, refBagProp{Key: p.Key(), HasValue: p.HasValue(), Raw: p.RawValue(), Value: p.Value()})
			}
			got.Members = append(got.Members, gm)
		}
		if diff := cmp.Diff(want, got); diff != "" || b.Len() != len(want.Members) {
			t.Fatalf("Limits{%d, %d}.Parse(%q): Len %d (-reference +codec):\n%s", maxMembers, maxBytes, lines, b.Len(), diff)
		}
	})
}

