package tracewire

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/vectors"
)

// tsMembers collects the members of ts through All.
func tsMembers(ts TraceState) [][2]string {
	out := [][2]string{}
	for k, v := range ts.All() {
		out = append(out, [2]string{k, v})
	}
	return out
}

// tsWant is the header lines a propagator writes for ts.
func tsWant(ts TraceState) [][2]string {
	if ts.Len() == 0 {
		return [][2]string{}
	}
	return [][2]string{{"tracestate", ts.String()}}
}

type tsErrView struct {
	Header, Kind string
	Offset       int
}

func tsErrOf(t *testing.T, err error) *tsErrView {
	t.Helper()
	if err == nil {
		return nil
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	return &tsErrView{pe.Header(), pe.Kind().String(), pe.Offset()}
}

func TestTraceStateVectors(t *testing.T) {
	f := vectors.Load(t, "tracestate")
	if f.Format != "tracestate" {
		t.Fatalf("format = %q", f.Format)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("case has no reason")
			}
			lines := c.Lines("tracestate")
			opts := TraceStateOptions{Level1: c.Options.Level1, Lenient: c.Options.Lenient}
			ts, err := opts.Parse(lines...)

			var want *tsErrView
			if c.Error != nil {
				if c.Error.Offset == nil {
					t.Fatal("vector error has no offset")
				}
				want = &tsErrView{c.Error.Header, c.Error.Kind, *c.Error.Offset}
			}
			if diff := cmp.Diff(want, tsErrOf(t, err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			// Lenient and strict parses meet the same first error.
			lenient := opts
			lenient.Lenient = !opts.Lenient
			_, err2 := lenient.Parse(lines...)
			if diff := cmp.Diff(tsErrOf(t, err), tsErrOf(t, err2)); diff != "" {
				t.Errorf("strict and lenient disagree on the first error (-this +other):\n%s", diff)
			}
			if !c.Valid {
				if ts != (TraceState{}) {
					t.Errorf("invalid input gave %#v, want the zero TraceState", ts)
				}
				if err == nil {
					t.Error("invalid input gave no error")
				}
			}
			if c.Expect != nil && c.Expect.TraceState != nil {
				if diff := cmp.Diff(c.Expect.TraceState, tsMembers(ts)); diff != "" {
					t.Errorf("members (-want +got):\n%s", diff)
				}
				if ts.Len() != len(c.Expect.TraceState) {
					t.Errorf("Len = %d, want %d", ts.Len(), len(c.Expect.TraceState))
				}
				for _, m := range c.Expect.TraceState {
					if v, ok := ts.Get(m[0]); !ok || v != m[1] {
						t.Errorf("Get(%q) = %q, %v; want %q", m[0], v, ok, m[1])
					}
				}
			}
			for _, op := range c.Ops {
				switch op.Op {
				case "insert":
					if ts, err = ts.Insert(op.Key, op.Value); err != nil {
						t.Fatalf("Insert(%q, %q): %v", op.Key, op.Value, err)
					}
				case "delete":
					ts = ts.Delete(op.Key)
				case "truncate":
					b := ts.AppendTruncated(nil, op.Size)
					ts = ts.Truncate(op.Size)
					if got := ts.String(); got != string(b) {
						t.Errorf("Truncate(%d) = %q, AppendTruncated = %q", op.Size, got, b)
					}
				default:
					t.Fatalf("unknown op %q", op.Op)
				}
			}
			if diff := cmp.Diff(c.Canonical, tsWant(ts)); diff != "" {
				t.Errorf("canonical (-want +got):\n%s", diff)
			}
			b, _ := ts.AppendText([]byte("x:"))
			if got := string(b); got != "x:"+ts.String() {
				t.Errorf("AppendText = %q, String = %q", got, ts.String())
			}
		})
	}
}

func TestTraceStateLines(t *testing.T) {
	// Joining the lines with "," is the same list, error offsets included.
	tests := [][]string{
		{"a=1", "b=2"},
		{"a=1 ", "  ", " b=2,,"},
		{"a=1", "b=2,C=3"},
		{"a=1,", ",b=2", "a=3"},
		{"", "", ""},
	}
	for _, lines := range tests {
		for _, opts := range []TraceStateOptions{{}, {Lenient: true}} {
			ts1, err1 := opts.Parse(lines...)
			ts2, err2 := opts.Parse(strings.Join(lines, ","))
			if diff := cmp.Diff(tsMembers(ts2), tsMembers(ts1)); diff != "" {
				t.Errorf("%q: members (-joined +lines):\n%s", lines, diff)
			}
			if diff := cmp.Diff(tsErrOf(t, err2), tsErrOf(t, err1)); diff != "" {
				t.Errorf("%q: error (-joined +lines):\n%s", lines, diff)
			}
		}
	}
}

func TestTraceStateText(t *testing.T) {
	// The text kept: a single line is trimmed but not copied; several are
	// joined; mutations narrow the text so that it becomes canonical.
	tests := []struct {
		name      string
		ts        TraceState
		text      string
		canonical bool
	}{
		{"one line", mustTS(t, " a=1,b=2 "), "a=1,b=2", true},
		{"ows", mustTS(t, "a=1 , b=2"), "a=1 , b=2", false},
		{"lines", mustTS(t, " a=1 ", "", "b=2"), "a=1,b=2", true},
		{"duplicate", mustTS(t, "a=1,a=2"), "a=1,a=2", false},
		{"delete last", mustTS(t, "a=1,b=2").Delete("b"), "a=1", true},
		{"delete first", mustTS(t, "a=1, b=2").Delete("a"), "b=2", true},
		{"delete middle", mustTS(t, "a=1,b=2,c=3").Delete("b"), "a=1,b=2,c=3", false},
		{"delete duplicate tail", mustTS(t, "a=1,b=2,a=3").Delete("b"), "a=1", true},
		{"truncate", mustTS(t, "a=1,b=2,c=3").Truncate(7), "a=1,b=2", true},
		{"insert", mustInsert(t, mustTS(t, "a=1 ,b=2"), "a", "3"), "a=3,b=2", true},
	}
	for _, tt := range tests {
		if tt.ts.s != tt.text || tt.ts.canonical() != tt.canonical {
			t.Errorf("%s: text %q canonical %v, want %q %v", tt.name, tt.ts.s, tt.ts.canonical(), tt.text, tt.canonical)
		}
	}
	// Equal lists reached by different routes compare equal once the text agrees.
	if a, b := mustTS(t, "a=1,b=2").Delete("b"), mustTS(t, " a=1"); a != b {
		t.Errorf("%#v != %#v", a, b)
	}
}

func mustInsert(t *testing.T, ts TraceState, k, v string) TraceState {
	t.Helper()
	out, err := ts.Insert(k, v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustTS(t *testing.T, lines ...string) TraceState {
	t.Helper()
	ts, err := ParseTraceState(lines...)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestTraceStateLenientDirty(t *testing.T) {
	// A lenient list keeps the dropped members in its text and steps over
	// them on every walk, with the key grammar it was parsed with.
	ts, err := TraceStateOptions{Level1: true, Lenient: true}.Parse("rojo=1,1abc=x, ,congo=2,FOO=3,b=4")
	if diff := cmp.Diff(&tsErrView{"tracestate", "key", 7}, tsErrOf(t, err)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	want := [][2]string{{"rojo", "1"}, {"congo", "2"}, {"b", "4"}}
	if diff := cmp.Diff(want, tsMembers(ts)); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if _, ok := ts.Get("1abc"); ok || ts.Len() != 3 {
		t.Errorf("Get(1abc) found a dropped member, or Len = %d", ts.Len())
	}
	if got := ts.String(); got != "rojo=1,congo=2,b=4" {
		t.Errorf("String = %q", got)
	}
	d := ts.Delete("rojo")
	if diff := cmp.Diff(want[1:], tsMembers(d)); diff != "" {
		t.Errorf("after Delete (-want +got):\n%s", diff)
	}
	if got := ts.Delete("rojo").Delete("congo"); got.s != "b=4" || !got.canonical() {
		t.Errorf("after two deletes: %#v", got)
	}
	if got := ts.Truncate(13).String(); got != "rojo=1" {
		t.Errorf("Truncate(13) = %q", got)
	}
}

func TestTraceStateInsertErrors(t *testing.T) {
	base := mustTS(t, "a=1")
	tests := []struct {
		key, value string
		want       tsErrView
	}{
		{"", "1", tsErrView{"tracestate", "key", 0}},
		{"Ab", "1", tsErrView{"tracestate", "key", 0}},
		{"a b", "1", tsErrView{"tracestate", "key", 1}},
		{strings.Repeat("k", 257), "1", tsErrView{"tracestate", "key", 256}},
		{"k", "", tsErrView{"tracestate", "value", 2}},
		{"k", "a,b", tsErrView{"tracestate", "value", 3}},
		{"k", "a=b", tsErrView{"tracestate", "value", 3}},
		{"k", "ab ", tsErrView{"tracestate", "value", 4}},
		{"k", "a\tb", tsErrView{"tracestate", "value", 3}},
		{"k", strings.Repeat("v", 257), tsErrView{"tracestate", "value", 258}},
	}
	for _, tt := range tests {
		ts, err := base.Insert(tt.key, tt.value)
		if diff := cmp.Diff(&tt.want, tsErrOf(t, err)); diff != "" {
			t.Errorf("Insert(%q, %q) (-want +got):\n%s", tt.key, tt.value, diff)
		}
		if ts != base {
			t.Errorf("Insert(%q, %q) changed the list on error", tt.key, tt.value)
		}
	}
	// Level 2 keys and a value with a leading space are accepted.
	ts, err := base.Insert("1abc@x@", " v")
	if err != nil || ts.String() != "1abc@x@= v,a=1" {
		t.Errorf("Insert = %q, %v", ts.String(), err)
	}
}

func TestTraceStateAllBreak(t *testing.T) {
	ts := mustTS(t, "a=1,b=2,c=3")
	var got []string
	for k := range ts.All() {
		got = append(got, k)
		if k == "b" {
			break
		}
	}
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, ok := ts.Get(""); ok {
		t.Error(`Get("") found a member`)
	}
	var zero TraceState
	if zero.Len() != 0 || zero.String() != "" || len(tsMembers(zero)) != 0 {
		t.Error("the zero TraceState is not empty")
	}
}

func TestTraceStateMarshal(t *testing.T) {
	ts := mustTS(t, "a=1 ,b=2")
	b, err := ts.MarshalText()
	if err != nil || string(b) != "a=1,b=2" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var back TraceState
	if err := back.UnmarshalText(b); err != nil || back != mustTS(t, "a=1,b=2") {
		t.Fatalf("UnmarshalText = %#v, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("A=1")); !errors.Is(err, ErrKey) {
		t.Fatalf("UnmarshalText(A=1) = %v", err)
	}
}

func TestTraceStateLarge(t *testing.T) {
	// Hostile sizes: one pass, exact results, strict stops at the cap.
	many := strings.Repeat("k=v,", 10000)
	_, err := ParseTraceState(many)
	if diff := cmp.Diff(&tsErrView{"tracestate", "too-many-members", 32 * 4}, tsErrOf(t, err)); diff != "" {
		t.Errorf("10000 members (-want +got):\n%s", diff)
	}
	blank := strings.Repeat(" ,\t", 1<<20/3) + "a=1"
	ts, err := ParseTraceState(blank)
	if err != nil || ts.String() != "a=1" {
		t.Errorf("1 MiB of blanks: %q, %v", ts.String(), err)
	}
	junk := strings.Repeat("K=v,", 1<<18) + "a=1,b=2"
	ts, err = TraceStateOptions{Lenient: true}.Parse(junk)
	if diff := cmp.Diff(&tsErrView{"tracestate", "key", 0}, tsErrOf(t, err)); diff != "" {
		t.Errorf("1 MiB of bad members (-want +got):\n%s", diff)
	}
	if ts.String() != "a=1,b=2" {
		t.Errorf("1 MiB of bad members kept %q", ts.String())
	}
	// Lenient: the good members past 32 are dropped even among bad ones.
	mixed := strings.Repeat("k=v,X=1,", 10000)
	ts, err = TraceStateOptions{Lenient: true}.Parse(mixed)
	if !errors.Is(err, ErrKey) || ts.Len() != 1 || len(tsMembers(ts)) != 1 {
		t.Errorf("mixed: Len %d, %v", ts.Len(), err)
	}
	var lines []string
	for range 10000 {
		lines = append(lines, "")
	}
	if ts, err := ParseTraceState(append(lines, "a=1")...); err != nil || ts.String() != "a=1" {
		t.Errorf("10000 empty lines: %q, %v", ts.String(), err)
	}
}

func TestTraceStateTruncateOrder(t *testing.T) {
	entry := func(k string, n int) string { return k + "=" + strings.Repeat("v", n-len(k)-1) }
	long1, short, long2 := entry("a", 130), entry("b", 10), entry("c", 129)
	ts := mustTS(t, long1+","+short+","+long2+",d=1")
	tests := []struct {
		max  int
		want string
	}{
		{1000, long1 + "," + short + "," + long2 + ",d=1"},
		{150, long1 + "," + short + ",d=1"}, // long2 first
		{140, short + ",d=1"},               // then long1, though it is on the left
		{14, short + ",d=1"},
		{13, short},
		{9, ""},
		{0, long1 + "," + short + "," + long2 + ",d=1"}, // 512
	}
	for _, tt := range tests {
		if got := ts.Truncate(tt.max).String(); got != tt.want {
			t.Errorf("Truncate(%d) = %q, want %q", tt.max, got, tt.want)
		}
		if got := string(ts.AppendTruncated(nil, tt.max)); got != tt.want {
			t.Errorf("AppendTruncated(%d) = %q, want %q", tt.max, got, tt.want)
		}
	}
}

func TestTraceStateAllocs(t *testing.T) {
	var members []string
	for i := range 32 {
		members = append(members, "vendor"+string(rune('a'+i%26))+string(rune('a'+i/26))+"=00f067aa0ba902b7")
	}
	line32 := strings.Join(members, ",")
	ows := " rojo=1 , ,congo=2\t"
	line33 := line32 + ",x=1"
	parsed := mustTS(t, line32)
	messy := mustTS(t, ows)
	lenient := TraceStateOptions{Lenient: true}
	buf := make([]byte, 0, 2048)
	var sink int
	tests := []struct {
		name string
		want float64
		f    func()
	}{
		{"parse 32 members", 0, func() { ParseTraceState(line32) }},
		{"parse ows", 0, func() { ParseTraceState(ows) }},
		{"parse invalid", 0, func() { ParseTraceState("rojo=1,Congo=2") }},
		{"parse too many", 1, func() { ParseTraceState(line33) }}, // the error is past offset 256
		{"parse lenient", 0, func() { lenient.Parse("rojo=1,Congo=2,x=3") }},
		{"parse two lines", 1, func() { ParseTraceState("rojo=1", "congo=2") }},
		{"len get", 0, func() {
			v, _ := parsed.Get("vendorfb")
			sink += parsed.Len() + len(v)
		}},
		{"all", 0, func() {
			for k, v := range parsed.All() {
				sink += len(k) + len(v)
			}
		}},
		{"append text", 0, func() { buf, _ = parsed.AppendText(buf[:0]) }},
		{"append text ows", 0, func() { buf, _ = messy.AppendText(buf[:0]) }},
		{"append truncated", 0, func() { buf = parsed.AppendTruncated(buf[:0], 300) }},
		{"truncate", 0, func() { sink += parsed.Truncate(300).Len() }},
		{"delete", 0, func() { sink += parsed.Delete("vendorfb").Len() }},
		{"string canonical", 0, func() { sink += len(parsed.String()) }},
		{"string ows", 1, func() { sink += len(messy.String()) }},
		{"insert", 1, func() {
			ts, _ := parsed.Insert("new", "1")
			sink += ts.Len()
		}},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(100, tt.f); got != tt.want {
			t.Errorf("%s: %v allocs, want %v", tt.name, got, tt.want)
		}
	}
	_ = sink
}

func BenchmarkParseTraceState(b *testing.B) {
	line := "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,vendor1=abc,vendor2=def"
	b.ReportAllocs()
	for b.Loop() {
		ParseTraceState(line)
	}
}

func BenchmarkTraceStateGet(b *testing.B) {
	ts, _ := ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,vendor1=abc,vendor2=def")
	b.ReportAllocs()
	for b.Loop() {
		ts.Get("vendor2")
	}
}
