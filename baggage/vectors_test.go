package baggage

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// members turns b into the vector schema's form.
func members(b Baggage) []vectors.BaggageMem {
	out := []vectors.BaggageMem{}
	for _, m := range b.All() {
		bm := vectors.BaggageMem{Key: m.Key(), Value: m.Value()}
		for p := range m.Properties() {
			k := p.Key()
			var v *string
			if p.HasValue() {
				s := p.Value()
				v = &s
			}
			bm.Properties = append(bm.Properties, [2]*string{&k, v})
		}
		out = append(out, bm)
	}
	return out
}

func limitsOf(c vectors.Case) Limits {
	return Limits{MaxMembers: c.Options.MaxMembers, MaxBytes: c.Options.MaxSize}
}

func canonicalLines(s string) [][2]string {
	if s == "" {
		return [][2]string{}
	}
	return [][2]string{{"baggage", s}}
}

func TestVectors(t *testing.T) {
	f := vectors.Load(t, "baggage")
	if f.Format != "baggage" {
		t.Fatalf("format = %q", f.Format)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			lines := c.Lines("baggage")
			lim := limitsOf(c)
			b, err := lim.Parse(lines...)

			// "valid" for baggage: the header yields a usable list, which
			// fails only when members arrived and every one was dropped.
			if valid := b.Len() > 0 || err == nil; valid != c.Valid {
				t.Errorf("valid = %v, want %v (err %v)", valid, c.Valid, err)
			}
			vectorcheck.Error(t, "Parse", err, c.Error)
			if (err == nil) != (b.Dropped() == 0) {
				t.Errorf("Dropped() = %d with error %v", b.Dropped(), err)
			}
			if c.Expect != nil && c.Expect.Baggage != nil {
				if d := cmp.Diff(c.Expect.Baggage, members(b)); d != "" {
					t.Errorf("members (-want +got):\n%s", d)
				}
			}

			bd := b.Builder()
			for _, op := range c.Ops {
				switch op.Op {
				case "set":
					if err := bd.Set(op.Key, op.Value); err != nil {
						t.Fatalf("Set(%q): %v", op.Key, err)
					}
				case "delete":
					bd.Delete(op.Key)
				default:
					t.Fatalf("unknown op %q", op.Op)
				}
			}
			if d := cmp.Diff(c.Canonical, canonicalLines(bd.String())); d != "" {
				t.Errorf("builder canonical (-want +got):\n%s", d)
			}
			if len(c.Ops) > 0 {
				return
			}
			if d := cmp.Diff(c.Canonical, canonicalLines(Format(b))); d != "" {
				t.Errorf("Format (-want +got):\n%s", d)
			}

			// The propagator reads the same lines from a carrier and writes
			// the canonical line back.
			h := carrier.HTTPHeader{"Baggage": lines}
			p := Propagator{Limits: lim}
			pb, perr := p.ExtractFrom(h)
			if !sameError(perr, err) || pb.Len() != b.Len() {
				t.Errorf("ExtractFrom = %d members, %v; Parse = %d, %v", pb.Len(), perr, b.Len(), err)
			}
			out := carrier.HTTPHeader{}
			p.InjectInto(out, pb)
			got := [][2]string{}
			for _, v := range out["Baggage"] {
				got = append(got, [2]string{"baggage", v})
			}
			if d := cmp.Diff(c.Canonical, got); d != "" {
				t.Errorf("InjectInto (-want +got):\n%s", d)
			}
		})
	}
}

// sameError compares parse errors by value: past offset 1024 each parse
// allocates its own *ParseError.
func sameError(a, b error) bool {
	var pa, pb *tracewire.ParseError
	if errors.As(a, &pa) && errors.As(b, &pb) {
		return *pa == *pb
	}
	return a == b
}
