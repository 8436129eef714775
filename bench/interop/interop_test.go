package interop

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"go.opentelemetry.io/otel/propagation"
)

// header is one header line as received: name and value.
type header = [2]string

// input is one set of header lines fed to both implementations, with where
// it came from (a vector's name, "edge: ...", or "mutation N of ...").
type input struct {
	source  string
	headers []header
}

// key renders the header lines as the knownDivergences key: "name: value"
// lines joined by " | ", with control and non-ASCII bytes escaped and long
// inputs abbreviated to a prefix, their length and a hash, so that the table
// stays readable and stable.
func (in input) key() string {
	var b strings.Builder
	for i, h := range in.headers {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(h[0])
		b.WriteString(": ")
		b.WriteString(h[1])
	}
	s := escape(b.String())
	if len(s) <= 180 {
		return s
	}
	hsh := fnv.New32a()
	hsh.Write([]byte(s))
	return fmt.Sprintf("%s…(%d bytes, fnv %08x)", s[:100], len(s), hsh.Sum32())
}

func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// httpHeader builds the http.Header a server would hand its propagators:
// canonical names, repeated lines in order.
func (in input) httpHeader() http.Header {
	h := make(http.Header)
	for _, l := range in.headers {
		h.Add(l[0], l[1])
	}
	return h
}

// lines returns the values of every header named name, in order.
func (in input) lines(name string) []string {
	var out []string
	for _, h := range in.headers {
		if strings.EqualFold(h[0], name) {
			out = append(out, h[1])
		}
	}
	return out
}

// vectorFile is the part of the testdata schema this package needs; the
// nested module cannot import the core's internal/vectors, so it reads the
// JSON itself.
type vectorFile struct {
	Format string `json:"format"`
	Cases  []struct {
		Name    string   `json:"name"`
		Headers []header `json:"headers"`
		Valid   bool     `json:"valid"`
	} `json:"cases"`
}

// loadVectors returns the distinct header sets of testdata/<name>.json in
// file order, and the valid ones (the seeds for mutation).
func loadVectors(t *testing.T, name string) (all, valid []input) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s.json: no cases", name)
	}
	seen := map[string]bool{}
	for _, c := range f.Cases {
		in := input{source: c.Name, headers: c.Headers}
		if k := in.key(); !seen[k] {
			seen[k] = true
			all = append(all, in)
		}
		if c.Valid && len(c.Headers) > 0 {
			valid = append(valid, in)
		}
	}
	return all, valid
}

// mutationAlphabet holds the bytes a mutation inserts: every delimiter the
// formats use, hex of both cases, a few non-hex letters and OWS.
const mutationAlphabet = "0123456789abcdefABCDEFgxz-:=,;@ \t%._*+"

// mutate returns n distinct header sets derived from seeds by one random
// edit each (replace, delete or insert a byte, upper-case the value,
// truncate, swap two bytes, repeat a slice), with a fixed seed so that the
// set, and so the knownDivergences keys, never change from run to run.
func mutate(seed uint64, seeds []input, n int, exclude []input) []input {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	seen := map[string]bool{}
	for _, in := range exclude {
		seen[in.key()] = true
	}
	var out []input
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		src := seeds[r.IntN(len(seeds))]
		hs := slices.Clone(src.headers)
		i := r.IntN(len(hs))
		v := []byte(hs[i][1])
		if len(v) == 0 {
			continue
		}
		p := r.IntN(len(v))
		c := mutationAlphabet[r.IntN(len(mutationAlphabet))]
		var op string
		switch r.IntN(7) {
		case 0:
			op = "replace"
			v[p] = c
		case 1:
			op = "delete"
			v = slices.Delete(v, p, p+1)
		case 2:
			op = "insert"
			v = slices.Insert(v, p, c)
		case 3:
			op = "upper"
			v = []byte(strings.ToUpper(string(v)))
		case 4:
			op = "truncate"
			v = v[:p]
		case 5:
			op = "swap"
			if p+1 < len(v) {
				v[p], v[p+1] = v[p+1], v[p]
			}
		case 6:
			op = "repeat"
			q := p + r.IntN(len(v)-p) + 1
			v = slices.Insert(v, q, v[p:q]...)
		}
		hs[i][1] = string(v)
		m := input{source: fmt.Sprintf("mutation (%s) of %q", op, src.source), headers: hs}
		if k := m.key(); !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	return out
}

// outcome is what one implementation made of an input, reduced to strings
// so that the two sides compare field by field. Each peer compares only
// the fields it can express (see peer.fields).
type outcome struct {
	Valid       bool
	Panic       string // the peer panicked; counted as a failure to extract
	TraceID     string
	SpanID      string
	ParentID    string
	Sampling    string // deferred, deny, accept or debug
	Random      bool
	Decision    string // the sampling state an invalid context still carries
	TraceState  string
	Baggage     string // members as a map: sorted, last duplicate wins
	Inject      string // normalized headers written when injecting back
	InjectMulti string // the same for B3's multi-header form
	Priority    string // Datadog's exact sampling priority, in decimal
	Origin      string // Datadog's origin
	Tags        string // Datadog's propagated tags as sent, sorted
}

// field returns the named field as text.
func (o outcome) field(name string) string {
	switch name {
	case "valid":
		return fmt.Sprint(o.Valid)
	case "trace_id":
		return o.TraceID
	case "span_id":
		return o.SpanID
	case "parent":
		return o.ParentID
	case "sampling":
		return o.Sampling
	case "random":
		return fmt.Sprint(o.Random)
	case "decision":
		return o.Decision
	case "tracestate":
		return o.TraceState
	case "baggage":
		return o.Baggage
	case "inject":
		return o.Inject
	case "inject_multi":
		return o.InjectMulti
	case "priority":
		return o.Priority
	case "origin":
		return o.Origin
	case "tags":
		return o.Tags
	}
	panic("unknown field " + name)
}

// summary is a one-line description of the outcome for failure messages.
func (o outcome) summary(fields []string) string {
	if o.Panic != "" {
		return "panic: " + o.Panic
	}
	var parts []string
	for _, f := range fields {
		if v := o.field(f); v != "" {
			parts = append(parts, f+"="+v)
		}
	}
	return strings.Join(parts, " ")
}

// diff returns the fields, among those named, on which a and b disagree,
// led by "panic" when the peer b panicked (tracewire never does, and a
// panic is a disagreement even when both reject the input).
// "valid" decides what else is compared: when exactly one side found a
// valid context only validity differs; when neither did, only the decision
// an invalid context carries is compared (where the peer has one); the
// other fields describe a context and are compared when both are valid.
// Baggage has no validity: its runners report every outcome valid.
func diff(a, b outcome, fields []string) []string {
	var out []string
	if b.Panic != "" {
		out = append(out, "panic")
	}
	for _, f := range fields {
		switch f {
		case "valid":
			if a.Valid != b.Valid {
				out = append(out, f)
			}
			continue
		case "decision":
			if a.Valid || b.Valid {
				continue
			}
		default:
			if !a.Valid || !b.Valid {
				continue
			}
		}
		if a.field(f) != b.field(f) {
			out = append(out, f)
		}
	}
	return out
}

// peer is one implementation tracewire is compared with, on one format.
type peer struct {
	name   string   // "otel" or "zipkin"
	fields []string // what it can express and so what is compared
	run    func(input) outcome
}

// peerRuns is how many times a peer runs on an input before the two are
// said to agree.
const peerRuns = 4

// divKey identifies a known divergence: the format, the peer, and the
// input as input.key renders it.
type divKey struct {
	Format, Peer, Input string
}

// reason documents one kind of disagreement; many inputs share one.
type reason struct {
	Tracewire string // what tracewire does
	Peer      string // what the peer does
	Spec      string // the SPEC.md section or spec text that governs it
	Why       string // why tracewire's behaviour is the one we want
}

// known is one knownDivergences entry: the outcome fields that differ
// (comma-separated, in peer.fields order) and why.
type known struct {
	Fields string
	*reason
}

// differential runs every input through tracewire and each peer and checks
// that the disagreements are exactly the knownDivergences of this format.
func differential(t *testing.T, format string, inputs []input, tw func(input) outcome, peers []peer) {
	t.Helper()
	type seenDiv struct {
		fields   string
		in       input
		tw, peer outcome
		p        peer
	}
	seen := map[divKey]seenDiv{}
	for _, p := range peers {
		panicked := map[string]bool{}
		agree := 0
		for _, in := range inputs {
			a := tw(in)
			// A peer may answer differently from run to run (OpenTelemetry
			// drops a random member of over-full baggage), so it gets a few
			// tries to disagree; tracewire is deterministic.
			var b outcome
			var d []string
			for range peerRuns {
				b = runPeer(p, in)
				if b.Panic != "" && !panicked[in.key()] {
					panicked[in.key()] = true
					t.Logf("%s panics on %q: %s", p.name, in.key(), b.Panic)
				}
				if d = diff(a, b, p.fields); len(d) > 0 {
					break
				}
			}
			if len(d) == 0 {
				agree++
				continue
			}
			k := divKey{format, p.name, in.key()}
			if prev, dup := seen[k]; dup {
				t.Fatalf("two inputs render as the same key %q: %q and %q", k.Input, prev.in.source, in.source)
			}
			seen[k] = seenDiv{strings.Join(d, ","), in, a, b, p}
		}
		t.Logf("%s vs %s: %d inputs, %d agree, %d diverge, %d peer panics", format, p.name, len(inputs), agree, len(inputs)-agree, len(panicked))
	}
	var missing []string
	for k, s := range seen {
		want, ok := knownDivergences[k]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("\t{%q, %q, %q}: {%q, &r}, // %s\n\t\t// tracewire: %s\n\t\t// %s: %s",
				k.Format, k.Peer, k.Input, s.fields, s.in.source,
				s.tw.summary(s.p.fields), k.Peer, s.peer.summary(s.p.fields)))
		case want.Fields != s.fields:
			t.Errorf("%s vs %s on %q (%s): fields %q differ, table says %q\n\ttracewire: %s\n\t%s: %s",
				k.Format, k.Peer, k.Input, s.in.source, s.fields, want.Fields,
				s.tw.summary(s.p.fields), k.Peer, s.peer.summary(s.p.fields))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("%d disagreements not in knownDivergences (a tracewire bug, or a choice to document):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}
	for k := range knownDivergences {
		if k.Format != format {
			continue
		}
		if _, ok := seen[k]; !ok {
			t.Errorf("knownDivergences lists %s vs %s on %q, but they now agree (or the input is gone): remove the entry", k.Format, k.Peer, k.Input)
		}
	}
}

// runPeer runs p on in, turning a panic into a failed extraction.
func runPeer(p peer, in input) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = outcome{Panic: fmt.Sprint(r)}
		}
	}()
	return p.run(in)
}

// mapCarrier is a plain carrier for injection with lowercase names; it has
// the method sets of both tracewire's and OpenTelemetry's carriers.
type mapCarrier map[string]string

func (m mapCarrier) Get(k string) string { return m[strings.ToLower(k)] }
func (m mapCarrier) Set(k, v string)     { m[strings.ToLower(k)] = v }
func (m mapCarrier) Keys() []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// String renders the injected headers sorted by name: "name: value; ...".
func (m mapCarrier) String() string {
	ks := m.Keys()
	sort.Strings(ks)
	var b strings.Builder
	for i, k := range ks {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(k + ": " + m[k])
	}
	return b.String()
}

// headerString is mapCarrier.String for an http.Header.
func headerString(h http.Header) string {
	m := mapCarrier{}
	for k, v := range h {
		m.Set(k, strings.Join(v, ","))
	}
	return m.String()
}

// normalizeBaggage reads an injected baggage header into a sorted list of
// decoded members (duplicates kept), so that two encoders compare on what
// they say rather than on member order or optional percent-encoding.
func normalizeBaggage(h string) string {
	if h == "" {
		return ""
	}
	var ms []string
	for _, m := range strings.Split(h, ",") {
		var kv []string
		for _, p := range strings.Split(strings.TrimSpace(m), ";") {
			k, v, hasV := strings.Cut(strings.TrimSpace(p), "=")
			k = strings.TrimSpace(k)
			if !hasV {
				kv = append(kv, k)
				continue
			}
			dv, err := url.PathUnescape(strings.TrimSpace(v))
			if err != nil {
				dv = "!" + v
			}
			dv = validUTF8(dv)
			kv = append(kv, fmt.Sprintf("%s=%q", k, dv))
		}
		ms = append(ms, strings.Join(kv, ";"))
	}
	sort.Strings(ms)
	return strings.Join(ms, ",")
}

// propagationHeader is the carrier an OpenTelemetry server hands its
// propagators.
func propagationHeader(in input) propagation.HeaderCarrier {
	return propagation.HeaderCarrier(in.httpHeader())
}

// withHeader returns the inputs that have a line named name, in order.
func withHeader(ins []input, name string) []input {
	var out []input
	for _, in := range ins {
		if len(in.lines(name)) > 0 {
			out = append(out, in)
		}
	}
	return out
}

// merge concatenates input lists, dropping any input whose key an earlier
// one already has (an edge case the vectors came to hold as well).
func merge(lists ...[]input) []input {
	seen := map[string]bool{}
	var out []input
	for _, l := range lists {
		for _, in := range l {
			if k := in.key(); !seen[k] {
				seen[k] = true
				out = append(out, in)
			}
		}
	}
	return out
}

// validUTF8 replaces each byte that does not start a valid UTF-8 sequence
// with U+FFFD, as W3C Baggage asks of a decoder, so that an encoder that
// forwards "%FF" and one that re-encodes U+FFFD compare equal.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
