package tracewire

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// otView flattens an OTelState for cmp.Diff.
type otView struct {
	Text         string
	Th, Rv       uint64
	HasTh, HasRv bool
}

func otViewOf(o OTelState) otView {
	th, hasTh := o.Threshold()
	rv, hasRv := o.Randomness()
	return otView{Text: o.String(), Th: th, HasTh: hasTh, Rv: rv, HasRv: hasRv}
}

// otErr is the error ParseOTelState returns for kind at offset: the table
// hands out one shared value per pair, so == compares kind and offset.
func otErr(kind ErrorKind, offset int) error { return errOTel.At(kind, offset) }

// otCase is one test of ParseOTelState.
type otCase struct {
	name, in string
	want     otView
	err      error
}

// otCases holds every case of SPEC §9.9 (first, given with their "ot="
// stripped) and the grammar's edges.
var otCases = []otCase{
	// SPEC §9.9 test cases.
	{"spec: th:8 is 50%", "th:8", otView{Text: "th:8", Th: 0x80000000000000, HasTh: true}, nil},
	{"spec: th:0 is 100%", "th:0", otView{Text: "th:0", HasTh: true}, nil},
	{"spec: rv and th", "rv:9b8233f7e3a151;th:c",
		otView{Text: "rv:9b8233f7e3a151;th:c", Th: 0xc0000000000000, HasTh: true, Rv: 0x9b8233f7e3a151, HasRv: true}, nil},
	{"spec: malformed th is erased", "th:G", otView{}, otErr(ErrValue, 3)},
	{"spec: unknown key kept", "th:8;foo:bar", otView{Text: "th:8;foo:bar", Th: 0x80000000000000, HasTh: true}, nil},

	// Thresholds.
	{"th with 14 digits", "th:ffffffffffffff", otView{Text: "th:ffffffffffffff", Th: 0xffffffffffffff, HasTh: true}, nil},
	{"th of 14 zeros", "th:00000000000000", otView{Text: "th:00000000000000", HasTh: true}, nil},
	{"th with trailing zeros is kept as received", "th:80", otView{Text: "th:80", Th: 0x80000000000000, HasTh: true}, nil},
	{"th of 1%", "th:fd70a4", otView{Text: "th:fd70a4", Th: 0xfd70a400000000, HasTh: true}, nil},
	{"th with 15 digits is erased", "th:fffffffffffffff", otView{}, otErr(ErrLength, 17)},
	{"empty th is erased", "th:", otView{}, otErr(ErrLength, 3)},
	{"uppercase th is erased", "th:C", otView{}, otErr(ErrValue, 3)},
	{"th with a non-hex letter is erased", "th:8x", otView{}, otErr(ErrValue, 4)},
	{"erased th at the start", "th:G;foo:bar", otView{Text: "foo:bar"}, otErr(ErrValue, 3)},
	{"erased th at the end", "foo:bar;th:G", otView{Text: "foo:bar"}, otErr(ErrValue, 11)},
	{"erased th in the middle", "foo:bar;th:G;baz:1", otView{Text: "foo:bar;baz:1"}, otErr(ErrValue, 11)},

	// Randomness.
	{"rv alone", "rv:00000000000000", otView{Text: "rv:00000000000000", HasRv: true}, nil},
	{"rv of 13 digits is kept but unused", "rv:9b8233f7e3a15", otView{Text: "rv:9b8233f7e3a15"}, otErr(ErrLength, 16)},
	{"rv of 15 digits is kept but unused", "rv:9b8233f7e3a1511", otView{Text: "rv:9b8233f7e3a1511"}, otErr(ErrLength, 17)},
	{"uppercase rv is kept but unused", "rv:9B8233F7E3A151", otView{Text: "rv:9B8233F7E3A151"}, otErr(ErrValue, 4)},
	{"first fault reported, th erased, rv kept", "th:G;rv:zz",
		otView{Text: "rv:zz"}, otErr(ErrValue, 3)},
	{"rv fault before th fault", "rv:zz;th:G", otView{Text: "rv:zz"}, otErr(ErrLength, 5)},

	// Other keys and values.
	{"OpenTelemetry's examples", "p:8;r:62", otView{Text: "p:8;r:62"}, nil},
	{"keys with digits", "k1:13;s1:x", otView{Text: "k1:13;s1:x"}, nil},
	{"empty value", "foo:", otView{Text: "foo:"}, nil},
	{"every value character", "v:azAZ09._-", otView{Text: "v:azAZ09._-"}, nil},
	{"256 bytes", "a:" + strings.Repeat("x", 254), otView{Text: "a:" + strings.Repeat("x", 254)}, nil},

	// Grammar errors: the whole member is unusable.
	{"empty", "", otView{}, otErr(ErrEmpty, 0)},
	{"257 bytes", "a:" + strings.Repeat("x", 255), otView{}, otErr(ErrTooLong, 256)},
	{"trailing semicolon", "th:8;", otView{}, otErr(ErrMember, 5)},
	{"leading semicolon", ";th:8", otView{}, otErr(ErrMember, 0)},
	{"empty item", "th:8;;foo:1", otView{}, otErr(ErrMember, 5)},
	{"no colon", "th", otView{}, otErr(ErrDelimiter, 2)},
	{"no colon before semicolon", "th;rv:1", otView{}, otErr(ErrDelimiter, 2)},
	{"uppercase key", "Th:8", otView{}, otErr(ErrKey, 0)},
	{"key starting with a digit", "1a:8", otView{}, otErr(ErrKey, 0)},
	{"key with a dash", "t-h:8", otView{}, otErr(ErrKey, 1)},
	{"empty key", ":8", otView{}, otErr(ErrKey, 0)},
	{"repeated th", "th:8;th:c", otView{}, otErr(ErrKey, 5)},
	{"repeated unknown key", "a:1;b:2;a:3", otView{}, otErr(ErrKey, 8)},
	{"space in value", "foo:ba r", otView{}, otErr(ErrValue, 6)},
	{"colon in value", "foo:a:b", otView{}, otErr(ErrValue, 5)},
	{"equals in value", "foo:a=b", otView{}, otErr(ErrValue, 5)},
	{"grammar error after a th error", "th:G;;", otView{}, otErr(ErrMember, 5)},
}

func TestParseOTelState(t *testing.T) {
	for _, tc := range otCases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := ParseOTelState(tc.in)
			if err != tc.err {
				t.Errorf("error = %v, want %v", err, tc.err)
			}
			if diff := cmp.Diff(tc.want, otViewOf(o)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if b, _ := o.AppendText([]byte("x")); string(b) != "x"+tc.want.Text {
				t.Errorf("AppendText = %q", b)
			}
			if b, _ := o.MarshalText(); string(b) != tc.want.Text {
				t.Errorf("MarshalText = %q", b)
			}
			if o.IsZero() != (tc.want.Text == "") {
				t.Errorf("IsZero = %v", o.IsZero())
			}
		})
	}
}

// TestOTelStateInTraceState reads the SPEC §9.9 cases as they travel:
// inside a tracestate header.
func TestOTelStateInTraceState(t *testing.T) {
	tests := []struct {
		header string
		want   otView
		err    error
	}{
		{"ot=th:8", otView{Text: "th:8", Th: 0x80000000000000, HasTh: true}, nil},
		{"ot=th:0", otView{Text: "th:0", HasTh: true}, nil},
		{"congo=t61rcWkgMzE,ot=rv:9b8233f7e3a151;th:c",
			otView{Text: "rv:9b8233f7e3a151;th:c", Th: 0xc0000000000000, HasTh: true, Rv: 0x9b8233f7e3a151, HasRv: true}, nil},
		{"ot=th:G", otView{}, otErr(ErrValue, 3)},
		{"ot=th:8;foo:bar,rojo=1", otView{Text: "th:8;foo:bar", Th: 0x80000000000000, HasTh: true}, nil},
		{"rojo=1", otView{}, nil},
		{"", otView{}, nil},
		{"ot=th:8;;", otView{}, otErr(ErrMember, 5)},
	}
	for _, tt := range tests {
		ts, err := ParseTraceState(tt.header)
		if err != nil {
			t.Fatalf("%q: %v", tt.header, err)
		}
		o, err := ts.OTelState()
		if err != tt.err {
			t.Errorf("%q: error = %v, want %v", tt.header, err, tt.err)
		}
		if diff := cmp.Diff(tt.want, otViewOf(o)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.header, diff)
		}
	}
}

func TestOTelStateGet(t *testing.T) {
	o, err := ParseOTelState("foo:bar;th:G;rv:9b8233f7e3a151;k1:")
	if err != otErr(ErrValue, 11) {
		t.Fatalf("error %v", err)
	}
	tests := []struct {
		key, value string
		ok         bool
	}{
		{"foo", "bar", true}, {"rv", "9b8233f7e3a151", true}, {"k1", "", true},
		{"th", "", false}, {"fo", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		if v, ok := o.Get(tt.key); v != tt.value || ok != tt.ok {
			t.Errorf("Get(%q) = %q, %v; want %q, %v", tt.key, v, ok, tt.value, tt.ok)
		}
	}
}

func TestOTelStateBuild(t *testing.T) {
	parse := func(s string) OTelState {
		o, _ := ParseOTelState(s)
		return o
	}
	tests := []struct {
		name string
		got  func() (OTelState, error)
		want otView
		err  error
	}{
		{"threshold on zero", func() (OTelState, error) { return OTelState{}.WithThreshold(0xc0000000000000) },
			otView{Text: "th:c", Th: 0xc0000000000000, HasTh: true}, nil},
		{"threshold zero is th:0", func() (OTelState, error) { return OTelState{}.WithThreshold(0) },
			otView{Text: "th:0", HasTh: true}, nil},
		{"threshold with 14 digits", func() (OTelState, error) { return OTelState{}.WithThreshold(0xfd70a3d70a3d71) },
			otView{Text: "th:fd70a3d70a3d71", Th: 0xfd70a3d70a3d71, HasTh: true}, nil},
		{"threshold trailing zeros dropped", func() (OTelState, error) { return OTelState{}.WithThreshold(0x01000000000000) },
			otView{Text: "th:01", Th: 0x01000000000000, HasTh: true}, nil},
		{"threshold replaces, th then rv then the rest", func() (OTelState, error) {
			return parse("foo:bar;rv:9b8233f7e3a151;th:8").WithThreshold(0xc0000000000000)
		}, otView{Text: "th:c;rv:9b8233f7e3a151;foo:bar", Th: 0xc0000000000000, HasTh: true, Rv: 0x9b8233f7e3a151, HasRv: true}, nil},
		{"threshold keeps a malformed rv in place", func() (OTelState, error) {
			return parse("a:1;rv:zz;b:2").WithThreshold(0x80000000000000)
		}, otView{Text: "th:8;a:1;rv:zz;b:2", Th: 0x80000000000000, HasTh: true}, nil},
		{"threshold after an erased th", func() (OTelState, error) {
			return parse("a:1;th:G;b:2").WithThreshold(0x80000000000000)
		}, otView{Text: "th:8;a:1;b:2", Th: 0x80000000000000, HasTh: true}, nil},
		{"threshold 2^56 refused", func() (OTelState, error) { return parse("th:8").WithThreshold(1 << 56) },
			otView{Text: "th:8", Th: 0x80000000000000, HasTh: true}, otErr(ErrValue, 3)},
		{"threshold too long refused", func() (OTelState, error) {
			return parse("a:" + strings.Repeat("x", 250)).WithThreshold(0x80000000000000)
		}, otView{Text: "a:" + strings.Repeat("x", 250)}, otErr(ErrTooLong, 256)},
		{"randomness on zero", func() (OTelState, error) { return OTelState{}.WithRandomness(0x9b8233f7e3a151) },
			otView{Text: "rv:9b8233f7e3a151", Rv: 0x9b8233f7e3a151, HasRv: true}, nil},
		{"randomness keeps 14 digits", func() (OTelState, error) { return parse("th:0").WithRandomness(0x10) },
			otView{Text: "th:0;rv:00000000000010", HasTh: true, Rv: 0x10, HasRv: true}, nil},
		{"randomness replaces a malformed rv", func() (OTelState, error) { return parse("a:1;rv:zz").WithRandomness(1) },
			otView{Text: "rv:00000000000001;a:1", Rv: 1, HasRv: true}, nil},
		{"randomness 2^56 refused", func() (OTelState, error) { return OTelState{}.WithRandomness(1 << 56) },
			otView{}, otErr(ErrValue, 3)},
		{"without threshold at the start", func() (OTelState, error) { return parse("th:8;rv:9b8233f7e3a151").WithoutThreshold(), nil },
			otView{Text: "rv:9b8233f7e3a151", Rv: 0x9b8233f7e3a151, HasRv: true}, nil},
		{"without threshold in the middle", func() (OTelState, error) { return parse("a:1;th:8;b:2").WithoutThreshold(), nil },
			otView{Text: "a:1;b:2"}, nil},
		{"without threshold alone", func() (OTelState, error) { return parse("th:8").WithoutThreshold(), nil },
			otView{}, nil},
		{"without threshold, none there", func() (OTelState, error) { return parse("a:1").WithoutThreshold(), nil },
			otView{Text: "a:1"}, nil},
	}
	for _, tt := range tests {
		o, err := tt.got()
		if err != tt.err {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.err)
		}
		if diff := cmp.Diff(tt.want, otViewOf(o)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		// What was built reads back the same.
		if o2, err := ParseOTelState(o.String()); !o.IsZero() && otViewOf(o2) != otViewOf(o) {
			t.Errorf("%s: %q reads back as %+v, %v", tt.name, o.String(), otViewOf(o2), err)
		}
	}
}

func TestTraceStateWithOTelState(t *testing.T) {
	parse := func(s string) OTelState {
		o, _ := ParseOTelState(s)
		return o
	}
	tests := []struct {
		name, header string
		o            OTelState
		want         string
	}{
		{"added at the front", "rojo=1,congo=2", parse("th:c"), "ot=th:c,rojo=1,congo=2"},
		{"updated moves to the front", "rojo=1,ot=th:8", parse("th:c"), "ot=th:c,rojo=1"},
		{"unchanged keeps its place", "rojo=1,ot=th:8", parse("th:8"), "rojo=1,ot=th:8"},
		{"zero removes", "rojo=1,ot=th:8,congo=2", OTelState{}, "rojo=1,congo=2"},
		{"zero on a list without it", "rojo=1", OTelState{}, "rojo=1"},
		{"erased th written without it", "ot=foo:1;th:G;bar:2", parse("foo:1;th:G;bar:2"), "ot=foo:1;bar:2"},
	}
	for _, tt := range tests {
		ts, err := ParseTraceState(tt.header)
		if err != nil {
			t.Fatal(err)
		}
		if got := ts.WithOTelState(tt.o).String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOTelStateConsistentWith(t *testing.T) {
	random := NewSpanContext(tT, tS, FlagRandom) // R = 0xce929d0e0e4736 from the trace id
	tests := []struct {
		name  string
		state string
		sc    SpanContext
		want  string
	}{
		{"sampled, R >= T", "th:c", random.WithSampling(SamplingAccept), "th:c"},
		{"sampled, R < T: erased", "th:d", random.WithSampling(SamplingAccept), ""},
		{"not sampled: erased", "th:c;foo:1", random.WithSampling(SamplingDeny), "foo:1"},
		{"deferred: erased", "th:0", random, ""},
		{"debug counts as sampled", "th:c", random.WithSampling(SamplingDebug), "th:c"},
		{"spec case: rv below th, sampled: erased", "rv:9b8233f7e3a151;th:c", random.WithSampling(SamplingAccept), "rv:9b8233f7e3a151"},
		{"rv wins over the trace id", "rv:ffffffffffffff;th:f", random.WithSampling(SamplingAccept), "rv:ffffffffffffff;th:f"},
		{"no randomness known: kept", "th:f", NewSpanContext(tT, tS, FlagSampled), "th:f"},
		{"malformed rv is no randomness: kept", "rv:zz;th:f", NewSpanContext(tT, tS, FlagSampled), "rv:zz;th:f"},
		{"no th: unchanged", "foo:1", random.WithSampling(SamplingDeny), "foo:1"},
	}
	for _, tt := range tests {
		o, _ := ParseOTelState(tt.state)
		if got := o.ConsistentWith(tt.sc).String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSpanContextRandomness(t *testing.T) {
	withState := func(sc SpanContext, header string) SpanContext {
		ts, err := ParseTraceState(header)
		if err != nil {
			t.Fatal(err)
		}
		return sc.WithTraceState(ts)
	}
	tests := []struct {
		name string
		sc   SpanContext
		r    uint64
		ok   bool
	}{
		{"random trace id", NewSpanContext(tT, tS, FlagRandom), 0xce929d0e0e4736, true},
		{"trace id not known to be random", NewSpanContext(tT, tS, FlagSampled), 0, false},
		{"rv wins", withState(NewSpanContext(tT, tS, FlagRandom), "ot=rv:9b8233f7e3a151"), 0x9b8233f7e3a151, true},
		{"rv without the random flag", withState(NewSpanContext(tT, tS, 0), "a=1,ot=th:8;rv:00000000000001"), 1, true},
		{"malformed rv falls back to the trace id", withState(NewSpanContext(tT, tS, FlagRandom), "ot=rv:zz"), 0xce929d0e0e4736, true},
		{"unreadable member falls back to the trace id", withState(NewSpanContext(tT, tS, FlagRandom), "ot=rv:9b8233f7e3a151;;"), 0xce929d0e0e4736, true},
		{"zero context", SpanContext{}, 0, false},
	}
	for _, tt := range tests {
		if r, ok := tt.sc.Randomness(); r != tt.r || ok != tt.ok {
			t.Errorf("%s: got %#x, %v; want %#x, %v", tt.name, r, ok, tt.r, tt.ok)
		}
	}
}

func TestOTelStateUnmarshalText(t *testing.T) {
	var o OTelState
	if err := o.UnmarshalText([]byte("th:c;foo:bar")); err != nil || o.String() != "th:c;foo:bar" {
		t.Fatalf("got %q, %v", o.String(), err)
	}
	if err := o.UnmarshalText([]byte("th:G")); err != otErr(ErrValue, 3) || o.String() != "th:c;foo:bar" {
		t.Fatalf("a bad th changed the value: %q, %v", o.String(), err)
	}
}

func TestOTelStateAllocs(t *testing.T) {
	ts, _ := ParseTraceState("rojo=1,ot=th:c;rv:9b8233f7e3a151;foo:bar")
	sc := NewSpanContext(tT, tS, FlagRandom|FlagSampled).WithTraceState(ts)
	o, _ := ts.OTelState()
	mid, _ := ParseOTelState("a:1;th:G;b:2")
	buf := make([]byte, 0, 512)
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseOTelState", func() { _, _ = ParseOTelState("th:c;rv:9b8233f7e3a151;foo:bar") }},
		{"ParseOTelState erasing th", func() { _, _ = ParseOTelState("a:1;th:G;b:2") }},
		{"ParseOTelState error", func() { _, _ = ParseOTelState("th:8;;") }},
		{"TraceState.OTelState", func() { _, _ = ts.OTelState() }},
		{"SpanContext.Randomness", func() { _, _ = sc.Randomness() }},
		{"AppendText", func() { buf, _ = mid.AppendText(buf[:0]) }},
		{"String", func() { _ = o.String() }},
		{"Get", func() { _, _ = o.Get("foo") }},
		{"WithoutThreshold", func() { _ = mid.WithoutThreshold(); _ = o.WithoutThreshold() }},
		{"ConsistentWith", func() { _ = o.ConsistentWith(sc.WithSampling(SamplingDeny)) }},
		{"WithOTelState unchanged", func() { _ = ts.WithOTelState(o) }},
		{"WithOTelState removing", func() { _ = ts.WithOTelState(OTelState{}) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, n)
		}
	}
}
