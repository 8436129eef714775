package tracewire

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTraceID(t *testing.T) {
	tests := []struct {
		in     string
		want   TraceID
		kind   ErrorKind
		offset int
	}{
		{in: "4bf92f3577b34da6a3ce929d0e0e4736", want: TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36}},
		{in: "00000000000000000000000000000001", want: TraceID{15: 1}},
		{in: "", kind: ErrLength, offset: 0},
		{in: "4bf92f3577b34da6a3ce929d0e0e473", kind: ErrLength, offset: 31},
		{in: "4bf92f3577b34da6a3ce929d0e0e47361", kind: ErrLength, offset: 32},
		{in: "4BF92F3577B34DA6A3CE929D0E0E4736", kind: ErrTraceID, offset: 1},
		{in: "4bf92f3577b34da6a3ce929d0e0e473g", kind: ErrTraceID, offset: 31},
		{in: "x0000000000000000000000000000000", kind: ErrTraceID, offset: 0},
		{in: "00000000000000000000000000000000", kind: ErrZeroTraceID, offset: 0},
	}
	for _, tt := range tests {
		got, err := ParseTraceID(tt.in)
		if tt.kind != 0 {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Kind() != tt.kind || pe.Offset() != tt.offset || !errors.Is(err, tt.kind) {
				t.Errorf("ParseTraceID(%q) error = %v, want kind %v at %d", tt.in, err, tt.kind, tt.offset)
			}
			if got != (TraceID{}) {
				t.Errorf("ParseTraceID(%q) = %v on error, want zero", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTraceID(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseTraceID(%q) (-want +got):\n%s", tt.in, diff)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("String() = %q, want %q", s, tt.in)
		}
	}
}

func TestParseSpanID(t *testing.T) {
	tests := []struct {
		in     string
		want   SpanID
		kind   ErrorKind
		offset int
	}{
		{in: "00f067aa0ba902b7", want: SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7}},
		{in: "00f067aa0ba902b", kind: ErrLength, offset: 15},
		{in: "00f067aa0ba902B7", kind: ErrSpanID, offset: 14},
		{in: "0000000000000000", kind: ErrZeroSpanID},
	}
	for _, tt := range tests {
		got, err := ParseSpanID(tt.in)
		if tt.kind != 0 {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Kind() != tt.kind || pe.Offset() != tt.offset {
				t.Errorf("ParseSpanID(%q) error = %v, want kind %v at %d", tt.in, err, tt.kind, tt.offset)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.in {
			t.Errorf("ParseSpanID(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestIDText(t *testing.T) {
	tid := TraceID{0xab, 15: 0x01}
	b, _ := tid.MarshalText()
	if got, want := string(b), "ab000000000000000000000000000001"; got != want {
		t.Fatalf("MarshalText = %q, want %q", got, want)
	}
	var back TraceID
	if err := back.UnmarshalText(b); err != nil || back != tid {
		t.Fatalf("UnmarshalText = %v, %v; want %v", back, err, tid)
	}
	if err := back.UnmarshalText([]byte("zz")); !errors.Is(err, ErrLength) || back != tid {
		t.Fatalf("UnmarshalText(bad) = %v and changed the id to %v", err, back)
	}
	sid := SpanID{7: 0xff}
	b, _ = sid.AppendText([]byte("x="))
	if got, want := string(b), "x=00000000000000ff"; got != want {
		t.Fatalf("AppendText = %q, want %q", got, want)
	}
	var sback SpanID
	if err := sback.UnmarshalText(b[2:]); err != nil || sback != sid {
		t.Fatalf("SpanID.UnmarshalText = %v, %v", sback, err)
	}
	if !tid.IsValid() || (TraceID{}).IsValid() || !sid.IsValid() || (SpanID{}).IsValid() {
		t.Fatal("IsValid wrong")
	}
	if tid.Is64Bit() || !(TraceID{15: 1}).Is64Bit() {
		t.Fatal("Is64Bit wrong")
	}
}

// TestIDTextRoundTrip: every id, the zero one included, survives
// MarshalText/UnmarshalText, AppendText and a JSON round trip (netip's
// rule: the zero value's text is empty).
func TestIDTextRoundTrip(t *testing.T) {
	type textID interface {
		AppendText([]byte) ([]byte, error)
		MarshalText() ([]byte, error)
	}
	tests := []struct {
		name string
		id   textID
		back interface{ UnmarshalText([]byte) error }
		text string
	}{
		{"zero trace id", TraceID{}, new(TraceID), ""},
		{"trace id", TraceID{0xab, 15: 0x01}, new(TraceID), "ab000000000000000000000000000001"},
		{"64-bit trace id", TraceID{15: 0x01}, new(TraceID), "00000000000000000000000000000001"},
		{"zero span id", SpanID{}, new(SpanID), ""},
		{"span id", SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7}, new(SpanID), "00f067aa0ba902b7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.id.MarshalText()
			if err != nil || string(b) != tc.text || b == nil {
				t.Fatalf("MarshalText = %q (nil: %v), %v; want %q", b, b == nil, err, tc.text)
			}
			a, err := tc.id.AppendText([]byte("x="))
			if err != nil || string(a) != "x="+tc.text {
				t.Errorf("AppendText = %q, %v; want %q", a, err, "x="+tc.text)
			}
			if err := tc.back.UnmarshalText(b); err != nil {
				t.Fatalf("UnmarshalText(%q) = %v", b, err)
			}
			var got any
			switch back := tc.back.(type) {
			case *TraceID:
				got = *back
			case *SpanID:
				got = *back
			}
			if got != tc.id {
				t.Errorf("UnmarshalText(%q) = %v, want %v", b, got, tc.id)
			}
		})
	}

	type record struct {
		Trace TraceID `json:"trace"`
		Span  SpanID  `json:"span"`
	}
	for _, r := range []record{{}, {TraceID{1}, SpanID{2}}} {
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("json.Marshal(%v) = %v", r, err)
		}
		var back record
		if err := json.Unmarshal(j, &back); err != nil || back != r {
			t.Errorf("JSON round trip of %s = %v, %v", j, back, err)
		}
	}
	if j, _ := json.Marshal(record{}); string(j) != `{"trace":"","span":""}` {
		t.Errorf("zero ids marshal to %s", j)
	}
}

// TestIDTextErrors: the zero id's text is the empty one, so all-zero
// digits stay an error, as for ParseTraceID; a failed UnmarshalText leaves
// the id unchanged.
func TestIDTextErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind ErrorKind
	}{
		{"00000000000000000000000000000000", ErrZeroTraceID},
		{"zz", ErrLength},
		{" ", ErrLength},
		{"4BF92F3577B34DA6A3CE929D0E0E4736", ErrTraceID},
	}
	for _, tc := range tests {
		id := TraceID{9}
		if err := id.UnmarshalText([]byte(tc.in)); !errors.Is(err, tc.kind) || id != (TraceID{9}) {
			t.Errorf("TraceID.UnmarshalText(%q) = %v, id %v; want %v and no change", tc.in, err, id, tc.kind)
		}
	}
	sid := SpanID{9}
	if err := sid.UnmarshalText([]byte("0000000000000000")); !errors.Is(err, ErrZeroSpanID) || sid != (SpanID{9}) {
		t.Errorf("SpanID.UnmarshalText(zeros) = %v, id %v", err, sid)
	}
	if got := (TraceID{}).String(); got != "00000000000000000000000000000000" {
		t.Errorf("zero TraceID.String() = %q", got)
	}
	if got := (SpanID{}).String(); got != "0000000000000000" {
		t.Errorf("zero SpanID.String() = %q", got)
	}
}

func TestNewIDs(t *testing.T) {
	seen := map[TraceID]bool{}
	for range 100 {
		id := NewTraceID()
		if !id.IsValid() || seen[id] {
			t.Fatalf("NewTraceID returned %v (zero or repeated)", id)
		}
		seen[id] = true
		if !NewSpanID().IsValid() {
			t.Fatal("NewSpanID returned zero")
		}
	}
}

func TestIDAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	tid := TraceID{1}
	cases := map[string]func(){
		"ParseTraceID":     func() { _, _ = ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736") },
		"ParseTraceID/bad": func() { _, _ = ParseTraceID("4bf92f3577b34da6a3ce929d0e0e47zz") },
		"ParseSpanID/zero": func() { _, _ = ParseSpanID("0000000000000000") },
		"AppendText":       func() { _, _ = tid.AppendText(buf[:0]) },
		"AppendText/zero":  func() { _, _ = TraceID{}.AppendText(buf[:0]) },
		"UnmarshalText":    func() { _ = new(TraceID).UnmarshalText([]byte("4bf92f3577b34da6a3ce929d0e0e4736")) },
	}
	for name, f := range cases {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs, want 0", name, n)
		}
	}
}
