package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadmeSample runs the inspect command the README shows and checks
// that the README shows its output byte for byte.
func TestReadmeSample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const open = "```text\n$ tracewire inspect "
	_, block, ok := strings.Cut(string(b), open)
	if !ok {
		t.Fatalf("README.md has no %q block", open)
	}
	block, _, _ = strings.Cut(block, "```")
	// The command runs over lines that end in " \".
	var cmdline strings.Builder
	rest := block
	for {
		line, more, _ := strings.Cut(rest, "\n")
		rest = more
		if l, cont := strings.CutSuffix(line, " \\"); cont {
			cmdline.WriteString(l + " ")
			continue
		}
		cmdline.WriteString(line)
		break
	}
	args := append([]string{"inspect"}, shellWords(t, cmdline.String())...)
	out, _, _ := runCmd(t, "", args...)
	if diff := cmp.Diff(rest, out); diff != "" {
		t.Errorf("README.md sample (-README +tracewire %s):\n%s", strings.Join(args, " "), diff)
	}
}

// shellWords splits s at spaces outside single quotes, as sh does for
// the README's commands, which quote only with '.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var w strings.Builder
	in, started := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			in, started = !in, true
		case r == ' ' && !in:
			if started {
				words = append(words, w.String())
				w.Reset()
				started = false
			}
		default:
			w.WriteRune(r)
			started = true
		}
	}
	if in {
		t.Fatalf("unterminated quote in %q", s)
	}
	if started {
		words = append(words, w.String())
	}
	return words
}
