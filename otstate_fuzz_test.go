package tracewire

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// otSlow is a straightforward second reading of the "ot" member grammar,
// written from the specification with strings.Split and strconv, against
// which the one-pass parser is checked.
type otSlow struct {
	view      otView
	errKind   ErrorKind
	errOffset int
	ok        bool // no grammar error: view is meaningful
}

func parseOTelSlow(s string) otSlow {
	fail := func(k ErrorKind, at int) otSlow { return otSlow{errKind: k, errOffset: at} }
	if s == "" {
		return fail(ErrEmpty, 0)
	}
	if len(s) > 256 {
		return fail(ErrTooLong, 256)
	}
	var (
		out        otSlow
		kept       []string
		seen       = map[string]bool{}
		firstFault = func(k ErrorKind, at int) {
			if out.errKind == 0 {
				out.errKind, out.errOffset = k, at
			}
		}
		isHex = func(v string) int { // index of the first non-lowercase-hex byte, or -1
			for i := 0; i < len(v); i++ {
				if !strings.ContainsRune("0123456789abcdef", rune(v[i])) {
					return i
				}
			}
			return -1
		}
	)
	off := 0
	for _, item := range strings.Split(s, ";") {
		if item == "" {
			return fail(ErrMember, off)
		}
		colon := strings.IndexByte(item, ':')
		key := item
		if colon >= 0 {
			key = item[:colon]
		}
		for i := 0; i < len(key); i++ {
			c := key[i]
			if !('a' <= c && c <= 'z' || i > 0 && '0' <= c && c <= '9') {
				return fail(ErrKey, off+i)
			}
		}
		if key == "" {
			return fail(ErrKey, off)
		}
		if colon < 0 {
			return fail(ErrDelimiter, off+len(item))
		}
		value := item[colon+1:]
		for i := 0; i < len(value); i++ {
			c := value[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
				return fail(ErrValue, off+colon+1+i)
			}
		}
		if seen[key] {
			return fail(ErrKey, off)
		}
		seen[key] = true
		vOff := off + colon + 1
		switch key {
		case "th":
			if i := isHex(value); value == "" || len(value) > 14 {
				firstFault(ErrLength, vOff+min(len(value), 14))
			} else if i >= 0 {
				firstFault(ErrValue, vOff+i)
			} else {
				t, _ := strconv.ParseUint(value+strings.Repeat("0", 14-len(value)), 16, 64)
				out.view.Th, out.view.HasTh = t, true
				kept = append(kept, item)
			}
		case "rv":
			if i := isHex(value); len(value) != 14 {
				firstFault(ErrLength, vOff+min(len(value), 14))
			} else if i >= 0 {
				firstFault(ErrValue, vOff+i)
			} else {
				out.view.Rv, _ = strconv.ParseUint(value, 16, 64)
				out.view.HasRv = true
			}
			kept = append(kept, item)
		default:
			kept = append(kept, item)
		}
		off += len(item) + 1
	}
	out.view.Text = strings.Join(kept, ";")
	out.ok = true
	return out
}

// FuzzOTelState checks the "ot" member parser: it never panics or
// allocates, agrees with the slow reading above (validity, error kind and
// offset, threshold, randomness, text), its text is a fixed point, and
// every builder keeps what it does not change.
func FuzzOTelState(f *testing.F) {
	for _, v := range loadOTVectors(f) {
		f.Add(v.Value, uint64(0xc0000000000000))
	}
	f.Add("rv:9b8233f7e3a151;th:c;foo:bar", uint64(0))
	f.Add("a:1;th:8;b:2", uint64(1<<56-1))
	f.Add("a:1;rv:zz;th:;b:2", uint64(1<<56))
	// An error past the interned offsets is a fresh value each time.
	f.Add("a:"+strings.Repeat("x", 260), uint64(0))
	f.Fuzz(func(t *testing.T, s string, th uint64) {
		o, err := ParseOTelState(s)
		slow := parseOTelSlow(s)

		// Fast path = slow path.
		var wantErr error
		if slow.errKind != 0 {
			wantErr = errOTel.At(slow.errKind, slow.errOffset)
		}
		if !sameErr(err, wantErr) {
			t.Fatalf("%q: error %v, slow reading %v", s, err, wantErr)
		}
		if !slow.ok {
			if o != (OTelState{}) {
				t.Fatalf("%q: grammar error %v but state %q", s, err, o.String())
			}
			return
		}
		if diff := cmp.Diff(slow.view, otViewOf(o)); diff != "" {
			t.Fatalf("%q (-slow +fast):\n%s", s, diff)
		}
		if n := testing.AllocsPerRun(1, func() { _, _ = ParseOTelState(s) }); n != 0 {
			t.Fatalf("%q: parse allocated %v times", s, n)
		}

		// Round trip and fixed point: the text parses to the same state
		// (a malformed rv, kept, is reported again) and prints the same.
		text := o.String()
		if b, _ := o.AppendText(nil); string(b) != text {
			t.Fatalf("AppendText %q, String %q", b, text)
		}
		if text != "" {
			o2, _ := ParseOTelState(text)
			if otViewOf(o2) != otViewOf(o) {
				t.Fatalf("%q: text %q reads back as %+v", s, text, otViewOf(o2))
			}
			for it, more := o.first(); more; it, more = o.next(it) {
				if v, ok := o2.Get(it.key); !ok || v != it.value {
					t.Fatalf("%q: item %s:%s lost in %q", s, it.key, it.value, text)
				}
			}
		}

		// The builders change only what they say.
		without := o.WithoutThreshold()
		if _, has := without.Threshold(); has || strings.Contains(";"+without.String(), ";th:") {
			t.Fatalf("%q: WithoutThreshold left %q", s, without.String())
		}
		withTh, errTh := o.WithThreshold(th)
		switch {
		case th >= 1<<56:
			if errTh == nil || withTh != o {
				t.Fatalf("%q: threshold %#x accepted", s, th)
			}
		case errTh != nil:
			if withTh != o || len(text)+len("th:00000000000000;") <= 256 {
				t.Fatalf("%q: WithThreshold(%#x): %v", s, th, errTh)
			}
		default:
			back, _ := ParseOTelState(withTh.String())
			got := otViewOf(back)
			want := otViewOf(o)
			want.Th, want.HasTh, want.Text = th, true, got.Text
			if got != want {
				t.Fatalf("%q: WithThreshold(%#x) = %q, reads as %+v", s, th, withTh.String(), got)
			}
			for it, more := o.first(); more; it, more = o.next(it) {
				if v, ok := back.Get(it.key); it.key != "th" && (!ok || v != it.value) {
					t.Fatalf("%q: WithThreshold lost %s:%s: %q", s, it.key, it.value, withTh.String())
				}
			}
		}

		// Inside a tracestate, the member reads and writes the same. (A
		// "," would split it into members, and trailing spaces are OWS.)
		if strings.ContainsRune(s, ',') || strings.TrimRight(s, " ") != s {
			return
		}
		if ts, tsErr := ParseTraceState("a=1,ot=" + s); tsErr == nil {
			o3, err3 := ts.OTelState()
			if o3 != o || !sameErr(err3, err) {
				t.Fatalf("%q: in a tracestate %q, %v", s, o3.String(), err3)
			}
			if got, _ := ts.WithOTelState(o).Get("ot"); got != text {
				t.Fatalf("%q: WithOTelState wrote %q, want %q", s, got, text)
			}
		}
	})
}
