package datadog

import (
	"strings"
	"testing"
)

// FuzzParseID checks that parseID's unbounded loop for up to twenty digits
// agrees with decimal.Scan's bounded one on every input: value and error
// offset.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{
		"", "0", "1", "-1", "-", "+1", "12a", "a", " 1",
		"1844674407370955161", "18446744073709551615", "18446744073709551616", "18446744073709551619",
		"18446744073709551620", "99999999999999999999", "1844674407370955161x", "184467440737095516150",
		"00000000000000000001", "00000000000000000000", "-9223372036854775808", "-9223372036854775809",
		"11803532876627986230", strings.Repeat("9", 19), strings.Repeat("0", 25) + "1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, at := parseID(s)
		wn, wat := scanID(s)
		if n != wn || at != wat {
			t.Fatalf("parseID(%q) = %d, %d; decimal.Scan path %d, %d", s, n, at, wn, wat)
		}
	})
}

// TestCheckTagsRepeats: checkTags finds a key given twice wherever the two
// lie, whether or not other keys share their length and last byte (which
// is all its one-pass filter looks at), and finds _dd.p.tid in the same
// pass.
func TestCheckTagsRepeats(t *testing.T) {
	type result struct{ At, Tid, TidEnd int }
	for _, tc := range []struct {
		in   string
		want result
	}{
		{"a=1,b=2,a=3", result{8, -1, -1}},
		{"ab=1,cb=2,db=3", result{-1, -1, -1}},
		{"ab=1,cb=2,ab=3", result{10, -1, -1}},
		{"_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6", result{-1, 22, 38}},
		{"_dd.p.tid=4bf92f3577b34da6,_dd.p.dm=-4", result{-1, 10, 26}},
		{"_dd.p.tid=1,x=2,_dd.p.tid=3", result{16, -1, -1}},
		{"k1=a,k2=b,k3=c,k4=d,k5=e,k6=f,k7=g,k8=h,k9=i,k1=j", result{45, -1, -1}},
	} {
		_, at, tid, tidEnd := checkTags(tc.in)
		if got := (result{at, tid, tidEnd}); got != tc.want {
			t.Errorf("checkTags(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// FuzzTIDFits checks tidFits, which finds _dd.p.tid with strings.Index and
// compares its digits as text, against walking the tags and parsing the
// value, on well-formed tags and high halves that do and do not match.
func FuzzTIDFits(f *testing.F) {
	for _, s := range []string{
		"", "_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6", "_dd.p.tid=4bf92f3577b34da6", "_dd.p.tid=4BF92F3577B34DA6",
		"_dd.p.tid=0000000000000000", "_dd.p.tid=4bf92f3577b34da", "_dd.p.tid=4bf92f3577b34da6x",
		"a=x_dd.p.tid=4bf92f3577b34da6", "a=x_dd.p.tid=1,_dd.p.tid=4bf92f3577b34da6", "x_dd.p.tid=4bf92f3577b34da6",
		"_dd.p.tidx=4bf92f3577b34da6", "a=_dd.p.tid=4bf92f3577b34da6",
	} {
		f.Add(s, uint64(0x4bf92f3577b34da6), true)
		f.Add(s, uint64(0), false)
	}
	f.Fuzz(func(t *testing.T, tags string, h uint64, fromTags bool) {
		if kind, _, _, _ := checkTags(tags); kind != 0 {
			return // tidFits is only ever given well-formed tags
		}
		var high [8]byte
		for i := range high {
			high[i] = byte(h >> (56 - 8*i))
		}
		want := func() bool {
			for it := (tagIter{s: tags}); ; {
				k, v, _, ok := it.next()
				if !ok {
					return high == [8]byte{}
				}
				if k == tagTID {
					tid, kind, _ := parseTID(v)
					return kind == 0 && tid == high && high != [8]byte{}
				}
			}
		}
		if fromTags {
			// The high half the tags state, if they state one.
			for it := (tagIter{s: tags}); ; {
				k, v, _, ok := it.next()
				if !ok {
					break
				}
				if k == tagTID {
					high, _, _ = parseTID(v)
					break
				}
			}
		}
		if got, w := tidFits(tags, high), want(); got != w {
			t.Fatalf("tidFits(%q, %x) = %v, walking and parsing %v", tags, high, got, w)
		}
	})
}
