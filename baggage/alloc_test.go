package baggage

import (
	"strings"
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

const five = "userId=alice,serverNode=DF%2028,isProduction=false,region=eu-west-1;p,tier=gold;src=edge"

func manyMembers(n int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("key")
		sb.WriteByte(byte('a' + i%26))
		sb.WriteByte(byte('a' + i/26%26))
		sb.WriteString("=value")
	}
	return sb.String()
}

func assertNoAllocs(t *testing.T, name string, f func()) {
	t.Helper()
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations, want 0", name, n)
	}
}

func TestZeroAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	over := manyMembers(70)
	invalid := "a=1, bad, b=%zz, k v=1, c=3;p, d=\"x\""
	tooLong := "k=" + strings.Repeat("x", 8000) + ",k2=" + strings.Repeat("y", 500) + ",k3=1"
	var sink int
	assertNoAllocs(t, "Parse valid", func() { b, _ := Parse(five); sink += b.Len() })
	assertNoAllocs(t, "Parse two lines", func() { b, _ := Parse("a=1", five); sink += b.Len() })
	assertNoAllocs(t, "Parse invalid", func() { b, _ := Parse(invalid); sink += b.Dropped() })
	// Over the member and the byte limits the first dropped member sits
	// past offset 256, where tracewire.ErrorTable allocates its error; the
	// view itself allocates nothing.
	if n := testing.AllocsPerRun(100, func() { b, _ := Parse(over); sink += b.Dropped() }); n != 1 {
		t.Errorf("Parse over member limit: %v allocations, want 1 (the error past offset 256)", n)
	}
	if n := testing.AllocsPerRun(100, func() { b, _ := Parse(tooLong); sink += b.Dropped() }); n != 1 {
		t.Errorf("Parse over byte limit: %v allocations, want 1 (the error past offset 256)", n)
	}

	b, _ := Parse(five)
	assertNoAllocs(t, "All", func() {
		for i, m := range b.All() {
			sink += i + len(m.Key()) + len(m.RawValue())
		}
	})
	assertNoAllocs(t, "Properties", func() {
		for _, m := range b.All() {
			for p := range m.Properties() {
				sink += len(p.Key())
			}
		}
	})
	assertNoAllocs(t, "At", func() { sink += len(b.At(3).Key()) })
	assertNoAllocs(t, "Get unescaped", func() {
		m, ok := b.Get("userId")
		if !ok || m.Value() != "alice" {
			t.Fatal("Get(userId)")
		}
	})
	assertNoAllocs(t, "Get missing", func() {
		if _, ok := b.Get("nope"); ok {
			t.Fatal("Get(nope) found")
		}
	})
	buf := make([]byte, 0, 1024)
	assertNoAllocs(t, "AppendValue escaped", func() {
		m, _ := b.Get("serverNode")
		buf = m.AppendValue(buf[:0])
	})
	assertNoAllocs(t, "Append", func() { buf = Append(buf[:0], b) })

	bd := b.Builder()
	if err := bd.Set("user", "a b,c", NewProperty("p", "x;y"), NewBareProperty("q")); err != nil {
		t.Fatal(err)
	}
	assertNoAllocs(t, "Builder.Append", func() { buf = bd.Append(buf[:0]) })

	h := carrier.HTTPHeader{"Baggage": {five}}
	p := Propagator{}
	assertNoAllocs(t, "ExtractFrom HTTPHeader", func() {
		b, _ := p.ExtractFrom(h)
		sink += b.Len()
	})
	bad := carrier.HTTPHeader{"Baggage": {invalid}}
	assertNoAllocs(t, "ExtractFrom HTTPHeader invalid", func() {
		b, _ := p.ExtractFrom(bad)
		sink += b.Len()
	})
	_ = sink
}

// TestInjectAllocs pins what InjectInto costs, short line or long: into
// an http.Header 1, the line and a fresh one-element slice in one object
// made by carrier.Set (a slice the header may share is never written
// into); into a map 1, the string. A line received in canonical form
// costs no string: it goes out as it came (into an http.Header, only the
// new slice).
func TestInjectAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	short, err := Parse(five)
	if err != nil {
		t.Fatal(err)
	}
	long, err := Parse(manyMembers(64))
	if err != nil {
		t.Fatal(err)
	}
	if long.rawLen() <= 512 {
		t.Fatalf("the long baggage is %d bytes, not past the stack buffer", long.rawLen())
	}
	// The same members with a space after each comma: not canonical.
	spaced, err := Parse(strings.ReplaceAll(five, ",", ", "))
	if err != nil {
		t.Fatal(err)
	}
	longSpaced, err := Parse(strings.ReplaceAll(manyMembers(64), ",", ", "))
	if err != nil {
		t.Fatal(err)
	}
	twoLines, err := Parse(five, "a=1")
	if err != nil {
		t.Fatal(err)
	}
	var p Propagator
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		b    Baggage
		want float64
	}{
		{"http.Header short", carrier.HTTPHeader{}, spaced, 1},
		{"http.Header long", carrier.HTTPHeader{}, longSpaced, 1},
		{"map short", carrier.Map{}, spaced, 1},
		{"map long", carrier.Map{}, longSpaced, 1},
		{"map two canonical lines", carrier.Map{}, twoLines, 1},
		{"http.Header short canonical", carrier.HTTPHeader{}, short, 1},
		{"http.Header long canonical", carrier.HTTPHeader{}, long, 1},
		{"map short canonical", carrier.Map{}, short, 0},
		{"map long canonical", carrier.Map{}, long, 0},
	} {
		if n := testing.AllocsPerRun(100, func() { p.InjectInto(tc.s, tc.b) }); n != tc.want {
			t.Errorf("InjectInto %s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
	for _, b := range []Baggage{long, longSpaced, twoLines} {
		m := carrier.Map{}
		p.InjectInto(m, b)
		if got, want := m["baggage"], b.String(); got != want {
			t.Errorf("InjectInto = %q, want %q", got, want)
		}
	}
	if got, want := spaced.String(), five; got != want {
		t.Errorf("spaced baggage formats as %q, want %q", got, want)
	}
}
