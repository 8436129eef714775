package main

import (
	"errors"
	"flag"
	"strconv"

	"github.com/tracewire/tracewire"
)

// inspection is everything inspect learned from its input: one report
// for a header block, one per entry (HAR entry, log line, JSON value) for
// the forms that hold many requests.
type inspection struct {
	In      input
	Reports []*report
	Entries []*entry // beside Reports when In.Multi
}

// inspectInput runs inspect on every request of in.
func inspectInput(in input) *inspection {
	res := &inspection{In: in}
	if !in.Multi {
		res.Reports = []*report{inspect(in)}
		return res
	}
	for i := range in.Entries {
		e := &in.Entries[i]
		sub := input{Source: in.Source, Format: in.Format, Headers: e.Headers}
		res.Reports = append(res.Reports, inspect(sub))
		res.Entries = append(res.Entries, e)
	}
	return res
}

// invalid counts the reports with an invalid header value.
func (res *inspection) invalid() int {
	n := 0
	for _, r := range res.Reports {
		if len(r.Problems) > 0 {
			n++
		}
	}
	return n
}

// exitCode is 1 when a header value is invalid and, under --strict, when
// anything deserves a warning: a finding of warning or error severity, or
// input that could not be read.
func (res *inspection) exitCode(strict bool) int {
	if res.invalid() > 0 {
		return 1
	}
	if strict {
		if len(res.In.Notes) > 0 {
			return 1
		}
		for _, r := range res.Reports {
			for _, f := range r.Findings {
				if f.Severity == "warning" || f.Severity == "error" {
					return 1
				}
			}
		}
	}
	return 0
}

// noteFinding is note i on the input as a finding. Notes are worded only
// when shown, one at a time.
func (res *inspection) noteFinding(i int) finding {
	return finding{Kind: "unreadable-input", Severity: "warning", Message: res.In.noteText(res.In.Notes[i]) + " (skipped)"}
}

// parseErrorParts reads a codec error's header, kind and offset. Every
// read of a tracewire.ParseError in this command goes through here, so
// that a change to how ParseError exposes them is a change in one place.
func parseErrorParts(err error) (header string, kind tracewire.ErrorKind, offset int, ok bool) {
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		return "", 0, 0, false
	}
	return pe.Header(), pe.Kind(), pe.Offset(), true
}

// errorHint is the library's one-line explanation of a codec error (see
// tracewire.ParseError.Hint), for value, the value its offset indexes; ""
// for an error that is not a *tracewire.ParseError.
func errorHint(err error, value string) string {
	var pe *tracewire.ParseError
	if !errors.As(err, &pe) {
		return ""
	}
	return pe.Hint(value)
}

// limits bound what a report shows, so that hostile input cannot make
// the output, or the memory to build it, grow faster than the input, and
// a real one stays readable. --full lifts them.
type limits struct {
	value int // bytes of a value shown before the rest is elided; 0: all
	items int // entries of a list shown before the rest is summarised; 0: all
}

// defaultLimits shows every member a W3C receiver must keep (64) and
// values up to 256 bytes, well past any id-carrying header.
var defaultLimits = limits{value: 256, items: 64}

// count returns how many of n list entries to show.
func (l limits) count(n int) int {
	if l.items > 0 && n > l.items {
		return l.items
	}
	return n
}

// cut returns as much of s as to show, and how many bytes it left out.
// It never cuts a UTF-8 sequence in two.
func (l limits) cut(s string) (string, int) {
	if l.value <= 0 || len(s) <= l.value {
		return s, 0
	}
	n := l.value
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n], len(s) - n
}

// cutMarked is cut with the elision marked on the string itself.
func (l limits) cutMarked(s string) (string, int) {
	v, more := l.cut(s)
	if more > 0 {
		v += "…"
	}
	return v, more
}

// window returns the part of v to show around byte off, for an error
// pointing at it, and where that part starts: the whole value when it is
// short, else caretWindow bytes either side. It does not depend on --full:
// the whole value is in the header list, and quoting it again for every
// error would make the output grow with the square of the input.
func window(v string, off int) (string, int) {
	if off < 0 || off > len(v) || len(v) <= 2*caretWindow+16 {
		return v, 0
	}
	start, end := max(0, off-caretWindow), min(len(v), off+caretWindow)
	return v[start:end], start
}

// quoteShort quotes s for a message, cut to 64 bytes.
func quoteShort(s string) string {
	v, more := limits{value: 64}.cut(s)
	q := strconv.Quote(v)
	if more > 0 {
		q += "…"
	}
	return q
}

// elideMiddle shortens s to about n bytes by cutting out its middle.
func elideMiddle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head, _ := limits{value: n / 2}.cut(s)
	tail := s[len(s)-n/2:]
	for tail != "" && tail[0]&0xc0 == 0x80 {
		tail = tail[1:]
	}
	return head + "…" + tail
}

// reportFlags are the flags of inspect that shape the report.
type reportFlags struct {
	json, full, strict, example *bool
}

func addReportFlags(fs *flag.FlagSet) reportFlags {
	return reportFlags{
		json:    fs.Bool("json", false, "print JSON"),
		full:    fs.Bool("full", false, "show everything"),
		strict:  fs.Bool("strict", false, "warnings fail"),
		example: fs.Bool("example", false, "inspect the embedded example"),
	}
}

func (f reportFlags) limits() limits {
	if *f.full {
		return limits{}
	}
	return defaultLimits
}
