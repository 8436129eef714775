package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdoutHas  string // a substring stdout must hold
		stderrHas  string // a substring stderr must hold
		quietError bool   // stderr must be empty
	}{
		{name: "no command", args: nil, code: 2, stderrHas: "Usage:"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderrHas: `unknown command "frobnicate"`},
		{name: "help", args: []string{"help"}, code: 0, stdoutHas: "tracewire inspect", quietError: true},
		{name: "--help", args: []string{"--help"}, code: 0, stdoutHas: "Usage:", quietError: true},
		{name: "-h", args: []string{"-h"}, code: 0, stdoutHas: "Usage:", quietError: true},
		{name: "help inspect", args: []string{"help", "inspect"}, code: 0, stdoutHas: "Usage: tracewire inspect", quietError: true},
		{name: "help convert", args: []string{"help", "convert"}, code: 0, stdoutHas: "Usage: tracewire convert", quietError: true},
		{name: "help generate", args: []string{"help", "generate"}, code: 0, stdoutHas: "Usage: tracewire generate", quietError: true},
		{name: "help unknown", args: []string{"help", "nope"}, code: 2, stderrHas: `unknown command "nope"`},
		{name: "help two", args: []string{"help", "inspect", "convert"}, code: 2, stderrHas: "want one command"},

		{name: "inspect -h", args: []string{"inspect", "-h"}, code: 0, stdoutHas: "Examples:", quietError: true},
		{name: "inspect --help", args: []string{"inspect", "--help"}, code: 0, stdoutHas: "Exit status", quietError: true},
		{name: "inspect unknown flag", args: []string{"inspect", "--bogus"}, code: 2, stderrHas: "flag provided but not defined: -bogus"},
		{name: "inspect empty stdin", args: []string{"inspect"}, code: 2, stderrHas: "read 0 bytes from stdin: no header lines"},
		{name: "inspect --example", args: []string{"inspect", "--example"}, code: 0, stdoutHas: "embedded example", quietError: true},
		{name: "inspect --example after --json", args: []string{"inspect", "--json", "--example"}, code: 0, stdoutHas: `"source": "example"`, quietError: true},
		{name: "inspect --example with headers", args: []string{"inspect", "--example", tpValid}, code: 2, stderrHas: "--example takes no header lines"},
		{name: "inspect valid", args: []string{"inspect", tpValid}, code: 0, quietError: true},
		{name: "inspect invalid", args: []string{"inspect", tpUpper}, code: 1, stdoutHas: "^", quietError: true},
		{name: "inspect invalid json", args: []string{"inspect", "--json", tpUpper}, code: 1, stdoutHas: `"valid": false`, quietError: true},
		{name: "inspect flag after header", args: []string{"inspect", tpValid, "--json"}, code: 0, stdoutHas: `"contexts"`, quietError: true},
		{name: "inspect -- ends flags", args: []string{"inspect", "--", "x-json: 1"}, code: 0, stdoutHas: "no trace-context headers", quietError: true},
		{name: "inspect no trace headers", args: []string{"inspect", "Host: example.com"}, code: 0, stdoutHas: "no trace headers to check", quietError: true},
		{name: "inspect not a header", args: []string{"inspect", "traceparent 00-"}, code: 2, stderrHas: `read 1 argument, none a header: argument 1: "traceparent 00-" is not a "Name: value" header line`},
		{name: "inspect bad name", args: []string{"inspect", "trace parent: x"}, code: 2, stderrHas: `argument 1: invalid header name "trace parent": ' ' at byte 5`},
		{name: "inspect bad second argument", args: []string{"inspect", tpValid, "trace parent: x"}, code: 0, stdoutHas: "warning: argument 2: invalid header name", quietError: true},
		{name: "inspect --strict bad second argument", args: []string{"inspect", "--strict", tpValid, "trace parent: x"}, code: 1, stdoutHas: "warning: argument 2: invalid header name", quietError: true},
		{name: "inspect conflicting", args: []string{"inspect", tpValid, b3Other}, code: 0, stdoutHas: "trace-id-mismatch", quietError: true},
		{name: "inspect --strict conflicting", args: []string{"inspect", tpValid, b3Other, "--strict"}, code: 1, stdoutHas: "trace-id-mismatch", quietError: true},
		{name: "inspect --strict dropped baggage", args: []string{"inspect", "--strict", "baggage: a=1,b"}, code: 1, stdoutHas: "baggage-dropped", quietError: true},
		{name: "inspect --strict info only", args: []string{"inspect", "--strict", tpVer}, code: 0, stdoutHas: "not-canonical", quietError: true},
		{name: "inspect --strict valid", args: []string{"inspect", "--strict", tpValid}, code: 0, quietError: true},
		{name: "inspect stdin valid", args: []string{"inspect"}, stdin: tpValid + "\n", code: 0, stdoutHas: "stdin, header lines", quietError: true},
		{name: "inspect stdin invalid", args: []string{"inspect"}, stdin: "b3: 1-2-3\n", code: 1, quietError: true},
		{name: "inspect stdin JSON number", args: []string{"inspect"}, stdin: `{"traceparent": 1}`, code: 1, stdoutHas: "traceparent: 1", quietError: true},
		{name: "inspect stdin broken JSON", args: []string{"inspect"}, stdin: "{\n\"traceparent\": 00-\n}", code: 2, stderrHas: "line 2: starts like JSON but is not valid JSON: unexpected '0', want ',' or '}' at column 17"},
		{name: "inspect stdin blank", args: []string{"inspect"}, stdin: "\n  \n", code: 2, stderrHas: "all blank: no header lines"},
		{name: "inspect tracestate only invalid", args: []string{"inspect", "tracestate: A=1"}, code: 1, stdoutHas: "tracestate-without-traceparent", quietError: true},
		{name: "inspect baggage invalid", args: []string{"inspect", "baggage: =1"}, code: 1, quietError: true},

		{name: "convert -h", args: []string{"convert", "-h"}, code: 0, stdoutHas: "Usage: tracewire convert", quietError: true},
		{name: "convert no input", args: []string{"convert"}, code: 2, stderrHas: "read 0 bytes from stdin: no header lines"},
		{name: "convert --to is gone", args: []string{"convert", "--to", "b3", tpValid}, code: 2, stderrHas: "flag provided but not defined: -to"},
		{name: "convert unknown format", args: []string{"convert", "--format", "zipkin", tpValid}, code: 2, stderrHas: `unknown format "zipkin"`},
		{name: "convert empty format list", args: []string{"convert", "--format", ",", tpValid}, code: 2, stderrHas: "no formats given"},
		{name: "convert no context", args: []string{"convert", "--format", "b3", tpUpper}, code: 1, stderrHas: "no valid trace context"},
		{name: "convert baggage only without context", args: []string{"convert", "--format", "baggage", "baggage: a=1"}, code: 0, stdoutHas: "baggage: a=1", quietError: true},
		{name: "convert valid", args: []string{"convert", "--format", "b3", tpValid}, code: 0, quietError: true},
		{name: "convert a bare value", args: []string{"convert", "--format", "b3", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, code: 0, stdoutHas: "b3: 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", quietError: true},
		{name: "convert --example", args: []string{"convert", "--example", "--format", "jaeger"}, code: 0, stdoutHas: "uber-trace-id: 4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", quietError: true},
		{name: "convert two log lines", args: []string{"convert"}, stdin: "a traceparent=" + tpValid[13:] + "\nb traceparent=" + tpValid[13:] + "\n", code: 2, stderrHas: "the input holds 2 requests with trace headers"},
		{name: "convert bad input", args: []string{"convert", "oops"}, code: 2, stderrHas: `argument 1: "oops" is not a`},

		{name: "generate", args: []string{"generate"}, code: 0, stdoutHas: "traceparent: 00-", quietError: true},
		{name: "generate -h", args: []string{"generate", "-h"}, code: 0, stdoutHas: "Usage: tracewire generate", quietError: true},
		{name: "generate argument", args: []string{"generate", "traceparent: x"}, code: 2, stderrHas: "unexpected argument"},
		{name: "generate baggage", args: []string{"generate", "--format", "baggage"}, code: 2, stderrHas: `unknown format "baggage"`},
		{name: "help testservice", args: []string{"help", "testservice"}, code: 0, stdoutHas: "tracewire testservice", quietError: true},
		{name: "testservice bad flag", args: []string{"testservice", "--nope"}, code: 2, stderrHas: "flag provided but not defined: -nope"},
		{name: "generate bad flag", args: []string{"generate", "--sampled=maybe"}, code: 2, stderrHas: "invalid boolean value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, tc.stdin, tc.args...)
			if tc.code == 2 && out != "" {
				t.Errorf("a usage error printed a report:\n%s", out)
			}
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out, tc.stdoutHas) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdoutHas, out)
			}
			if !strings.Contains(errOut, tc.stderrHas) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderrHas, errOut)
			}
			if tc.quietError && errOut != "" {
				t.Errorf("unexpected stderr:\n%s", errOut)
			}
			if tc.code == 2 && !tc.quietError && !strings.Contains(strings.ToLower(errOut), "usage") && !strings.Contains(errOut, "-h") {
				t.Errorf("usage error without a pointer to the usage:\n%s", errOut)
			}
		})
	}
}

func TestColor(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		noColor  string
		term     string
		want     bool
	}{
		{"terminal", true, "", "xterm-256color", true},
		{"NO_COLOR", true, "1", "xterm-256color", false},
		{"dumb terminal", true, "", "dumb", false},
		{"pipe", false, "", "xterm-256color", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := func(k string) string {
				return map[string]string{"NO_COLOR": tc.noColor, "TERM": tc.term}[k]
			}
			var out, errb bytes.Buffer
			code := run([]string{"inspect", tpUpper}, strings.NewReader(""), &out, &errb, env, tc.terminal)
			if code != 1 {
				t.Fatalf("exit status %d, want 1", code)
			}
			if got := strings.Contains(out.String(), "\x1b["); got != tc.want {
				t.Errorf("ANSI escapes present = %v, want %v:\n%q", got, tc.want, out.String())
			}
			if tc.want && !strings.Contains(out.String(), "\x1b[1;31m^\x1b[0m") {
				t.Errorf("caret not painted red:\n%q", out.String())
			}
		})
	}
}

// TestTerminalShowsExample: run at a prompt with no arguments, inspect
// decodes the embedded example (the README's first command), and says so.
func TestTerminalShowsExample(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"inspect"}, &fakeTerminal{}, &out, &errb, func(string) string { return "" }, false)
	if code != 0 || errb.Len() != 0 || !strings.HasPrefix(out.String(), "Input: the embedded example request") {
		t.Errorf("exit status %d, stderr %q, stdout:\n%s", code, errb.String(), out.String())
	}
	code = run([]string{"convert"}, &fakeTerminal{}, &out, &errb, func(string) string { return "" }, false)
	if code != 2 || !strings.Contains(errb.String(), "no headers given") {
		t.Errorf("convert at a prompt: exit status %d, stderr %q; want 2 and a usage error", code, errb.String())
	}
}

// TestEmptyPipeline is the pipeline from inspect's help when grep matches
// nothing: printf 'Host: x\n' | grep -i traceparent | tracewire inspect
// --json. It must fail with a usage error that says what was read, not
// report the embedded example as valid.
func TestEmptyPipeline(t *testing.T) {
	out, errOut, code := runCmd(t, "", "inspect", "--json")
	want := "tracewire inspect: read 0 bytes from stdin: no header lines\n(run \"tracewire inspect -h\" for the accepted forms)\n"
	if code != 2 || out != "" || errOut != want {
		t.Errorf("exit status %d, stdout %q, stderr %q; want 2, nothing, %q", code, out, errOut, want)
	}
}
