package carrier_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// Stand-ins with the shapes of the clients' header records:
// kafka-go's and confluent-kafka-go's kafka.Header and franz-go's
// kgo.RecordHeader (string key), and sarama.RecordHeader ([]byte key).
type (
	kafkaHeader struct {
		Key   string
		Value []byte
	}
	saramaHeader struct {
		Key, Value []byte
	}
)

// Every shape satisfies both interfaces and the Deleter.
var (
	_ carrier.ValuesGetter = carrier.KafkaHeaders[kafkaHeader]{}
	_ carrier.Deleter      = carrier.KafkaHeaders[kafkaHeader]{}
	_ carrier.ValuesGetter = carrier.SaramaHeaders[saramaHeader]{}
	_ carrier.Deleter      = carrier.SaramaHeaders[saramaHeader]{}
	_ carrier.ValuesGetter = carrier.SaramaHeaderPtrs[saramaHeader]{}
	_ carrier.Deleter      = carrier.SaramaHeaderPtrs[saramaHeader]{}
)

type pair struct{ K, V string }

type listCarrier interface {
	carrier.ValuesGetter
	carrier.Deleter
}

// A listShape builds one client's header list from pairs and returns a
// carrier over it, a function that reads the list back as pairs, and one
// that reports whether any memory the original list held (its backing
// array up to its capacity, every record, every key and value byte) has
// changed since.
type listShape struct {
	name string
	of   func(ps []pair) (c listCarrier, read func() []pair, changed func() string)
}

var listShapes = []listShape{
	{"kafka", func(ps []pair) (listCarrier, func() []pair, func() string) {
		list := make([]kafkaHeader, len(ps), len(ps)+4) // spare capacity an append could write into
		for i, p := range ps {
			list[i] = kafkaHeader{p.K, []byte(p.V)}
		}
		full := list[:cap(list)]
		saved := deepCopy(full, func(h kafkaHeader) kafkaHeader {
			return kafkaHeader{h.Key, clone(h.Value)}
		})
		read := func() []pair {
			var out []pair
			for _, h := range list {
				out = append(out, pair{h.Key, string(h.Value)})
			}
			return out
		}
		return carrier.KafkaHeadersOf(&list), read, func() string { return cmp.Diff(saved, full) }
	}},
	{"sarama", func(ps []pair) (listCarrier, func() []pair, func() string) {
		list := make([]saramaHeader, len(ps), len(ps)+4)
		for i, p := range ps {
			list[i] = saramaHeader{[]byte(p.K), []byte(p.V)}
		}
		full := list[:cap(list)]
		saved := deepCopy(full, func(h saramaHeader) saramaHeader {
			return saramaHeader{clone(h.Key), clone(h.Value)}
		})
		read := func() []pair {
			var out []pair
			for _, h := range list {
				out = append(out, pair{string(h.Key), string(h.Value)})
			}
			return out
		}
		return carrier.SaramaHeadersOf(&list), read, func() string { return cmp.Diff(saved, full) }
	}},
	{"sarama pointers", func(ps []pair) (listCarrier, func() []pair, func() string) {
		list := make([]*saramaHeader, len(ps), len(ps)+4)
		for i, p := range ps {
			list[i] = &saramaHeader{[]byte(p.K), []byte(p.V)}
		}
		full := list[:cap(list)]
		// The pointers themselves, and copies of what they point at.
		savedPtrs := append([]*saramaHeader(nil), full...)
		saved := deepCopy(full, func(h *saramaHeader) *saramaHeader {
			if h == nil {
				return nil
			}
			return &saramaHeader{clone(h.Key), clone(h.Value)}
		})
		read := func() []pair {
			var out []pair
			for _, h := range list {
				out = append(out, pair{string(h.Key), string(h.Value)})
			}
			return out
		}
		changed := func() string {
			for i := range full {
				if full[i] != savedPtrs[i] {
					return "a pointer in the backing array changed"
				}
			}
			return cmp.Diff(saved, full)
		}
		return carrier.SaramaHeaderPtrsOf(&list), read, changed
	}},
}

func deepCopy[T any](s []T, f func(T) T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

var kafkaList = []pair{
	{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
	{"Tracestate", "rojo=1"},
	{"app", "x"},
	{"tracestate", "congo=2"},
	{"uberctx-user", "alice"},
	{"Empty", ""},
	{"TRACESTATE", "third=3"},
	{"k", "kelvin"},
}

func TestHeaderListsRead(t *testing.T) {
	tests := []readCase{
		{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
		// Repeated keys, in record order, in any case.
		{"tracestate", "rojo=1", []string{"rojo=1", "congo=2", "third=3"}},
		{"TraceState", "rojo=1", []string{"rojo=1", "congo=2", "third=3"}},
		{"uberctx-user", "alice", []string{"alice"}},
		{"empty", "", []string{""}},
		{"baggage", "", nil},
		{"", "", nil},
		// ASCII folding only: the Kelvin sign is not "k".
		{"\u212a", "", nil},
		{"K", "kelvin", []string{"kelvin"}},
	}
	for _, sh := range listShapes {
		c, _, _ := sh.of(kafkaList)
		checkReads(t, sh.name, c, tests)
		want := []string{"traceparent", "Tracestate", "app", "tracestate", "uberctx-user", "Empty", "TRACESTATE", "k"}
		if d := cmp.Diff(want, c.Keys()); d != "" {
			t.Errorf("%s: Keys (-want +got):\n%s", sh.name, d)
		}
	}
}

func TestHeaderListsWrite(t *testing.T) {
	tests := []struct {
		name string
		in   []pair
		do   func(c listCarrier)
		want []pair
	}{
		{
			name: "set replaces every record of the key, in any case, and appends",
			in:   kafkaList[:4],
			do:   func(c listCarrier) { c.Set("tracestate", "new=1") },
			want: []pair{{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, {"app", "x"}, {"tracestate", "new=1"}},
		},
		{
			name: "set of a new key appends",
			in:   []pair{{"app", "x"}},
			do:   func(c listCarrier) { c.Set("baggage", "k=v") },
			want: []pair{{"app", "x"}, {"baggage", "k=v"}},
		},
		{
			name: "set into an empty list",
			in:   nil,
			do: func(c listCarrier) {
				c.Set("traceparent", "tp")
				c.Set("tracestate", "a=1")
				c.Set("traceparent", "tp2")
			},
			want: []pair{{"tracestate", "a=1"}, {"traceparent", "tp2"}},
		},
		{
			name: "delete removes every record of the key",
			in:   kafkaList[:4],
			do:   func(c listCarrier) { c.Delete("TRACESTATE") },
			want: []pair{{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, {"app", "x"}},
		},
		{
			name: "delete of an absent key changes nothing",
			in:   []pair{{"app", "x"}},
			do:   func(c listCarrier) { c.Delete("b3") },
			want: []pair{{"app", "x"}},
		},
	}
	for _, sh := range listShapes {
		for _, tt := range tests {
			c, read, changed := sh.of(tt.in)
			tt.do(c)
			if d := cmp.Diff(tt.want, read()); d != "" {
				t.Errorf("%s: %s (-want +got):\n%s", sh.name, tt.name, d)
			}
			if d := changed(); d != "" {
				t.Errorf("%s: %s: the caller's memory changed:\n%s", sh.name, tt.name, d)
			}
		}
	}
}

// TestHeaderListsSetFresh: the record Set appends shares no bytes with
// the value it was given or with other records, so a later Set cannot
// reach into a message already handed to the client.
func TestHeaderListsSetFresh(t *testing.T) {
	var list []kafkaHeader
	c := carrier.KafkaHeadersOf(&list)
	c.Set("traceparent", "one")
	first := list
	c.Set("traceparent", "two")
	if string(first[0].Value) != "one" {
		t.Errorf("a second Set changed the first list: %q", first[0].Value)
	}
	if d := cmp.Diff([]kafkaHeader{{"traceparent", []byte("two")}}, list); d != "" {
		t.Errorf("list (-want +got):\n%s", d)
	}
}

func TestHeaderListsZero(t *testing.T) {
	for _, c := range []listCarrier{
		carrier.KafkaHeaders[kafkaHeader]{},
		carrier.KafkaHeadersOf[kafkaHeader](nil),
		carrier.SaramaHeaders[saramaHeader]{},
		carrier.SaramaHeaderPtrs[saramaHeader]{},
	} {
		c.Set("traceparent", "x")
		c.Delete("traceparent")
		if c.Get("traceparent") != "" || c.Values("traceparent") != nil || len(c.Keys()) != 0 {
			t.Errorf("%T: a zero carrier is not empty", c)
		}
	}
}

func TestSaramaHeaderPtrsNil(t *testing.T) {
	list := []*saramaHeader{nil, {[]byte("traceparent"), []byte("tp")}, nil}
	c := carrier.SaramaHeaderPtrsOf(&list)
	if got := c.Get("traceparent"); got != "tp" {
		t.Errorf("Get = %q", got)
	}
	if d := cmp.Diff([]string{"traceparent"}, c.Keys()); d != "" {
		t.Errorf("Keys (-want +got):\n%s", d)
	}
	c.Set("traceparent", "new")
	if len(list) != 3 || list[0] != nil || list[1] != nil || string(list[2].Value) != "new" {
		t.Errorf("Set kept the nil records in place and appended: got %v", list)
	}
}

func TestHeaderListsAllocs(t *testing.T) {
	for _, sh := range listShapes {
		c, _, _ := sh.of(kafkaList)
		var g carrier.Getter = c
		if n := testing.AllocsPerRun(100, func() {
			_ = g.Get("b3")
			_ = g.Get("x-b3-traceid")
			_ = g.Get("uber-trace-id")
			_ = g.Get("empty")
		}); n != 0 {
			t.Errorf("%s: Get of absent and empty keys allocates %v times, want 0", sh.name, n)
		}
		// A []byte value becomes a string by one copy, and only that.
		if n := testing.AllocsPerRun(100, func() { _ = g.Get("traceparent") }); n != 1 {
			t.Errorf("%s: Get of a present key allocates %v times, want 1", sh.name, n)
		}
		// Values: the slice, once, and a string per value; nothing when absent.
		if n := testing.AllocsPerRun(100, func() { _ = c.Values("tracestate") }); n != 4 {
			t.Errorf("%s: Values of three records allocates %v times, want 4", sh.name, n)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.Values("b3") }); n != 0 {
			t.Errorf("%s: Values of an absent key allocates %v times, want 0", sh.name, n)
		}
	}
}
