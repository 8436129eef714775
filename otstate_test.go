package tracewire

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/vectors"
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

// otVector is one case of testdata/otstate.json (schema in
// testdata/README.md).
type otVector struct {
	Name   string   `json:"name"`
	Reason string   `json:"reason"`
	Choice string   `json:"choice,omitempty"`
	Tags   []string `json:"tags"`
	Value  string   `json:"value"`
	Valid  bool     `json:"valid"`
	Error  *struct {
		Header string `json:"header"`
		Kind   string `json:"kind"`
		Offset int    `json:"offset"`
	} `json:"error,omitempty"`
	Expect *struct {
		Threshold  *string `json:"threshold,omitempty"`
		Randomness *string `json:"randomness,omitempty"`
	} `json:"expect,omitempty"`
	Canonical string `json:"canonical"`
}

// loadOTVectors reads testdata/otstate.json, failing on unknown fields.
func loadOTVectors(tb testing.TB) []otVector {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(vectors.Dir(), "otstate.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var f struct {
		Format  string     `json:"format"`
		Spec    string     `json:"spec"`
		Version string     `json:"version"`
		Cases   []otVector `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil || f.Format != "otstate" || len(f.Cases) == 0 {
		tb.Fatalf("otstate.json: format %q, %d cases, %v", f.Format, len(f.Cases), err)
	}
	return f.Cases
}

// want returns the view and error the vector expects.
func (v otVector) want(tb testing.TB) (otView, error) {
	tb.Helper()
	var err error
	if v.Error != nil {
		kind := ParseErrorKind(v.Error.Kind)
		if kind == 0 || v.Error.Header != "tracestate ot" {
			tb.Fatalf("%s: bad error %+v", v.Name, *v.Error)
		}
		err = otErr(kind, v.Error.Offset)
	}
	if !v.Valid {
		return otView{}, err
	}
	w := otView{Text: v.Canonical}
	hex := func(p *string) (uint64, bool) {
		if p == nil {
			return 0, false
		}
		n, perr := strconv.ParseUint(*p, 16, 64)
		if perr != nil || len(*p) != 14 {
			tb.Fatalf("%s: bad hex %q", v.Name, *p)
		}
		return n, true
	}
	if v.Expect == nil {
		tb.Fatalf("%s: valid but no expect", v.Name)
	}
	w.Th, w.HasTh = hex(v.Expect.Threshold)
	w.Rv, w.HasRv = hex(v.Expect.Randomness)
	return w, err
}

func TestParseOTelState(t *testing.T) {
	cases := loadOTVectors(t)
	for _, v := range cases {
		t.Run(v.Name, func(t *testing.T) {
			if v.Reason == "" {
				t.Error("no reason")
			}
			want, wantErr := v.want(t)
			o, err := ParseOTelState(v.Value)
			if !sameErr(err, wantErr) {
				t.Errorf("error = %v, want %v", err, wantErr)
			}
			if diff := cmp.Diff(want, otViewOf(o)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if b, _ := o.AppendText([]byte("x")); string(b) != "x"+want.Text {
				t.Errorf("AppendText = %q", b)
			}
			if b, _ := o.MarshalText(); string(b) != want.Text {
				t.Errorf("MarshalText = %q", b)
			}
			if o.IsZero() != (want.Text == "") {
				t.Errorf("IsZero = %v", o.IsZero())
			}
		})
	}
	if len(cases) < 40 {
		t.Errorf("%d vectors; SPEC §9.9 and the grammar's edges need at least 40", len(cases))
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
		if !sameErr(err, tt.err) {
			t.Errorf("%q: error = %v, want %v", tt.header, err, tt.err)
		}
		if diff := cmp.Diff(tt.want, otViewOf(o)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.header, diff)
		}
	}
}

func TestOTelStateGet(t *testing.T) {
	o, err := ParseOTelState("foo:bar;th:G;rv:9b8233f7e3a151;k1:")
	if !sameErr(err, otErr(ErrValue, 11)) {
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
		if !sameErr(err, tt.err) {
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
	if err := o.UnmarshalText([]byte("th:G")); !sameErr(err, otErr(ErrValue, 3)) || o.String() != "th:c;foo:bar" {
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

// sameErr reports whether a and b are both nil or both parse errors with the
// same header, kind and offset: errors past the interned offsets are fresh
// values, so pointer identity is not the test.
func sameErr(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	pa, oka := a.(*ParseError)
	pb, okb := b.(*ParseError)
	if !oka || !okb {
		return a == b
	}
	return *pa == *pb
}
