package jaeger_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/jaeger"
)

func TestAppendEscaped(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain-Value_1.2~3", "plain-Value_1.2~3"},
		{"alice smith", "alice%20smith"},
		{"1+1=2", "1%2B1%3D2"},
		{"a,b;c/d:e%f", "a%2Cb%3Bc%2Fd%3Ae%25f"},
		{"10€", "10%E2%82%AC"},
		{"\x00\xff", "%00%FF"},
	} {
		if got := string(jaeger.AppendEscaped([]byte("pre:"), tc.in)); got != "pre:"+tc.want {
			t.Errorf("AppendEscaped(%q) = %q, want %q", tc.in, got, "pre:"+tc.want)
		}
	}
}

func TestAppendUnescaped(t *testing.T) {
	type result struct {
		Out    string
		Kind   string
		Offset int
	}
	for _, tc := range []struct {
		in   string
		want result
	}{
		{"", result{Out: "pre:"}},
		{"plain", result{Out: "pre:plain"}},
		{"alice%20smith", result{Out: "pre:alice smith"}},
		{"hello+world", result{Out: "pre:hello world"}},
		{"1%2B1%3d2", result{Out: "pre:1+1=2"}},
		{"10%E2%82%ac", result{Out: "pre:10€"}},
		{"%00%FF", result{Out: "pre:\x00\xff"}},
		{"100%", result{Out: "pre:", Kind: "escape", Offset: 3}},
		{"ab%2", result{Out: "pre:", Kind: "escape", Offset: 2}},
		{"%zz", result{Out: "pre:", Kind: "escape", Offset: 0}},
		{"ok%20then%g0", result{Out: "pre:", Kind: "escape", Offset: 9}},
		{"%0g", result{Out: "pre:", Kind: "escape", Offset: 0}},
	} {
		out, err := jaeger.AppendUnescaped([]byte("pre:"), tc.in)
		got := result{Out: string(out)}
		if err != nil {
			var pe *tracewire.ParseError
			if !errors.As(err, &pe) || pe.Header() != "uberctx-" || !errors.Is(err, tracewire.ErrEscape) {
				t.Errorf("AppendUnescaped(%q) error = %v", tc.in, err)
			} else {
				got.Kind, got.Offset = pe.Kind().String(), pe.Offset()
			}
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("AppendUnescaped(%q) mismatch (-want +got):\n%s", tc.in, d)
		}
	}
}
