package tracewire

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"testing"
)

// The tests below check the eight-bytes-at-a-time code of
// tracestate_scan.go against byte-at-a-time classes written from the
// grammar of SPEC.md §3, for every byte value in every lane of a word.

// refKeyChar reports whether c may follow the first byte of a Level 2
// key: lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@".
func refKeyChar(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("_-*/@", c) >= 0
}

// refKeyFirst reports whether c may start a Level 2 key: lcalpha / DIGIT.
func refKeyFirst(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// refValueChar reports whether c is an nblk-chr, %x21-2B / %x2D-3C /
// %x3E-7E: a value byte other than the space, which the eight-byte scan
// leaves to the general code.
func refValueChar(c byte) bool { return 0x21 <= c && c <= 0x7e && c != ',' && c != '=' }

// laneFills are the bytes the seven other lanes hold while one lane takes
// every value: all the same byte (valid or not in a key or a value), and
// mixtures that put a byte from 0x80 up, whose carry the classifiers
// tolerate only above the lowest flagged lane, beside the lane under test.
var laneFills = []string{
	"aaaaaaaa", "zzzzzzzz", "00000000", "99999999", "________", "@@@@@@@@", "////////",
	"~~~~~~~~", "!!!!!!!!", "AAAAAAAA", "        ", "\t\t\t\t\t\t\t\t", ",,,,,,,,",
	"========", "\x00\x00\x00\x00\x00\x00\x00\x00", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
	"\x80\x80\x80\x80\x80\x80\x80\x80", "\xff\xff\xff\xff\xff\xff\xff\xff",
	"a0_-*/@z", "k=v,k=v ", "\xff\x80\x7f\x00 ,=@", "a\xffb\x80c\x7fd\x00", "\x80a\x80a\x80a\x80a",
}

// checkLanes compares a classifier with its byte-at-a-time reference for
// every byte value in every lane of every fill. The classifier sets the
// top bit of each lane it rejects; it must be exact in every lane while
// all eight bytes are below 0x80, and otherwise in its lowest flagged
// lane, the one its callers read.
func checkLanes(t *testing.T, name string, classify func(uint64) uint64, ok func(byte) bool) {
	t.Helper()
	fails := 0
	for _, fill := range laneFills {
		for lane := range 8 {
			for c := range 256 {
				var w [8]byte
				copy(w[:], fill)
				w[lane] = byte(c)
				x := binary.LittleEndian.Uint64(w[:])
				got := classify(x)
				var want uint64
				ascii := true
				for i, b := range w {
					if !ok(b) {
						want |= 0x80 << (8 * i)
					}
					ascii = ascii && b < 0x80
				}
				bad := got&^high8 != 0 ||
					ascii && got != want ||
					bits.TrailingZeros64(got)>>3 != bits.TrailingZeros64(want)>>3
				if bad {
					if fails++; fails <= 10 {
						t.Errorf("%s(% x) = %#016x, want %#016x (exact lanes: ascii %v)", name, w, got, want, ascii)
					}
				}
			}
		}
	}
	if fails > 0 {
		t.Errorf("%s: %d words differ from the reference", name, fails)
	}
}

func TestBadValue8EveryByte(t *testing.T) { checkLanes(t, "badValue8", badValue8, refValueChar) }

func TestBadKey8EveryByte(t *testing.T) { checkLanes(t, "badKey8", badKey8, refKeyChar) }

// TestClassTable checks the byte table the member scan uses beside the
// eight-byte classifiers against the same references.
func TestClassTable(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := uint8(0)
		if refKeyFirst(b) {
			want |= clKeyFirst
		}
		if refKeyChar(b) {
			want |= clKey
		}
		if refValueChar(b) {
			want |= clValue
		}
		if tsClass[b] != want {
			t.Errorf("tsClass[%#02x] = %03b, want %03b", b, tsClass[b], want)
		}
	}
}

// refScanMember is scanMember one byte at a time: a key of 1 to 256 key
// bytes starting with a letter or digit, "=", a value of 1 to 256
// nblk-chrs, then "," or the end.
func refScanMember(s string, i int) (eq, end int, ok bool) {
	if i >= len(s) || !refKeyFirst(s[i]) {
		return 0, 0, false
	}
	j := i + 1
	for j < len(s) && refKeyChar(s[j]) {
		j++
	}
	if j == len(s) || s[j] != '=' || j-i > tsMaxKey {
		return 0, 0, false
	}
	eq = j
	for j++; j < len(s) && refValueChar(s[j]); j++ {
	}
	if j == eq+1 || j-eq-1 > tsMaxValue || j < len(s) && s[j] != ',' {
		return 0, 0, false
	}
	return eq, j, true
}

// TestScanMemberEveryByte puts every byte value at every position of
// members whose key and value end in each lane of the eight-byte loads,
// with and without a following member, and compares scanMember with the
// byte-at-a-time reference; an accepted member's fingerprint must be
// keyPrint of its key, whichever path computed it.
func TestScanMemberEveryByte(t *testing.T) {
	var members []string
	for kn := 1; kn <= 18; kn++ {
		for _, vn := range []int{1, 2, 7, 8, 9, 15, 16, 17} {
			members = append(members, strings.Repeat("k", kn)+"="+strings.Repeat("v", vn))
		}
	}
	fails := 0
	for _, m := range members {
		for _, tail := range []string{"", ",b=1", ",b=1,c=22222222"} {
			buf := []byte(m + tail)
			for pos := range len(m) + 1 {
				if pos == len(buf) {
					continue
				}
				for c := range 256 {
					old := buf[pos]
					buf[pos] = byte(c)
					s := string(buf)
					buf[pos] = old
					eq, end, print, ok := scanMember(s, 0)
					weq, wend, wok := refScanMember(s, 0)
					var wprint uint64
					if wok {
						wprint = keyPrint(s, 0, weq)
					}
					if eq != weq || end != wend || ok != wok || print != wprint {
						if fails++; fails <= 10 {
							t.Errorf("scanMember(%q) = %d, %d, %#x, %v; want %d, %d, %#x, %v", s, eq, end, print, ok, weq, wend, wprint, wok)
						}
					}
				}
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d scans differ from the reference", fails)
	}
}

// keyAlphabet is every byte a key may hold after its first.
const keyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@"

// keyOfLen returns a key of n bytes made of varied key bytes.
func keyOfLen(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = keyAlphabet[(7*i+3)%36] // letters and digits only
	}
	return string(b)
}

var printLens = []int{1, 2, 7, 8, 9, 15, 16, 17, 24, 33, 255, 256}

// TestKeyPrintEqualKeys: a key has the same fingerprint wherever it
// stands, whatever follows it, and whether scanMember or keyPrint (near
// the end of the text or with eight bytes to spare) computed it.
func TestKeyPrintEqualKeys(t *testing.T) {
	for _, n := range printLens {
		k := keyOfLen(n)
		want := keyPrint(k, 0, n) // the key is the whole text: the short path
		for _, pre := range []string{"", "a=1,", "xyz=abcdefgh,"} {
			for _, post := range []string{"", "=1", "=12345678", "=1,b=2", "\xff\xff\xff\xff\xff\xff\xff\xff"} {
				s := pre + k + post
				if got := keyPrint(s, len(pre), len(pre)+n); got != want {
					t.Errorf("keyPrint of %d-byte key in %q = %#x, want %#x", n, s, got, want)
				}
				if post == "" || post[0] != '=' {
					continue
				}
				if _, _, got, ok := scanMember(s, len(pre)); !ok || got != want {
					t.Errorf("scanMember of %d-byte key in %q: print %#x, ok %v; want %#x", n, s, got, ok, want)
				}
			}
		}
	}
}

// TestKeyPrintOneByteApart changes every byte of keys of every length to
// every other key byte. Keys of up to seven bytes are their own print, so
// every change must show in it; longer keys are summarised by their first
// and last eight bytes, so a change elsewhere collides by design, and the
// key set must then tell the keys apart by comparing them in full. Both
// must also come through a parse: two keys one byte apart are two
// members, the same key twice is one.
func TestKeyPrintOneByteApart(t *testing.T) {
	collisions := 0
	for _, n := range printLens {
		k := keyOfLen(n)
		p := keyPrint(k, 0, n)
		var set tsKeySet
		set.prints[0], set.keys[0] = p, k
		for pos := range n {
			for _, c := range []byte(keyAlphabet) {
				if c == k[pos] || pos == 0 && !refKeyFirst(c) {
					continue
				}
				b := []byte(k)
				b[pos] = c
				k2 := string(b)
				p2 := keyPrint(k2, 0, n)
				switch {
				case n < 8 && p2 == p:
					t.Fatalf("keys %q and %q have the same print %#x", k, k2, p)
				case n > 16 && pos >= 8 && pos < n-8 && p2 != p:
					t.Fatalf("keys %q and %q differ only in the middle, yet prints %#x, %#x differ: the print reads more than its documented bytes", k, k2, p, p2)
				case p2 == p:
					collisions++
				}
				if set.seen(1, p2, k2) {
					t.Fatalf("key set took %q for %q (prints %#x, %#x)", k2, k, p2, p)
				}
				if !set.seen(1, p, k) {
					t.Fatalf("key set lost %q", k)
				}
				for _, sep := range []string{",", ", ", " ,\t"} {
					ts, err := ParseTraceState(k + "=1" + sep + k2 + "=2" + sep + k + "=3")
					if err != nil || ts.Len() != 2 {
						t.Fatalf("%q then %q: Len %d, %v; want 2 members", k, k2, ts.Len(), err)
					}
					if v, _ := ts.Get(k); v != "1" {
						t.Fatalf("%q then %q: Get(%q) = %q, want the first occurrence", k, k2, k, v)
					}
					if v, _ := ts.Get(k2); v != "2" {
						t.Fatalf("%q then %q: Get(%q) = %q", k, k2, k2, v)
					}
				}
			}
		}
	}
	if collisions == 0 {
		t.Fatal("no key pair shared a print: the full comparison was never exercised")
	}
}

// TestKeySetFilterHits parses lists whose distinct keys all fall on one
// bit of the key set's 256-bit filter, so that every key after the first
// is a filter hit that only the comparison of prints and keys can clear.
// All must be kept, and a repeat of any of them dropped.
func TestKeySetFilterHits(t *testing.T) {
	var set tsKeySet
	var byBit [256][]string // keys by the filter bit their print sets
	for _, a := range keyAlphabet[:36] {
		for _, b := range keyAlphabet {
			k := string(a) + string(b)
			w, bit := set.bit(keyPrint(k, 0, len(k)))
			for i := range set.filter {
				if w == &set.filter[i] {
					n := 64*i + bits.TrailingZeros64(bit)
					byBit[n] = append(byBit[n], k)
				}
			}
		}
	}
	var keys []string
	for _, ks := range byBit {
		if len(ks) > len(keys) {
			keys = ks
		}
	}
	if len(keys) < 8 {
		t.Fatalf("only %d keys share a filter bit", len(keys))
	}
	keys = keys[:min(len(keys), tsMaxMembers-1)]
	var list []string
	for i, k := range keys {
		list = append(list, k+"="+string(keyAlphabet[i%36]))
	}
	list = append(list, keys[len(keys)/2]+"=dup")
	ts, err := ParseTraceState(strings.Join(list, ","))
	if err != nil || ts.Len() != len(keys) {
		t.Fatalf("%d keys on one filter bit: Len %d, %v", len(keys), ts.Len(), err)
	}
	for i, k := range keys {
		if v, ok := ts.Get(k); !ok || v != string(keyAlphabet[i%36]) {
			t.Fatalf("Get(%q) = %q, %v", k, v, ok)
		}
	}
}
