package bench

import (
	"context"
	"maps"
	"net/textproto"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
)

// TestFloors checks that every floor does the job of its row: an
// extraction floor accepts the case's headers and finds tracewire's ids
// (or member count), and an inject floor writes exactly the headers
// tracewire writes into an empty carrier, byte for byte. Otherwise a
// ratio to the floor would compare different work.
func TestFloors(t *testing.T) {
	for _, in := range extractInputs {
		f := floorExtract[in.name]
		if f == nil {
			t.Errorf("%s: no extraction floor", in.name)
			continue
		}
		sc := tracewire.SpanContextFromContext(twPropagator(t, in.name).Extract(context.Background(), carrier.Map(in.in.mapOf())))
		// The spelled floor reads a map whose keys are all in another
		// spelling that carrier.Map finds (see floorCarrier).
		for _, fc := range []floorCarrier{{h: in.in.header()}, {m: in.in.mapOf()}, {m: respelled(in.in.mapOf()), spellings: true}} {
			sinkOut = floorOut{}
			f(&fc)
			if !sinkOut.ok {
				t.Errorf("%s: the extraction floor (spellings %v) rejects the input", in.name, fc.spellings)
			}
			switch in.name {
			case "baggage5", "baggage64":
				b, _ := baggage.Propagator{}.ExtractFrom(carrier.Map(in.in.mapOf()))
				if sinkOut.members != b.Len() {
					t.Errorf("%s: floor counts %d members, tracewire %d", in.name, sinkOut.members, b.Len())
				}
				continue
			}
			if sinkOut.trace != sc.TraceID() || sinkOut.span != sc.SpanID() {
				t.Errorf("%s: floor found %x/%x, tracewire %v", in.name, sinkOut.trace, sinkOut.span, sc)
			}
		}

		ids, list := floorIDsOf(in.name, in.in)
		inject := floorInject(in.name, ids, list)
		if inject == nil {
			t.Errorf("%s: no inject floor", in.name)
			continue
		}
		ctx := twPropagator(t, in.name).Extract(context.Background(), carrier.Map(in.in.mapOf()))
		// A reused carrier: unrelated headers, and for the composite, whose
		// floor clears them as tracewire does, stale fields it owns.
		reused := map[string]string{"accept": "*/*"}
		if in.name == "composite" {
			for k, v := range map[string]string{"tracestate": "old=1", "x-b3-sampled": "0", "uberctx-old": "1", "b3": "0", "jaeger-baggage": "k=v"} {
				reused[k] = v
			}
		}
		reusedH := map[string][]string{}
		for k, v := range reused {
			reusedH[textproto.CanonicalMIMEHeaderKey(k)] = []string{v}
		}
		want := carrier.Map(maps.Clone(reused))
		twPropagator(t, in.name).Inject(ctx, want)
		got := floorCarrier{m: maps.Clone(reused)}
		inject(&got)
		if d := cmp.Diff(map[string]string(want), got.m); d != "" {
			t.Errorf("%s: inject floor (-tracewire +floor):\n%s", in.name, d)
		}
		// The spelled floor, into a map that also holds every header in
		// the other spellings carrier.Map finds: it deletes those of the
		// names it writes, as Map.Set does, and leaves the rest.
		spelled := respelled(in.in.mapOf())
		maps.Copy(spelled, reused)
		want = carrier.Map(maps.Clone(spelled))
		twPropagator(t, in.name).Inject(ctx, want)
		got = floorCarrier{m: maps.Clone(spelled), spellings: true}
		inject(&got)
		if d := cmp.Diff(map[string]string(want), got.m); d != "" {
			t.Errorf("%s: spelled inject floor (-tracewire +floor):\n%s", in.name, d)
		}
		wantH := carrier.HTTPHeader(maps.Clone(reusedH))
		twPropagator(t, in.name).Inject(ctx, wantH)
		gotH := floorCarrier{h: maps.Clone(reusedH)}
		inject(&gotH)
		if d := cmp.Diff(map[string][]string(wantH), gotH.h); d != "" {
			t.Errorf("%s: inject floor into http.Header (-tracewire +floor):\n%s", in.name, d)
		}
	}
}

// respelled returns m with every key of a header the floors read in the
// other spelling carrier.Map finds it by: B3's ids as the B3
// specification writes them ("X-B3-TraceId"), every other name
// MIME-canonical ("Traceparent").
func respelled(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		for n, lower := range lowerNames {
			if k != lower {
				continue
			}
			k = canonNames[n]
			if convNames[n] != "" {
				k = convNames[n]
			}
			break
		}
		out[k] = v
	}
	return out
}
