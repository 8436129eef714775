// Package vectorcheck compares what a codec returned with a testdata
// vector's expectations. It lives apart from package vectors because it
// needs the root package's ParseError, and the root's own in-package tests
// import vectors.
package vectorcheck

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/internal/vectors"
)

// Error fails t unless err is what want describes: nil when want is nil,
// otherwise a *tracewire.ParseError with want's header and kind (matched
// by errors.Is too) and, when want gives one, its offset.
func Error(t *testing.T, what string, err error, want *vectors.Error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("%s: unexpected error %v", what, err)
		}
		return
	}
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%s: error = %v (%T), want *tracewire.ParseError %s %s", what, err, err, want.Header, want.Kind)
		return
	}
	got := vectors.Error{Header: pe.Header(), Kind: pe.Kind().String()}
	if want.Offset != nil {
		off := pe.Offset()
		got.Offset = &off
	}
	if d := cmp.Diff(*want, got); d != "" {
		t.Errorf("%s: error mismatch (-want +got):\n%s", what, d)
	}
	if !errors.Is(err, tracewire.ParseErrorKind(want.Kind)) {
		t.Errorf("%s: errors.Is(%v, %s) = false", what, err, want.Kind)
	}
}

// Detail returns what a *tracewire.ParseError in err's chain says: the
// header, the kind and the offset; ok is false if there is none. Tests
// that check an error's position call it rather than reading the error's
// fields themselves, so that how ParseError stores them stays its own
// business.
func Detail(err error) (header string, kind tracewire.ErrorKind, offset int, ok bool) {
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		return "", 0, 0, false
	}
	return pe.Header(), pe.Kind(), pe.Offset(), true
}

// SpanContext fails t unless sc has every span-context field want sets:
// ids in lowercase hex ("" for no parent), the sampling name, and the
// random, 64-bit-trace-id and firehose bits.
func SpanContext(t *testing.T, what string, sc tracewire.SpanContext, want *vectors.Expect) {
	t.Helper()
	if want == nil {
		return
	}
	parent := ""
	if p := sc.ParentSpanID(); p.IsValid() {
		parent = p.String()
	}
	got := map[string]any{
		"trace_id":       sc.TraceID().String(),
		"span_id":        sc.SpanID().String(),
		"parent_span_id": parent,
		"sampling":       sc.Sampling().String(),
		"random":         sc.IsRandom(),
		"trace_id_64":    sc.Is64BitTraceID(),
		"firehose":       sc.IsFirehose(),
	}
	wanted := map[string]any{}
	for k, s := range map[string]*string{
		"trace_id": want.TraceID, "span_id": want.SpanID, "parent_span_id": want.ParentSpanID, "sampling": want.Sampling,
	} {
		if s != nil {
			wanted[k] = *s
		}
	}
	for k, b := range map[string]*bool{"random": want.Random, "trace_id_64": want.TraceID64, "firehose": want.Firehose} {
		if b != nil {
			wanted[k] = *b
		}
	}
	for k := range got {
		if _, ok := wanted[k]; !ok {
			delete(got, k)
		}
	}
	if d := cmp.Diff(wanted, got); d != "" {
		t.Errorf("%s: span context mismatch (-want +got):\n%s", what, d)
	}
}

// HTTPHeader builds the header a server receives for lines: names
// canonicalized and repeated lines kept in order, as net/http does.
func HTTPHeader(lines [][2]string) carrier.HTTPHeader {
	h := http.Header{}
	for _, l := range lines {
		h.Add(l[0], l[1])
	}
	return carrier.HTTPHeader(h)
}

// SameError reports whether a and b are both nil, or both carry a
// *tracewire.ParseError with the same header, kind and offset. Errors past
// the interned offsets are fresh values, so tests compare them by what
// they say, not by pointer.
func SameError(a, b error) bool {
	ha, ka, oa, okA := Detail(a)
	hb, kb, ob, okB := Detail(b)
	if !okA || !okB {
		return a == b
	}
	return ha == hb && ka == kb && oa == ob
}
