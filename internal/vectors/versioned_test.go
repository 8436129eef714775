package vectors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEveryFileVersionedAndTagged keeps untagged or unversioned vectors
// from landing through `go test` as well as through CI's schema check
// (testdata/python/check_schema.py): every testdata/*.json has the vector
// set's version, the one CHANGELOG.md names last, and every case has tags,
// tracewire-choice among them when it has a choice. The files are read as
// plain JSON, because composite.json and otstate.json extend the schema
// that Load reads.
func TestEveryFileVersionedAndTagged(t *testing.T) {
	changelog, err := os.ReadFile(filepath.Join(Dir(), "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## (\d+\.\d+\.\d+)\s*$`).FindSubmatch(changelog)
	if m == nil {
		t.Fatal("CHANGELOG.md names no version (a line \"## X.Y.Z\")")
	}
	want := string(m[1])

	files, err := filepath.Glob(filepath.Join(Dir(), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vector files: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var f struct {
				Version *string `json:"version"`
				Cases   []struct {
					Name   string    `json:"name"`
					Choice string    `json:"choice"`
					Tags   *[]string `json:"tags"`
				} `json:"cases"`
			}
			if err := json.Unmarshal(b, &f); err != nil {
				t.Fatal(err)
			}
			switch {
			case f.Version == nil:
				t.Error(`no "version"; see testdata/README.md#version`)
			case *f.Version != want:
				t.Errorf("version %q, but CHANGELOG.md's latest is %q: bump every file at once", *f.Version, want)
			}
			if len(f.Cases) == 0 {
				t.Fatal("no cases")
			}
			for _, c := range f.Cases {
				if problems := tagProblems(c.Tags, c.Choice != ""); len(problems) > 0 {
					t.Errorf("case %q: %s; see testdata/README.md#tags", c.Name, strings.Join(problems, "; "))
				}
			}
		})
	}
}

// tagProblems says what is wrong with a case's tags.
func tagProblems(tags *[]string, hasChoice bool) []string {
	if tags == nil {
		return []string{`no "tags"`}
	}
	var out []string
	if len(*tags) == 0 {
		out = append(out, "empty tags")
	}
	seen := map[string]bool{}
	for _, tag := range *tags {
		if tag == "" || seen[tag] {
			out = append(out, "empty or repeated tag "+`"`+tag+`"`)
		}
		seen[tag] = true
	}
	if hasChoice && !slices.Contains(*tags, "tracewire-choice") {
		out = append(out, "a choice but no tracewire-choice tag")
	}
	return out
}

func TestTagProblems(t *testing.T) {
	tags := func(s ...string) *[]string { return &s }
	for _, tc := range []struct {
		name   string
		tags   *[]string
		choice bool
		want   []string
	}{
		{"tagged", tags("b3"), false, nil},
		{"choice tagged", tags("b3", "tracewire-choice"), true, nil},
		{"absent", nil, false, []string{`no "tags"`}},
		{"empty", tags(), false, []string{"empty tags"}},
		{"repeated", tags("b3", "b3"), false, []string{`empty or repeated tag "b3"`}},
		{"choice untagged", tags("b3"), true, []string{"a choice but no tracewire-choice tag"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, tagProblems(tc.tags, tc.choice)); d != "" {
				t.Errorf("tagProblems (-want +got):\n%s", d)
			}
		})
	}
}
