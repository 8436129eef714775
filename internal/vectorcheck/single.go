package vectorcheck

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
)

// Codec is a format carried in one singleton header, with a value parser
// and a propagator, as testdata/<Format>.json exercises it.
type Codec struct {
	Format     string // the vector file's name and format
	Header     string // the lowercase header name
	MinCases   int    // the fewest cases the file may hold
	Parse      func(string) (tracewire.SpanContext, error)
	ParseBytes func([]byte) (tracewire.SpanContext, error)
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
	f := vectors.Load(t, c.Format)
	if f.Format != c.Format {
		t.Fatalf("format = %q, want %q", f.Format, c.Format)
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
		if sc != scb || err != errb {
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
		if msc, merr := c.ExtractFrom(m); msc != sc || merr != err {
			t.Errorf("ExtractFrom(Map) = %v, %v; from http.Header %v, %v", msc, merr, sc, err)
		}
	}

	var out Recorder
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
