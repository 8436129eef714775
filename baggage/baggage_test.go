package baggage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

func TestGetLastWins(t *testing.T) {
	b, err := Parse("k=1,x=0", "k=2;p, K=3")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, want, props string
		ok               bool
	}{
		{"k", "2", ";p", true},
		{"K", "3", "", true},
		{"x", "0", "", true},
		{"", "", "", false},
		{"kk", "", "", false},
		{"k=", "", "", false},
	}
	for _, tt := range tests {
		m, ok := b.Get(tt.key)
		got := [3]string{m.Value(), m.RawProperties(), boolStr(ok)}
		if d := cmp.Diff([3]string{tt.want, tt.props, boolStr(tt.ok)}, got); d != "" {
			t.Errorf("Get(%q) (-want +got):\n%s", tt.key, d)
		}
	}
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestAtOutOfRange(t *testing.T) {
	b, _ := Parse("a=1")
	for _, i := range []int{-1, 1, 100} {
		if m := b.At(i); m != (Member{}) {
			t.Errorf("At(%d) = %+v, want zero", i, m)
		}
	}
	if m := b.At(0); m.Key() != "a" {
		t.Errorf("At(0).Key() = %q", m.Key())
	}
}

func TestRaisedLimitIndexesPast64(t *testing.T) {
	s := manyMembers(300)
	b, err := Limits{MaxMembers: 1000, MaxBytes: 1 << 20}.Parse(s)
	if err != nil || b.Len() != 300 {
		t.Fatalf("Len = %d, err %v", b.Len(), err)
	}
	var keys []string
	for i, m := range b.All() {
		if m != b.At(i) {
			t.Fatalf("All()[%d] != At(%d)", i, i)
		}
		keys = append(keys, m.Key())
	}
	want := strings.Split(strings.ReplaceAll(s, "=value", ""), ",")
	if d := cmp.Diff(want, keys); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
	if m, ok := b.Get(want[299]); !ok || m.Key() != want[299] {
		t.Errorf("Get(%q) = %v", want[299], ok)
	}
	if got := Format(b); got != s {
		t.Errorf("Format differs from canonical input")
	}
}

func TestNegativeLimits(t *testing.T) {
	for _, l := range []Limits{{MaxMembers: -1}, {MaxBytes: -1}} {
		b, err := l.Parse("a=1,b=2")
		if b.Len() != 0 || b.Dropped() != 2 || err == nil {
			t.Errorf("%+v: Len %d Dropped %d err %v", l, b.Len(), b.Dropped(), err)
		}
		bd := Builder{Limits: l}
		_ = bd.Set("a", "1")
		if s := bd.String(); s != "" {
			t.Errorf("%+v: builder wrote %q", l, s)
		}
	}
}

func TestDropped(t *testing.T) {
	b, err := Limits{MaxMembers: 2}.Parse("a=1,,bad,b=2, c=3,=d")
	if b.Len() != 2 || b.Dropped() != 3 {
		t.Errorf("Len %d Dropped %d", b.Len(), b.Dropped())
	}
	if !errors.Is(err, tracewire.ErrMember) {
		t.Errorf("err = %v, want member", err)
	}
}

func TestValueDecoding(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"plain", "plain"},
		{"%41%62c", "Abc"},
		{"%e2%82%ac", "€"},
		{"a%FFb", "a\uFFFDb"},
		{"%ED%A0%80", "\uFFFD\uFFFD\uFFFD"}, // a surrogate is not UTF-8
		{"%EF%BF%BD", "\uFFFD"},
		{"%F0%9F%98%80x", "😀x"},
		{"%F0%9F%98", "\uFFFD\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		b, err := Parse("k=" + tt.raw)
		if err != nil {
			t.Fatalf("%q: %v", tt.raw, err)
		}
		m := b.At(0)
		if got := m.Value(); got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.raw, got, tt.want)
		}
		// AppendValue must keep what dst held, with or without room.
		for _, dst := range [][]byte{[]byte("pre"), append(make([]byte, 0, 64), "pre"...)} {
			if got := string(m.AppendValue(dst)); got != "pre"+tt.want {
				t.Errorf("AppendValue(%q) = %q", tt.raw, got)
			}
		}
		if m.RawValue() != tt.raw {
			t.Errorf("RawValue = %q, want %q", m.RawValue(), tt.raw)
		}
	}
}

func TestProperties(t *testing.T) {
	b, _ := Parse("k=v ; a ; b = ; c = %20x ; a=2")
	m := b.At(0)
	type prop struct {
		Key, Value, Raw string
		HasValue        bool
	}
	var got []prop
	for p := range m.Properties() {
		got = append(got, prop{p.Key(), p.Value(), p.RawValue(), p.HasValue()})
	}
	want := []prop{{"a", "", "", false}, {"b", "", "", true}, {"c", " x", "%20x", true}, {"a", "2", "2", true}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("properties (-want +got):\n%s", d)
	}
	if p, ok := m.Property("a"); !ok || p.HasValue() {
		t.Errorf("Property(a) = %v, %v; want the first, bare", p, ok)
	}
	if _, ok := m.Property("z"); ok {
		t.Error("Property(z) found")
	}
	if got := string(NewProperty("p", "a b").AppendValue(nil)); got != "a b" {
		t.Errorf("NewProperty.AppendValue = %q", got)
	}
	if got := NewProperty("p", "a b").RawValue(); got != "a%20b" {
		t.Errorf("NewProperty.RawValue = %q", got)
	}
}

func TestBuilderErrors(t *testing.T) {
	var bd Builder
	tests := []struct {
		key   string
		props []Property
		kind  tracewire.ErrorKind
		off   int
	}{
		{"", nil, tracewire.ErrKey, 0},
		{"a b", nil, tracewire.ErrKey, 1},
		{"k=", nil, tracewire.ErrKey, 1},
		{"ключ", nil, tracewire.ErrKey, 0},
		{"k", []Property{NewBareProperty("")}, tracewire.ErrProperty, 0},
		{"k", []Property{NewProperty("p;q", "1")}, tracewire.ErrProperty, 1},
	}
	for _, tt := range tests {
		err := bd.Set(tt.key, "v", tt.props...)
		var pe *tracewire.ParseError
		if !errors.As(err, &pe) || pe.Kind() != tt.kind || pe.Offset() != tt.off {
			t.Errorf("Set(%q) = %v, want %v at %d", tt.key, err, tt.kind, tt.off)
		}
	}
	if bd.Len() != 0 || bd.String() != "" {
		t.Errorf("failed Set changed the builder: %q", bd.String())
	}
}

func TestBuilder(t *testing.T) {
	b, _ := Parse("a=1;p = 2, b=%41, a=3")
	bd := b.Builder()
	must(t, bd.Set("c", "x y", NewProperty("q", "1,2"), NewBareProperty("r")))
	must(t, bd.Set("b", "B"))
	if got, want := bd.String(), "a=1;p=2,b=B,a=3,c=x%20y;q=1%2C2;r"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	must(t, bd.Set("a", "new"))
	bd.Delete("b")
	bd.Delete("missing")
	if got, want := bd.String(), "a=new,c=x%20y;q=1%2C2;r"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	nb := bd.Baggage()
	if nb.Len() != 2 || nb.Dropped() != 0 {
		t.Fatalf("Baggage: Len %d Dropped %d", nb.Len(), nb.Dropped())
	}
	if m, _ := nb.Get("c"); m.Value() != "x y" {
		t.Errorf("c = %q", m.Value())
	}
	// The original baggage is untouched.
	if got := Format(b); got != "a=1;p=2,b=%41,a=3" {
		t.Errorf("Format(b) = %q", got)
	}
}

func TestBuilderLimits(t *testing.T) {
	bd := Builder{Limits: Limits{MaxBytes: 8}}
	must(t, bd.Set("a", "1"))
	must(t, bd.Set("big", "0123456789"))
	must(t, bd.Set("b", " ")) // b=%20 is 5 bytes: 9 with a=1 and the comma
	must(t, bd.Set("c", "3"))
	if got, want := bd.String(), "a=1,c=3"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestContext(t *testing.T) {
	ctx := context.Background()
	if FromContext(ctx).Len() != 0 {
		t.Error("empty context has baggage")
	}
	b, _ := Parse("a=1")
	if got := FromContext(ContextWith(ctx, b)); Format(got) != "a=1" {
		t.Errorf("FromContext = %q", Format(got))
	}
}

// TestContextForms: ContextWith stores baggage of up to eight members in
// a compact form and larger baggage whole; FromContext gives back exactly
// what was stored either way, field for field, and a nested store of the
// other form replaces the outer one.
func TestContextForms(t *testing.T) {
	ctx := context.Background()
	cases := map[string]Baggage{}
	for _, n := range []int{0, 1, 5, 8, 9, 64} {
		b, err := Parse(manyMembers(n))
		if err != nil && n > 0 {
			t.Fatal(err)
		}
		cases[fmt.Sprint(n, " members")] = b
	}
	cases["spaced, dropped, two lines"], _ = Parse("a=1, bad key=2", "c=3;p , d=%zz")
	cases["100 members, raised limit"], _ = Limits{MaxMembers: 100}.Parse(manyMembers(100))
	cases["over the limits"], _ = Limits{MaxMembers: 3, MaxBytes: 20}.Parse(manyMembers(10))
	for name, b := range cases {
		if !reflect.DeepEqual(FromContext(ContextWith(ctx, b)), b) {
			t.Errorf("%s: FromContext(ContextWith(b)) differs from b", name)
		}
	}
	small, big := cases["5 members"], cases["64 members"]
	if got := FromContext(ContextWith(ContextWith(ctx, big), small)); !reflect.DeepEqual(got, small) {
		t.Error("small baggage did not replace big baggage stored before it")
	}
	if got := FromContext(ContextWith(ContextWith(ctx, small), big)); !reflect.DeepEqual(got, big) {
		t.Error("big baggage did not replace small baggage stored before it")
	}
}

type otherKey struct{}

// TestContextAllocs: storing baggage costs one allocation (the context
// node), reading it back none, and the node hides nothing of its parent.
func TestContextAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	base := context.WithValue(context.Background(), otherKey{}, "other")
	b, _ := Parse("a=1,b=2;p")
	var ctx context.Context
	if n := testing.AllocsPerRun(100, func() { ctx = ContextWith(base, b) }); n != 1 {
		t.Errorf("ContextWith: %v allocs, want 1", n)
	}
	var got Baggage
	if n := testing.AllocsPerRun(100, func() { got = FromContext(ctx) }); n != 0 {
		t.Errorf("FromContext: %v allocs, want 0", n)
	}
	if Format(got) != "a=1,b=2;p" {
		t.Errorf("FromContext = %q", Format(got))
	}
	if ctx.Value(otherKey{}) != "other" {
		t.Error("the baggage hid the parent context's values")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if Format(FromContext(cancelled)) != "a=1,b=2;p" || cancelled.Err() == nil {
		t.Error("a derived context lost the baggage or its cancellation")
	}
	// A nested ContextWith replaces what an outer one stored.
	c, _ := Parse("c=3")
	if got := Format(FromContext(ContextWith(ctx, c))); got != "c=3" {
		t.Errorf("nested ContextWith: FromContext = %q", got)
	}
	if got := FromContext(base); got.Len() != 0 {
		t.Errorf("a context without baggage gave %q", Format(got))
	}
}

func TestPropagator(t *testing.T) {
	p := Propagator{}
	if d := cmp.Diff([]string{"baggage"}, p.Fields()); d != "" {
		t.Error(d)
	}
	// A Getter without Values gives the one line Get returns.
	ctx := p.Extract(context.Background(), carrier.NewMap(map[string]string{"BAGGAGE": "a=1, b=2"}))
	if got := Format(FromContext(ctx)); got != "a=1,b=2" {
		t.Errorf("Extract(Map) = %q", got)
	}
	// Metadata carries every line.
	ctx = p.Extract(context.Background(), carrier.Metadata{"baggage": {"a=1", "b=2"}})
	out := carrier.Map{}
	p.Inject(ctx, out)
	if d := cmp.Diff(carrier.Map{"baggage": "a=1,b=2"}, out); d != "" {
		t.Errorf("Inject (-want +got):\n%s", d)
	}
	// Nothing usable leaves the context alone and injects nothing.
	base := ContextWith(context.Background(), Baggage{})
	if got := p.Extract(base, carrier.Map{"baggage": "=bad"}); got != base {
		t.Error("Extract of nothing replaced the context")
	}
	if got := p.Extract(base, carrier.Map{}); got != base {
		t.Error("Extract of no header replaced the context")
	}
	empty := carrier.Map{}
	p.Inject(context.Background(), empty)
	if len(empty) != 0 {
		t.Errorf("Inject of empty baggage wrote %v", empty)
	}
	// The propagator's limits apply on the way out too.
	b, _ := Parse("a=1,b=2,c=3")
	p2 := Propagator{Limits: Limits{MaxMembers: 2}}
	h := carrier.HTTPHeader{}
	p2.InjectInto(h, b)
	if d := cmp.Diff([]string{"a=1,b=2"}, h["Baggage"]); d != "" {
		t.Errorf("InjectInto with limits (-want +got):\n%s", d)
	}
}

func TestParseBytes(t *testing.T) {
	in := []byte("a=1, b=%zz, c=3")
	b, err := ParseBytes(in)
	b2, err2 := Parse(string(in))
	if Format(b) != Format(b2) || !sameError(err, err2) {
		t.Errorf("ParseBytes = %q %v; Parse = %q %v", Format(b), err, Format(b2), err2)
	}
	copy(in, "x=9, b=%zz, c=3")
	if Format(b) != "a=1,c=3" {
		t.Errorf("ParseBytes result changed with its input: %q", Format(b))
	}
	l := Limits{MaxMembers: 1}
	b3, _ := l.ParseBytes([]byte("a=1,b=2"))
	if b3.Len() != 1 || b3.Limits() != l {
		t.Errorf("Limits.ParseBytes: Len %d Limits %+v", b3.Len(), b3.Limits())
	}
}

// TestLinear checks that hostile input costs one pass: a mebibyte of
// members, of commas, and of one unterminated member.
func TestLinear(t *testing.T) {
	inputs := map[string]string{
		"10000 members": manyMembers(10000),
		"commas":        strings.Repeat(",", 1<<20),
		"one long":      "k=" + strings.Repeat("%41", 1<<18),
		"bad escapes":   strings.Repeat("k=%,", 1<<18),
		"spaces":        strings.Repeat(" ", 1<<20),
	}
	for name, s := range inputs {
		b, _ := Parse(s)
		if b.Len() > DefaultMaxMembers || len(Format(b)) > DefaultMaxBytes {
			t.Errorf("%s: limits broken: %d members", name, b.Len())
		}
	}
}

// TestBuilderManyMembers checks Set and Delete on builders large enough to
// use the key index, against a plain model of the documented rules: Set
// replaces the first occurrence in place and removes later duplicates, or
// appends; Delete removes every occurrence.
func TestBuilderManyMembers(t *testing.T) {
	type kv struct{ k, v string }
	lim := Limits{MaxMembers: 1 << 16, MaxBytes: 1 << 24}
	var wire strings.Builder
	var model []kv
	for i := range 300 {
		k := "k" + strconv.Itoa(i%200) // keys 0..99 occur twice
		v := "r" + strconv.Itoa(i)
		if i > 0 {
			wire.WriteByte(',')
		}
		wire.WriteString(k + "=" + v)
		model = append(model, kv{k, v})
	}
	b, err := lim.Parse(wire.String())
	if err != nil || b.Len() != 300 {
		t.Fatalf("Parse: %d members, %v", b.Len(), err)
	}
	bd := b.Builder()
	set := func(k, v string) {
		must(t, bd.Set(k, v))
		for i := range model {
			if model[i].k == k {
				model[i].v = v
				out := model[:i+1]
				for _, e := range model[i+1:] {
					if e.k != k {
						out = append(out, e)
					}
				}
				model = out
				return
			}
		}
		model = append(model, kv{k, v})
	}
	del := func(k string) {
		bd.Delete(k)
		out := model[:0]
		for _, e := range model {
			if e.k != k {
				out = append(out, e)
			}
		}
		model = out
	}
	for i := range 2000 {
		k := "k" + strconv.Itoa(i*7919%260)
		switch i % 5 {
		case 0, 1, 2:
			set(k, "s"+strconv.Itoa(i))
		case 3:
			del(k)
		case 4:
			set("n"+strconv.Itoa(i), "x")
		}
		if i%97 == 0 || i == 1999 {
			var want strings.Builder
			for j, e := range model {
				if j > 0 {
					want.WriteByte(',')
				}
				want.WriteString(e.k + "=" + e.v)
			}
			bd.Limits = lim
			if diff := cmp.Diff(want.String(), bd.String()); diff != "" {
				t.Fatalf("after op %d (-want +got):\n%s", i, diff)
			}
			if bd.Len() != len(model) {
				t.Fatalf("after op %d: Len %d, want %d", i, bd.Len(), len(model))
			}
		}
	}
}
