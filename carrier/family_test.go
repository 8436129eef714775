package carrier_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// TestFamilyMatchesGet: over every carrier, Family yields the names of
// the family (longer than the prefix) AllKeys yields, each with what Get returns for it, on
// contents whose names repeat in several cases (a list's first entry of
// a name is Get's), and stops when yield returns false. An Env holds
// variables under their names and under header names, whose Get reads
// another variable (uberctx-a reads UBERCTX_A, the last of them), and
// entries that are no variable.
func TestFamilyMatchesGet(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"uberctx-a", "Uberctx-A", "UBERCTX-A", "uberctx-b", "ot-baggage-x", "OT-Baggage-X", "b3", "B3", "traceparent", "Traceparent", "a",
		"uberctx_a", "UBERCTX_A", "1uberctx-a"}
	for round := range 200 {
		var ps []pair
		n := r.IntN(30)
		if round%7 == 6 {
			// Enough entries that a sort of them is no insertion sort,
			// which would keep equal names in order by chance.
			n = 100 + r.IntN(200)
		}
		for i := range n {
			ps = append(ps, pair{names[r.IntN(len(names))], fmt.Sprint(i)})
		}
		m, md, nats, h := carrier.Map{}, carrier.Metadata{}, carrier.NATSHeader{}, carrier.HTTPHeader{}
		var packed strings.Builder
		var env, raw carrier.Env
		for _, p := range ps {
			m[p.K] = p.V
			md[p.K] = append(md[p.K], p.V)
			nats[p.K] = append(nats[p.K], p.V)
			h[p.K] = append(h[p.K], p.V) // raw keys, as a map written directly holds them
			http.Header(h).Add(p.K, p.V)
			fmt.Fprintf(&packed, "%s:%s\n", p.K, p.V)
			env = append(env, carrier.EnvName(p.K)+"="+p.V)
			if r.IntN(2) == 0 {
				raw = append(raw, p.K+"="+p.V)
			} else {
				raw = append(raw, carrier.EnvName(p.K)+"="+p.V+"=x")
			}
		}
		raw = append(raw, "uberctx-noequals", "=uberctx-a=1")
		gs := map[string]carrier.Getter{
			"Map": m, "Metadata": md, "NATSHeader": nats, "HTTPHeader": h,
			"Packed": carrier.Packed(packed.String()), "Env": env, "Env of raw names": raw,
		}
		for _, shape := range listShapes {
			c, _, _ := shape.of(ps)
			gs[shape.name] = c
		}
		for name, g := range gs {
			prefix := []string{"uberctx-", "UBERCTX-", "ot-baggage-", "", "uberctx_"}[round%5]
			var want, got []pair
			for k := range carrier.AllKeys(g) {
				if len(k) > len(prefix) && strings.EqualFold(k[:len(prefix)], prefix) {
					want = append(want, pair{k, g.Get(k)})
				}
			}
			for k, v := range carrier.Family(g, prefix) {
				got = append(got, pair{k, v})
			}
			byPair := func(a, b pair) int { return cmp.Or(strings.Compare(a.K, b.K), strings.Compare(a.V, b.V)) }
			slices.SortFunc(want, byPair)
			slices.SortFunc(got, byPair)
			if d := gocmp.Diff(want, got); d != "" {
				t.Errorf("round %d, %s, prefix %q, %v (-Keys and Get +Family):\n%s", round, name, prefix, ps, d)
			}
			// A range over a function panics if the function calls yield
			// again after it returned false.
			for range carrier.Family(g, prefix) {
				break
			}
		}
	}
}
