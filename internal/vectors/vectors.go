// Package vectors loads the language-neutral test vectors in testdata/ for
// the module's tests. Its schema is documented in testdata/README.md.
package vectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// File is one testdata/<format>.json file.
type File struct {
	Format  string `json:"format"`
	Spec    string `json:"spec"`
	Version string `json:"version"` // the vector set's version, testdata/CHANGELOG.md
	Cases   []Case `json:"cases"`
}

// Case is one vector.
type Case struct {
	Name      string      `json:"name"`
	Reason    string      `json:"reason"`
	Choice    string      `json:"choice,omitempty"`
	Tags      []string    `json:"tags"` // spec level or source; runners select cases by them
	Options   Options     `json:"options,omitempty"`
	Headers   [][2]string `json:"headers"`
	Env       [][2]string `json:"env,omitempty"`
	Ops       []Op        `json:"ops,omitempty"`
	Valid     bool        `json:"valid"`
	Error     *Error      `json:"error,omitempty"`
	Expect    *Expect     `json:"expect,omitempty"`
	Canonical [][2]string `json:"canonical"`
	// Binary is, for grpc-trace-bin, the value as a gRPC library hands it
	// to the application: raw bytes, hex-encoded. A case gives either it
	// or headers.
	Binary *string `json:"binary,omitempty"`

	// composite.json: the OTEL_PROPAGATORS value (nil: unset), the
	// conflict policy ("" for first-wins), the unknown names configuration
	// reports, the propagators configured and the links reported.
	Propagators *string   `json:"propagators,omitempty"`
	Policy      string    `json:"policy,omitempty"`
	EnvError    *[]string `json:"env_error,omitempty"`
	Members     *[]string `json:"members,omitempty"`
	Links       []Link    `json:"links,omitempty"`
}

// Link is a context the composite's winner does not continue.
type Link struct {
	TraceID string `json:"trace_id"`
	SpanID  string `json:"span_id"`
	Reason  string `json:"reason"`
}

// Options are format-specific parser settings.
type Options struct {
	Level1     bool `json:"level1,omitempty"`
	Lenient    bool `json:"lenient,omitempty"`
	MaxSize    int  `json:"max_size,omitempty"`
	MaxMembers int  `json:"max_members,omitempty"`
	Lambda     bool `json:"lambda,omitempty"`
}

// Op is a mutation applied before the canonical form is computed.
type Op struct {
	Op    string `json:"op"`
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
	Size  int    `json:"size,omitempty"`
}

// Error is an expected parse error.
type Error struct {
	Header string `json:"header"`
	Kind   string `json:"kind"`
	Offset *int   `json:"offset,omitempty"`
}

// Expect is the expected decoded value; nil fields are not checked.
type Expect struct {
	TraceID      *string      `json:"trace_id,omitempty"`
	SpanID       *string      `json:"span_id,omitempty"`
	ParentSpanID *string      `json:"parent_span_id,omitempty"`
	Sampling     *string      `json:"sampling,omitempty"`
	Random       *bool        `json:"random,omitempty"`
	TraceID64    *bool        `json:"trace_id_64,omitempty"`
	Firehose     *bool        `json:"firehose,omitempty"`
	TraceState   [][2]string  `json:"tracestate,omitempty"`
	Baggage      []BaggageMem `json:"baggage,omitempty"`
	DebugID      *string      `json:"debug_id,omitempty"`
	Lineage      *string      `json:"lineage,omitempty"`
	// Datadog: the exact sampling priority ("" for none), the origin, the
	// last Datadog parent reported for reparenting ("" for none) and the
	// dd= tracestate member value a tracecontext injection would carry.
	Priority   *string `json:"priority,omitempty"`
	Origin     *string `json:"origin,omitempty"`
	LastParent *string `json:"last_parent,omitempty"`
	DDMember   *string `json:"dd_member,omitempty"`
}

// BaggageMem is an expected baggage member. A property is [key, value]
// with a nil value for a bare property.
type BaggageMem struct {
	Key        string       `json:"key"`
	Value      string       `json:"value"`
	Properties [][2]*string `json:"properties,omitempty"`
}

// Dir returns the module's testdata directory.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Load reads testdata/<name>.json and fails t if it cannot.
func Load(t testing.TB, name string) File {
	t.Helper()
	f, err := ReadFile(filepath.Join(Dir(), name+".json"))
	if err != nil {
		t.Fatalf("vectors: %v", err)
	}
	return f
}

// ReadFile reads one vector file, rejecting fields the schema does not
// name and a file without cases. Programs (tracewire conform) read the
// files with it; tests call Load.
func ReadFile(path string) (File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	if len(f.Cases) == 0 {
		return File{}, fmt.Errorf("%s has no cases", filepath.Base(path))
	}
	return f, nil
}

// Lines returns the values of every header named name (ASCII
// case-insensitively), in order.
func (c Case) Lines(name string) []string {
	var out []string
	for _, h := range c.Headers {
		if strings.EqualFold(h[0], name) {
			out = append(out, h[1])
		}
	}
	return out
}

// Map returns the headers as a map of lowercase name to values, in order.
func (c Case) Map() map[string][]string {
	m := make(map[string][]string)
	for _, h := range c.Headers {
		k := strings.ToLower(h[0])
		m[k] = append(m[k], h[1])
	}
	return m
}

// HTTPHeader returns the headers as net/http would hold them on receipt:
// every name canonicalized, repeated lines kept in order.
func (c Case) HTTPHeader() http.Header {
	h := http.Header{}
	for _, l := range c.Headers {
		h.Add(l[0], l[1])
	}
	return h
}

// Recorder is a header setter (the method set of carrier.Setter) that
// keeps lines in the order first set, the form of Case.Canonical. Setting
// a name again replaces its value in place.
type Recorder [][2]string

// Set sets the value of k.
func (r *Recorder) Set(k, v string) {
	for i := range *r {
		if (*r)[i][0] == k {
			(*r)[i][1] = v
			return
		}
	}
	*r = append(*r, [2]string{k, v})
}

// Run loads testdata/<name>.json, checks that its format is name and that
// it holds at least min cases, and runs fn on each case as a subtest named
// after it, failing any case that gives no reason.
func Run(t *testing.T, name string, min int, fn func(t *testing.T, c Case)) {
	t.Helper()
	f := Load(t, name)
	if f.Format != name {
		t.Fatalf("vectors: %s.json has format %q", name, f.Format)
	}
	if len(f.Cases) < min {
		t.Errorf("vectors: %s.json has only %d cases, want at least %d", name, len(f.Cases), min)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reason == "" {
				t.Error("no reason")
			}
			fn(t, c)
		})
	}
}
