package baggage

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/ows"
	"github.com/tracewire/tracewire/internal/vectors"
)

// view is a comparable summary of a member: key, wire value and canonical
// properties.
type view struct{ key, raw, props string }

func views(b Baggage) []view {
	var out []view
	for _, m := range b.All() {
		out = append(out, view{m.key, m.value, string(m.appendTo(nil)[len(m.key)+1+len(m.value):])})
	}
	return out
}

func equalViews(a, b []view) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func seedVectors(f *testing.F, add func(lines string)) {
	file := vectors.Load(f, "baggage")
	for _, c := range file.Cases {
		add(strings.Join(c.Lines("baggage"), "\n"))
	}
}

// FuzzParse splits its input into header lines at '\n' and parses them
// under small limits, so that the limits are exercised too.
func FuzzParse(f *testing.F) {
	seedVectors(f, func(s string) { f.Add(s, uint8(0), uint16(0)) })
	f.Add("a=1,b=2,c=3", uint8(2), uint16(7))
	// Canonical lines that a limit cuts short, by members and by bytes.
	f.Add("a=1,b=2;p,c=3;q=%41", uint8(2), uint16(0))
	f.Add("a=1,b=2;p", uint8(0), uint16(8))
	f.Fuzz(func(t *testing.T, in string, maxMembers uint8, maxBytes uint16) {
		lines := strings.Split(in, "\n")
		lim := Limits{MaxMembers: int(maxMembers) % 80, MaxBytes: int(maxBytes) % 10000}
		b, err := lim.Parse(lines...)

		joined := strings.Join(lines, ",")
		if (err == nil) != (b.Dropped() == 0) {
			t.Fatalf("Dropped %d with error %v", b.Dropped(), err)
		}
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Header() != "baggage" || pe.Offset() < 0 || pe.Offset() > len(joined) {
				t.Fatalf("bad error %#v", err)
			}
		}
		// The scan of canonical lines keeps what the member-by-member
		// parse keeps, and leaves the same error.
		var members Baggage
		serr := members.parseLines(lim, lines, true)
		if d := cmp.Diff(members, b, cmp.AllowUnexported(Baggage{})); d != "" || !sameError(err, serr) {
			t.Fatalf("canonical scan and member parse differ (-slow +scan), errors %v / %v:\n%s", serr, err, d)
		}
		// Lines and their join are the same list.
		jb, jerr := lim.Parse(joined)
		if !equalViews(views(b), views(jb)) || !sameError(err, jerr) {
			t.Fatalf("lines and joined lines differ: %v / %v", err, jerr)
		}
		// String and []byte entry points agree.
		bb, berr := lim.ParseBytes([]byte(joined))
		if !equalViews(views(bb), views(jb)) || !sameError(berr, jerr) {
			t.Fatalf("ParseBytes differs: %v / %v", berr, jerr)
		}

		out := Format(b)
		// Copying canonical lines whole writes what member-by-member
		// formatting does, under the parse's limits and without any.
		slow := b
		slow.canon = false
		if got, want := out, Format(slow); got != want {
			t.Fatalf("Format %q, member by member %q", got, want)
		}
		for _, p := range []Propagator{{Limits: lim}, {}, {Limits: Limits{MaxMembers: 3, MaxBytes: 40}}} {
			m1, m2 := carrier.Map{}, carrier.Map{}
			p.InjectInto(m1, b)
			p.InjectInto(m2, slow)
			if m1["baggage"] != m2["baggage"] {
				t.Fatalf("InjectInto %v: %q, member by member %q", p.Limits, m1["baggage"], m2["baggage"])
			}
		}
		if b.Len() > lim.members() || len(out) > max(lim.bytes(), 0) {
			t.Fatalf("limits broken: %d members, %d bytes", b.Len(), len(out))
		}
		for i := 0; i < len(out); i++ {
			if c := out[i]; c <= ' ' || c >= 0x7f {
				t.Fatalf("output byte %#x at %d: %q", c, i, out)
			}
		}
		// Parse(Format(b)) keeps every member, in order, and the canonical
		// form is a fixed point.
		b2, err2 := lim.Parse(out)
		if err2 != nil || b2.Dropped() != 0 || !equalViews(views(b), views(b2)) {
			t.Fatalf("round trip of %q: %v, %d dropped", out, err2, b2.Dropped())
		}
		if out2 := Format(b2); out2 != out {
			t.Fatalf("not a fixed point: %q -> %q", out, out2)
		}
		bd := b.Builder()
		if s := bd.String(); s != out {
			t.Fatalf("Builder %q != Format %q", s, out)
		}

		last := map[string]int{}
		for i, m := range b.All() {
			if badToken(m.Key()) >= 0 {
				t.Fatalf("key %q is not a token", m.Key())
			}
			v := m.Value()
			if !utf8.ValidString(v) || string(m.AppendValue(nil)) != v {
				t.Fatalf("value %q of %q", v, m.RawValue())
			}
			for p := range m.Properties() {
				if badToken(p.Key()) >= 0 || !utf8.ValidString(p.Value()) {
					t.Fatalf("property %q=%q", p.Key(), p.Value())
				}
			}
			last[m.Key()] = i
		}
		for k, i := range last {
			if m, ok := b.Get(k); !ok || m != b.At(i) {
				t.Fatalf("Get(%q) is not the last occurrence", k)
			}
		}
	})
}

// FuzzBuilder sets an arbitrary member on arbitrary received baggage and
// checks that the output always parses cleanly and carries the value.
func FuzzBuilder(f *testing.F) {
	seedVectors(f, func(s string) { f.Add(s, "k", "v", "p", "x", uint16(0)) })
	f.Add("a=1", "serverNode", "DF 28", "", "", uint16(0))
	f.Add("", "x", "a,b;c d%\r\n\x00\xff€", "p", ";=,", uint16(40))
	f.Fuzz(func(t *testing.T, in, key, value, pkey, pval string, maxBytes uint16) {
		lim := Limits{MaxBytes: int(maxBytes)}
		b, _ := lim.Parse(strings.Split(in, "\n")...)
		bd := b.Builder()
		bd.Limits = lim
		var props []Property
		if pkey != "" {
			props = append(props, NewProperty(pkey, pval), NewBareProperty(pkey))
		}
		err := bd.Set(key, value, props...)
		if err != nil {
			if badToken(key) < 0 && badToken(pkey) < 0 {
				t.Fatalf("Set(%q) with token keys failed: %v", key, err)
			}
			return
		}
		out := bd.String()
		for i := 0; i < len(out); i++ {
			if c := out[i]; c <= ' ' || c >= 0x7f {
				t.Fatalf("output byte %#x at %d: %q", c, i, out)
			}
		}
		if len(out) > lim.bytes() {
			t.Fatalf("output of %d bytes over the limit", len(out))
		}
		nb, nerr := lim.Parse(out)
		if nerr != nil || nb.Dropped() != 0 {
			t.Fatalf("builder output %q does not parse cleanly: %v", out, nerr)
		}
		nbd := nb.Builder()
		if Format(nb) != out || nbd.String() != out {
			t.Fatalf("builder output is not canonical: %q", out)
		}
		m, ok := nb.Get(key)
		if !ok {
			return // left out by the byte limit
		}
		if want := string([]rune(value)); m.Value() != want {
			t.Fatalf("value %q, want %q", m.Value(), want)
		}
		var got []string
		for p := range m.Properties() {
			got = append(got, p.Key()+"|"+p.Value())
		}
		if pkey != "" && (len(got) != 2 || got[0] != pkey+"|"+string([]rune(pval)) || got[1] != pkey+"|") {
			t.Fatalf("properties %q", got)
		}
	})
}

// FuzzMember checks that nextMember's shortcut changes nothing but the
// speed: from every offset a member may start at, it agrees with member.
func FuzzMember(f *testing.F) {
	for _, s := range []string{
		"a=1", "a=1,b=2", "a=", "a=,b", "a", "=1", "a=1;p", "a=1 ,b=2", "a =1", "a= 1", "a=%2", "a=%zz,b=1",
		"a=%41", "a=1\x00", "a=\"x\"", "a=1;p=2,b", "k=v;", "a==b", "a=b=c",
	} {
		f.Add(s)
	}
	seedVectors(f, func(s string) { f.Add(s) })
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if ows.Is(s[i]) || s[i] == ',' {
				continue
			}
			type result struct {
				Size, End int
				Kind      tracewire.ErrorKind
				At        int
			}
			var got, want result
			got.Size, got.End, got.Kind, got.At = nextMember(s, i)
			want.Size, want.End, want.Kind, want.At = member(s, i, scanToken(s, i))
			if got != want {
				t.Fatalf("%q at %d: nextMember %+v, member %+v", s, i, got, want)
			}
		}
	})
}
