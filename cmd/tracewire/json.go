package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// The JSON report. Its shape is documented in doc.go and is stable: fields
// are only ever added. Every list is present (possibly empty) and in a
// fixed order, so the output is byte-for-byte reproducible.

type jsonReport struct {
	Source      string `json:"source"`
	InputFormat string `json:"input_format"`
	Input       string `json:"input"`
	jsonBody
	Entries      []jsonEntry `json:"entries"`
	QuietEntries int         `json:"entries_without_trace_headers"`
}

// jsonBody is the report on one request: the whole input's for a header
// block, an entry's otherwise.
type jsonBody struct {
	Valid      bool          `json:"valid"`
	Headers    []jsonHeader  `json:"headers"`
	Contexts   []jsonContext `json:"contexts"`
	TraceState [][2]string   `json:"tracestate"`
	Baggage    []jsonBaggage `json:"baggage"`
	Errors     []jsonError   `json:"errors"`
	Findings   []jsonFinding `json:"findings"`
	Omitted    *jsonOmitted  `json:"omitted,omitempty"`
}

// jsonEntry is the report on one request of a HAR file, a log or an
// NDJSON stream.
type jsonEntry struct {
	Entry jsonEntryInfo `json:"entry"`
	jsonBody
}

type jsonEntryInfo struct {
	Label  string `json:"label"`
	Line   int    `json:"line,omitempty"`
	Index  int    `json:"index,omitempty"`
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Status int    `json:"status,omitempty"`
}

// jsonOmitted counts what the limits left out of each list.
type jsonOmitted struct {
	Headers    int `json:"headers,omitempty"`
	TraceState int `json:"tracestate,omitempty"`
	Baggage    int `json:"baggage,omitempty"`
	Errors     int `json:"errors,omitempty"`
	Findings   int `json:"findings,omitempty"`
	Entries    int `json:"entries,omitempty"`
}

type jsonHeader struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	ElidedBytes int    `json:"elided_bytes,omitempty"`
	Response    bool   `json:"response,omitempty"`
}

type jsonContext struct {
	Format       string      `json:"format"`
	Header       string      `json:"header"`
	Value        string      `json:"value,omitempty"`
	ElidedBytes  int         `json:"elided_bytes,omitempty"`
	Valid        bool        `json:"valid"`
	TraceID      string      `json:"trace_id,omitempty"`
	TraceID64    bool        `json:"trace_id_64bit,omitempty"`
	SpanID       string      `json:"span_id,omitempty"`
	ParentSpanID string      `json:"parent_span_id,omitempty"`
	Sampling     string      `json:"sampling,omitempty"`
	Sampled      *bool       `json:"sampled,omitempty"`
	Debug        *bool       `json:"debug,omitempty"`
	Deferred     *bool       `json:"deferred,omitempty"`
	Flags        string      `json:"flags,omitempty"`
	Firehose     bool        `json:"firehose,omitempty"`
	DebugID      string      `json:"debug_id,omitempty"`
	TraceState   [][2]string `json:"tracestate,omitempty"`
	Canonical    string      `json:"canonical,omitempty"`
	Error        *jsonError  `json:"error,omitempty"`
}

type jsonError struct {
	Header      string `json:"header"`
	Value       string `json:"value"`
	ValueStart  int    `json:"value_start,omitempty"`
	ElidedBytes int    `json:"elided_bytes,omitempty"`
	Kind        string `json:"kind"`
	Offset      int    `json:"offset"`
	Message     string `json:"message"`
	Hint        string `json:"hint"`
}

type jsonBaggage struct {
	Source      string         `json:"source"`
	Key         string         `json:"key"`
	Value       string         `json:"value"`
	Raw         string         `json:"raw,omitempty"`
	Properties  []jsonProperty `json:"properties"`
	OverLimit   bool           `json:"over_limit,omitempty"`
	ElidedBytes int            `json:"elided_bytes,omitempty"`
}

type jsonProperty struct {
	Key   string  `json:"key"`
	Value *string `json:"value,omitempty"`
}

type jsonFinding struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// jsonWriter streams the report: each list element is encoded on its
// own and written at once, so that memory holds one element of the output
// at a time, not the whole output (or twice it, as encoding the report as
// one value would), however many errors a hostile header produces. The
// bytes are those json.Encoder with SetIndent("", "  ") writes for the
// jsonReport type, which remains the schema that tests decode into.
type jsonWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{w: bufio.NewWriter(w)}
	jw.enc = json.NewEncoder(&jw.buf)
	jw.enc.SetEscapeHTML(false)
	return jw
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.w.WriteString(s)
	}
}

// value writes v as JSON, its continuation lines indented by indent.
func (jw *jsonWriter) value(indent string, v any) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	jw.enc.SetIndent(indent, "  ")
	if jw.err = jw.enc.Encode(v); jw.err != nil {
		return
	}
	b := bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n"))
	_, jw.err = jw.w.Write(b)
}

// field writes one member: "name": value, after a comma unless first.
func (jw *jsonWriter) field(indent string, first bool, name string, v any) {
	jw.key(indent, first, name)
	jw.value(indent+"  ", v)
}

func (jw *jsonWriter) key(indent string, first bool, name string) {
	if !first {
		jw.raw(",")
	}
	jw.raw("\n" + indent + "  \"" + name + "\": ")
}

// list writes a member whose value is an array of n elements made by
// elem.
func (jw *jsonWriter) list(indent string, name string, n int, elem func(i int) any) {
	jw.key(indent, false, name)
	if n == 0 {
		jw.raw("[]")
		return
	}
	jw.raw("[")
	for i := range n {
		if i > 0 {
			jw.raw(",")
		}
		jw.raw("\n" + indent + "    ")
		if e, ok := elem(i).(entryJSON); ok {
			jw.entry(indent+"    ", e)
		} else {
			jw.value(indent+"    ", elem(i))
		}
	}
	jw.raw("\n" + indent + "  ]")
}

// writeJSON writes the report on res as JSON, each list cut to lim.
func writeJSON(w io.Writer, res *inspection, lim limits) error {
	jw := newJSONWriter(w)
	in := &res.In
	jw.raw("{")
	jw.field("", true, "source", in.Source)
	jw.field("", false, "input_format", in.Format)
	jw.field("", false, "input", in.describe())
	quiet, omitted := 0, 0
	var shown []int // the reports written as entries
	if in.Multi {
		for i, r := range res.Reports {
			switch {
			case r.empty():
				quiet++
			case lim.items > 0 && len(shown) == lim.items:
				omitted++
			default:
				shown = append(shown, i)
			}
		}
		jw.body("", &report{}, res.invalid() == 0, res, omitted, lim)
	} else {
		jw.body("", res.Reports[0], len(res.Reports[0].Problems) == 0, res, 0, lim)
	}
	jw.list("", "entries", len(shown), func(k int) any { return entryJSON{res: res, i: shown[k], lim: lim} })
	jw.field("", false, "entries_without_trace_headers", quiet)
	jw.raw("\n}\n")
	if jw.err == nil {
		jw.err = jw.w.Flush()
	}
	return jw.err
}

// entryJSON is one entry of a multi-request input, written by
// jsonWriter.entry as a jsonEntry with its lists streamed.
type entryJSON struct {
	res *inspection
	i   int
	lim limits
}

func (jw *jsonWriter) entry(indent string, e entryJSON) {
	in := &e.res.In
	en := e.res.Entries[e.i]
	info := jsonEntryInfo{Label: in.label(en), Line: en.Line, Index: en.Index, Method: en.Method, Status: en.Status}
	info.URL, _ = e.lim.cutMarked(en.URL)
	jw.raw("{")
	jw.field(indent, true, "entry", info)
	r := e.res.Reports[e.i]
	jw.body(indent, r, len(r.Problems) == 0, nil, 0, e.lim)
	jw.raw("\n" + indent + "}")
}

// body writes the members of a jsonBody for r; with res, the notes on
// the input come first among the findings. omittedEntries goes into
// "omitted" beside the counts of r's own lists.
func (jw *jsonWriter) body(indent string, r *report, valid bool, res *inspection, omittedEntries int, lim limits) {
	om := jsonOmitted{Entries: omittedEntries}
	jw.field(indent, false, "valid", valid)
	hs := r.Input.Headers
	om.Headers = len(hs) - lim.count(len(hs))
	jw.list(indent, "headers", lim.count(len(hs)), func(i int) any {
		h := hs[i]
		jh := jsonHeader{Response: h.Response}
		jh.Name, _ = lim.cutMarked(h.Name)
		jh.Value, jh.ElidedBytes = lim.cutMarked(h.Value)
		return jh
	})
	jw.list(indent, "contexts", len(r.Contexts), func(i int) any { return contextJSON(r.Contexts[i], lim) })
	var ts [][2]string
	for k, v := range r.TraceState.All() {
		if len(ts) == lim.count(r.TraceState.Len()) {
			break
		}
		k, _ = lim.cutMarked(k)
		v, _ = lim.cutMarked(v)
		ts = append(ts, [2]string{k, v})
	}
	om.TraceState = r.TraceState.Len() - len(ts)
	jw.list(indent, "tracestate", len(ts), func(i int) any { return ts[i] })
	om.Baggage = len(r.Baggage) - lim.count(len(r.Baggage))
	jw.list(indent, "baggage", lim.count(len(r.Baggage)), func(i int) any { return baggageJSON(r.Baggage[i], lim) })
	om.Errors = len(r.Problems) - lim.count(len(r.Problems))
	jw.list(indent, "errors", lim.count(len(r.Problems)), func(i int) any { return errorJSON(r.Problems[i]) })
	notes := 0
	if res != nil {
		notes = lim.count(len(res.In.Notes))
		om.Findings = len(res.In.Notes) - notes
	}
	jw.list(indent, "findings", notes+len(r.Findings), func(i int) any {
		if i < notes {
			return jsonFinding(res.noteFinding(i))
		}
		return jsonFinding(r.Findings[i-notes])
	})
	if om != (jsonOmitted{}) {
		jw.field(indent, false, "omitted", om)
	}
}

func baggageJSON(b baggageItem, lim limits) jsonBaggage {
	jb := jsonBaggage{Source: b.Source, Properties: []jsonProperty{}, OverLimit: b.OverLimit}
	var m1, m2, m3 int
	jb.Key, m1 = lim.cutMarked(b.Key)
	jb.Value, m2 = lim.cutMarked(b.Value)
	jb.Raw, m3 = lim.cutMarked(b.Raw)
	jb.ElidedBytes = m1 + m2 + m3
	for _, p := range b.Properties[:lim.count(len(b.Properties))] {
		jp := jsonProperty{}
		jp.Key, _ = lim.cutMarked(p.Key)
		if p.HasValue {
			v, _ := lim.cutMarked(p.Value)
			jp.Value = &v
		}
		jb.Properties = append(jb.Properties, jp)
	}
	return jb
}

// errorJSON reports p with its value, or for a long value the window
// around the offset that text output shows too: the whole value is in
// the header list, and repeating it in every error of a header with many
// invalid members would make the output grow with the square of the input.
func errorJSON(p *problem) *jsonError {
	v, start := window(p.Value, p.Offset)
	return &jsonError{Header: p.Header, Value: v, ValueStart: start, ElidedBytes: len(p.Value) - len(v),
		Kind: p.Kind.String(), Offset: p.Offset, Message: p.message(), Hint: p.Hint}
}

func contextJSON(c *contextResult, lim limits) jsonContext {
	jc := jsonContext{Format: c.Format, Header: c.Header, Valid: c.valid()}
	jc.Value, jc.ElidedBytes = lim.cutMarked(c.Value)
	if !c.valid() {
		jc.Error = errorJSON(c.Problem)
		return jc
	}
	sc := c.SC
	if sc.IsValid() {
		jc.TraceID = sc.TraceID().String()
		jc.TraceID64 = sc.Is64BitTraceID()
		jc.SpanID = sc.SpanID().String()
	}
	if par := sc.ParentSpanID(); par.IsValid() {
		jc.ParentSpanID = par.String()
	}
	jc.Sampling = sc.Sampling().String()
	jc.Sampled, jc.Debug, jc.Deferred = ptr(sc.IsSampled()), ptr(sc.IsDebug()), ptr(sc.IsDeferred())
	jc.Flags = hex2(byte(sc.Flags()))
	jc.Firehose = sc.IsFirehose()
	jc.DebugID, _ = lim.cutMarked(c.DebugID)
	if c.Format == "traceparent" {
		for k, v := range sc.TraceState().All() {
			jc.TraceState = append(jc.TraceState, [2]string{k, v})
		}
	}
	jc.Canonical = c.Canonical
	return jc
}

func ptr(b bool) *bool { return &b }
