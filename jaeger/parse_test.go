package jaeger_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/jaeger"
)

// TestParseHostile feeds long and odd values: each fails at the first
// offending byte, without scanning what follows.
func TestParseHostile(t *testing.T) {
	type result struct {
		Kind   string
		Offset int
	}
	big := strings.Repeat("f", 1<<20)
	for _, tc := range []struct {
		name string
		in   string
		want result
	}{
		{"megabyte of hex", big, result{"length", 32}},
		{"megabyte of spaces", strings.Repeat(" ", 1<<20), result{"empty", 0}},
		{"megabyte of colons", strings.Repeat(":", 1<<20), result{"trace-id", 0}},
		{"long flags", tid + ":" + sid + ":0:" + big, result{"length", 54}},
		{"long tail", valid + ":" + big, result{"trailing-data", 53}},
		{"nul byte", tid + "\x00" + sid + ":0:1", result{"trace-id", 32}},
		{"percent at end", tid + "%", result{"trace-id", 32}},
		{"percent 3 at end", tid + "%3", result{"trace-id", 32}},
		{"encoded but trimmed", tid + "%3A " + sid, result{"span-id", 35}},
		{"encoded delimiter then raw", tid + "%3A" + sid + ":0:1", result{"delimiter", 51}},
		{"vertical tab not OWS", "\v" + valid, result{"trace-id", 0}},
	} {
		sc, err := jaeger.Parse(tc.in)
		var pe *tracewire.ParseError
		if !errors.As(err, &pe) || sc != (tracewire.SpanContext{}) {
			t.Errorf("%s: Parse = %v, %v", tc.name, sc, err)
			continue
		}
		if d := cmp.Diff(tc.want, result{pe.Kind().String(), pe.Offset()}); d != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", tc.name, d)
		}
	}
}
