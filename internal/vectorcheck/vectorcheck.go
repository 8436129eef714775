// Package vectorcheck compares what a codec returned with a testdata
// vector's expectations. It lives apart from package vectors because it
// needs the root package's ParseError, and the root's own in-package tests
// import vectors.
package vectorcheck

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
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
	got := vectors.Error{Header: pe.Header, Kind: pe.Kind.String()}
	if want.Offset != nil {
		off := pe.Offset
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
	return pe.Header, pe.Kind, pe.Offset, true
}

// SpanContext fails t unless sc has every span-context field that want
// sets (trace and span ids, parent, sampling, random, 64-bit width,
// firehose); fields want leaves out are not compared.
func SpanContext(t *testing.T, what string, sc tracewire.SpanContext, want *vectors.Expect) {
	t.Helper()
	if want == nil {
		return
	}
	parent := ""
	if p := sc.ParentSpanID(); p.IsValid() {
		parent = p.String()
	}
	got := map[string]any{}
	exp := map[string]any{}
	str := func(key string, w *string, g string) {
		if w != nil {
			exp[key], got[key] = *w, g
		}
	}
	boolean := func(key string, w *bool, g bool) {
		if w != nil {
			exp[key], got[key] = *w, g
		}
	}
	str("trace_id", want.TraceID, sc.TraceID().String())
	str("span_id", want.SpanID, sc.SpanID().String())
	str("parent_span_id", want.ParentSpanID, parent)
	str("sampling", want.Sampling, sc.Sampling().String())
	boolean("random", want.Random, sc.IsRandom())
	boolean("trace_id_64", want.TraceID64, sc.Is64BitTraceID())
	boolean("firehose", want.Firehose, sc.IsFirehose())
	if d := cmp.Diff(exp, got); d != "" {
		t.Errorf("%s: span context mismatch (-want +got):\n%s", what, d)
	}
}
