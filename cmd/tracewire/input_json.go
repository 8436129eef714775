package main

import (
	"strconv"
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
)

// Reading JSON input: an object of headers (values of any type, arrays
// for repeated headers, nested objects such as {"headers": {...}} walked
// into), a sequence of values such as an NDJSON log (one request per
// value), or a HAR file (one request per entry).

// parseJSONInput reads text as JSON when it is JSON: one document, or a
// sequence of values one after another. It returns false to have text
// read line by line instead: a log whose lines are not all JSON.
func parseJSONInput(text string, start int, in *input) bool {
	var vals []jsonValue
	for i := start; i < len(text); {
		v, end, err := parseJSONAt(text, i)
		if err != nil {
			se, _ := err.(*jsonSyntaxError)
			if se == nil || len(vals) > 0 || !strings.Contains(text[start:se.off], "\n") {
				return false
			}
			// A document spread over lines that breaks part way: read
			// line by line, its every line would be a note of its own.
			line, col := lineCol(text, se.off)
			in.Format, in.Shape = "json", "document"
			in.Notes = append(in.Notes, note{line: int32(line), kind: noteJSON, err: &badJSON{line: line, col: col, msg: se.msg}})
			return true
		}
		vals = append(vals, v)
		for i = end; i < len(text) && isJSONSpace(text[i]); i++ {
		}
		if i < len(text) && text[i] != '{' && text[i] != '[' {
			return false
		}
	}
	lines := lineCounter{text: text, line: 1}
	if len(vals) == 1 {
		v := &vals[0]
		if log := v.member("log"); v.kind == jsonObject && log != nil && log.kind == jsonObject {
			if es := log.member("entries"); es != nil && es.kind == jsonArray {
				parseHAR(es, in, &lines)
				return true
			}
		}
		in.Format, in.Shape = "json", "object"
		if v.kind == jsonArray {
			in.Shape = "array"
		}
		w := jsonWalker{lines: &lines}
		w.member("", v, false)
		in.Headers, in.Notes = w.hs, w.notes
		return true
	}
	in.Format, in.Multi, in.Units = "ndjson", true, len(vals)
	for i := range vals {
		w := jsonWalker{lines: &lines}
		w.member("", &vals[i], false)
		in.Notes = append(in.Notes, w.notes...)
		if hs := dropEmpty(w.hs); hasTraceHeader(hs) {
			in.Entries = append(in.Entries, entry{Line: lines.at(int(vals[i].off)), Headers: hs})
		}
	}
	return true
}

// walkJSON returns the headers in one JSON value read from a line of a
// log, and notes on what could not be read.
func walkJSON(v *jsonValue, line string, n int) ([]header, []note) {
	w := jsonWalker{lines: &lineCounter{text: line, line: n, first: n}}
	w.member("", v, false)
	return w.hs, w.notes
}

// jsonWalker collects headers from a JSON value.
type jsonWalker struct {
	lines *lineCounter
	hs    []header
	notes []note
}

// member reads the value of the member named key (or an element of an
// array under it): a scalar is a header value; an object is walked into,
// its members headers of their own ("response" marks what is inside as
// response headers), or is one header itself when it has the {"name",
// "value"} shape of HAR and browser exports; an array repeats its key.
// null is an absent header.
func (w *jsonWalker) member(key string, v *jsonValue, resp bool) {
	name, r := headerKey(key)
	resp = resp || r
	switch v.kind {
	case jsonNull:
	case jsonObject:
		if n, val, ok := nameValue(v); ok {
			w.add(n, val, resp, int(v.off))
			return
		}
		resp = resp || strings.EqualFold(name, "response")
		for i, k := range v.keys() {
			w.member(k, &v.c.items[i], resp)
		}
	case jsonArray:
		for i := range v.items() {
			w.member(key, &v.c.items[i], resp)
		}
	default:
		w.add(name, v.text, resp, int(v.off))
		if v.kind == jsonString && isMessageKey(name) {
			w.hs = scanLogLine(v.text, w.hs)
		}
	}
}

// add appends a header, unless name cannot be one: "" for a top-level
// scalar, "@timestamp" and the like in log records are skipped silently,
// and a name with non-ASCII bytes in it, most likely a dash or quote
// pasted from a document, becomes a note.
func (w *jsonWalker) add(name, value string, resp bool, off int) {
	if !ascii.IsToken(strings.TrimPrefix(name, ":")) {
		for i := 0; i < len(name); i++ {
			if name[i] >= 0x80 {
				w.notes = append(w.notes, note{line: int32(w.lines.at(off)), kind: noteJSONKey, text: name})
				break
			}
		}
		return
	}
	w.hs = append(w.hs, header{Name: name, Value: value, Response: resp})
}

// nameValue reads a {"name": …, "value": …} header object.
func nameValue(v *jsonValue) (name, value string, ok bool) {
	if n := len(v.keys()); n < 2 || n > 3 {
		return "", "", false
	}
	n, val := v.member("name"), v.member("value")
	if n == nil || n.kind != jsonString || val == nil {
		return "", "", false
	}
	if len(v.keys()) == 3 && v.member("comment") == nil {
		return "", "", false
	}
	value, ok = val.scalarText()
	return n.text, value, ok || val.kind == jsonNull
}

// isMessageKey reports whether a log record's member named k holds the
// message text, which may have headers written into it.
func isMessageKey(k string) bool {
	switch strings.ToLower(k) {
	case "msg", "message", "log", "text":
		return true
	}
	return false
}

// parseHAR reads the entries of a HAR 1.2 file: each is one request, with
// its response.
func parseHAR(es *jsonValue, in *input, lines *lineCounter) {
	items := es.items()
	in.Format, in.Multi, in.Units = "har", true, len(items)
	for i := range items {
		e := &items[i]
		en := entry{Index: i + 1}
		w := jsonWalker{lines: lines}
		if req := e.member("request"); req != nil && req.kind == jsonObject {
			en.Method, en.URL = req.member("method").str(), req.member("url").str()
			w.harHeaders(req.member("headers"), false)
		}
		if resp := e.member("response"); resp != nil && resp.kind == jsonObject {
			if st := resp.member("status"); st != nil && st.kind == jsonNumber {
				en.Status, _ = strconv.Atoi(st.text)
			}
			w.harHeaders(resp.member("headers"), true)
		}
		en.Headers = w.hs
		in.Notes = append(in.Notes, w.notes...)
		in.Entries = append(in.Entries, en)
	}
}

func (w *jsonWalker) harHeaders(list *jsonValue, resp bool) {
	if list == nil || list.kind != jsonArray {
		return
	}
	items := list.items()
	for i := range items {
		if n, v, ok := nameValue(&items[i]); ok {
			w.add(n, v, resp, int(items[i].off))
		}
	}
}

// lineCounter turns byte offsets into line numbers, counting newlines
// between the last offset asked about and this one, forward or back, so
// that asks that move through the text (a value's notes, then the value's
// own start, then the next value's) cost about one pass over it.
// Counting back from the start instead made each backward ask cost the
// text so far: quadratic in an NDJSON input of many small values.
type lineCounter struct {
	text        string
	off, line   int
	first       int // the line text starts on, when not 1
	initialized bool
	counted     int // bytes counted over, which a test holds to the text's length
}

func (c *lineCounter) at(off int) int {
	if !c.initialized {
		c.initialized = true
		if c.first == 0 {
			c.first = 1
		}
		c.line = c.first
	}
	if off < c.off {
		c.line -= strings.Count(c.text[off:c.off], "\n")
		c.counted += c.off - off
	} else {
		c.line += strings.Count(c.text[c.off:off], "\n")
		c.counted += off - c.off
	}
	c.off = off
	return c.line
}

// lineCol returns the 1-based line and column of byte off of text.
func lineCol(text string, off int) (line, col int) {
	line = 1 + strings.Count(text[:off], "\n")
	return line, off - strings.LastIndexByte(text[:off], '\n')
}
