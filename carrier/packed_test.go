package carrier_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

var (
	_ carrier.ValuesGetter = carrier.Packed("")
	_ carrier.Deleter      = (*carrier.Packed)(nil)
)

func TestPackedRead(t *testing.T) {
	p := carrier.Packed("traceparent:00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n" +
		"Tracestate:rojo=1\n" +
		"\n" +
		"no colon here\n" +
		":empty name\n" +
		"baggage: k=v;p=1:2 \n" +
		"TRACESTATE:congo=2\n" +
		"empty:\n" +
		"\r\n" +
		"last:no newline")
	checkReads(t, "Packed", p, []readCase{
		{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
		{"tracestate", "rojo=1", []string{"rojo=1", "congo=2"}},
		{"baggage", " k=v;p=1:2 ", []string{" k=v;p=1:2 "}}, // as written, after the first ":"
		{"empty", "", []string{""}},
		{"last", "no newline", []string{"no newline"}},
		{"no colon here", "", nil},
		{"", "", nil},
		{"b3", "", nil},
	})
	want := []string{"traceparent", "Tracestate", "baggage", "TRACESTATE", "empty", "last"}
	if d := cmp.Diff(want, p.Keys()); d != "" {
		t.Errorf("Keys (-want +got):\n%s", d)
	}
	if carrier.Packed("").Keys() != nil || carrier.Packed("\n\n").Values("x") != nil {
		t.Error("an empty Packed is not empty")
	}
}

func TestPackedWrite(t *testing.T) {
	tests := []struct {
		name string
		in   carrier.Packed
		do   func(p *carrier.Packed)
		want carrier.Packed
	}{
		{"into nothing", "", func(p *carrier.Packed) {
			p.Set("traceparent", "tp")
			p.Set("tracestate", "a=1")
			p.Set("baggage", "k=v")
		}, "traceparent:tp\ntracestate:a=1\nbaggage:k=v"},
		{"replaces every line of the name, last", "Tracestate:a=1\ntraceparent:tp\nTRACESTATE:b=2", func(p *carrier.Packed) {
			p.Set("tracestate", "c=3")
		}, "traceparent:tp\ntracestate:c=3"},
		{"keeps other lines as written, drops blank ones", "x:1\r\n\nodd line\r\ntraceparent:old\n", func(p *carrier.Packed) {
			p.Set("traceparent", "new")
		}, "x:1\r\nodd line\r\ntraceparent:new"},
		{"delete", "a:1\ntraceparent:tp\nb:2\nTraceparent:x", func(p *carrier.Packed) {
			p.Delete("traceparent")
		}, "a:1\nb:2"},
		{"delete of an absent name leaves the string as it is", "a:1\n\n", func(p *carrier.Packed) {
			p.Delete("b3")
		}, "a:1\n\n"},
		{"unrepresentable fields are not written", "a:1", func(p *carrier.Packed) {
			p.Set("", "v")
			p.Set("a:b", "v")
			p.Set("a\nb", "v")
			p.Set("a\rb", "v")
			p.Set("a", "line\nbreak")
			p.Set("a", "carriage\rreturn")
		}, "a:1"},
		{"a value may hold colons", "", func(p *carrier.Packed) {
			p.Set("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793:odd")
		}, "x-amzn-trace-id:Root=1-5759e988-bd862e3fe1be46a994272793:odd"},
	}
	for _, tt := range tests {
		p := tt.in
		tt.do(&p)
		if p != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, p, tt.want)
		}
	}
}

func TestPackedAllocs(t *testing.T) {
	p := carrier.Packed("traceparent:00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\ntracestate:rojo=1\nbaggage:k=v")
	var g carrier.Getter = p
	if n := testing.AllocsPerRun(100, func() {
		_ = g.Get("traceparent")
		_ = g.Get("Baggage")
		_ = g.Get("b3")
	}); n != 0 {
		t.Errorf("Get allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = p.Values("tracestate") }); n != 1 {
		t.Errorf("Values allocates %v times, want 1 (the slice)", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = p.Values("b3") }); n != 0 {
		t.Errorf("Values of an absent name allocates %v times, want 0", n)
	}
}

// TestPackedLong: a long value (a hundred thousand lines, 2 MB) is read
// and rewritten correctly; each function is one loop over the string.
func TestPackedLong(t *testing.T) {
	var b strings.Builder
	for range 100000 {
		b.WriteString("x-filler:0123456789\n")
	}
	b.WriteString("traceparent:tp")
	p := carrier.Packed(b.String())
	if got := p.Get("traceparent"); got != "tp" {
		t.Errorf("Get = %q", got)
	}
	if n := len(p.Keys()); n != 100001 {
		t.Errorf("Keys has %d names", n)
	}
	p.Set("x-filler", "1")
	if p != "traceparent:tp\nx-filler:1" {
		t.Errorf("Set over many lines = %.60q", p)
	}
}

func FuzzPacked(f *testing.F) {
	f.Add("traceparent:tp\ntracestate:a=1\nTRACESTATE:b=2", "tracestate", "c=3")
	f.Add("a:1\r\n\n:x\nnocolon\n", "a", "")
	f.Add("", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	f.Add("k:v\n", "k:", "v")
	f.Add("K:v", "k", "line\nbreak")
	f.Fuzz(func(t *testing.T, s, key, value string) {
		p := carrier.Packed(s)
		vs := p.Values(key)
		if got := p.Get(key); len(vs) == 0 && got != "" || len(vs) > 0 && got != vs[0] {
			t.Fatalf("Get(%q) = %q, Values = %q", key, got, vs)
		}
		keys := p.Keys()
		for _, k := range keys {
			if strings.ContainsAny(k, ":\n") || k == "" || len(p.Values(k)) == 0 {
				t.Fatalf("Keys returned %q", k)
			}
		}
		// Every other name reads the same after Set and Delete of key.
		others := map[string][]string{}
		for _, k := range keys {
			if !carrier.EqualFoldASCII(k, key) {
				others[k] = p.Values(k)
			}
		}
		q := p
		q.Set(key, value)
		representable := key != "" && !strings.ContainsAny(key, ":\r\n") && !strings.ContainsAny(value, "\r\n")
		if representable {
			if d := cmp.Diff([]string{value}, q.Values(key)); d != "" {
				t.Fatalf("after Set(%q, %q), Values (-want +got):\n%s", key, value, d)
			}
		} else if q != p {
			t.Fatalf("Set(%q, %q) of an unrepresentable field changed %q to %q", key, value, p, q)
		}
		q.Delete(key)
		if q.Values(key) != nil {
			t.Fatalf("after Delete(%q), Values = %q", key, q.Values(key))
		}
		for k, want := range others {
			if d := cmp.Diff(want, q.Values(k)); d != "" {
				t.Fatalf("Set and Delete of %q changed %q (-want +got):\n%s", key, k, d)
			}
		}
		// Set is idempotent: the form it writes is a fixed point.
		if representable {
			q.Set(key, value)
			once := q
			q.Set(key, value)
			if q != once {
				t.Fatalf("Set(%q, %q) twice: %q, then %q", key, value, once, q)
			}
		}
		// Through a Batch, the same writes leave the same string.
		direct, batched := p, p
		b := carrier.NewBatch(&batched)
		for _, s := range []carrier.Setter{&direct, b} {
			s.Set(key, value)
			s.(carrier.Deleter).Delete(key)
			s.Set("b3", value)
			s.Set(key, value)
		}
		b.Flush()
		if batched != direct {
			t.Fatalf("on %q, writes of %q, %q through a Batch left %q, not %q", p, key, value, batched, direct)
		}
	})
}
