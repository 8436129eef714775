package carrier_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// recorder is a Setter of no kind SetAll knows.
type recorder [][2]string

func (r *recorder) Set(key, value string) { *r = append(*r, [2]string{key, value}) }

// TestSetAll checks that SetAll leaves every carrier as a Set per key
// would, without writing into a value slice the carrier held.
func TestSetAll(t *testing.T) {
	keys := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-sampled"}
	vals := []string{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "1"}
	shared := []string{"old"}
	for _, tc := range []struct {
		name   string
		direct func() carrier.Setter
	}{
		{"HTTPHeader", func() carrier.Setter { return carrier.HTTPHeader{"X-B3-Spanid": shared, "Accept": {"*/*"}} }},
		{"Map", func() carrier.Setter { return carrier.Map{"X-B3-SpanId": "old", "accept": "*/*"} }},
		{"Metadata", func() carrier.Setter { return carrier.Metadata{"X-B3-Spanid": shared, "x-b3-sampled": shared} }},
		{"NATSHeader", func() carrier.Setter { return carrier.NATSHeader{"X-B3-TraceId": shared, "x-b3-spanid": shared} }},
		{"other", func() carrier.Setter { return &recorder{} }},
	} {
		want, got := tc.direct(), tc.direct()
		for i, k := range keys {
			want.Set(k, vals[i])
		}
		carrier.SetAll(got, keys, vals)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: SetAll differs from Set per key (-Set +SetAll):\n%s", tc.name, diff)
		}
		if shared[0] != "old" {
			t.Fatalf("%s: SetAll wrote into a slice the carrier held", tc.name)
		}
		if h, ok := got.(carrier.HTTPHeader); ok {
			// Capped slices: appending to one value must not reach the next.
			v := append(h["X-B3-Traceid"], "more")
			if diff := cmp.Diff([]string{vals[1]}, h["X-B3-Spanid"]); diff != "" || len(v) != 2 {
				t.Errorf("append to one value changed another (-want +got):\n%s", diff)
			}
		}
	}
	var nilHeader carrier.NATSHeader
	carrier.SetAll(nilHeader, keys, vals) // takes nothing, as Set does
}

// TestSetAllAllocs pins SetAll's cost with values already formed: one
// array for every value slice, whatever their number; nothing into a Map.
func TestSetAllAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts are meaningless under -cover or -race")
	}
	keys := []string{"x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled"}
	vals := []string{"80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1"}
	for _, tc := range []struct {
		name string
		s    carrier.Setter
		want float64
	}{
		{"HTTPHeader", carrier.HTTPHeader(http.Header{}), 1},
		{"Metadata", carrier.Metadata{}, 1},
		{"NATSHeader", carrier.NATSHeader{}, 1},
		{"Map", carrier.Map{}, 0},
	} {
		if n := testing.AllocsPerRun(100, func() { carrier.SetAll(tc.s, keys, vals) }); n != tc.want {
			t.Errorf("SetAll into %s: %v allocations, want %v", tc.name, n, tc.want)
		}
	}
}
