package propagator_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/xray"
)

// hidden reads a carrier through Get, Keys and Values alone, so that
// carrier.Survey cannot see it is a map: a composite extracting from it
// asks every probe, as it did before surveys.
type hidden struct{ g carrier.ValuesGetter }

func (h hidden) Get(key string) string      { return h.g.Get(key) }
func (h hidden) Keys() []string             { return h.g.Keys() }
func (h hidden) Values(key string) []string { return h.g.Values(key) }

// surveyedAgree reports where extracting from m with c, and from the
// same keys in an HTTPHeader (stored as they are, not canonicalized), differs
// between a surveyed carrier and a hidden one.
func surveyedAgree(t *testing.T, c propagator.Composite, m carrier.Map) {
	t.Helper()
	h, md := carrier.HTTPHeader{}, carrier.Metadata{}
	for k, v := range m {
		h[k], md[k] = []string{v}, []string{v}
	}
	for _, g := range []carrier.ValuesGetter{h, md} {
		if diff := cmp.Diff(extractAll(c, hidden{g}), extractAll(c, g)); diff != "" {
			t.Errorf("%v from %T %v (-asked +surveyed):\n%s", c, g, m, diff)
		}
	}
	if diff := cmp.Diff(extractAll(c, hiddenMap{m}), extractAll(c, m)); diff != "" {
		t.Errorf("%v from %v (-asked +surveyed):\n%s", c, m, diff)
	}
}

// hiddenMap is hidden for a Map, which has no Values.
type hiddenMap struct{ m carrier.Map }

func (h hiddenMap) Get(key string) string { return h.m.Get(key) }
func (h hiddenMap) Keys() []string        { return h.m.Keys() }

// surveyMaps are carriers the survey tests read: each format's headers in
// the spellings a Map finds, and in some it does not.
var surveyMaps = []carrier.Map{
	{},
	{"traceparent": tp, "accept": "*/*"},
	{"traceparent": tp, "uberctx-user": "alice", "baggage": "tier=gold"},
	{"Traceparent": tp, "Uberctx-User": "alice", "Jaeger-Debug-Id": "dbg"},
	{"X-B3-TraceId": bT, "X-B3-SpanId": bS, "x-b3-sampled": "1", "uberctx-a": "1"},
	{"b3": bT + "-" + bS + "-1", "uber-trace-id": bT + ":" + bS + ":0:1"},
	{"B3": bT + "-" + bS + "-d", "TRACEPARENT": tp, "uberctx-": "x"},
	{"jaeger-baggage": "k=v, k2=v2", "Uber-Trace-Id": bT + ":" + bS + ":0:1"},
	{"Jaeger-Debug-Id": "dbg", "traceparent": tp},
	// Two traces (a conflict to link), and one trace in two formats, the
	// later refining the first with B3's debug flag and Jaeger's parent.
	{"traceparent": tp, "b3": bT + "-" + bS + "-1", "uberctx-a": "1"},
	{"traceparent": "00-" + bT + "-" + bS + "-01", "X-B3-TraceId": bT, "X-B3-SpanId": bS, "X-B3-Flags": "1", "uber-trace-id": bT + ":" + bS + ":" + tP + ":1"},
	{"ot-tracer-traceid": bT[16:], "ot-tracer-spanid": bS, "x-amzn-trace-id": "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + bS},
	{"x-datadog-trace-id": "123", "x-datadog-parent-id": "456", "sentry-trace": bT + "-" + bS, "grpc-trace-bin": "AAA"},
	{"x-cloud-trace-context": bT + "/1;o=1", "jaeger-debug-id": "", "baggage": ""},
}

// TestReadNames: every member that names what its probes read names only
// headers a survey can see, and each probe reports false on every carrier
// whose survey found none of its names.
func TestReadNames(t *testing.T) {
	members := map[string]propagator.Propagator{}
	for _, name := range propagator.Names() {
		c, err := propagator.New(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range c.Members {
			members[name+"/"+string(rune('0'+i))] = m
		}
	}
	readers := 0
	for name, m := range members {
		nr, ok := m.(propagator.NameReader)
		if !ok {
			continue
		}
		readers++
		ids, more := nr.ReadNames()
		if (ids.Intersects(0) || more.Intersects(0)) && !strings.HasPrefix(name, "xray-lambda/") {
			t.Errorf("%s: ReadNames holds a name no survey sees", name)
		}
		idp, hasIDs := m.(propagator.IDProber)
		mp, hasMore := m.(interface{ HasMore(carrier.Getter) bool })
		if ids != 0 && !hasIDs || more != 0 && !hasMore {
			t.Errorf("%s: names for a probe it lacks (HasIDs %v, HasMore %v)", name, hasIDs, hasMore)
		}
		for _, cm := range surveyMaps {
			present, ok := carrier.Survey(cm)
			if !ok {
				t.Fatal("Survey of a Map not ok")
			}
			if hasIDs && !present.Intersects(ids) && idp.HasIDs(cm) {
				t.Errorf("%s: HasIDs true on %v, whose survey found none of its names", name, cm)
			}
			if hasMore && !present.Intersects(more) && mp.HasMore(cm) {
				t.Errorf("%s: HasMore true on %v, whose survey found none of its names", name, cm)
			}
		}
	}
	if readers < 10 {
		t.Errorf("%d members name what they read, want every format's", readers)
	}
	// X-Ray reading the environment (xray-lambda) reads a name no carrier
	// survey sees.
	if ids, _ := (xray.Propagator{Env: carrier.Env{}}).ReadNames(); !ids.Intersects(0) {
		t.Error("xray with Env: ReadNames can be ruled out by a survey")
	}
}

func extractAll(c propagator.Composite, g carrier.Getter) extracted {
	return extractedOf(c.Extract(context.Background(), g))
}

// surveyComposites are the composites the survey is compared in: the
// bench's four formats, OpenTelemetry's pair with Jaeger's walk added,
// every format, and every format under the other policies.
func surveyComposites(t testing.TB) []propagator.Composite {
	var cs []propagator.Composite
	var every []string
	for _, name := range propagator.Names() {
		// "none" turns the rest off, and "xray-lambda" replaces "xray" to
		// read the process environment, which no map holds.
		if name != "none" && name != "xray-lambda" {
			every = append(every, name)
		}
	}
	for _, names := range [][]string{
		{"tracecontext", "baggage", "b3", "jaeger"},
		{"jaeger", "tracecontext", "baggage"},
		every,
	} {
		c, err := propagator.New(names...)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	for _, p := range []propagator.Policy{propagator.LastWins, propagator.Reparent} {
		cs = append(cs, propagator.Composite{Members: cs[len(cs)-1].Members, Policy: p})
	}
	return cs
}

// TestSurveyedExtract: a composite extracting from a map it surveys
// stores what it stores when every probe is asked, from a Map, an
// HTTPHeader and Metadata.
func TestSurveyedExtract(t *testing.T) {
	for _, c := range surveyComposites(t) {
		for _, m := range surveyMaps {
			surveyedAgree(t, c, m)
		}
	}
}

// FuzzSurveyedExtract is TestSurveyedExtract on the fuzzer's maps: lines
// of "key=value".
func FuzzSurveyedExtract(f *testing.F) {
	for _, m := range surveyMaps {
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(m)) {
			b.WriteString(k + "=" + m[k] + "\n")
		}
		f.Add(b.String())
	}
	cs := surveyComposites(f)
	f.Fuzz(func(t *testing.T, lines string) {
		m := carrier.Map{}
		for _, line := range strings.Split(lines, "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				m[k] = v
			}
		}
		for _, c := range cs {
			surveyedAgree(t, c, m)
		}
	})
}

// TestSurveyedReceive: an Edge receiving from a map adapter it surveys
// decides and stores what it does when every probe is asked, under each
// policy that keeps the caller's baggage. The edge is transparent, so that
// its span is the caller's rather than a random child.
func TestSurveyedReceive(t *testing.T) {
	type received struct {
		Policy      string
		Parent      string
		Link        string
		Links       int
		KeepBaggage bool
		Stored      extracted
	}
	receive := func(e propagator.Edge, g carrier.Getter, policy propagator.TrustPolicy) received {
		ctx := e.Receive(context.Background(), g, policy)
		d, _ := propagator.DecisionFromContext(ctx)
		return received{d.Policy.String(), d.Parent.String(), d.Link.SpanContext.String(), len(d.Links), d.KeepBaggage, extractedOf(ctx)}
	}
	for _, c := range surveyComposites(t) {
		e := propagator.Edge{Propagator: c, Transparent: true, RestartKeepsBaggage: true}
		for _, m := range surveyMaps {
			h := carrier.HTTPHeader{}
			for k, v := range m {
				h[k] = []string{v}
			}
			for _, policy := range []propagator.TrustPolicy{propagator.Continue, propagator.Restart} {
				if diff := cmp.Diff(receive(e, hiddenMap{m}, policy), receive(e, m, policy)); diff != "" {
					t.Errorf("%v, %v from %v (-asked +surveyed):\n%s", c, policy, m, diff)
				}
				if diff := cmp.Diff(receive(e, hidden{h}, policy), receive(e, h, policy)); diff != "" {
					t.Errorf("%v, %v from HTTPHeader %v (-asked +surveyed):\n%s", c, policy, m, diff)
				}
			}
		}
	}
}

// unnamedProber probes without naming what it reads.
type unnamedProber struct {
	propagator.SpanContextPropagator
}

func (unnamedProber) HasIDs(carrier.Getter) bool { return true }

// TestCompositeReadNames: a composite names the union of what its
// members' probes read, and another name for a member that probes without
// naming it, so that a survey never rules that member out.
func TestCompositeReadNames(t *testing.T) {
	c := propagator.Compose(propagator.TraceContext(), propagator.B3(), propagator.Jaeger(), propagator.Baggage())
	ids, more := c.ReadNames()
	present := carrier.NamesOf("x-b3-traceid", "jaeger-debug-id")
	got := []bool{
		ids.Intersects(carrier.NamesOf("traceparent")), ids.Intersects(present), ids.Intersects(carrier.NamesOf("baggage")),
		more.HasFamily(), more.Intersects(carrier.NamesOf("baggage")), more.Intersects(carrier.NamesOf("traceparent")),
	}
	if diff := cmp.Diff([]bool{true, true, false, true, true, false}, got); diff != "" {
		t.Errorf("ReadNames (-want +got):\n%s", diff)
	}
	if ids, _ := propagator.Compose(propagator.TraceContext()).ReadNames(); ids.Intersects(carrier.NamesOf("b3")) {
		t.Error("tracecontext alone reads b3")
	}
	if ids, more := propagator.Compose(unnamedProber{propagator.B3()}).ReadNames(); !ids.Intersects(0) || more.Intersects(0) {
		t.Errorf("an unnamed prober: ids %v, more %v; want another name in ids only", ids.Intersects(0), more.Intersects(0))
	}
	if _, more := propagator.Compose(propagator.TraceContext(), propagator.Baggage()).ReadNames(); more.HasFamily() {
		t.Error("OpenTelemetry's default pair walks the carrier")
	}
}
