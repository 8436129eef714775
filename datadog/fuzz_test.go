package datadog_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/datadog"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

var headerNames = [5]string{"x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-origin", "x-datadog-tags"}

// refID is dd-trace-go's reading of a decimal id, through strconv: the
// slow path the hand-written parser must agree with on what it accepts.
func refID(v string) (uint64, bool) {
	if strings.HasPrefix(v, "-") {
		n, err := strconv.ParseInt(v, 10, 64)
		return uint64(n), err == nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	return n, err == nil && !strings.HasPrefix(v, "+")
}

// FuzzParseHeaders checks that ParseHeaders never panics, that errors
// name one of the five headers and point inside its value, that the ids
// agree with strconv, that the carrier paths agree with it, and that what
// it accepts survives inject, extract, inject unchanged, and as a dd=
// tracestate member.
func FuzzParseHeaders(f *testing.F) {
	for _, c := range vectors.Load(f, "datadog").Cases {
		first := func(name string) string {
			if l := c.Lines(name); len(l) > 0 {
				return l[0]
			}
			return ""
		}
		f.Add(first(headerNames[0]), first(headerNames[1]), first(headerNames[2]), first(headerNames[3]), first(headerNames[4]))
	}
	f.Fuzz(func(t *testing.T, traceID, parentID, priority, origin, tags string) {
		vals := [5]string{traceID, parentID, priority, origin, tags}
		h, err := datadog.ParseHeaders(traceID, parentID, priority, origin, tags)
		sc := h.SpanContext()
		if err != nil {
			header, _, off, ok := vectorcheck.Detail(err)
			i := indexOf(header)
			if !ok || i < 0 || off < 0 || off > len(vals[i]) {
				t.Fatalf("bad error %#v", err)
			}
			_ = err.Error()
			if !sc.TraceID().IsValid() && h != (datadog.Headers{}) {
				t.Fatalf("%v returned with error %v", h, err)
			}
			if sc.TraceID().IsValid() && i < 3 {
				t.Fatalf("error %v on an id or the priority, yet a context", err)
			}
		}

		// The ids agree with strconv, as dd-trace-go reads them.
		tv := strings.Trim(traceID, " \t")
		if low, ok := refID(tv); sc.TraceID().IsValid() {
			var want [8]byte
			for i := range 8 {
				want[i] = byte(low >> (56 - 8*i))
			}
			if got := sc.TraceID(); !ok || [8]byte(got[8:]) != want {
				t.Fatalf("trace id %q read as %v; strconv %d, %v", traceID, sc.TraceID(), low, ok)
			}
		} else if tv != "" && ok && low != 0 && err != nil {
			if _, kind, _, _ := vectorcheck.Detail(err); kind == tracewire.ErrTraceID {
				t.Fatalf("trace id %q rejected (%v) but strconv reads %d", traceID, err, low)
			}
		}

		// The carriers read the same.
		hh := http.Header{}
		m := carrier.Map{}
		for i, v := range vals {
			if v != "" {
				hh.Set(headerNames[i], v)
				m[headerNames[i]] = v
			}
		}
		for _, g := range []carrier.Getter{carrier.HTTPHeader(hh), m} {
			eh, eerr := datadog.ExtractHeaders(g)
			want := h
			if sc.TraceID().IsValid() {
				want = want.WithSpanContext(sc.WithRemote(true))
			}
			if eh != want || !vectorcheck.SameError(eerr, err) {
				t.Fatalf("ExtractHeaders = %+v, %v; ParseHeaders = %+v, %v", eh, eerr, h, err)
			}
		}
		if !sc.TraceID().IsValid() {
			return
		}
		if sc.IsRandom() || sc.IsRemote() || !sc.IsValid() && h.Origin() != "synthetics" {
			t.Fatalf("ParseHeaders gave %v", sc)
		}
		if p, ok := h.Priority(); ok && (!p.IsValid() || p.Sampling() != sc.Sampling()) || !ok && !sc.IsDeferred() {
			t.Fatalf("priority %v, %v beside %v", p, ok, sc.Sampling())
		}

		// inject -> extract -> inject: a fixed point after one step.
		out1 := carrier.Map{}
		datadog.InjectHeaders(out1, h)
		back, err := datadog.ExtractHeaders(out1)
		if err != nil {
			t.Fatalf("canonical headers %v do not parse: %v", out1, err)
		}
		if back.SpanContext() != sc.WithRemote(true) || back.Origin() != h.Origin() {
			t.Fatalf("round trip: %+v, want %+v", back, h)
		}
		bp, bok := back.Priority()
		if p, ok := h.Priority(); bp != p || bok != ok {
			t.Fatalf("priority %v, %v after the round trip; was %v, %v", bp, bok, p, ok)
		}
		if string(back.AppendTags(nil)) != string(h.AppendTags(nil)) {
			t.Fatalf("tags %q after the round trip; was %q", back.AppendTags(nil), h.AppendTags(nil))
		}
		out2 := carrier.Map{}
		datadog.InjectHeaders(out2, back)
		if d := cmp.Diff(out1, out2); d != "" {
			t.Fatalf("canonical form not a fixed point (-first +second):\n%s", d)
		}

		// Extract and Inject through a context are exact.
		var p datadog.Propagator
		out3 := carrier.Map{}
		p.Inject(p.Extract(context.Background(), out1), out3)
		if d := cmp.Diff(out1, out3); d != "" {
			t.Fatalf("Extract/Inject (-want +got):\n%s", d)
		}

		// The dd= member is one tracestate accepts, and reads back with the
		// same decision.
		checkMember(t, h)
	})
}

func indexOf(header string) int {
	for i, n := range headerNames {
		if n == header {
			return i
		}
	}
	return -1
}

// checkMember checks that h's dd= member is a valid tracestate member
// within Datadog's limit whose priority, read by NewHeaders beside the
// same decision, is h's.
func checkMember(t *testing.T, h datadog.Headers) {
	t.Helper()
	v := string(h.AppendTraceStateMember(nil))
	if v == "" {
		return
	}
	if len(v)+3 > 256 {
		t.Fatalf("dd= member of %d bytes: %q", len(v), v)
	}
	ts, err := tracewire.ParseTraceState("dd=" + v)
	if err != nil {
		t.Fatalf("dd=%s is not valid tracestate: %v", v, err)
	}
	if _, err := datadog.ParseTraceStateMember(v); err != nil {
		t.Fatalf("dd=%s does not parse: %v", v, err)
	}
	sc := h.SpanContext()
	if !sc.IsValid() {
		return
	}
	nh := datadog.NewHeaders(sc.WithTraceState(ts))
	np, nok := nh.Priority()
	if p, ok := h.Priority(); np != p || nok != ok {
		t.Fatalf("dd=%s gives priority %v, %v; want %v, %v", v, np, nok, p, ok)
	}
	if o := h.Origin(); !strings.ContainsAny(o, " ,;~=") && len(o) < 200 && nh.Origin() != o {
		t.Fatalf("dd=%s gives origin %q; want %q", v, nh.Origin(), o)
	}
}

// FuzzParseTraceStateMember checks that the dd= member parser never
// panics, reports errors inside the value, and that its canonical form
// reads back the same and is a fixed point.
func FuzzParseTraceStateMember(f *testing.F) {
	for _, c := range vectors.Load(f, "datadog").Cases {
		for _, l := range c.Lines("tracestate") {
			for _, m := range strings.Split(l, ",") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(m), "dd="); ok {
					f.Add(v)
				}
			}
		}
	}
	f.Add("s:2;o:rum;p:00f067aa0ba902b7;t.dm:-4;t.usr.id:YWJj~~")
	f.Fuzz(func(t *testing.T, v string) {
		m, err := datadog.ParseTraceStateMember(v)
		if err != nil {
			header, _, off, ok := vectorcheck.Detail(err)
			if !ok || header != "tracestate" || off < 0 || off > len(v) {
				t.Fatalf("bad error %#v", err)
			}
		}
		out := datadog.FormatTraceStateMember(m)
		if out == "" {
			return
		}
		if len(out) > len(v) || len(out)+3 > 256 {
			t.Fatalf("canonical %q is longer than %q", out, v)
		}
		back, err := datadog.ParseTraceStateMember(out)
		if err != nil || back != (datadog.Member{}) && datadog.FormatTraceStateMember(back) != out {
			t.Fatalf("canonical %q: %v, then %q", out, err, datadog.FormatTraceStateMember(back))
		}
		p, ok := m.Priority()
		bp, bok := back.Priority()
		lp, lok := m.LastParent()
		blp, blok := back.LastParent()
		if p != bp || ok != bok || lp != blp || lok != blok || m.Origin() != back.Origin() ||
			string(m.AppendTags(nil)) != string(back.AppendTags(nil)) {
			t.Fatalf("%q and its canonical %q differ", v, out)
		}
		if _, err := tracewire.ParseTraceState("dd=" + out); err != nil {
			t.Fatalf("dd=%s is not valid tracestate: %v", out, err)
		}
	})
}
