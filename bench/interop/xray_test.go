package interop

import (
	"strings"
	"testing"

	"github.com/tracewire/tracewire/xray"
	otelxray "go.opentelemetry.io/contrib/propagators/aws/xray"
)

const (
	xRoot = "1-5759e988-bd862e3fe1be46a994272793"
	xP    = "53995c3f42cd8ad8"
	xHdr  = "Root=" + xRoot + ";Parent=" + xP + ";Sampled=1"
)

// xrayEdges are inputs the vectors do not hold, where the two parsers are
// most likely to part ways: field-name prefixes, repeats, case, Sampled
// values OpenTelemetry reads loosely.
var xrayEdges = []input{
	{"edge: Rooted prefix", []header{{"x-amzn-trace-id", "Rooted=" + xRoot + ";Parent=" + xP + ";Sampled=1"}}},
	{"edge: Parents prefix", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parents=" + xP + ";Sampled=1"}}},
	{"edge: Sampled empty", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parent=" + xP + ";Sampled="}}},
	{"edge: Sampled 2", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parent=" + xP + ";Sampled=2"}}},
	{"edge: Sampled ?", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parent=" + xP + ";Sampled=?"}}},
	{"edge: no Sampled", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parent=" + xP}}},
	{"edge: repeated Root", []header{{"x-amzn-trace-id", "Root=1-11111111-111111111111111111111111;" + xHdr}}},
	{"edge: uppercase hex", []header{{"x-amzn-trace-id", strings.ToUpper("Root=1-5759e988-bd862e3fe1be46a994272793;") + "Parent=" + strings.ToUpper(xP) + ";Sampled=1"}}},
	{"edge: short epoch", []header{{"x-amzn-trace-id", "Root=1-759e988-bd862e3fe1be46a994272793;Parent=" + xP + ";Sampled=1"}}},
	{"edge: field without =", []header{{"x-amzn-trace-id", xHdr + ";Foo"}}},
	{"edge: empty fields", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";;Parent=" + xP + ";Sampled=1;"}}},
	{"edge: Self and Lineage", []header{{"x-amzn-trace-id", "Self=1-67891234-12456789abcdef012345678;" + xHdr + ";Lineage=a87bd80c:1:68"}}},
	{"edge: lowercase names", []header{{"x-amzn-trace-id", "root=" + xRoot + ";parent=" + xP + ";sampled=1"}}},
	{"edge: OWS", []header{{"x-amzn-trace-id", " \t" + xHdr + " \t"}}},
	{"edge: zero Parent", []header{{"x-amzn-trace-id", "Root=" + xRoot + ";Parent=0000000000000000;Sampled=1"}}},
}

// twXRay runs tracewire's X-Ray propagator as a service does: Extract,
// then Inject of the same context, which passes on the fields it keeps.
func twXRay(in input) outcome {
	o, _ := twContextOutcome(xray.Propagator{}, in)
	return o
}

// otelXRay runs the contrib aws/xray propagator.
func otelXRay(in input) outcome {
	o, _ := otelContextOutcome(otelxray.Propagator{}, in)
	return o
}

func TestXRay(t *testing.T) {
	vecs, valid := loadVectors(t, "xray")
	seeds := withHeader(valid, "x-amzn-trace-id")
	inputs := merge(vecs, xrayEdges)
	inputs = merge(inputs, mutate(6, seeds, 48, inputs))
	differential(t, "xray", inputs, twXRay, []peer{{
		name:   "otel",
		fields: []string{"valid", "trace_id", "span_id", "sampling", "inject"},
		run:    otelXRay,
	}})
}
