package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/propagator"
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
                     b3, b3multi, jaeger, xray, ottrace, cloudtrace, sentry,
                     datadog, grpc-trace-bin (default "tracecontext")

With xray among the formats, the trace id starts with the current time in
Unix seconds, as X-Ray requires of a Root (it rejects old traces); the other
96 bits stay random. With ottrace (and not xray), the trace id is 64 bits,
the most an OT header carries, so that every format names the same trace.

Examples:
  tracewire generate
  tracewire generate --format tracecontext,b3multi
  tracewire generate --format tracecontext,xray
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
	sc := fitRoot(tracewire.NewRoot(s), c, time.Now())
	var out headerOut
	c.InjectInto(&out, sc)
	out.write(stdout)
	return 0
}

// fitRoot returns root with a trace id that every format of c carries
// whole and its receivers accept: X-Ray's Root begins with the trace's
// start in Unix seconds, which X-Ray checks, and OT carries 64 bits. The
// low 56 bits, which the W3C random flag speaks for, stay random.
func fitRoot(root tracewire.SpanContext, c propagator.Composite, now time.Time) tracewire.SpanContext {
	has := func(name string) bool {
		for _, m := range c.Members {
			if n, ok := m.(propagator.Namer); ok && n.Name() == name {
				return true
			}
		}
		return false
	}
	t := root.TraceID()
	switch {
	case has("xray"), has("xray-lambda"):
		binary.BigEndian.PutUint32(t[:4], uint32(now.Unix()))
	case has("ottrace"):
		clear(t[:8])
		return root.WithTraceID(t).With64BitTraceID(true)
	default:
		return root
	}
	return root.WithTraceID(t)
}
