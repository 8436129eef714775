package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinary builds the command and runs it as an operator would, with
// headers piped on stdin: what main wires up (stdin, exit status, no colour
// on a pipe) is checked along with run.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)

	tests := []struct {
		name      string
		args      []string
		stdin     *string // nil: /dev/null, which is not a pipe
		code      int
		golden    string // testdata file stdout must equal
		stdoutHas string
		stderrHas string
	}{
		{name: "curl transcript on stdin", args: []string{"inspect"}, stdin: ptrTo(readTestdata(t, "curl-v.txt")), code: 0, golden: "curl-v.golden"},
		{name: "JSON report on stdin", args: []string{"inspect", "--json"}, stdin: ptrTo(readTestdata(t, "request.http")), code: 0, golden: "http-request.json.golden"},
		{name: "invalid header", args: []string{"inspect"}, stdin: ptrTo(tpUpper + "\n"), code: 1, stdoutHas: "                                                   ^\n"},
		{name: "convert from stdin", args: []string{"convert", "--format", "b3"}, stdin: ptrTo(tpValid + "\n"), code: 0, stdoutHas: "b3: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1\n"},
		{name: "stdin /dev/null is empty, not a terminal", args: []string{"inspect"}, code: 2, stderrHas: "read 0 bytes from stdin: no header lines"},
		{name: "the example on request", args: []string{"inspect", "--example"}, code: 0, golden: "example.golden"},
		{name: "a HAR file", args: []string{"inspect"}, stdin: ptrTo(readTestdata(t, "session.har")), code: 1, golden: "har.golden"},
		{name: "usage error", args: []string{"inspect", "--nope"}, code: 2, stderrHas: "Usage: tracewire inspect"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			cmd.Env = append(os.Environ(), "NO_COLOR=")
			if tc.stdin != nil {
				cmd.Stdin = strings.NewReader(*tc.stdin)
			}
			var out, errb strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &errb
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, errb.String())
			}
			if tc.golden != "" {
				if want := readTestdata(t, tc.golden); out.String() != want {
					t.Errorf("stdout differs from %s:\n%s", tc.golden, out.String())
				}
			}
			if !strings.Contains(out.String(), tc.stdoutHas) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdoutHas, out.String())
			}
			if !strings.Contains(errb.String(), tc.stderrHas) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderrHas, errb.String())
			}
			if strings.Contains(out.String(), "\x1b[") {
				t.Errorf("colour on a pipe:\n%q", out.String())
			}
		})
	}
}

func ptrTo(s string) *string { return &s }

// buildBinary builds the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	bin := filepath.Join(t.TempDir(), "tracewire")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBinaryEmptyPipeline runs the pipeline from the issue as a shell runs
// it: grep matches nothing, so inspect reads an empty pipe.
func TestBinaryEmptyPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	if _, err := exec.LookPath("grep"); err != nil {
		t.Skip("no grep")
	}
	bin := buildBinary(t)
	cmd := exec.Command(sh, "-c", `printf 'Host: x\n' | grep -i traceparent | "$0" inspect --json`, bin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want status 2; stdout %q, stderr %q", err, out.String(), errb.String())
	}
	if out.Len() != 0 || !strings.Contains(errb.String(), "read 0 bytes from stdin: no header lines") {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
}
