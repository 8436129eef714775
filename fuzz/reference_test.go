package fuzz

import (
	"fmt"
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
// them over those; TestReferenceEveryByte also puts every byte value at
// every position of typical values, where the fast paths' eight-byte
// lanes and fixed offsets lie.

// spanContextDiff describes how a codec's result differs from the
// reference's, or returns "".
func spanContextDiff(fn, in string, sc tracewire.SpanContext, err error, want tracewire.SpanContext, wantErr errKey) string {
	if got := keyOf(err); got != wantErr || sc != want {
		return fmt.Sprintf("%s(%q):\n codec     %+v %+v\n reference %+v %+v", fn, in, viewOf(sc), got, viewOf(want), wantErr)
	}
	return ""
}

// valueDiff returns the comparison of a single-value codec, through both
// of its entry points, with its reference walker.
func valueDiff(pkg string, ref func(string) (tracewire.SpanContext, errKey), parse func(string) (tracewire.SpanContext, error), parseBytes func([]byte) (tracewire.SpanContext, error)) func(string) string {
	return func(s string) string {
		want, wantErr := ref(s)
		sc, err := parse(s)
		if d := spanContextDiff(pkg+".Parse", s, sc, err, want, wantErr); d != "" {
			return d
		}
		sc, err = parseBytes([]byte(s))
		return spanContextDiff(pkg+".ParseBytes", s, sc, err, want, wantErr)
	}
}

var (
	traceparentDiff = valueDiff("traceparent", refTraceparent, traceparent.Parse, traceparent.ParseBytes)
	b3SingleDiff    = valueDiff("b3", refB3Single, b3.Parse, b3.ParseBytes)
	uberTraceIDDiff = valueDiff("jaeger", refUberTraceID, jaeger.Parse, jaeger.ParseBytes)
)

// b3MultiDiff compares b3.ExtractMulti over a map of the x-b3-* headers
// that are not empty with the reference.
func b3MultiDiff(traceID, spanID, parentID, sampled, flags string) string {
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
	in := strings.Join([]string{traceID, spanID, parentID, sampled, flags}, " | ")
	return spanContextDiff("b3.ExtractMulti", in, sc, err, want, wantErr)
}

// traceStateDiff compares a tracestate parse of the lines with the
// reference: members, Len, String and error.
func traceStateDiff(lines []string, level1, lenient bool) string {
	want, wantErr := refTraceState(lines, level1, lenient)
	ts, err := tracewire.TraceStateOptions{Level1: level1, Lenient: lenient}.Parse(lines...)
	var got [][2]string
	for k, v := range ts.All() {
		got = append(got, [2]string{k, v})
	}
	if diff := cmp.Diff(want, got); diff != "" || keyOf(err) != wantErr || ts.Len() != len(want) {
		return fmt.Sprintf("tracestate %q level1=%v lenient=%v: Len %d, error %+v, want %+v; members (-reference +codec):\n%s",
			lines, level1, lenient, ts.Len(), keyOf(err), wantErr, diff)
	}
	var canon []string
	for _, m := range want {
		canon = append(canon, m[0]+"="+m[1])
	}
	if s := ts.String(); s != strings.Join(canon, ",") {
		return fmt.Sprintf("tracestate %q: String() = %q, want %q", lines, s, strings.Join(canon, ","))
	}
	return ""
}

// baggageDiff compares a baggage parse of the lines under the limits with
// the reference: members, their properties and decoded values, the count
// dropped, the canonical form and the error.
func baggageDiff(lines []string, maxMembers, maxBytes int) string {
	want := refBaggageParse(lines, maxMembers, maxBytes)
	b, err := baggage.Limits{MaxMembers: maxMembers, MaxBytes: maxBytes}.Parse(lines...)
	got := refBaggage{Dropped: b.Dropped(), Canonical: baggage.Format(b), Err: keyOf(err)}
	for _, m := range b.All() {
		gm := refBagMember{Key: m.Key(), Raw: m.RawValue(), Value: m.Value()}
		for p := range m.Properties() {
			gm.Props = append(gm.Props, refBagProp{Key: p.Key(), HasValue: p.HasValue(), Raw: p.RawValue(), Value: p.Value()})
		}
		got.Members = append(got.Members, gm)
	}
	if diff := cmp.Diff(want, got); diff != "" || b.Len() != len(want.Members) {
		return fmt.Sprintf("baggage Limits{%d, %d}.Parse(%q): Len %d (-reference +codec):\n%s", maxMembers, maxBytes, lines, b.Len(), diff)
	}
	return ""
}

// fuzzValue runs diff on every value of the named header in
// testdata/<file>.json, every value of every vector file, and what the
// fuzzer makes of them.
func fuzzValue(f *testing.F, file, header string, diff func(string) string) {
	for _, c := range vectors.Load(f, file).Cases {
		for _, v := range c.Lines(header) {
			f.Add(v)
		}
	}
	for _, v := range seedValues(f) {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := diff(s); d != "" {
			t.Fatal(d)
		}
	})
}

func FuzzReferenceTraceparent(f *testing.F) {
	fuzzValue(f, "traceparent", "traceparent", traceparentDiff)
}

func FuzzReferenceB3Single(f *testing.F) { fuzzValue(f, "b3", "b3", b3SingleDiff) }

func FuzzReferenceUberTraceID(f *testing.F) { fuzzValue(f, "jaeger", "uber-trace-id", uberTraceIDDiff) }

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
		if d := b3MultiDiff(traceID, spanID, parentID, sampled, flags); d != "" {
			t.Fatal(d)
		}
	})
}

func FuzzReferenceTraceState(f *testing.F) {
	for _, c := range vectors.Load(f, "tracestate").Cases {
		f.Add(strings.Join(c.Lines("tracestate"), "\n"), c.Options.Level1, c.Options.Lenient)
	}
	f.Add("a=1,a=2, ,b=3\nc=4", false, true)
	f.Add("abcdefghijkl=1,abcdefghijkl=2,abcdefgXijkl=3", false, false)
	f.Add(strings.Repeat("t", 241)+"@sys=1", true, false) // the longest Level 1 tenant
	f.Add(strings.Repeat("t", 242)+"@sys=1", true, false)
	f.Add("t@s234567890abcd=1,t@s234567890abcde=2", true, true) // the longest system id, and one more
	f.Fuzz(func(t *testing.T, in string, level1, lenient bool) {
		if d := traceStateDiff(strings.Split(in, "\n"), level1, lenient); d != "" {
			t.Fatal(d)
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
		if d := baggageDiff(strings.Split(in, "\n"), int(maxMembers), int(maxBytes)); d != "" {
			t.Fatal(d)
		}
	})
}

// TestReferenceEveryByte puts every byte value at every position of
// typical values of each format, in every field and every lane of the
// fast paths' eight-byte loads, and requires the codec to agree with the
// reference on each.
func TestReferenceEveryByte(t *testing.T) {
	const (
		T   = "4bf92f3577b34da6a3ce929d0e0e4736"
		T64 = "a3ce929d0e0e4736"
		S   = "00f067aa0ba902b7"
		P   = "05e3ac9a4f6e3b90"
	)
	b3Multi := func(i int) func(string) string {
		return func(v string) string {
			h := []string{T, S, P, "true", "1"}
			h[i] = v
			return b3MultiDiff(h[0], h[1], h[2], h[3], h[4])
		}
	}
	traceState := func(level1, lenient bool) func(string) string {
		return func(v string) string { return traceStateDiff(strings.Split(v, "\n"), level1, lenient) }
	}
	bag := func(maxMembers, maxBytes int) func(string) string {
		return func(v string) string { return baggageDiff(strings.Split(v, "\n"), maxMembers, maxBytes) }
	}
	cases := []struct {
		name  string
		value string
		diff  func(string) string
	}{
		{"traceparent", "00-" + T + "-" + S + "-01", traceparentDiff},
		{"traceparent future", "cc-" + T + "-" + S + "-03-what-the-future", traceparentDiff},
		{"traceparent OWS", " 00-" + T + "-" + S + "-00\t", traceparentDiff},
		{"b3", T + "-" + S + "-1-" + P, b3SingleDiff},
		{"b3 64-bit", T64 + "-" + S + "-d", b3SingleDiff},
		{"b3 deferred", T + "-" + S, b3SingleDiff},
		{"x-b3-traceid", T, b3Multi(0)},
		{"x-b3-traceid 64-bit", T64, b3Multi(0)},
		{"x-b3-spanid", S, b3Multi(1)},
		{"x-b3-parentspanid", P, b3Multi(2)},
		{"x-b3-sampled", "true", b3Multi(3)},
		{"x-b3-flags", "1", b3Multi(4)},
		{"uber-trace-id", T + ":" + S + ":" + P + ":1", uberTraceIDDiff},
		{"uber-trace-id 64-bit", T64 + ":" + S + ":0:03", uberTraceIDDiff},
		{"uber-trace-id encoded", T + "%3A" + S + "%3a0%3A9", uberTraceIDDiff},
		{"tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", traceState(false, false)},
		{"tracestate long keys", "abcdefghij0123=klmnopqrstuvwxyz,k@v=12345678\nabcdefghij0123=x", traceState(false, false)},
		{"tracestate level1", "fw529a3039@dt=x, rojo=1 ,t@sys=y", traceState(true, false)},
		{"tracestate lenient", "a=1,b=2,,c=333333333", traceState(false, true)},
		{"baggage", "userId=alice,serverNode=DF%2028;p;q=1,isProduction=false", bag(0, 0)},
		{"baggage OWS", "k1 = v1 ; p1 = %41 , k2=v2\nk3=v3", bag(0, 0)},
		{"baggage limits", "a=1,bb=22,ccc=333,dddd=4444", bag(3, 16)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if d := c.diff(c.value); d != "" {
				t.Fatalf("base value: %s", d)
			}
			buf := []byte(c.value)
			fails := 0
			for i := range buf {
				for b := range 256 {
					buf[i] = byte(b)
					if d := c.diff(string(buf)); d != "" {
						if fails++; fails <= 5 {
							t.Error(d)
						}
					}
				}
				buf[i] = c.value[i]
			}
			if fails > 0 {
				t.Errorf("%d of %d substitutions disagree", fails, 256*len(buf))
			}
		})
	}
}
