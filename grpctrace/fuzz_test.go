package grpctrace_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/internal/vectorcheck"
	"github.com/tracewire/tracewire/internal/vectors"
)

// checkErr fails t unless err is a grpc-trace-bin *ParseError whose offset
// lies within a value of n bytes, returned with the zero SpanContext.
func checkErr(t *testing.T, what string, sc tracewire.SpanContext, err error, n int) {
	t.Helper()
	header, _, off, ok := vectorcheck.Detail(err)
	if !ok || header != "grpc-trace-bin" || off < 0 || off > n {
		t.Fatalf("%s: bad error %#v", what, err)
	}
	if sc != (tracewire.SpanContext{}) {
		t.Fatalf("%s: %v returned with its error", what, sc)
	}
	_ = err.Error()
}

// reference decodes base64 text with the standard library, padded or not,
// the way grpc-go decodes -bin metadata.
func reference(v string) ([]byte, error) {
	if strings.HasSuffix(v, "=") {
		return base64.StdEncoding.DecodeString(v)
	}
	return base64.RawStdEncoding.DecodeString(v)
}

func FuzzParse(f *testing.F) {
	for _, c := range vectors.Load(f, "grpc-trace-bin").Cases {
		for _, v := range c.Lines("grpc-trace-bin") {
			f.Add(v)
		}
		if c.Binary != nil {
			b, _ := hex.DecodeString(*c.Binary)
			f.Add(base64.StdEncoding.EncodeToString(b))
		}
	}
	// An error past the interned offsets is a fresh value each time.
	f.Add(strings.Repeat(" ", 200) + "x")
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := grpctrace.Parse(s)
		sc2, err2 := grpctrace.ParseBytes([]byte(s))
		if sc != sc2 || !vectorcheck.SameError(err, err2) {
			t.Fatalf("string and []byte disagree on %q: %v %v / %v %v", s, sc, err, sc2, err2)
		}
		v := strings.Trim(s, " \t")
		ref, referr := reference(v)
		if err != nil {
			checkErr(t, "Parse", sc, err, len(s))
			base64Fault := errors.Is(err, tracewire.ErrValue) || errors.Is(err, tracewire.ErrLength) && referr != nil ||
				errors.Is(err, tracewire.ErrTrailingData) || errors.Is(err, tracewire.ErrEmpty)
			switch {
			case base64Fault:
				if referr == nil && v != "" && !strings.ContainsAny(v, "\r\n") {
					t.Fatalf("Parse(%q) = %v, but the standard library decodes it", s, err)
				}
			case referr != nil:
				t.Fatalf("Parse(%q) = %v, but the standard library cannot decode it: %v", s, err, referr)
			default:
				if _, berr := grpctrace.ParseBinary(ref); berr == nil || !sameKind(berr, err) {
					t.Fatalf("Parse(%q) = %v; ParseBinary of its bytes = %v", s, err, berr)
				}
			}
			return
		}
		// Valid text decodes with the standard library to bytes that
		// ParseBinary reads as the same context.
		if referr != nil {
			t.Fatalf("Parse(%q) accepted what the standard library rejects: %v", s, referr)
		}
		if b, berr := grpctrace.ParseBinary(ref); berr != nil || b != sc {
			t.Fatalf("ParseBinary(%x) = %v, %v; Parse = %v", ref, b, berr, sc)
		}
		checkCanonical(t, sc)

		// The propagator reads the same, and its output reads back.
		if !strings.ContainsRune(s, ',') {
			got, err := grpctrace.Propagator{}.ExtractFrom(carrier.HTTPHeader(http.Header{"Grpc-Trace-Bin": {s}}))
			if err != nil || got != sc.WithRemote(true) {
				t.Fatalf("ExtractFrom(%q) = %v, %v; want %v", s, got, err, sc)
			}
		}
	})
}

func sameKind(a, b error) bool {
	_, ka, _, _ := vectorcheck.Detail(a)
	_, kb, _, _ := vectorcheck.Detail(b)
	return ka == kb
}

// checkCanonical checks that a valid sc survives both encodings, and that
// each canonical form is a fixed point.
func checkCanonical(t *testing.T, sc tracewire.SpanContext) {
	t.Helper()
	if sc.IsRandom() || sc.IsRemote() || sc.IsDeferred() || !sc.IsValid() {
		t.Fatalf("parsed %v", sc)
	}
	text := grpctrace.Append(nil, sc)
	back, err := grpctrace.ParseBytes(text)
	if err != nil || back != sc {
		t.Fatalf("Parse(Append(%v)) = %v, %v", sc, back, err)
	}
	if again := grpctrace.Append(nil, back); !bytes.Equal(again, text) {
		t.Fatalf("text form not a fixed point: %q then %q", text, again)
	}
	if grpctrace.Format(sc) != string(text) || len(text) != 39 {
		t.Fatalf("Format = %q, Append = %q", grpctrace.Format(sc), text)
	}
	bin := grpctrace.AppendBinary(nil, sc)
	if len(bin) != 29 || string(text) != base64.RawStdEncoding.EncodeToString(bin) {
		t.Fatalf("AppendBinary = %x, text %q", bin, text)
	}
	if back, err := grpctrace.ParseBinary(bin); err != nil || back != sc {
		t.Fatalf("ParseBinary(AppendBinary(%v)) = %v, %v", sc, back, err)
	}
}

func FuzzParseBinary(f *testing.F) {
	for _, c := range vectors.Load(f, "grpc-trace-bin").Cases {
		if c.Binary != nil {
			b, _ := hex.DecodeString(*c.Binary)
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		orig := bytes.Clone(b)
		sc, err := grpctrace.ParseBinary(b)
		if !bytes.Equal(b, orig) {
			t.Fatal("ParseBinary modified its input")
		}
		// The base64 of the bytes parses to the same context.
		text := base64.StdEncoding.EncodeToString(b)
		tsc, terr := grpctrace.Parse(text)
		if err != nil {
			checkErr(t, "ParseBinary", sc, err, len(b))
			if len(b) > 0 && (terr == nil || !sameKind(err, terr)) {
				t.Fatalf("ParseBinary(%x) = %v; Parse(%q) = %v", b, err, text, terr)
			}
		} else {
			if terr != nil || tsc != sc {
				t.Fatalf("ParseBinary(%x) = %v; Parse(%q) = %v, %v", b, sc, text, tsc, terr)
			}
			checkCanonical(t, sc)
		}
		// gRPC metadata holding the bytes: read as binary when they start
		// with the version byte 0.
		if len(b) > 0 && b[0] == 0 {
			got, gerr := grpctrace.Propagator{}.ExtractFrom(carrier.Metadata{"grpc-trace-bin": {string(b)}})
			if got != sc.WithRemote(sc.IsValid()) || (gerr == nil) != (err == nil) {
				t.Fatalf("ExtractFrom(%x) = %v, %v; ParseBinary = %v, %v", b, got, gerr, sc, err)
			}
		}
	})
}
