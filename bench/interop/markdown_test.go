package interop

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

var mdOut = flag.String("interop.md", "", "write the knownDivergences table as Markdown to this file")

// TestKnownDivergencesDocumented checks that every entry says what both
// sides do, where the rule comes from and why tracewire does what it does.
func TestKnownDivergencesDocumented(t *testing.T) {
	for k, v := range knownDivergences {
		if v.reason == nil || v.Tracewire == "" || v.Peer == "" || v.Spec == "" || v.Why == "" || v.Fields == "" {
			t.Errorf("knownDivergences[%v] is incomplete: %+v", k, v)
		}
	}
}

// TestDivergenceMarkdown renders knownDivergences as the Markdown table
// for testdata/README.md: one row per format, peer and reason, with up to
// three of its inputs (the shortest) as examples.
func TestDivergenceMarkdown(t *testing.T) {
	md := divergenceMarkdown()
	if *mdOut == "" {
		t.Skip("pass -interop.md=FILE to write the table")
	}
	if err := os.WriteFile(*mdOut, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
}

func divergenceMarkdown() string {
	type group struct {
		format, peer string
		r            *reason
		inputs       []string
	}
	groups := map[[3]string]*group{}
	for k, v := range knownDivergences {
		gk := [3]string{k.Format, k.Peer, v.Tracewire}
		g := groups[gk]
		if g == nil {
			g = &group{format: k.Format, peer: k.Peer, r: v.reason}
			groups[gk] = g
		}
		g.inputs = append(g.inputs, k.Input)
	}
	rank := map[string]int{"traceparent": 0, "tracestate": 1, "b3": 2, "jaeger": 3, "baggage": 4, "xray": 5, "ottrace": 6, "datadog": 7, "datadog,tracecontext": 8, "datadog,tracecontext raw": 9}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		sort.Slice(g.inputs, func(i, j int) bool {
			if len(g.inputs[i]) != len(g.inputs[j]) {
				return len(g.inputs[i]) < len(g.inputs[j])
			}
			return g.inputs[i] < g.inputs[j]
		})
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if rank[a.format] != rank[b.format] {
			return rank[a.format] < rank[b.format]
		}
		if a.peer != b.peer {
			return a.peer < b.peer
		}
		if len(a.inputs) != len(b.inputs) {
			return len(a.inputs) > len(b.inputs)
		}
		return a.r.Tracewire < b.r.Tracewire
	})
	peerName := map[string]string{"otel": "OpenTelemetry-Go", "zipkin": "zipkin-go", "ddtrace": "dd-trace-go"}
	var b strings.Builder
	b.WriteString("| format | input | tracewire | peer | spec | why |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, g := range list {
		var ins []string
		for i, in := range g.inputs {
			if i == 3 {
				ins = append(ins, fmt.Sprintf("(+%d more)", len(g.inputs)-3))
				break
			}
			ins = append(ins, "`"+cell(in)+"`")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s: %s | %s | %s |\n",
			g.format, strings.Join(ins, "<br>"), cell(g.r.Tracewire),
			peerName[g.peer], cell(g.r.Peer), cell(g.r.Spec), cell(g.r.Why))
	}
	return b.String()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "`", "'")
}
