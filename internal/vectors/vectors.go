// Package vectors loads the language-neutral test vectors in testdata/ for
// the module's tests. Its schema is documented in testdata/README.md.
package vectors

import (
	"encoding/json"
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
	Ops       []Op        `json:"ops,omitempty"`
	Valid     bool        `json:"valid"`
	Error     *Error      `json:"error,omitempty"`
	Expect    *Expect     `json:"expect,omitempty"`
	Canonical [][2]string `json:"canonical"`
}

// Options are format-specific parser settings.
type Options struct {
	Level1     bool `json:"level1,omitempty"`
	Lenient    bool `json:"lenient,omitempty"`
	MaxSize    int  `json:"max_size,omitempty"`
	MaxMembers int  `json:"max_members,omitempty"`
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
	b, err := os.ReadFile(filepath.Join(Dir(), name+".json"))
	if err != nil {
		t.Fatalf("vectors: %v", err)
	}
	var f File
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("vectors: %s.json: %v", name, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("vectors: %s.json has no cases", name)
	}
	return f
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
