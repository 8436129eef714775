package carrier_test

import (
	"maps"
	"net/textproto"
	"strings"
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// spellingsOf is the documented list of spellings under which the map
// carriers find a name (see carrier's package doc), written out again
// here from the documentation rather than from the code: as given, in
// lowercase, MIME-canonical, and B3's own spelling of its id headers.
func spellingsOf(name string) []string {
	lower := strings.ToLower(name) // the fuzzer's names are folded as ASCII below
	out := []string{name, lower, textproto.CanonicalMIMEHeaderKey(name)}
	switch lower {
	case "x-b3-traceid":
		out = append(out, "X-B3-TraceId")
	case "x-b3-spanid":
		out = append(out, "X-B3-SpanId")
	case "x-b3-parentspanid":
		out = append(out, "X-B3-ParentSpanId")
	}
	return out
}

// FuzzMapSpellings: after Set(name, v) a Map holds v under name and under
// none of name's other spellings, and every other key is untouched; after
// Delete(name) it holds none of them; Get finds a stored spelling in the
// documented order. The stored keys are the fuzzer's, spelled in the ways
// a map may hold them.
func FuzzMapSpellings(f *testing.F) {
	for _, s := range [][2]string{
		{"x-b3-traceid", "X-B3-TraceId,X-B3-Traceid,x-b3-spanid"},
		{"traceparent", "Traceparent,TRACEPARENT,accept"},
		{"b3", "B3"},
		{"uberctx-a", "Uberctx-A,uberctx-a"},
		{"Traceparent", "traceparent"},
		{"x-b3-parentspanid", "X-B3-ParentSpanId"},
		{"ot-tracer-sampled", "Ot-Tracer-Sampled,OT-TRACER-SAMPLED"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, stored string) {
		if !ascii(name) || !ascii(stored) {
			return // strings.ToLower folds beyond ASCII; the carriers do not
		}
		start := carrier.Map{}
		for i, k := range strings.Split(stored, ",") {
			start[k] = "s" + string(rune('a'+i%26))
		}
		spellings := spellingsOf(name)
		isSpelling := func(k string) bool {
			for _, s := range spellings {
				if k == s {
					return true
				}
			}
			return false
		}
		// Get returns the value of the first spelling present.
		want := ""
		for _, s := range spellings {
			if v, ok := start[s]; ok {
				want = v
				break
			}
		}
		if got := start.Get(name); got != want {
			t.Fatalf("Get(%q) from %v = %q, want %q", name, start, got, want)
		}
		others := maps.Clone(start)
		maps.DeleteFunc(others, func(k, _ string) bool { return isSpelling(k) })

		m := maps.Clone(start)
		m.Set(name, "new")
		wantSet := maps.Clone(others)
		wantSet[name] = "new"
		if !maps.Equal(m, wantSet) {
			t.Fatalf("Set(%q) on %v left %v, want %v", name, start, m, wantSet)
		}
		m = maps.Clone(start)
		carrier.SetAll(m, []string{name}, []byte("new"), []int{3})
		if !maps.Equal(m, wantSet) {
			t.Fatalf("SetAll(%q) on %v left %v, want %v", name, start, m, wantSet)
		}
		m = maps.Clone(start)
		m.Delete(name)
		if !maps.Equal(m, others) {
			t.Fatalf("Delete(%q) on %v left %v, want %v", name, start, m, others)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
