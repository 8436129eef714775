package traceparent

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
)

// TestInjectWithTraceState compares InjectWithTraceState, given a trace
// state's canonical text, with InjectInto of the span context carrying
// the trace state parsed from it, into both kinds of map carrier: the
// same headers up to the 512 bytes InjectInto keeps whole, and past them
// false with nothing written (where InjectInto truncates).
func TestInjectWithTraceState(t *testing.T) {
	sc := mustParse(t, testTP)
	random := sc.WithRandom(true)
	members := make([]string, 32)
	for i := range members {
		members[i] = "k" + strconv.Itoa(i) + "=v" + strconv.Itoa(i)
	}
	// Two members of 256 and 255 bytes: 512 with the comma.
	atCap := "a=" + strings.Repeat("x", 254) + ",b=" + strings.Repeat("y", 253)
	overCap := atCap + "y"
	other, err := tracewire.ParseTraceState("other=1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		p      Propagator
		sc     tracewire.SpanContext
		state  string
		wantOK bool
	}{
		{"empty", Propagator{}, sc, "", true},
		{"one member", Propagator{}, sc, "rojo=00f067aa0ba902b7", true},
		{"two members", Propagator{}, sc, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", true},
		{"32 members", Propagator{}, sc, strings.Join(members, ","), true},
		{"exactly the cap", Propagator{}, sc, atCap, true},
		{"one byte over the cap", Propagator{}, sc, overCap, false},
		{"sc's own trace state is not read", Propagator{}, sc.WithTraceState(other), "a=1", true},
		{"sc's own trace state, empty state", Propagator{}, sc.WithTraceState(other), "", true},
		{"random flag, Level 2", Propagator{}, random, "a=1", true},
		{"random flag, Level1", Propagator{Level1: true}, random, "a=1", true},
		{"random flag, Level1, empty state", Propagator{Level1: true}, random, "", true},
		{"not sampled", Propagator{}, sc.WithSampling(tracewire.SamplingDeny), "a=1", true},
		{"invalid", Propagator{}, tracewire.SpanContext{}, "a=1", true},
		{"invalid, over the cap", Propagator{}, tracewire.SpanContext{}, overCap, true},
		{"decision only", Propagator{}, tracewire.SpanContext{}.WithSampling(tracewire.SamplingAccept), "a=1", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ts tracewire.TraceState
			if tc.state != "" {
				var err error
				if ts, err = tracewire.ParseTraceState(tc.state); err != nil {
					t.Fatal(err)
				}
			}
			full := tc.sc.WithTraceState(ts)
			for _, kind := range []string{"Map", "HTTPHeader"} {
				want, got := newSetter(kind), newSetter(kind)
				tc.p.InjectInto(want, full)
				ok := tc.p.InjectWithTraceState(got, tc.sc, []byte(tc.state))
				if ok != tc.wantOK {
					t.Fatalf("%s: reported %v, want %v", kind, ok, tc.wantOK)
				}
				if !ok {
					if d := cmp.Diff(newSetter(kind), got); d != "" {
						t.Errorf("%s: wrote after reporting false (-want +got):\n%s", kind, d)
					}
					if cmp.Equal(newSetter(kind), want) {
						t.Errorf("%s: InjectInto wrote nothing; the case shows no difference", kind)
					}
					continue
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s: InjectWithTraceState differs from InjectInto (-InjectInto +InjectWithTraceState):\n%s", kind, d)
				}
			}
		})
	}
}

// newSetter returns an empty carrier of the kind named.
func newSetter(kind string) carrier.Setter {
	if kind == "Map" {
		return carrier.Map{}
	}
	return carrier.HTTPHeader(http.Header{})
}

// TestInjectWithTraceStateKeepsState: the caller's buffer is neither
// written into nor referred to by what the carrier holds.
func TestInjectWithTraceStateKeepsState(t *testing.T) {
	sc := mustParse(t, testTP)
	state := []byte("a=1,b=2")
	m := carrier.Map{}
	Propagator{}.InjectWithTraceState(m, sc, state)
	copy(state, "z=9,y=8")
	want := carrier.Map{"traceparent": testTP, "tracestate": "a=1,b=2"}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// FuzzInjectWithTraceState: for any tracestate the parser accepts (with
// the Level 1 key grammar for a Level1 propagator), InjectWithTraceState given the trace
// state's canonical text writes what InjectInto writes of the span
// context carrying it, or, where it reports false, nothing, and only for
// a text past the 512 bytes InjectInto keeps whole.
func FuzzInjectWithTraceState(f *testing.F) {
	for _, s := range []string{
		"", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "a=1, b=2 ,,c=3", "a=1,a=2",
		"t@v=1", "x=" + strings.Repeat("y", 255) + ",z=" + strings.Repeat("w", 255),
	} {
		f.Add(s, false, true)
		f.Add(s, true, true)
	}
	sc0, err := Parse(testTP)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, state string, level1, random bool) {
		p := Propagator{Level1: level1}
		ts, err := tracewire.TraceStateOptions{Level1: level1}.Parse(state)
		if err != nil {
			return
		}
		sc := sc0.WithRandom(random)
		text := ts.String()
		for _, kind := range []string{"Map", "HTTPHeader"} {
			want, got := newSetter(kind), newSetter(kind)
			p.InjectInto(want, sc.WithTraceState(ts))
			if !p.InjectWithTraceState(got, sc, []byte(text)) {
				if len(text) <= tracestateCap {
					t.Fatalf("%s: refused a text of %d bytes: %q", kind, len(text), text)
				}
				if d := cmp.Diff(newSetter(kind), got); d != "" {
					t.Fatalf("%s: wrote after reporting false:\n%s", kind, d)
				}
				continue
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s: state %q (-InjectInto +InjectWithTraceState):\n%s", kind, state, d)
			}
		}
	})
}
