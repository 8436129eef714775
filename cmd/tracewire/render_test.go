package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCaret checks that the caret stands under the offending byte when the
// value holds bytes that must be escaped to be shown, and when a long value
// is cut to a window around the offset.
func TestCaret(t *testing.T) {
	long := strings.Repeat("k=v,", 100) + "x=%G0"
	tests := []struct {
		name string
		pr   problem
		want string
	}{
		{
			name: "escaped bytes before the offset",
			pr:   problem{Header: "baggage", Value: "a=\t1,b=\x00", Kind: 14, Offset: 7},
			want: "  baggage: a=\\t1,b=\\x00\n" +
				"                   ^\n" +
				"  error: invalid value (value) at offset 7\n",
		},
		{
			name: "offset at the end",
			pr:   problem{Header: "traceparent", Value: "00-ab", Kind: 2, Offset: 5},
			want: "  traceparent: 00-ab\n" +
				"                    ^\n" +
				"  error: wrong length (length) at offset 5\n",
		},
		{
			name: "window around the offset of a long value",
			pr:   problem{Header: "baggage", Value: long, Kind: 18, Offset: 402},
			want: "  baggage: …" + long[402-caretWindow:] + "\n" +
				strings.Repeat(" ", len("  baggage: ")+1+caretWindow) + "^\n" +
				"  error: malformed percent-escape (escape) at offset 402\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			(&printer{w: &b}).problem(&tc.pr)
			if diff := cmp.Diff(tc.want, b.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBaggageOverLimits(t *testing.T) {
	var members []string
	for i := range 70 {
		members = append(members, fmt.Sprintf("k%d=v", i))
	}
	for _, tc := range []struct {
		flag string
		want []string
	}{
		{"--full", []string{
			"baggage: valid, 70 members",
			"k64  v  (over the W3C limits)",
			"a receiver keeping only that drops 6 of 70 members [baggage-over-limits]",
		}},
		{"--strict", []string{
			"baggage: valid, 70 members",
			"k63  v\n  … and 6 more members (--full shows them)\n",
			"a receiver keeping only that drops 6 of 70 members [baggage-over-limits]",
		}},
	} {
		out, _, code := runCmd(t, "", "inspect", tc.flag, "baggage: "+strings.Join(members, ","))
		if want := map[string]int{"--full": 0, "--strict": 1}[tc.flag]; code != want {
			t.Errorf("%s: exit status %d, want %d: members over the limits are not malformed, only a warning", tc.flag, code, want)
		}
		for _, want := range tc.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", tc.flag, want, out)
			}
		}
	}
}

func TestQuoteBytes(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       "plain",
		"tab\there":   `tab\there`,
		"nul\x00":     `nul\x00`,
		"€":           `\xe2\x82\xac`,
		"del\x7f":     `del\x7f`,
		"":            "",
		"café=1":      `caf\xc3\xa9=1`,
		"line\r\nend": `line\x0d\x0aend`,
	} {
		if got := quoteBytes(in); got != want {
			t.Errorf("quoteBytes(%q) = %q, want %q", in, got, want)
		}
	}
}
