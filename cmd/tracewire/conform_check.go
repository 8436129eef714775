package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
	"github.com/tracewire/tracewire/propagator"
)

// check returns what the callback's headers h get wrong against the plan;
// none means the case passed. Conform reads h with its own propagators of
// the same names: the service may write any form the format allows.
func (p *conformPlan) check(h http.Header) []string {
	var fails []string
	fail := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	ref := conformComposite(p.Members)
	g := carrier.HTTPHeader(h)

	switch p.Mode {
	case modeNothing:
		for _, l := range p.Send {
			if len(h.Values(l[0])) > 0 {
				fail("with no propagator configured, the callback still carried %s: %s", strings.ToLower(l[0]), strconv.Quote(h.Get(l[0])))
			}
		}
	case modeContinue, modeDecision, modeRestart:
		sc, err := ref.ExtractFrom(g)
		if !sc.IsValid() {
			what := "none"
			if err != nil {
				what = err.Error()
			}
			fail("the callback carried no valid %s context (%s); a service sends its own span on, a new trace when it could not continue one", strings.Join(p.Members, ","), what)
			break
		}
		switch p.Mode {
		case modeContinue:
			if t := sc.TraceID(); t != p.TraceID && t != p.Carried {
				fail("trace id %s, want %s: the trace was not continued", t, p.TraceID)
			}
			if sc.SpanID() == p.Parent {
				fail("span id %s is the caller's: the service sent no span of its own", sc.SpanID())
			}
		default:
			if p.mentions(sc.TraceID()) {
				fail("trace id %s comes from the request: an invalid or id-less context must start a new trace", sc.TraceID())
			}
		}
		if msg := p.checkSampling(sc); msg != "" {
			fail("%s", msg)
		}
	}

	if p.TraceState != nil {
		if msg := p.checkTraceState(h.Values("Tracestate")); msg != "" {
			fail("%s", msg)
		}
	}
	if p.Baggage != nil {
		got := baggageView(referenceBaggage(ref, g))
		want := *p.Baggage
		var ok bool
		switch {
		case p.Ordered:
			ok = slices.EqualFunc(got, want, sameMember)
		case slices.Contains(p.Members, "baggage"):
			got, want = sortedBaggage(got), sortedBaggage(want)
			ok = slices.EqualFunc(got, want, sameMember)
		default:
			ok = oneValuePerKey(got, want)
		}
		if !ok {
			fail("baggage %s, want %s", showBaggage(got), showBaggage(want))
		}
	}
	return fails
}

// referenceBaggage is the baggage the members read from g: merged by the
// composite, plus that of members that keep baggage only in their own
// Extract (they are not propagator.BaggageExtractors).
func referenceBaggage(ref propagator.Composite, g carrier.Getter) baggage.Baggage {
	b := baggage.FromContext(ref.Extract(context.Background(), g))
	for _, m := range ref.Members {
		if _, ok := m.(propagator.BaggageExtractor); ok {
			continue
		}
		if own := baggage.FromContext(m.Extract(context.Background(), g)); own.Len() > 0 {
			b = baggage.Merge(b, own)
		}
	}
	return b
}

// checkSampling compares the callback's decision with the case's; a
// deferred decision is the service's to make.
func (p *conformPlan) checkSampling(sc tracewire.SpanContext) string {
	want := p.Sampling
	if want == "" || want == "deferred" {
		return ""
	}
	if want == "debug" && !p.CarriesDebug {
		want = "accept" // the format says sampled, and nothing more
	}
	if got := sc.Sampling().String(); got != want {
		return "sampling " + got + ", want " + want + ": the caller's decision was not kept"
	}
	return ""
}

// checkTraceState compares the callback's tracestate, among the members
// whose keys the case sent, with the expected list.
func (p *conformPlan) checkTraceState(lines []string) string {
	ts, err := tracewire.TraceStateOptions{}.Parse(lines...)
	if err != nil {
		return "the callback's tracestate is invalid: " + err.Error()
	}
	var got [][2]string
	for k, v := range ts.All() {
		if slices.Contains(p.TSKeys, k) {
			got = append(got, [2]string{k, v})
		}
	}
	if !slices.Equal(got, *p.TraceState) {
		return "tracestate " + showPairs(got) + ", want " + showPairs(*p.TraceState)
	}
	return ""
}

// mentions reports whether the request carried t in any form a format
// writes it: hex (full, low half, X-Ray's split form), decimal (the low
// 64 bits, as Datadog writes them) or raw bytes in base64.
func (p *conformPlan) mentions(t tracewire.TraceID) bool {
	hex := t.String()
	forms := []string{hex, hex[16:], hex[:8] + "-" + hex[8:]}
	var low uint64
	for _, b := range t[8:] {
		low = low<<8 | uint64(b)
	}
	forms = append(forms, strconv.FormatUint(low, 10))
	for _, l := range p.Send {
		v := strings.ToLower(l[1])
		for _, f := range forms {
			if strings.Contains(v, f) {
				return true
			}
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if raw, err := enc.DecodeString(strings.TrimSpace(l[1])); err == nil && strings.Contains(string(raw), string(t[8:])) {
				return true
			}
		}
	}
	return false
}

// baggageView lists b's members as the vectors write them.
func baggageView(b baggage.Baggage) []vectors.BaggageMem {
	out := []vectors.BaggageMem{}
	for _, m := range b.All() {
		bm := vectors.BaggageMem{Key: m.Key(), Value: m.Value()}
		for prop := range m.Properties() {
			var v *string
			if prop.HasValue() {
				s := prop.Value()
				v = &s
			}
			k := prop.Key()
			bm.Properties = append(bm.Properties, [2]*string{&k, v})
		}
		out = append(out, bm)
	}
	return out
}

func sortedBaggage(b []vectors.BaggageMem) []vectors.BaggageMem {
	b = slices.Clone(b)
	slices.SortStableFunc(b, func(x, y vectors.BaggageMem) int {
		if c := strings.Compare(x.Key, y.Key); c != 0 {
			return c
		}
		return strings.Compare(x.Value, y.Value)
	})
	return b
}

// oneValuePerKey reports whether got is want as a format with one header
// per key (uberctx-*, ot-baggage-*) can carry it: every key once, with one
// of the values want has for it.
func oneValuePerKey(got, want []vectors.BaggageMem) bool {
	var keys []string
	for _, m := range want {
		if !slices.Contains(keys, m.Key) {
			keys = append(keys, m.Key)
		}
	}
	if len(got) != len(keys) {
		return false
	}
	for _, g := range got {
		if !slices.ContainsFunc(want, func(w vectors.BaggageMem) bool { return sameMember(g, w) }) {
			return false
		}
	}
	return true
}

func sameMember(a, b vectors.BaggageMem) bool {
	return a.Key == b.Key && a.Value == b.Value && showProps(a.Properties) == showProps(b.Properties)
}

func showProps(props [][2]*string) string {
	var s strings.Builder
	for _, p := range props {
		s.WriteString(";" + deref(p[0]))
		if p[1] != nil {
			s.WriteString("=" + *p[1])
		}
	}
	return s.String()
}

func showBaggage(b []vectors.BaggageMem) string {
	parts := make([]string, len(b))
	for i, m := range b {
		parts[i] = strconv.Quote(m.Key + "=" + m.Value + showProps(m.Properties))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func showPairs(ps [][2]string) string {
	parts := make([]string, len(ps))
	for i, m := range ps {
		parts[i] = m[0] + "=" + m[1]
	}
	return strconv.Quote(strings.Join(parts, ","))
}
