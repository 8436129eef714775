package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `tracewire decodes, checks and converts distributed-tracing headers:
W3C Trace Context (traceparent, tracestate, traceresponse), W3C Baggage,
Zipkin B3 (single and multi) and Jaeger.

Usage:
  tracewire inspect  [--json] [--strict] [--full] [--example] [HEADER-LINE...]
                                  decode and check trace headers
  tracewire convert  [--from FORMATS] [--policy POLICY] [--format FORMATS]
                     [--example] [HEADER-LINE...]
                                  re-encode a trace context
  tracewire generate [--sampled=false] [--format FORMATS]
                                  print a new, sampled trace context
  tracewire testservice [--listen ADDR] [FLAGS]
                                  serve the W3C test-harness protocol
  tracewire conform [FLAGS] URL [FILE...]
                                  check a harness service against the vectors
  tracewire help [COMMAND]        show help for a command

A HEADER-LINE is "Name: value" (or a bare header value). Without arguments,
inspect and convert read stdin, at most 1 MiB, in whatever form it comes:
header lines, a raw HTTP message, curl -v output, JSON, NDJSON or log
lines, a HAR file. --example uses an embedded example request instead;
inspect also shows it when run at a terminal with nothing given.

Examples:
  tracewire inspect
  tracewire inspect 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  curl -sv https://example.com/ 2>&1 >/dev/null | tracewire inspect
  tracewire convert --format b3multi,jaeger 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  tracewire generate --format tracecontext,b3
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, isTerminal(os.Stdout)))
}

// run is the whole program: main only wires it to the process. isTerminal
// reports whether stdout is a terminal, which with NO_COLOR unset turns on
// colour; stdin is checked for being a terminal where it is read.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string, isTerminal bool) int {
	st := style{color: isTerminal && env("NO_COLOR") == "" && env("TERM") != "dumb"}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	// The report commands write through a buffer: a long report is many
	// small writes, each a system call on an unbuffered os.Stdout.
	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	switch cmd {
	case "inspect":
		return runInspect(rest, stdin, bw, stderr, st)
	case "convert":
		return runConvert(rest, stdin, bw, stderr)
	case "generate":
		return runGenerate(rest, bw, stderr)
	case "testservice":
		return runTestService(rest, stdout, stderr)
	case "conform":
		return runConform(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(cmd, rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "tracewire: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func runHelp(cmd string, args []string, stdout, stderr io.Writer) int {
	if cmd != "help" || len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if len(args) > 1 {
		fmt.Fprintf(stderr, "tracewire help: want one command, got %d\n\n%s", len(args), usage)
		return 2
	}
	switch args[0] {
	case "inspect":
		fmt.Fprint(stdout, inspectUsage)
	case "convert":
		fmt.Fprint(stdout, convertUsage)
	case "generate":
		fmt.Fprint(stdout, generateUsage)
	case "testservice":
		fmt.Fprint(stdout, testServiceUsage)
	case "conform":
		return runConform([]string{"-h"}, stdout, stdout)
	default:
		fmt.Fprintf(stderr, "tracewire help: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return 0
}

// newFlagSet returns a flag set that reports its errors to parseFlags
// instead of printing them.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses fs's flags wherever they stand among the arguments
// (header lines never start with "-"; "--" ends the flags) and returns the
// other arguments. code is -1 to go on, or the exit status: 0 after
// printing help to stdout, 2 after a usage error on stderr.
func parseFlags(fs *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) (pos []string, code int) {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, help)
			return nil, 0
		}
		if err != nil {
			fmt.Fprintf(stderr, "tracewire %s: %v\n\n%s", fs.Name(), err, help)
			return nil, 2
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), -1
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}
