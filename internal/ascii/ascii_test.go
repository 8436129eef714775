package ascii

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/internal/inlinetest"
)

// TestIsTokenCharEveryByte checks the bit map against the RFC 9110 tchar
// list spelled out, for all 256 bytes.
func TestIsTokenCharEveryByte(t *testing.T) {
	const tchars = "!#$%&'*+-.^_`|~0123456789" +
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	for c := range 256 {
		want := strings.IndexByte(tchars, byte(c)) >= 0
		if got := IsTokenChar(byte(c)); got != want {
			t.Errorf("IsTokenChar(%#02x) = %v, want %v", c, got, want)
		}
	}
}

func TestClassesEveryByte(t *testing.T) {
	const upper, lower = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
	for c := range 256 {
		b := byte(c)
		if got, want := IsUpper(b), strings.IndexByte(upper, b) >= 0; got != want {
			t.Errorf("IsUpper(%#02x) = %v", c, got)
		}
		if got, want := IsLower(b), strings.IndexByte(lower, b) >= 0; got != want {
			t.Errorf("IsLower(%#02x) = %v", c, got)
		}
	}
}

func TestIsToken(t *testing.T) {
	tests := map[string]bool{
		"":                false,
		"uberctx-user":    true,
		"User_ID.v2~":     true,
		"a b":             false,
		"a:b":             false,
		"k\x80":           false,
		"é":               false,
		"!#$%&'*+-.^_`|~": true,
		"a,b":             false,
		"(a)":             false,
	}
	for in, want := range tests {
		if got := IsToken(in); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLower(t *testing.T) {
	tests := map[string]string{
		"":                "",
		"traceparent":     "traceparent",
		"Uberctx-User-ID": "uberctx-user-id",
		"X-B3-TraceId":    "x-b3-traceid",
		"ÉA\xff@[`{":      "Éa\xff@[`{", // only A-Z change; invalid UTF-8 survives
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, Lower(in)); diff != "" {
			t.Errorf("Lower(%q) (-want +got):\n%s", in, diff)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = Lower("uberctx-user-id") }); n != 0 {
		t.Errorf("Lower of a lowercase name allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Lower("Uberctx-User-Id") }); n != 1 {
		t.Errorf("Lower of a mixed-case name allocates %v times, want 1", n)
	}
}

func TestEqualFoldLower(t *testing.T) {
	tests := []struct {
		s, lower string
		want     bool
	}{
		{"trace", "trace", true},
		{"TrAcE", "trace", true},
		{"trac", "trace", false},
		{"traces", "trace", false},
		{"tr@ce", "trace", false},
		{"", "", true},
	}
	for _, tt := range tests {
		if got := EqualFoldLower(tt.s, tt.lower); got != tt.want {
			t.Errorf("EqualFoldLower(%q, %q) = %v, want %v", tt.s, tt.lower, got, tt.want)
		}
	}
}

func TestInlining(t *testing.T) {
	inlinetest.Check(t,
		"IsTokenChar", "IsUpper", "IsLower", "IsToken", "EqualFoldLower", "HasUberctxPrefix")
}

// TestHasUberctxPrefixEveryByte: the one-word test agrees with
// strings.EqualFold on "uberctx-" with every byte value at every position
// of the prefix, and on the prefix in every case.
func TestHasUberctxPrefixEveryByte(t *testing.T) {
	const prefix = "uberctx-"
	ref := func(s string) bool { return strings.EqualFold(s[:len(prefix)], prefix) }
	for i := range len(prefix) {
		for c := range 256 {
			b := []byte(prefix + "key")
			b[i] = byte(c)
			if s := string(b); HasUberctxPrefix(s) != ref(s) {
				t.Errorf("HasUberctxPrefix(%q) = %v, EqualFold says %v", s, !ref(s), ref(s))
			}
		}
	}
	for _, s := range []string{"UBERCTX-a", "Uberctx-", "uBeRcTx-x", "uberctx_a", "uberctx=a"} {
		if got, want := HasUberctxPrefix(s), ref(s); got != want {
			t.Errorf("HasUberctxPrefix(%q) = %v, want %v", s, got, want)
		}
	}
}
