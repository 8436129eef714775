package xray

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/tracewire/tracewire"
)

// TestAppendSDK checks the template path of Append against the value
// spelled out digit by digit, for ids that hit every digit in every
// position and for every decision.
func TestAppendSDK(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ids := []struct {
		t tracewire.TraceID
		s tracewire.SpanID
	}{
		{tracewire.TraceID{15: 1}, tracewire.SpanID{7: 1}},
		{tracewire.TraceID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
			tracewire.SpanID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
		{tracewire.TraceID{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10},
			tracewire.SpanID{0x0f, 0xf0, 0xa5, 0x5a, 0x09, 0x90, 0x10, 0x01}},
	}
	for range 200 {
		var id struct {
			t tracewire.TraceID
			s tracewire.SpanID
		}
		for i := range id.t {
			id.t[i] = byte(r.Uint32())
		}
		for i := range id.s {
			id.s[i] = byte(r.Uint32())
		}
		id.t[0], id.s[0] = 1, 1 // never zero
		ids = append(ids, id)
	}
	for _, id := range ids {
		for s, flag := range map[tracewire.Sampling]string{
			tracewire.SamplingAccept:   "1",
			tracewire.SamplingDebug:    "1",
			tracewire.SamplingDeny:     "0",
			tracewire.SamplingDeferred: "?",
		} {
			sc := tracewire.SpanContextConfig{TraceID: id.t, SpanID: id.s, Sampling: s}.SpanContext()
			want := "Root=1-" + hex.EncodeToString(id.t[:4]) + "-" + hex.EncodeToString(id.t[4:]) +
				";Parent=" + hex.EncodeToString(id.s[:]) + ";Sampled=" + flag
			if got := string(Append([]byte("x"), sc)); got != "x"+want {
				t.Fatalf("Append = %q, want %q", got, "x"+want)
			}
			if s == tracewire.SamplingDeferred {
				want = want[:len(want)-len(";Sampled=?")]
			}
			if got := string(appendIDs(nil, sc, false)); got != want {
				t.Fatalf("appendIDs without deferred = %q, want %q", got, want)
			}
		}
	}
}
