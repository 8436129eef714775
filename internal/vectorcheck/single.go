package vectorcheck

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
)

// Codec is a format carried in one singleton header, with a value parser
// and a propagator, as testdata/<File>.json exercises it.
type Codec struct {
	File       string // the vector file's name and format
	Header     string // the lowercase header name
	MinCases   int    // the fewest cases the file may hold
	Parse      func(string) (tracewire.SpanContext, error)
	ParseBytes func([]byte) (tracewire.SpanContext, error)
	Append     func([]byte, tracewire.SpanContext) []byte
	Format     func(tracewire.SpanContext) string
	// ExtractFrom and InjectInto are the propagator's; InjectInto writes
	// the canonical form.
	ExtractFrom func(carrier.Getter) (tracewire.SpanContext, error)
	InjectInto  func(carrier.Setter, tracewire.SpanContext)
}

// Run runs every case of the codec's vector file as a subtest, and then
// more, if given, on the context ExtractFrom returned. It checks that
//
//   - Parse and ParseBytes agree on the first line of the header, and
//     return the case's error, or a context that is not remote;
//   - ExtractFrom, from an http.Header and (for a single line) from a
//     carrier.Map, returns the case's error (none for an empty value,
//     which is absent), a valid remote context exactly when the case is
//     valid, the zero value otherwise, and the expected fields;
//   - InjectInto writes the canonical lines, which parse back to the same
//     context.
func (c Codec) Run(t *testing.T, more func(t *testing.T, tc vectors.Case, sc tracewire.SpanContext)) {
	f := vectors.Load(t, c.File)
	if f.Format != c.File {
		t.Fatalf("format = %q, want %q", f.Format, c.File)
	}
	if len(f.Cases) < c.MinCases {
		t.Errorf("only %d cases, want at least %d", len(f.Cases), c.MinCases)
	}
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			c.runCase(t, tc)
			if more != nil {
				sc, _ := c.ExtractFrom(HTTPHeader(tc.Headers))
				more(t, tc, sc)
			}
		})
	}
}

func (c Codec) runCase(t *testing.T, tc vectors.Case) {
	t.Helper()
	if tc.Reason == "" {
		t.Error("no reason")
	}
	lines := tc.Lines(c.Header)
	if len(lines) > 0 {
		sc, err := c.Parse(lines[0])
		scb, errb := c.ParseBytes([]byte(lines[0]))
		if sc != scb || !SameError(err, errb) {
			t.Errorf("Parse = %v, %v; ParseBytes = %v, %v", sc, err, scb, errb)
		}
		Error(t, "Parse", err, tc.Error)
		if err != nil && sc != (tracewire.SpanContext{}) {
			t.Errorf("Parse returned %v with its error", sc)
		}
		if err == nil && sc.IsRemote() {
			t.Error("Parse marked the context remote")
		}
	}

	wantErr := tc.Error
	if wantErr != nil && wantErr.Kind == "empty" {
		wantErr = nil // an empty header is absent, not an error
	}
	sc, err := c.ExtractFrom(HTTPHeader(tc.Headers))
	Error(t, "ExtractFrom", err, wantErr)
	if sc.IsValid() != tc.Valid || sc.IsRemote() != tc.Valid {
		t.Errorf("ExtractFrom: valid %v remote %v, want %v", sc.IsValid(), sc.IsRemote(), tc.Valid)
	}
	if !tc.Valid && sc != (tracewire.SpanContext{}) {
		t.Errorf("ExtractFrom returned %v, want the zero value", sc)
	}
	if tc.Expect != nil {
		SpanContext(t, "ExtractFrom", sc, tc.Expect)
	}
	if len(lines) <= 1 {
		m := carrier.Map{}
		for _, h := range tc.Headers {
			m[h[0]] = h[1]
		}
		if msc, merr := c.ExtractFrom(m); msc != sc || !SameError(merr, err) {
			t.Errorf("ExtractFrom(Map) = %v, %v; from http.Header %v, %v", msc, merr, sc, err)
		}
	}

	var out vectors.Recorder
	c.InjectInto(&out, sc)
	if d := cmp.Diff(tc.Canonical, [][2]string(out), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("canonical mismatch (-want +got):\n%s", d)
	}
	for _, l := range out {
		if back, err := c.Parse(l[1]); err != nil || back != sc.WithRemote(false) {
			t.Errorf("Parse(canonical %q) = %v, %v; want %v", l[1], back, err, sc)
		}
	}
}

// CheckValue is the body of the codec's fuzz target for one value s. It
// checks that Parse does not panic and that ParseBytes agrees with it;
// that an error is a *tracewire.ParseError for the codec's header with an
// offset inside s, returned with the zero value; and that a valid result
// is not remote, survives Append and Parse unchanged, has a canonical
// form that is a fixed point and that Format writes too, and survives
// extract-inject-extract through the propagator. It returns what Parse
// returned, for checks of the format's own.
func (c Codec) CheckValue(t *testing.T, s string) (tracewire.SpanContext, error) {
	t.Helper()
	sc, err := c.Parse(s)
	scb, errb := c.ParseBytes([]byte(s))
	if sc != scb || !SameError(err, errb) {
		t.Fatalf("Parse(%q) = %v, %v; ParseBytes = %v, %v", s, sc, err, scb, errb)
	}
	if err != nil {
		if h, off, ok := Where(err); !ok || h != c.Header || off < 0 || off > len(s) {
			t.Fatalf("Parse(%q) error %#v", s, err)
		}
		if sc != (tracewire.SpanContext{}) {
			t.Fatalf("Parse(%q) returned %v with its error", s, sc)
		}
		_ = err.Error()
		return sc, err
	}
	if !sc.IsValid() || sc.IsRemote() {
		t.Fatalf("Parse(%q) = %v: invalid or remote", s, sc)
	}
	canon := c.Append(nil, sc)
	if again, err := c.ParseBytes(canon); err != nil || again != sc {
		t.Fatalf("Parse(Append(Parse(%q))) = %v, %v; want %v", s, again, err, sc)
	} else if c2 := c.Append(nil, again); !bytes.Equal(c2, canon) {
		t.Fatalf("canonical form not a fixed point: %q then %q", canon, c2)
	}
	if c.Format(sc) != string(canon) {
		t.Fatal("Format and Append disagree")
	}

	x1, err := c.ExtractFrom(carrier.Map{c.Header: s})
	if err != nil || x1 != sc.WithRemote(true) {
		t.Fatalf("ExtractFrom = %v, %v; want %v", x1, err, sc)
	}
	var out vectors.Recorder
	c.InjectInto(&out, x1)
	if len(out) != 1 || out[0] != [2]string{c.Header, string(canon)} {
		t.Fatalf("InjectInto wrote %v, want %s: %s", out, c.Header, canon)
	}
	if x2, err := c.ExtractFrom(HTTPHeader(out)); err != nil || x2 != x1 {
		t.Fatalf("re-extract = %v, %v; want %v", x2, err, x1)
	}
	return sc, nil
}

// CheckFormat fails t unless Append (after a prefix it must keep) and
// Format both write want for sc.
func (c Codec) CheckFormat(t *testing.T, name string, sc tracewire.SpanContext, want string) {
	t.Helper()
	if got := string(c.Append([]byte("x:"), sc)); got != "x:"+want {
		t.Errorf("%s: Append = %q, want %q", name, got, "x:"+want)
	}
	if got := c.Format(sc); got != want {
		t.Errorf("%s: Format = %q, want %q", name, got, want)
	}
}

// CheckKeepsInput fails t unless ParseBytes of the valid value v leaves
// its input as it was and returns a context that does not alias it.
func (c Codec) CheckKeepsInput(t *testing.T, v string) {
	t.Helper()
	in := []byte(v)
	sc, err := c.ParseBytes(in)
	if err != nil || string(in) != v {
		t.Fatalf("ParseBytes(%q) changed its input or failed: %v", v, err)
	}
	clear(in)
	if again, _ := c.Parse(v); again != sc {
		t.Errorf("ParseBytes(%q) = %v aliases its input: %v after it was cleared", v, again, sc)
	}
}

// EveryByte calls check with v with each of its bytes replaced, in turn,
// by every byte value, and with every prefix of v: the inputs on which a
// parser is compared with a reference.
func EveryByte(v string, check func(s string)) {
	b := []byte(v)
	for i := range b {
		for c := range 256 {
			b[i] = byte(c)
			check(string(b))
		}
		b[i] = v[i]
	}
	for n := 0; n <= len(v); n++ {
		check(v[:n])
	}
}

// Where returns the header and the offset that err, a
// *tracewire.ParseError, reports. It reads them from the message,
// "{header}: {what} at offset {n}", so that it depends on no field or
// accessor of ParseError; ok is false for any other error.
func Where(err error) (header string, offset int, ok bool) {
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		return "", 0, false
	}
	const at = " at offset "
	header, rest, found := strings.Cut(pe.Error(), ": ")
	i := strings.LastIndex(rest, at)
	if !found || i < 0 {
		return "", 0, false
	}
	offset, convErr := strconv.Atoi(rest[i+len(at):])
	return header, offset, convErr == nil
}
