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
		{name: "inspect example", args: []string{"inspect"}, code: 0, stdoutHas: "embedded example", quietError: true},
		{name: "inspect valid", args: []string{"inspect", tpValid}, code: 0, quietError: true},
		{name: "inspect invalid", args: []string{"inspect", tpUpper}, code: 1, stdoutHas: "^", quietError: true},
		{name: "inspect invalid json", args: []string{"inspect", "--json", tpUpper}, code: 1, stdoutHas: `"valid": false`, quietError: true},
		{name: "inspect flag after header", args: []string{"inspect", tpValid, "--json"}, code: 0, stdoutHas: `"contexts"`, quietError: true},
		{name: "inspect -- ends flags", args: []string{"inspect", "--", "x-json: 1"}, code: 0, stdoutHas: "no trace-context headers", quietError: true},
		{name: "inspect no trace headers", args: []string{"inspect", "Host: example.com"}, code: 0, stdoutHas: "no trace headers to check", quietError: true},
		{name: "inspect not a header", args: []string{"inspect", "traceparent 00-"}, code: 2, stderrHas: "not a header line"},
		{name: "inspect bad name", args: []string{"inspect", "trace parent: x"}, code: 2, stderrHas: "invalid header name"},
		{name: "inspect stdin valid", args: []string{"inspect"}, stdin: tpValid + "\n", code: 0, stdoutHas: "stdin, header lines", quietError: true},
		{name: "inspect stdin invalid", args: []string{"inspect"}, stdin: "b3: 1-2-3\n", code: 1, quietError: true},
		{name: "inspect stdin bad json", args: []string{"inspect"}, stdin: `{"traceparent": 1}`, code: 2, stderrHas: "JSON input"},
		{name: "inspect stdin blank", args: []string{"inspect"}, stdin: "\n  \n", code: 0, stdoutHas: "embedded example", quietError: true},
		{name: "inspect tracestate only invalid", args: []string{"inspect", "tracestate: A=1"}, code: 1, stdoutHas: "tracestate-without-traceparent", quietError: true},
		{name: "inspect baggage invalid", args: []string{"inspect", "baggage: =1"}, code: 1, quietError: true},

		{name: "convert -h", args: []string{"convert", "-h"}, code: 0, stdoutHas: "Usage: tracewire convert", quietError: true},
		{name: "convert no input", args: []string{"convert"}, code: 2, stderrHas: "no headers given"},
		{name: "convert unknown format", args: []string{"convert", "--to", "zipkin", tpValid}, code: 2, stderrHas: `unknown format "zipkin"`},
		{name: "convert empty format list", args: []string{"convert", "--to", ",", tpValid}, code: 2, stderrHas: "no formats given"},
		{name: "convert no context", args: []string{"convert", "--to", "b3", tpUpper}, code: 1, stderrHas: "no valid trace context"},
		{name: "convert baggage only without context", args: []string{"convert", "--to", "baggage", "baggage: a=1"}, code: 0, stdoutHas: "baggage: a=1", quietError: true},
		{name: "convert valid", args: []string{"convert", "--to", "b3", tpValid}, code: 0, quietError: true},
		{name: "convert bad input", args: []string{"convert", "oops"}, code: 2, stderrHas: "not a header line"},

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
