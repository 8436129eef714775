package main

import (
	"fmt"
	"io"

	"github.com/tracewire/tracewire"
)

const generateUsage = `Usage: tracewire generate [--sampled=false] [--format FORMATS]

Print the trace context of a new trace's first span as header lines: a random
128-bit trace id and 64-bit span id, with the W3C random flag set because the
ids are random. The trace is sampled, as a root started by a service with
OpenTelemetry's default sampler is, so that the services it reaches record it.
Use it to start a trace by hand, for example with curl -H.

Flags:
  --sampled=false    start a trace that is not sampled (default: sampled)
  --format FORMATS   comma-separated: tracecontext (aliases: w3c, traceparent),
                     b3, b3multi, jaeger (default "tracecontext")

Examples:
  tracewire generate
  tracewire generate --format tracecontext,b3multi
  tracewire generate --sampled=false
  curl -H "$(tracewire generate)" https://example.com/
`

func runGenerate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("generate")
	sampled := fs.Bool("sampled", true, "sample the trace (--sampled=false: not sampled)")
	formats := fs.String("format", "tracecontext", "formats to write")
	pos, code := parseFlags(fs, args, generateUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "tracewire generate: unexpected argument %q\n\n%s", pos[0], generateUsage)
		return 2
	}
	c, err := parseTargets(*formats, false)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire generate: --format: %v\n\n%s", err, generateUsage)
		return 2
	}
	s := tracewire.SamplingDeny
	if *sampled {
		s = tracewire.SamplingAccept
	}
	sc := tracewire.NewRoot(s)
	var out headerOut
	c.InjectInto(&out, sc)
	out.write(stdout)
	return 0
}
